"""Pseudonyms: how a member appears on one case, without linking them across cases."""

from __future__ import annotations

import hashlib
import hmac

from flask import current_app

OP = "OP"

_ADJECTIVES = [
    "Amber",
    "Brisk",
    "Calm",
    "Candid",
    "Cedar",
    "Clear",
    "Copper",
    "Coral",
    "Crisp",
    "Dapper",
    "Deft",
    "Eager",
    "Earnest",
    "Even",
    "Fair",
    "Fern",
    "Frank",
    "Gentle",
    "Glad",
    "Golden",
    "Hardy",
    "Hazel",
    "Honest",
    "Humble",
    "Indigo",
    "Ivory",
    "Jade",
    "Keen",
    "Kind",
    "Lively",
    "Lucid",
    "Maple",
    "Mellow",
    "Mild",
    "Misty",
    "Modest",
    "Noble",
    "Olive",
    "Onyx",
    "Patient",
    "Plain",
    "Quiet",
    "Rapid",
    "Ready",
    "Russet",
    "Sage",
    "Sandy",
    "Silver",
    "Sincere",
    "Slate",
    "Steady",
    "Sunny",
    "Swift",
    "Tawny",
    "Teal",
    "Tidy",
    "Umber",
    "Vivid",
    "Warm",
    "Wise",
    "Witty",
    "Zesty",
]
_NOUNS = [
    "Albatross",
    "Badger",
    "Beacon",
    "Bison",
    "Bramble",
    "Canyon",
    "Cedar",
    "Comet",
    "Condor",
    "Coyote",
    "Crane",
    "Delta",
    "Dune",
    "Egret",
    "Falcon",
    "Fjord",
    "Gecko",
    "Glacier",
    "Harbor",
    "Hawk",
    "Heron",
    "Ibis",
    "Juniper",
    "Kestrel",
    "Lagoon",
    "Lark",
    "Lynx",
    "Maple",
    "Marten",
    "Meadow",
    "Mesa",
    "Moose",
    "Narwhal",
    "Oriole",
    "Osprey",
    "Otter",
    "Owl",
    "Pelican",
    "Pine",
    "Plover",
    "Quail",
    "Raven",
    "Reef",
    "Ridge",
    "River",
    "Robin",
    "Saffron",
    "Salmon",
    "Sparrow",
    "Spruce",
    "Summit",
    "Swan",
    "Tern",
    "Thistle",
    "Tundra",
    "Walrus",
    "Willow",
    "Wren",
    "Yak",
    "Zephyr",
]


def pseudonym(member_id: int, case_id: int, author_id: int) -> str:
    """ "OP" for the author, else an alias that is stable on this case and unrelated elsewhere.

    The alias is a keyed hash of (member, case): without the key nobody can link the aliases
    of one member across cases, and the key never leaves the server.
    """
    if member_id == author_id:
        return OP
    digest = hmac.new(_pseudonym_key(), f"{member_id}:{case_id}".encode(), hashlib.sha256).digest()
    adjective = _ADJECTIVES[int.from_bytes(digest[0:4], "big") % len(_ADJECTIVES)]
    noun = _NOUNS[int.from_bytes(digest[4:8], "big") % len(_NOUNS)]
    number = int.from_bytes(digest[8:10], "big") % 100
    return f"{adjective} {noun} {number:02d}"


def moderator_alias(moderator_id: int) -> str:
    """How a moderator signs decisions: stable across cases, unlinkable to their member alias."""
    digest = hmac.new(
        _pseudonym_key(), f"moderator:{moderator_id}".encode(), hashlib.sha256
    ).digest()
    adjective = _ADJECTIVES[int.from_bytes(digest[0:4], "big") % len(_ADJECTIVES)]
    noun = _NOUNS[int.from_bytes(digest[4:8], "big") % len(_NOUNS)]
    return f"Moderator {adjective} {noun}"


def reading_order(reader: str, case_id: int, verdict_public_id: str) -> bytes:
    """A keyed sort key for one reader's shuffled verdict order on a young case.

    Keyed, so an observed order reveals nothing about who the reader is; per verdict, so a
    new verdict slots in without reshuffling the others (pages stay consistent).
    """
    message = f"order:{reader}:{case_id}:{verdict_public_id}".encode()
    return hmac.new(_pseudonym_key(), message, hashlib.sha256).digest()


def order_of(member_id: int, case_id: int, orders: int) -> int:
    """Which of a young case's `orders` shuffled orders a member reads: the same on every
    visit, spread evenly over members, and keyed, so the order seen says nothing of who."""
    digest = hmac.new(_pseudonym_key(), f"order-of:{member_id}:{case_id}".encode(), "sha256")
    return int.from_bytes(digest.digest()[:4], "big") % orders


def _pseudonym_key() -> bytes:
    """A key derived from SECRET_KEY for this one purpose, so it is never reused elsewhere."""
    cached = current_app.extensions.get("caseboard.pseudonym_key")
    if cached is None:
        secret = current_app.config["SECRET_KEY"].encode()
        cached = hmac.new(secret, b"caseboard pseudonyms v1", hashlib.sha256).digest()
        current_app.extensions["caseboard.pseudonym_key"] = cached
    return cached
