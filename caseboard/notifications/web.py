"""Wiring notifications into the app: its pages, and the header's unread count."""

from __future__ import annotations

from flask import Flask, has_request_context
from flask_login import current_user

from caseboard.extensions import htmx
from caseboard.notifications import queries


def init_app(app: Flask) -> None:
    from caseboard.notifications.routes import bp

    app.register_blueprint(bp)

    @app.context_processor
    def inbox_count() -> dict:
        """The header's unread count: one query per page for members, none for readers,
        htmx fragments (they have no header) or emails rendered by jobs (no request)."""
        if not has_request_context() or htmx or not current_user.is_authenticated:
            return {}
        return {"unread_count": queries.unread_count(current_user.id)}
