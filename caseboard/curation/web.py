"""Wiring curation into the app: the moderators' edition builder and dashboard, the public
highlights, library and feeds, and this week's edition for the moderators' menu."""

from __future__ import annotations

from flask import Flask, g, has_request_context
from flask_login import current_user

from caseboard.curation import editions, weeks
from caseboard.extensions import htmx
from caseboard.models.base import utcnow


def init_app(app: Flask) -> None:
    from caseboard.curation.dashboard_routes import bp as dashboard_bp
    from caseboard.curation.public import bp as public_bp
    from caseboard.curation.routes import bp as curate_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(curate_bp)
    app.register_blueprint(dashboard_bp)

    @app.context_processor
    def highlights_this_week() -> dict:
        """This week's edition for the header's Moderation menu: one indexed lookup, once per
        request, for moderators' full pages only (readers and fragments cost nothing)."""
        if not has_request_context() or htmx or not current_user.is_authenticated:
            return {}
        if not current_user.is_moderator:
            return {}
        if "highlights_this_week" not in g:
            g.highlights_this_week = _this_week()
        return {"highlights_this_week": g.highlights_this_week}


def _this_week() -> dict:
    """The current ISO week's key, and whether a moderator has started its edition."""
    key = weeks.week_key(*weeks.week_of(utcnow()))
    return {"key": key, "started": editions.edition_of_key(key) is not None}
