"""Wiring moderation into the app: its pages, and what the header shows a member."""

from __future__ import annotations

from flask import Flask
from flask_login import current_user

from caseboard.extensions import htmx
from caseboard.moderation import queries, redaction, sanctions


def init_app(app: Flask) -> None:
    from caseboard.moderation.routes import bp

    app.register_blueprint(bp)
    app.jinja_env.globals.update(highlight=redaction.highlight, reason_title=queries.reason_title)

    @app.context_processor
    def member_status() -> dict:
        """Header counts and a suspension notice, for members only (readers cost nothing)."""
        if not current_user.is_authenticated or htmx:  # fragments have no header
            return {}
        suspension = sanctions.active_suspension(current_user.id)
        return {
            "unread_count": queries.unread_notifications(current_user.id),
            "queue_count": queries.open_count() if current_user.is_moderator else None,
            "suspension": sanctions.describe(suspension) if suspension else None,
        }
