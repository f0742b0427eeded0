"""Wiring curation into the app: the moderators' edition builder and dashboard, the public
highlights, library and feeds, and this week's edition for the moderators' menu."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from flask import Flask
from sqlalchemy import ColumnElement, bindparam, exists

from caseboard.curation import weeks
from caseboard.curation.dashboard_routes import bp as dashboard_bp
from caseboard.curation.public import bp as public_bp
from caseboard.curation.routes import bp as curate_bp
from caseboard.models import Edition
from caseboard.web import HeaderPart, add_header_part


def init_app(app: Flask) -> None:
    app.register_blueprint(public_bp)
    app.register_blueprint(curate_bp)
    app.register_blueprint(dashboard_bp)
    # The moderators' menu links this week's edition: one indexed lookup, read with the rest
    # of the header, for moderators' pages only (readers, members and fragments pay nothing).
    add_header_part(
        app,
        "highlights_this_week",
        HeaderPart(
            columns=_edition_started,
            value=_this_week,
            params=_week_params,
            moderators_only=True,
        ),
    )


def _edition_started() -> list[ColumnElement]:
    """Whether the ISO week (:week_year, :week_number) has an edition yet."""
    return [
        exists().where(
            Edition.iso_year == bindparam("week_year"),
            Edition.iso_week == bindparam("week_number"),
        )
    ]


def _week_params(now: datetime) -> dict:
    year, week = weeks.week_of(now)
    return {"week_year": year, "week_number": week}


def _this_week(row: Sequence, now: datetime) -> dict:
    """The current ISO week's key, and whether a moderator has started its edition."""
    return {"key": weeks.week_key(*weeks.week_of(now)), "started": bool(row[0])}
