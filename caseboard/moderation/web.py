"""Wiring moderation into the app: its pages, and what the header shows a member (the
inbox count is the notifications package's)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flask import Flask
from sqlalchemy import ColumnElement, func, select

from caseboard.models import ModerationItem
from caseboard.moderation import queries, redaction, sanctions
from caseboard.moderation.routes import bp
from caseboard.web import HeaderPart, add_header_part


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals.update(highlight=redaction.highlight, reason_title=queries.reason_title)
    # Read with the rest of the header, once per page that has one (web.member_header).
    add_header_part(
        app, "suspension", HeaderPart(columns=sanctions.suspension_columns, value=_notice)
    )
    add_header_part(app, "queue_count", HeaderPart(columns=_queue_count, moderators_only=True))


def _notice(row: Sequence, now: datetime) -> str | None:
    """The suspension notice from the header's columns, with what the member can still do;
    None when not suspended."""
    reason, ends_at = row
    if reason is None:
        return None
    return f"{sanctions.notice(reason, ends_at)} {sanctions.STILL_ALLOWED}"


def _queue_count() -> list[ColumnElement]:
    """The queue's open items (as queries.open_count counts them), for the moderators' menu."""
    open_items = select(func.count()).select_from(ModerationItem)
    return [open_items.where(ModerationItem.closed_at.is_(None)).scalar_subquery()]
