"""Wiring notifications into the app."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from caseboard.notifications.routes import bp

    app.register_blueprint(bp)
