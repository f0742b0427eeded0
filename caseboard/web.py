"""What every page shares: login loading, the member's header, error pages, security headers,
template helpers."""

from __future__ import annotations

import logging
import math
import re
import sqlite3
import time
import traceback
from collections.abc import Callable, Hashable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import unquote, urlsplit

from flask import (
    Flask,
    current_app,
    flash,
    g,
    has_request_context,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_limiter.errors import RateLimitExceeded
from flask_login import current_user
from flask_wtf.csrf import CSRFError
from psycopg import OperationalError as PostgresOperationalError
from sqlalchemy import ColumnElement, Select, bindparam, null, or_, select
from sqlalchemy import case as sql_case
from sqlalchemy.exc import DBAPIError
from werkzeug.exceptions import HTTPException

from caseboard import aggregation, config, outcome_text, public_time, taxonomy
from caseboard.accounts import sessions
from caseboard.errors import ServiceError, TooSoon, wait_words
from caseboard.extensions import db, htmx, limiter, login_manager
from caseboard.models import Member, MemberSession, Role
from caseboard.models.base import utcnow

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
    # The first words of a rate limit's page; too_often_message adds the real wait.
    429: "You are doing that too often, so this was not saved.",
    500: "Something went wrong on our side. What you wrote was not saved; please try again.",
}

# What the Retry-After of a 503 says while the database cannot be reached. A PostgreSQL restart
# takes a few seconds and a failover up to about half a minute: sooner, a retry (a client's,
# or a person's who does what the page says) mostly fails again on a database that is busy
# recovering; later keeps people waiting after a quick restart.
DATABASE_RETRY_SECONDS = 10

# PostgreSQL's SQLSTATEs for a server that is away, not for a statement that failed:
# connection exceptions (class 08), shutting down (57P01), crashed (57P02), still starting
# (57P03), and no connection slot free (53300). A statement timeout, a deadlock or a full
# disk are OperationalErrors too, but waiting 10 seconds would not help them.
POSTGRES_AWAY_SQLSTATES = ("08", "57P01", "57P02", "57P03", "53300")
# SQLite's "unable to open database file": the file or its folder is gone or unreadable. Its
# "database is locked" (SQLITE_BUSY) is another writer, already waited for (busy_timeout).
SQLITE_CANTOPEN = 14

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
)


# Built once: building a statement costs more than running this one, on every member request.
_MEMBER = select(Member).where(Member.id == bindparam("member_id"), Member.deleted_at.is_(None))
# The member, if still signed in with the cookie's session key (accounts/sessions.py).
_SIGNED_IN = _MEMBER.join(MemberSession, MemberSession.member_id == Member.id).where(
    MemberSession.key_hash == bindparam("key_hash"),
    MemberSession.created_at >= bindparam("signed_in_since"),
)


@login_manager.user_loader
def load_member(member_id: str) -> Member | None:
    """The logged-in member, in one query per request; None once the account is deleted or
    the session ended (Flask-Login's id is "member id:session key", Member.get_id). A page
    with a header gets what the header shows them in the same query, and the column a view
    asked for with read_with_login."""
    member_id, _, key = member_id.partition(":")
    if not member_id.isdigit() or not key:
        return None
    now = utcnow()
    signed_in = {
        "member_id": int(member_id),
        "key_hash": sessions.key_hash(key),
        "signed_in_since": sessions.signed_in_since(now),
    }
    if not _shows_header():
        member = db.session.scalar(_SIGNED_IN, signed_in)
    else:
        asked = g.pop("login_column", None)
        query = _header_query(with_member=True, asked=asked)
        params = query.params(int(member_id), now) | signed_in | (asked.params if asked else {})
        row = db.session.execute(query.statement, params).one_or_none()
        member = row[0] if row is not None else None
        if member is not None:
            g.member_header = (member.id, query.values(row, member, now))
            if asked is not None:
                g.login_column_value = row[-1]
    if member is not None:
        member.session_key = key
    return member


@dataclass(frozen=True)
class LoginColumn:
    """One more column for the query that logs the member in: what a page would otherwise
    read with a query of its own (a list's judged marks), correlated to the member's row."""

    key: Hashable  # names the column's shape: statements are built once per key
    build: Callable[[], ColumnElement]
    params: dict


def read_with_login(column: LoginColumn) -> bool:
    """Have the member's login query read `column` too (login_column_value gives it). False
    when it cannot: the member is loaded already, or the answer shows no header."""
    if not has_request_context() or not _shows_header() or "_login_user" in g:
        return False  # Flask-Login keeps the loaded member in g._login_user
    g.login_column = column
    return True


def login_column_value() -> object:
    """What read_with_login's column held for the logged-in member (None without one)."""
    return g.get("login_column_value")


def _shows_header() -> bool:
    """Whether this request's answer is a whole page, with base.html's header (htmx swaps in
    fragments; a POST answers with a redirect, unless it is refused)."""
    return request.method in ("GET", "HEAD") and not htmx


# -- the member's header --------------------------------------------------------------------


def _first(values: Sequence, now: datetime) -> object:
    return values[0]


def _no_params(now: datetime) -> dict:
    return {}


@dataclass(frozen=True)
class HeaderPart:
    """Something the header shows a logged-in member on every page (the unread count, a
    suspension notice, the moderators' queue count), read as columns of one query per page.

    `columns` builds the part's columns (scalar subqueries) with bind parameters:
    :member_id, :now and the names `params` gives values for. They are built once per app,
    as building a statement costs more than running it. `value` turns the part's column
    values into what the templates get (by default, its one column's value). A part for
    moderators only is worked out for moderators only (its columns are NULL for others).
    """

    columns: Callable[[], Sequence[ColumnElement]]
    value: Callable[[Sequence, datetime], object] = _first
    params: Callable[[datetime], dict] = _no_params
    moderators_only: bool = False


@dataclass(frozen=True)
class _HeaderQuery:
    """Every header part as columns of one statement on the member's row: with the row
    itself (the login's query) or without it."""

    statement: Select
    parts: dict[str, HeaderPart]
    spans: dict[str, slice]  # each part's columns in the statement's row

    def params(self, member_id: int, now: datetime) -> dict:
        params = {"member_id": member_id, "now": now}
        for part in self.parts.values():
            params.update(part.params(now))
        return params

    def values(self, row: Sequence, member: Member, now: datetime) -> dict:
        return {
            name: part.value(row[self.spans[name]], now)
            for name, part in self.parts.items()
            if member.is_moderator or not part.moderators_only
        }


def add_header_part(app: Flask, name: str, part: HeaderPart) -> None:
    """Let base.html show `name` to members, read with the header's one query."""
    app.extensions.setdefault("caseboard.header_parts", {})[name] = part
    app.extensions.pop("caseboard.header_queries", None)  # rebuilt with the new part


def _header_query(*, with_member: bool, asked: LoginColumn | None = None) -> _HeaderQuery:
    """The header's statement, after the member's row or alone, and before the column a
    view asked for (last), built on first use."""
    built = current_app.extensions.setdefault("caseboard.header_queries", {})
    key = (with_member, asked.key if asked else None)
    if key not in built:
        parts = current_app.extensions.get("caseboard.header_parts", {})
        # Not IN: SQLAlchemy would expand an IN list on every execution.
        moderator = or_(*(Member.role == role for role in Role.MODERATING))
        columns: list[ColumnElement] = []
        spans = {}
        start = 1 if with_member else 0
        for name, part in parts.items():
            first = start + len(columns)
            for number, column in enumerate(part.columns()):
                if part.moderators_only:  # CASE runs the subquery for moderators only
                    column = sql_case((moderator, column), else_=null())
                columns.append(column.label(f"{name}_{number}"))
            spans[name] = slice(first, start + len(columns))
        if asked is not None:
            columns.append(asked.build().label("asked"))
        base = _SIGNED_IN if with_member else _MEMBER
        statement = base.with_only_columns(
            *([Member] if with_member else []), *columns, maintain_column_froms=True
        )
        built[key] = _HeaderQuery(statement, dict(parts), spans)
    return built[key]


def member_header() -> dict:
    """What the header shows the logged-in member, by part name: read in the query that
    logs the member in (load_member), or in one query the first time a page's base.html
    asks in a request where it was not (a refused POST), so fragments cost nothing. {} for a
    reader without an account, for htmx (which swaps in a part of the page, never its header)
    and outside a request."""
    if not has_request_context() or htmx:
        return {}
    member = current_user._get_current_object()  # once: each proxied access costs a lookup
    if not member.is_authenticated:
        return {}
    remembered = g.get("member_header")
    if remembered is None or remembered[0] != member.id:
        query, now = _header_query(with_member=False), utcnow()
        # Core, not the ORM: the row is plain values, and the ORM's bookkeeping costs more.
        row = db.session.connection().execute(query.statement, query.params(member.id, now))
        remembered = g.member_header = (member.id, query.values(row.one(), member, now))
    return remembered[1]


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


def local_path(target: str | None, default: str) -> str:
    """`target` if it is a path on this site, else `default`: a `next` address from a form or
    a link must never send a reader elsewhere. It is read as browsers read an address (and
    Werkzeug a Location): tabs and newlines dropped, spaces and control characters around it
    trimmed. What is left must be a path ("//host", a scheme or a backslash mean elsewhere),
    and still be one percent-decoded, as a proxy or server on the way may decode it: so
    "/<tab>/host", "/%2F/host" and "/%5Chost" all mean the default."""
    path = (target or "").translate(_DROPPED_FROM_ADDRESSES).strip(_TRIMMED_FROM_ADDRESSES)
    if _path_on_this_site(path) and _path_on_this_site(unquote(path.split("?")[0])):
        return path
    return default


# The WHATWG URL standard drops every tab and newline from an address, and the C0 control
# characters and spaces around it; Python's urlsplit, which Werkzeug reads a Location with,
# does much the same.
_DROPPED_FROM_ADDRESSES = str.maketrans("", "", "\t\n\r")
_TRIMMED_FROM_ADDRESSES = "".join(map(chr, range(0x21)))


def _path_on_this_site(path: str) -> bool:
    return (
        path.startswith("/")
        and not path.startswith("//")
        and "\\" not in path
        and path.isprintable()
        and not urlsplit(path).netloc
    )


def render_error(status: int, message: str | None = None, *, typed: dict | None = None):
    """An error page, or just its message for htmx, that says what to do next. A server
    error's page is rendered without the member (_forget_member)."""
    if status >= 500:
        _forget_member()
    message = message or ERROR_ADVICE.get(status, ERROR_ADVICE[400])
    template = "partials/error.html" if htmx else "errors/error.html"
    try:
        return render_template(template, status=status, message=message, typed=typed or {}), status
    except DBAPIError as error:  # the header's member, say, on a 404 page
        if not database_unreachable(error):
            raise
        return database_unavailable(error)


def _forget_member() -> None:
    """Render the rest of this request as if nobody were logged in, and tell base.html to
    leave out the account links: loading the member (and the header's counts) needs the
    database, which may be what failed."""
    g.without_member = True
    g._login_user = login_manager.anonymous_user()  # where Flask-Login keeps the loaded one


def database_unreachable(error: BaseException | None) -> bool:
    """Whether `error` says the database could not be reached (down, restarting, gone), so
    the request may succeed if sent again shortly, rather than that it failed a statement."""
    if isinstance(error, DBAPIError):
        if error.connection_invalidated:  # the connection died under the statement
            return True
        error = error.orig
    if isinstance(error, PostgresOperationalError):
        # No SQLSTATE: psycopg's own failure to connect or to hear back from the server.
        return error.sqlstate is None or error.sqlstate.startswith(POSTGRES_AWAY_SQLSTATES)
    if isinstance(error, sqlite3.OperationalError):
        code = getattr(error, "sqlite_errorcode", 0)  # unset on errors of Python's own making
        return code & 0xFF == SQLITE_CANTOPEN  # the primary code of any extended one
    return False


def database_unavailable(error: BaseException):
    """The 503 page while the database cannot be reached: nothing was lost by a read; a write
    gets back what was typed. Logged without the error's message (see unexpected_error)."""
    reason = getattr(error, "orig", None) or error
    log.warning(
        "database unreachable (%s) on %s %s", type(reason).__name__, request.method, request.path
    )
    with suppress(DBAPIError):  # a connection that died cannot roll back; none is needed
        db.session.rollback()
    typed = _typed_fields() if request.method == "POST" else {}
    message = unavailable_message(typed, request.method == "POST" and _secret_sent())
    response = render_error(503, message, typed=typed)
    return (*response, {"Retry-After": str(DATABASE_RETRY_SECONDS)})


def unavailable_message(typed: dict, secret_sent: bool) -> str:
    """A 503 page's words: what happened, whether anything was lost, and when to try again."""
    reason = "Caseboard cannot reach its database just now: it is probably restarting."
    wait = wait_words(DATABASE_RETRY_SECONDS)
    if request.method in ("GET", "HEAD"):
        return f"{reason} Nothing was lost. Reload this page in {wait} or so."
    if not typed:
        return f"{reason} This was not saved: send it again in {wait} or so."
    message = (
        f"{reason} This was not saved. What you wrote is below: copy it and send it again in "
        f"{wait} or so."
    )
    if secret_sent:
        message += " Passwords are never given back: type yours again."
    return message


# What a refused form can give back, by field name (a prefixed form's "code-title" too): an
# allow-list, so secrets such as passwords are never among them.
GIVEN_BACK_FIELDS = {
    "username": "Username",
    "email": "Email",
    "title": "Title",
    "situation": "What happened",
    "why_wrong": "Why I might be in the wrong",
    "help_wanted": "What help I want",
    "reasoning": "Your reasoning",
    "body": "Your text",
    "details": "Your report's details",
    "text": "Your appeal",
    "reason_text": "Your note",
    "intro": "Introduction",
    "takeaway": "Takeaway",
    "questions": "Discussion questions",
    "note": "Your correction note",
    "week": "Week",
    "at": "Publish at (UTC)",
    "suspend_days": "Days of suspension",
}
# Typed but never given back: the page says so instead.
SECRET_FIELDS = {"password", "confirm", "current"}


def _sent_fields() -> list[tuple[str, str]]:
    """The (base name, value) pairs of a POSTed form, without prefixes."""
    try:
        items = list(request.form.items())
    except Exception:  # an unreadable body has nothing to give back
        return []
    return [(name.rsplit("-", 1)[-1], value) for name, value in items]


def _typed_fields() -> dict[str, str]:
    """What the member wrote in a refused form, so an error page can give it back."""
    typed: dict[str, str] = {}
    for name, value in _sent_fields():
        label = GIVEN_BACK_FIELDS.get(name)
        if label and value.strip():
            typed.setdefault(label, value)
    return typed


def _secret_sent() -> bool:
    return any(name in SECRET_FIELDS and value for name, value in _sent_fields())


def retry_after(error: HTTPException) -> int | None:
    """Seconds until a refused request may be sent again: the error's own Retry-After, or
    when the rate limit it broke resets (the longest, if it broke several)."""
    for name, value in error.get_headers():
        if name.lower() == "retry-after" and value.isdigit():
            return max(1, int(value))
    if not isinstance(error, RateLimitExceeded):
        return None
    breached = [limit for limit in limiter.current_limits if limit.breached]
    if not breached:
        return None
    try:
        reset_at = max(limit.reset_at for limit in breached)
    except Exception:  # the limits' storage went away: the whole window is a safe answer
        return max(limit.limit.get_expiry() for limit in breached)
    return max(1, math.ceil(reset_at - time.time()))


def too_often_message(reason: str, wait: int | None, typed: dict, secret_sent: bool) -> str:
    """A rate limit's page in words: why, how long to wait, and where the text went."""
    when = f"Wait {wait_words(wait)}" if wait else "Wait a little"
    if not typed:
        return f"{reason} {when} and send it again."
    message = f"{reason} {when} and send it again; what you wrote is below, nothing was lost."
    if secret_sent:
        message += " Passwords are never given back: type yours again."
    return message


def _remembering_url_for() -> Callable[..., str]:
    """Templates' url_for, remembering the links that are the same on every page: an
    endpoint without arguments, or a static file. The header and footer hold twenty of them,
    built again on every member's page otherwise (readers' pages are cached whole). One app
    is served from one place, so a link built once holds for every request."""
    remembered: dict[tuple[str, str | None], str] = {}

    def url_for_in_templates(endpoint: str, **values) -> str:
        if values and (endpoint != "static" or values.keys() != {"filename"}):
            return url_for(endpoint, **values)
        key = (endpoint, values.get("filename"))
        link = remembered.get(key)
        if link is None:
            link = url_for(endpoint, **values)
            # ".name" is relative to the request's blueprint; outside a request, no root.
            if not endpoint.startswith(".") and has_request_context():
                remembered[key] = link
        return link

    return url_for_in_templates


def init_app(app: Flask) -> None:
    """Register error handlers, response headers and template helpers."""

    @app.errorhandler(ServiceError)
    def service_error(error: ServiceError):
        typed = _typed_fields() if request.method == "POST" else None
        response = render_error(error.status, error.message, typed=typed)
        if isinstance(error, TooSoon):
            return (*response, {"Retry-After": str(max(1, error.retry_after))})
        return response

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
        if status == 429:
            return too_many_requests(error)
        # abort(status, "what to do") says it best; Werkzeug's stock text is less helpful.
        custom = error.description != type(error).description
        message = error.description if custom else ERROR_ADVICE.get(status, error.description)
        # A refused write gives back what it carried.
        typed = _typed_fields() if request.method == "POST" else None
        return render_error(status, message, typed=typed)

    def too_many_requests(error: HTTPException):
        """A rate limit's page: why (the limit's own message, if it has one, not the
        limiter's "3 per 1 minute"), the real wait, also as Retry-After, and what was typed."""
        limit = getattr(error, "limit", None)
        reason = error.description if limit is not None and limit.error_message else None
        typed = _typed_fields() if request.method == "POST" else {}
        wait = retry_after(error)
        message = too_often_message(
            reason or ERROR_ADVICE[429], wait, typed, request.method == "POST" and _secret_sent()
        )
        response = render_error(429, message, typed=typed)
        return (*response, {"Retry-After": str(wait)}) if wait else response

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if database_unreachable(error):
            return database_unavailable(error)
        # Log where it failed but not the exception's message or request data: a database
        # error's message carries the statement's parameters, which can identify a member.
        log.error(
            "unhandled %s on %s %s\n%s",
            type(error).__name__,
            request.method,
            request.path,
            "".join(traceback.format_tb(error.__traceback__)),
        )
        with suppress(DBAPIError):  # a connection that died under it cannot roll back
            db.session.rollback()
        return render_error(500)

    hsts = app.config["STRICT_TRANSPORT_SECURITY"] if config.served_over_https(app) else ""

    @app.after_request
    def security_headers(response):
        if hsts:
            response.headers.setdefault("Strict-Transport-Security", hsts)
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
        url_for=_remembering_url_for(),
        taxonomy=taxonomy,
        LABELS=taxonomy.LABELS,
        outcome_text=outcome_text,
        divisiveness_words=aggregation.divisiveness_words,
        member_header=member_header,
        time_left=public_time.time_left,
    )
    app.jinja_env.filters["on_day"] = public_time.on_day
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    @app.get("/healthz")
    def healthz():
        """Liveness for load balancers: the app answers and the database does too. While the
        database cannot be reached, 503 and when to ask again (not logged: it is asked often)."""
        try:
            db.session.execute(db.text("SELECT 1"))
        except DBAPIError as error:
            if not database_unreachable(error):
                raise
            retry = {"Retry-After": str(DATABASE_RETRY_SECONDS)}
            return {"status": "database unreachable"}, 503, retry
        return {"status": "ok"}
