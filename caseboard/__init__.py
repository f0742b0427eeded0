"""Caseboard: an "Am I the one in the wrong?" board for workplace dilemmas."""

from __future__ import annotations

import os

from flask import Flask


def create_app(test_config: dict | None = None) -> Flask:
    """Build the app: settings, extensions, database hooks, blueprints, pages, commands."""
    app = Flask(__name__, instance_relative_config=True)
    os.makedirs(app.instance_path, exist_ok=True)

    from caseboard import cli, config, database, extensions, form_data, web

    form_data.init_app(app)

    config.load(app, test_config)
    extensions.init_app(app)
    database.init_app(app)
    web.init_app(app)

    from caseboard.accounts.routes import bp as accounts_bp
    from caseboard.cases.routes import bp as cases_bp

    app.register_blueprint(accounts_bp)
    app.register_blueprint(cases_bp)

    from caseboard import guard_web
    from caseboard.pages import bp as pages_bp

    guard_web.init_app(app)

    app.register_blueprint(pages_bp)

    from caseboard.following.routes import bp as following_bp

    app.register_blueprint(following_bp)

    from caseboard.moderation import web as moderation_web

    moderation_web.init_app(app)

    from caseboard.curation import web as curation_web
    from caseboard.notifications import web as notifications_web

    notifications_web.init_app(app)
    curation_web.init_app(app)

    cli.init_app(app)
    if app.config["TRUSTED_PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix

        count = int(app.config["TRUSTED_PROXY_COUNT"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count, x_host=count)
    return app
