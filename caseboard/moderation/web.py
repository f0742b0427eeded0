"""Wiring moderation into the app: its pages, and what the header shows a member (the
inbox count is the notifications package's)."""

from __future__ import annotations

from flask import Flask, has_request_context
from flask_login import current_user

from caseboard.extensions import htmx
from caseboard.moderation import queries, redaction, sanctions


def init_app(app: Flask) -> None:
    from caseboard.moderation.routes import bp

    app.register_blueprint(bp)
    app.jinja_env.globals.update(highlight=redaction.highlight, reason_title=queries.reason_title)

    @app.context_processor
    def member_status() -> dict:
        """The queue count and a suspension notice, for members only (readers cost nothing);
        nothing for fragments (they have no header) or emails rendered by jobs."""
        if not has_request_context() or htmx or not current_user.is_authenticated:
            return {}
        suspension = sanctions.active_suspension(current_user.id)
        return {
            "queue_count": queries.open_count() if current_user.is_moderator else None,
            "suspension": sanctions.describe(suspension) if suspension else None,
        }
