"""Errors the services raise, each with words a member can act on and the HTTP status to use."""

from __future__ import annotations

import math


class ServiceError(Exception):
    """A request that cannot be carried out as asked; the message is shown to the member."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotAllowed(ServiceError):
    """The member may not do this (their own case, someone else's reply, ...)."""

    status = 403


class NotFound(ServiceError):
    """What the request names does not exist (or is not visible to this member)."""

    status = 404


class Conflict(ServiceError):
    """The request clashes with what is already there (a second verdict, a taken username)."""

    status = 409


class Closed(ServiceError):
    """The case's window has closed: verdicts can no longer be given or changed."""

    status = 409


class Refused(ServiceError):
    """The moderation checks refused the text; each reason says what to change."""

    status = 422

    def __init__(self, reasons: list[str]):
        super().__init__("This was not posted. " + " ".join(reasons))
        self.reasons = reasons


class TooSoon(ServiceError):
    """The member must wait before doing this again (slow mode on a heated case)."""

    status = 429

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


def wait_words(seconds: float) -> str:
    """How long to wait, as a person would say it: "42 seconds", "about 40 minutes", "about
    1 hour and 20 minutes", "about 23 hours". Rounded up under an hour, so waiting as long as
    it says is always enough."""
    seconds = max(1, math.ceil(seconds))
    if seconds < 60:
        return f"{seconds} second{'s' if seconds != 1 else ''}"
    minutes = math.ceil(seconds / 60)
    if minutes < 60:
        return f"about {minutes} minute{'s' if minutes != 1 else ''}"
    if minutes < 120:
        extra = minutes - 60
        return "about 1 hour" + (f" and {extra} minutes" if extra >= 5 else "")
    hours = math.floor(minutes / 60 + 0.5)
    if hours < 48:
        return f"about {hours} hours"
    return f"about {math.floor(hours / 24 + 0.5)} days"
