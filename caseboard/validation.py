"""Input rules shared by every form: what text Caseboard accepts, and how it says no."""

from __future__ import annotations

import re
import unicodedata

from wtforms import Field, Form
from wtforms.validators import ValidationError

# Control characters other than tab and newlines, and the bidirectional overrides that can
# make text display differently from what it says.
_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_INVISIBLE = re.compile(r"[\s\u200b-\u200d\u2060\ufeff]+")


def normalize_text(value: str | None) -> str | None:
    """NFC-normalize, unify line endings and trim: the same words always compare equal."""
    if value is None:
        return None
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n")).strip()


def plain_text(form: Form, field: Field) -> None:
    """Refuse invisible control characters, saying where the first one is."""
    match = _FORBIDDEN.search(field.data or "")
    if match:
        raise ValidationError(
            f"Remove the invisible control character (U+{ord(match.group()):04X}) at "
            f"character {match.start() + 1}; it may have come from a copy and paste."
        )


def visible_length(minimum: int, maximum: int):
    """Length rule that counts what a reader sees: zero-width padding doesn't count."""

    def check(form: Form, field: Field) -> None:
        value = field.data or ""
        visible = len(_INVISIBLE.sub(" ", value).strip())
        if visible < minimum:
            raise ValidationError(
                f"Write at least {minimum} characters (you have {visible})."
                if visible
                else "This is required."
            )
        if len(value) > maximum:
            raise ValidationError(
                f"Keep this under {maximum:,} characters (you have {len(value):,})."
            )

    return check
