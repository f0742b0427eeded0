"""Which passwords Caseboard refuses, and the words that say why and what works instead.

Every place a password is set (registering, changing it, any reset flow) calls
require_strong, so they all refuse the same ones. Strength is zxcvbn's estimate (Dropbox's
estimator): it knows the most common passwords, words, names, keyboard patterns, repeats,
sequences and dates, and it is told the username and the email, so a password built from
them scores low. A plain check of our own refuses the username or email with a few
characters around it, which is what people most often try.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from zxcvbn import zxcvbn

from caseboard.errors import ServiceError

# zxcvbn's scores: 3 means "safely unguessable": at least 10^8 guesses. At scrypt's cost
# (n=2**15, tens of milliseconds a hash) that is months of one core's work per account
# for a stolen database, and online guessing is rate-limited far below it.
MIN_SCORE = 3
# zxcvbn refuses longer input; the first 72 characters of a long password are enough to
# tell whether it is guessable (and a passphrase that long scores the highest anyway).
ESTIMATED_LENGTH = 72
# A password that is the username (or the email's name) with fewer other letters and digits
# than this is built from it, however zxcvbn scores it.
MIN_OTHER_CHARACTERS = 6
# Words anyone would try first against this site's accounts.
SITE_WORDS = ["caseboard", "aita", "in the wrong"]

ADVICE = (
    "A good password is a few unrelated words, say three or four picked at random (not a "
    "saying or a song line): long, easy for you to remember and hard for anyone to guess."
)


class WeakPassword(ServiceError):
    """A password that is easy to guess; the message says why and what makes a good one."""

    status = 422


def require_strong(password: str, username: str = "", emails: Sequence[str | None] = ()) -> None:
    """Refuse a common or easily guessed password, or one built from the username or an
    email address of the member's (confirmed or not), saying why and what makes a good one."""
    emails = [email for email in emails if email]
    names = [email.split("@", 1)[0] for email in emails]
    owns = [(username, "your username")] + [(name, "your email address") for name in names]
    for own, where in owns:
        if _built_from(password, own):
            raise WeakPassword(
                f"That password is built from {where}, so anyone who knows or guesses "
                f"{where} can guess it too. {ADVICE}"
            )
    result = zxcvbn(
        password[:ESTIMATED_LENGTH],
        user_inputs=[value for value in (username, *emails, *names) if value] + SITE_WORDS,
    )
    if result["score"] < MIN_SCORE:
        warning = result["feedback"].get("warning") or ""
        reason = f"That password is too easy to guess. {warning}".strip()
        raise WeakPassword(f"{reason} {ADVICE}")


def _letters_and_digits(value: str) -> str:
    return re.sub(r"[\W_]+", "", value.casefold())


def _built_from(password: str, own: str) -> bool:
    """Whether the password is `own` (or `own` reversed) with only a few other letters and
    digits around it, ignoring case, spaces and punctuation."""
    own, password = _letters_and_digits(own), _letters_and_digits(password)
    if len(own) < 3:
        return False
    contains = own in password or own[::-1] in password
    return contains and len(password) - len(own) < MIN_OTHER_CHARACTERS
