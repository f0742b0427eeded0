"""Wiring curation into the app: the moderators' edition builder and dashboard, and the
public highlights, library and feeds."""

from __future__ import annotations

from flask import Flask


def init_app(app: Flask) -> None:
    from caseboard.curation.dashboard_routes import bp as dashboard_bp
    from caseboard.curation.public import bp as public_bp
    from caseboard.curation.routes import bp as curate_bp

    app.register_blueprint(public_bp)
    app.register_blueprint(curate_bp)
    app.register_blueprint(dashboard_bp)
