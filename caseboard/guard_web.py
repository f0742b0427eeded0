"""Where the form guard and the proof of work meet requests: the widget's challenge address,
and what the `form_guard` macro (macros.html) asks while it draws a form."""

from __future__ import annotations

from flask import Blueprint, Flask, current_app, g, jsonify, request
from flask_login import current_user

from caseboard import form_guard, proof_of_work
from caseboard.extensions import limiter

bp = Blueprint("bots", __name__)

# The pages a visitor without an account gets a proof of work on.
VISITOR_PAGES = frozenset({"accounts.register"})


@bp.get("/proof-of-work/challenge")
@limiter.limit(
    lambda: current_app.config["PROOF_OF_WORK_CHALLENGE_RATE_LIMIT"],
    error_message="Very many challenges were asked for from your network recently.",
)
def challenge():
    """A new challenge for the widget: no login needed, nothing stored, never cached."""
    response = jsonify(proof_of_work.new_challenge())
    response.headers["Cache-Control"] = "no-store"
    return response


def token_for(form: str) -> str:
    """The render-time token `form` is drawn with: the one it was sent with, when it comes
    back (a preview, a refusal), else the time now."""
    sent = request.form.get(form_guard.RENDERED_FIELD) if request.method == "POST" else None
    return form_guard.token_to_render(form, sent)


def proof_of_work_here() -> bool:
    """Whether the form being drawn carries the proof-of-work widget: a new or limited
    member's (from their row, loaded with the login: no query), and the registration
    page's."""
    if current_user.is_authenticated:
        return form_guard.needs_proof_of_work(current_user)
    return request.endpoint in VISITOR_PAGES and form_guard.needs_proof_of_work(None)


def proof_of_work_start() -> str:
    """When a widget fetches its challenge: the page's first on load, any other once its
    form is used (a case page's two forms fetch one challenge, not two, from a network
    address many people may share)."""
    first = not g.get("proof_of_work_drawn")
    g.proof_of_work_drawn = True
    return "onload" if first else "onfocus"


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals.update(
        form_guard_token=token_for,
        proof_of_work_here=proof_of_work_here,
        proof_of_work_start=proof_of_work_start,
        HONEYPOT_FIELD=form_guard.HONEYPOT_FIELD,
        RENDERED_FIELD=form_guard.RENDERED_FIELD,
        PROOF_OF_WORK_FIELD=form_guard.PROOF_OF_WORK_FIELD,
        PROOF_OF_WORK_STATE_FIELD=form_guard.PROOF_OF_WORK_STATE_FIELD,
    )
