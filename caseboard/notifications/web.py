"""Wiring notifications into the app: its pages, and the header's unread count."""

from __future__ import annotations

from flask import Flask

from caseboard.notifications import queries
from caseboard.notifications.routes import bp
from caseboard.web import HeaderPart, add_header_part


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    # The header's unread count: read with the rest of the header, once per page that has one.
    add_header_part(
        app, "unread_count", HeaderPart(columns=lambda: [queries.unread_count_column()])
    )
