"""Notification pages: email settings and the one-click unsubscribe."""

from __future__ import annotations

from flask import Blueprint, abort

bp = Blueprint("notifications", __name__)


@bp.get("/account/email")
def settings():
    abort(404)


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
def unsubscribe(token: str):
    abort(404)
