"""Spam memory: text moderators removed as spam, remembered by its MinHash signature only,
so a near-copy posted later (words changed, sentences reordered, other case or punctuation)
is held for a moderator instead of shown.

The text is never stored. Its character 5-shingles (of the lower-cased words, punctuation
dropped) go into a 128-value MinHash; character shingles keep a short advert recognisable
after a few words change, where word triples would mostly be lost. The signature is cut
into BANDS bands of ROWS values; each band's values hash to a bucket, and texts sharing a
(band, bucket) pair are the candidates, found with one indexed query. A candidate is a
near-copy when its signature agrees with the text's on at least SPAM_MEMORY_THRESHOLD of
its values (the estimated Jaccard similarity of the two shingle sets).

A case has several fields: its whole text and its longest field are remembered, and a new
case's whole text and each of its fields are checked, so an advert pasted into a case's story
still matches the same advert sent as a reply, and the other way round.
"""

from __future__ import annotations

import hashlib
import re
import struct
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
from datasketch import MinHash
from flask import current_app
from sqlalchemy import Select, bindparam, delete, func, or_, select

from caseboard.extensions import db
from caseboard.models import SpamFingerprint, SpamFingerprintBand

SPAM_REASON = "spam"  # the reason template whose removals are remembered
NUM_PERM = 128
SEED = 20161  # fixed: signatures stored today must compare with tomorrow's
SHINGLE = 5  # characters per shingle
# 42 bands of 3 values (126 of the 128; the Jaccard estimate uses all 128): a text at the
# 0.5 threshold is a candidate with 99.6 % probability, one at 0.1 with 4 %. (32 bands of 4
# would miss one in eight texts at 0.5.) Changing these invalidates every stored bucket.
ROWS = 3
BANDS = NUM_PERM // ROWS
# Candidates confirmed per lookup, those sharing the most bands first: a wave of one advert
# remembered many times over must not make every check read all of them.
CANDIDATES = 20
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Match:
    """A remembered spam text a new text nearly copies: which removal, and how closely."""

    fingerprint_id: int
    source_key: str
    similarity: float


def normalized(text: str) -> str:
    """The text as compared: its words, lower-cased, one space apart (no punctuation)."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def long_enough(text: str) -> bool:
    """Short texts ("Agreed.", "Thanks, this helped") are said honestly by many people:
    they are never remembered and never match."""
    return len(_WORD.findall(text)) >= current_app.config["SPAM_MEMORY_MIN_WORDS"]


def signature(text: str) -> np.ndarray:
    """The text's MinHash signature: NUM_PERM unsigned 32-bit values."""
    words = normalized(text)
    shingles = {words[i : i + SHINGLE] for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        hashfunc=_hash32,
        permutations=_permutations(),
        scheme="affine32",
    )
    minhash.update_batch([shingle.encode() for shingle in shingles])
    return minhash.hashvalues.astype(np.uint32)


def buckets(values: np.ndarray) -> list[int]:
    """One 63-bit bucket per band (a signed BIGINT on either database)."""
    rows = values.astype("<u4").tobytes()
    width = ROWS * 4
    return [
        int.from_bytes(hashlib.blake2b(rows[b * width : (b + 1) * width], digest_size=8).digest())
        >> 1
        for b in range(BANDS)
    ]


def parts(texts: str | Sequence[str], *, every_field: bool) -> list[str]:
    """What is fingerprinted of a text given whole or by field: the whole text, and each
    field long enough to tell (`every_field`, for checking) or only the longest (for
    remembering: the advert is in the story, while a spam case's title may be a stock
    "AITA for ..." that honest cases share)."""
    fields = [texts] if isinstance(texts, str) else [text for text in texts if text]
    whole = "\n".join(fields)
    if not every_field:
        fields = sorted(fields, key=len, reverse=True)[:1]
    found = [text for text in dict.fromkeys(fields) if long_enough(text)]
    if whole not in found and long_enough(whole):
        found.append(whole)
    return found


def remember(texts: str | Sequence[str], source_key: str) -> list[SpamFingerprint]:
    """Remember a text removed as spam (whole, or by field) by signatures only; the caller
    commits. Nothing is added for a short text.

    Every removed item keeps its own fingerprints, even a near-copy of text remembered
    already: restoring one item (forget) must leave its copies' memory whole."""
    added = []
    for part in parts(texts, every_field=False):
        values = signature(part)
        fingerprint = SpamFingerprint(
            source_key=source_key, signature=values.astype("<u4").tobytes()
        )
        db.session.add(fingerprint)
        db.session.flush()
        db.session.add_all(
            SpamFingerprintBand(fingerprint_id=fingerprint.id, band=band, bucket=bucket)
            for band, bucket in enumerate(buckets(values))
        )
        added.append(fingerprint)
    return added


def forget(source_key: str) -> None:
    """Forget what was remembered from one item (its removal was undone). The caller commits."""
    ids = select(SpamFingerprint.id).where(SpamFingerprint.source_key == source_key)
    db.session.execute(
        delete(SpamFingerprintBand).where(SpamFingerprintBand.fingerprint_id.in_(ids))
    )
    db.session.execute(delete(SpamFingerprint).where(SpamFingerprint.source_key == source_key))


def near_copy_of(texts: str | Sequence[str]) -> Match | None:
    """The remembered spam this text (whole, or by field) nearly copies, the closest; None if
    none, or if it is too short to tell. One indexed query, whatever the number of fields."""
    found = parts(texts, every_field=True)
    if not found:
        return None
    near = _nearest([signature(part) for part in found])
    if near is None or near.similarity < current_app.config["SPAM_MEMORY_THRESHOLD"]:
        return None
    return near


def _nearest(signatures: list[np.ndarray]) -> Match | None:
    """The remembered fingerprint closest to any of `signatures` among those sharing a band
    with one, however close."""
    pairs = sorted({pair for values in signatures for pair in enumerate(buckets(values))})
    params = {}
    for index, (band, bucket) in enumerate(pairs):
        params[f"band{index}"], params[f"bucket{index}"] = band, bucket
    best = None
    for row in db.session.execute(_lookup(len(pairs)), params):
        stored = np.frombuffer(row.signature, dtype="<u4")
        agreement = max(np.count_nonzero(stored == values) for values in signatures)
        if best is None or agreement / NUM_PERM > best.similarity:
            best = Match(row.id, row.source_key, agreement / NUM_PERM)
    return best


@cache
def _lookup(pairs: int) -> Select:
    """The candidates' query for this many (band, bucket) pairs, built once: building a
    statement of a few hundred terms costs more than running it.

    An OR of pairs, not a row-value IN: SQLite scans the table for the IN, and searches the
    index once per pair for the OR (PostgreSQL plans both as a BitmapOr)."""
    band, bucket = SpamFingerprintBand.band, SpamFingerprintBand.bucket
    matches = or_(
        *(
            (band == bindparam(f"band{index}")) & (bucket == bindparam(f"bucket{index}"))
            for index in range(pairs)
        )
    )
    shared = (
        select(SpamFingerprintBand.fingerprint_id)
        .where(matches)
        .group_by(SpamFingerprintBand.fingerprint_id)
        .order_by(func.count().desc())
        .limit(CANDIDATES)
        .subquery()
    )
    return select(SpamFingerprint.id, SpamFingerprint.source_key, SpamFingerprint.signature).join(
        shared, shared.c.fingerprint_id == SpamFingerprint.id
    )


def _hash32(data: bytes) -> int:
    """A stable 32-bit hash of a shingle (never Python's hash(), which changes per run)."""
    return struct.unpack("<I", hashlib.blake2b(data, digest_size=4).digest())[0]


@cache
def _permutations():
    """The MinHash permutations for SEED, made once per process rather than per text."""
    return MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32").permutations
