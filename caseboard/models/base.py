"""Column helpers shared by the models."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def random_public_id() -> str:
    """An unguessable id for URLs: sequence numbers would reveal posting order and volume,
    and let a reader line up one member's writing across cases. It never starts with "-",
    which a command line would read as an option ("caseboard moderation identify case -cX")."""
    while (public_id := secrets.token_urlsafe(8)).startswith("-"):
        pass
    return public_id


_PUBLIC_ID = re.compile(r"[A-Za-z0-9_-]{1,16}")


def is_public_id(value: str | None) -> bool:
    """Whether a value from a URL can be a public id; anything else (NUL bytes, say) never
    reaches the database, which may refuse it with an error instead of finding nothing."""
    return bool(value) and _PUBLIC_ID.fullmatch(value) is not None


def utcnow() -> datetime:
    """Now, as an aware UTC datetime."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """Store UTC; always hand back aware datetimes, even from SQLite which keeps no zone."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value

    def process_result_value(self, value, dialect):
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value
