"""What every page shares: login loading, error pages, security headers, template helpers."""

from __future__ import annotations

import logging
import re
import traceback

from flask import Flask, flash, g, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from caseboard import aggregation, outcome_text, taxonomy
from caseboard.errors import ServiceError
from caseboard.extensions import db, htmx, login_manager
from caseboard.models import Member

log = logging.getLogger(__name__)

ERROR_ADVICE = {
    400: "The request could not be understood. Check what you entered and try again.",
    401: "Log in to do that.",
    403: "You are not allowed to do that.",
    404: "There is nothing at this address. It may have been removed.",
    405: "That action is not available here.",
    409: "That clashes with something that is already there.",
    413: (
        "What you sent is larger than 1 MB, so it was not saved. Use your browser's Back "
        "button: your text is still in the form. Shorten it and send it again."
    ),
    429: (
        "You are doing that too often, so this was not saved. Wait a few minutes and send it "
        "again; what you wrote is below, nothing was lost."
    ),
    500: "Something went wrong on our side. What you wrote was not saved; please try again.",
}

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


@login_manager.user_loader
def load_member(member_id: str) -> Member | None:
    member = db.session.get(Member, int(member_id)) if member_id.isdigit() else None
    return member if member is not None and member.deleted_at is None else None


@login_manager.unauthorized_handler
def unauthorized():
    """Send readers to log in; a logged-out POST gets back what it carried instead of losing it."""
    if request.method == "POST":
        message = (
            "You are not logged in (your session may have ended), so this was not saved. "
            "What you wrote is below: copy it, log in and send it again."
        )
        return render_error(401, message, typed=_typed_fields())
    flash("Log in to continue.")
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def page_number() -> int:
    """The ?page= number; anything but 1 to 10,000 in ASCII digits means the first page."""
    number = request.args.get("page", "1")
    if re.fullmatch(r"[0-9]{1,5}", number):
        return max(1, min(int(number), 10_000))
    return 1


def render_error(status: int, message: str | None = None, *, typed: dict | None = None):
    """An error page, or just its message for htmx, that says what to do next."""
    message = message or ERROR_ADVICE.get(status, ERROR_ADVICE[400])
    template = "partials/error.html" if htmx else "errors/error.html"
    return render_template(template, status=status, message=message, typed=typed or {}), status


# The writing a refused form can give back; never secrets such as passwords.
GIVEN_BACK_FIELDS = {
    "title": "Title",
    "situation": "What happened",
    "why_wrong": "Why I might be in the wrong",
    "help_wanted": "What help I want",
    "reasoning": "Your reasoning",
    "body": "Your text",
    "details": "Your report's details",
    "text": "Your appeal",
    "reason_text": "Your note",
}


def _typed_fields() -> dict[str, str]:
    """What the member wrote in a refused form, so an error page can give it back."""
    try:
        form = request.form
    except Exception:  # an unreadable body has nothing to give back
        return {}
    return {label: form[name] for name, label in GIVEN_BACK_FIELDS.items() if form.get(name)}


def init_app(app: Flask) -> None:
    """Register error handlers, response headers and template helpers."""

    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError):
        typed = _typed_fields() if request.method == "POST" else None
        return render_error(error.status, error.message, typed=typed)

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError):
        message = (
            "This form's security token was missing or had expired, so nothing was saved. "
            "What you wrote is below: copy it, reload the page and send it again."
        )
        return render_error(400, message, typed=_typed_fields())

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        status = error.code or 500
        # abort(status, "what to do") says it best; Werkzeug's stock text and the limiter's
        # "3 per 1 minute" are less helpful than ours.
        custom = error.description != type(error).description and status != 429
        message = error.description if custom else ERROR_ADVICE.get(status, error.description)
        # A refused write gives back what it carried (a rate limit, most often).
        typed = _typed_fields() if request.method == "POST" else None
        response = render_error(status, message, typed=typed)
        if status == 429 and error.get_headers():
            headers = {k: v for k, v in error.get_headers() if k.lower() == "retry-after"}
            response = (*response, headers)
        return response

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        # Log where it failed but not the exception's message or request data: a database
        # error's message carries the statement's parameters, which can identify a member.
        log.error(
            "unhandled %s on %s %s\n%s",
            type(error).__name__,
            request.method,
            request.path,
            "".join(traceback.format_tb(error.__traceback__)),
        )
        db.session.rollback()
        return render_error(500)

    @app.after_request
    def security_headers(response):
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        # Links out of Caseboard must not tell other sites which case a reader came from.
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.vary.add("HX-Request")  # htmx gets fragments where browsers get pages
        return response

    @app.before_request
    def remember_filters():
        g.filters = {
            name: request.args.get(name, "")
            for name in taxonomy.FILTERS
            if request.args.get(name, "") in taxonomy.FILTERS[name]
        }

    app.jinja_env.globals.update(
        taxonomy=taxonomy,
        LABELS=taxonomy.LABELS,
        outcome_text=outcome_text,
        divisiveness_words=aggregation.divisiveness_words,
    )
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.get("/healthz")
    def healthz():
        """Liveness for load balancers: the app answers and the database does too."""
        db.session.execute(db.text("SELECT 1"))
        return {"status": "ok"}
