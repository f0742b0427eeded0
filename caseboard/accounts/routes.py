"""Account pages: register, log in and out, change password, export data, delete account."""

from __future__ import annotations

import hashlib
import hmac
import json

from flask import (
    Blueprint,
    Response,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required, login_user, logout_user
from itsdangerous import BadSignature, URLSafeSerializer

from caseboard import form_guard
from caseboard.accounts import addresses, services, sessions, trust
from caseboard.accounts.forms import (
    AddressForm,
    ChangePasswordForm,
    DeleteAccountForm,
    ForgotPasswordForm,
    LoginForm,
    RegisterForm,
    ResetPasswordForm,
)
from caseboard.accounts.passwords import WeakPassword
from caseboard.cases.forms import ConfirmForm
from caseboard.errors import ServiceError
from caseboard.extensions import db, limiter
from caseboard.validation import normalize_text
from caseboard.web import local_path

bp = Blueprint("accounts", __name__)


def _safe_next() -> str:
    """Only follow ?next= within this site, so a login link can't send members elsewhere."""
    return local_path(request.args.get("next"), url_for("cases.home"))


def _private_key(kind: str, value: str) -> str:
    """A rate-limit key that names nobody, even in Redis: a keyed hash of the value."""
    secret = current_app.config["SECRET_KEY"].encode()
    return f"{kind}:{hmac.new(secret, value.encode(), hashlib.sha256).hexdigest()[:32]}"


def _session_key() -> str:
    """The registrant's browser session, by the CSRF token the form put in it: with CSRF on,
    a POST without one is refused before it gets here. Empty (no limit) without one."""
    token = session.get(current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token"))
    return _private_key("register-session", token) if isinstance(token, str) and token else ""


def _typed_username() -> str:
    """The username a register or login form carries, spelled as the form reads it."""
    return (normalize_text(request.form.get("username")) or "").lower()


def _username_key() -> str:
    """The username being registered, as a rate-limit key. Empty if none."""
    username = _typed_username()
    return _private_key("register-username", username) if username else ""


def _sign_in(member) -> None:
    """A new session of the member's own, ended on the server when they log out here."""
    sessions.open_session(member)
    login_user(member)


def _account_made(response: Response) -> bool:
    return response.status_code in (302, 303)


def _register_limit(setting: str, message: str, **options):
    """One of registration's rate limits: POSTs only, its own counter, its own words."""
    return limiter.limit(
        lambda: current_app.config[setting],
        methods=["POST"],
        scope=setting.lower(),
        error_message=message,
        **options,
    )


@bp.route("/register", methods=["GET", "POST"])
@_register_limit(
    "REGISTER_RATE_LIMIT",
    "Many accounts have been made from your network recently, so yours was not made yet.",
    deduct_when=_account_made,
)
@_register_limit(
    "REGISTER_ATTEMPT_RATE_LIMIT",
    "There have been very many tries at registering from your network recently, so "
    "this one was not sent.",
)
@_register_limit(
    "REGISTER_SESSION_RATE_LIMIT",
    "You have tried to register many times recently, so this try was not sent.",
    key_func=_session_key,
    exempt_when=lambda: request.method != "POST" or not _session_key(),
)
@_register_limit(
    "REGISTER_USERNAME_RATE_LIMIT",
    "That username has been tried many times recently, so this try was not sent. "
    "A different username works now.",
    key_func=_username_key,
    exempt_when=lambda: request.method != "POST" or not _username_key(),
)
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        signals = form_guard.signals("register", request.form)
        try:
            member = services.register(
                form.username.data,
                form.password.data,
                typed_email=form.email.data,
                limited_reason=form_guard.limited_reason(signals),
            )
        except WeakPassword as error:
            form.password.errors.append(error.message)
        except ServiceError as error:
            form.username.errors.append(error.message)
        else:
            _sign_in(member)
            flash("Welcome. Your username and email are private: nobody else ever sees them.")
            if form_guard.UNFINISHED_PROOF_OF_WORK in signals and len(signals) == 1:
                flash(_UNFINISHED_WORDS)
            elif member.limited_reason in trust.LIMITED_WHY:
                why = trust.LIMITED_WHY[member.limited_reason]
                flash(f"Your account is made. {why} {trust.LIMITED_EFFECT}")
            if form.email.data:
                addresses.ask_to_confirm(member, form.email.data)
                flash(_CONFIRM_SENT)
            return redirect(_safe_next())
    status = 422 if form.errors else 200
    return render_template("accounts/register.html", form=form), status


_UNFINISHED_WORDS = (
    "Your account is made. The small check your browser works out in the background did not "
    "finish (Caseboard may have been busy, or the connection dropped), so a moderator will "
    "read your first posts before they appear."
)


KNOWN_BROWSER_COOKIE = "caseboard_known"
KNOWN_BROWSER_SALT = "caseboard-known-browser"
KNOWN_ACCOUNTS_KEPT = 5  # a shared family computer, not a list of every account ever used
KNOWN_BROWSER_DAYS = 365


def _login_account_key() -> str:
    """The account a login names, as a keyed hash (never the username itself)."""
    username = _typed_username()
    return _private_key("login-account", username) if username else ""


def _known_browser_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=KNOWN_BROWSER_SALT)


def _known_accounts() -> list[str]:
    """The accounts (keyed hashes) this browser logged in to before, from a signed cookie."""
    try:
        known = _known_browser_serializer().loads(request.cookies.get(KNOWN_BROWSER_COOKIE, ""))
    except BadSignature:
        return []
    return [key for key in known if isinstance(key, str)] if isinstance(known, list) else []


def _from_a_known_browser() -> bool:
    """A login from a browser that logged in to this account before skips the per-account
    limit: that limit stops strangers guessing, and must not lock the member out."""
    key = _login_account_key()
    return not key or key in _known_accounts()


def _remember_browser(response: Response) -> Response:
    """Add the account just logged in to to this browser's known accounts."""
    key = _login_account_key()
    known = [key, *(other for other in _known_accounts() if other != key)]
    response.set_cookie(
        KNOWN_BROWSER_COOKIE,
        _known_browser_serializer().dumps(known[:KNOWN_ACCOUNTS_KEPT]),
        max_age=KNOWN_BROWSER_DAYS * 24 * 3600,
        httponly=True,
        samesite="Lax",
        secure=current_app.config["SESSION_COOKIE_SECURE"],
    )
    return response


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_ACCOUNT_RATE_LIMIT"],
    methods=["POST"],
    scope="login-account",
    key_func=_login_account_key,
    exempt_when=_from_a_known_browser,
    deduct_when=lambda response: response.status_code == 401,
    error_message="There have been many wrong passwords for this account recently, so this "
    "try was not checked. If it is your account, wait a while or log in from a browser you "
    "used before.",
)
def login():
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        member = services.authenticate(form.username.data, form.password.data)
        if member is not None:
            _sign_in(member)
            return _remember_browser(redirect(_safe_next()))
        form.form_errors.append("That username and password do not match an account.")
        status = 401
    elif form.errors:
        status = 422
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
def logout():
    if ConfirmForm().validate():
        if current_user.is_authenticated:
            sessions.close_session(current_user)
        logout_user()
        flash("You are logged out.")
    return redirect(url_for("cases.home"))


@bp.get("/account")
@login_required
def account():
    return _account_page()


def _account_page(password_form=None, delete_form=None, address_form=None, status: int = 200):
    """The account page, with a refused form (and what it said) in place of a blank one."""
    return render_template(
        "accounts/account.html",
        address_form=address_form or AddressForm(formdata=None),
        password_form=password_form or ChangePasswordForm(formdata=None),
        delete_form=delete_form or DeleteAccountForm(formdata=None, prefix="delete"),
        session_count=sessions.session_count(current_user.id),
        standing=trust.standing(current_user),
        TrustLevel=trust.TrustLevel,
        LIMITED_WHY=trust.LIMITED_WHY,
        LIMITED_EFFECT=trust.LIMITED_EFFECT,
    ), status


@bp.post("/account/sessions")
@login_required
def end_other_sessions():
    """Log out everywhere else: a lost phone, a shared computer, a cookie someone copied."""
    if ConfirmForm().validate():
        ended = sessions.close_sessions(current_user.id, keep=current_user.session_key)
        db.session.commit()
        flash(
            f"You are logged out everywhere else ({ended} other session"
            f"{'' if ended == 1 else 's'} ended)."
        )
    return redirect(url_for("accounts.account"))


def _password_confirms(form) -> bool:
    """Whether the password typed to confirm a change to the account is the member's; if
    not, the form's password field says so."""
    if current_user.check_password(form.password.data):
        return True
    form.password.errors.append("That password is not right.")
    return False


# The same words whether or not the address is another account's: only its owner learns more.
# Not the address itself: a flash waits for the next page, maybe on a shared computer.
_CONFIRM_SENT = (
    "We sent a link to the address you gave, to confirm it. Until you follow it, no email "
    "goes there."
)


@bp.post("/account/address")
@login_required
def change_address():
    form = AddressForm()
    if form.validate() and _password_confirms(form):
        addresses.ask_to_confirm(current_user, form.email.data)
        flash(_CONFIRM_SENT)
        return redirect(url_for("accounts.account"))
    return _account_page(address_form=form, status=422)


@bp.post("/account/address/remove")
@login_required
def remove_address():
    if ConfirmForm().validate():
        addresses.remove_address(current_user)
        flash("Your account has no email address now: nothing will be emailed to you.")
    return redirect(url_for("accounts.account"))


@bp.get("/confirm-email/<token>")
def confirm_email(token: str):
    """The link in a confirmation email: it works without logging in (another device)."""
    addresses.confirm(token)
    flash("Your email address is confirmed.")
    return redirect(url_for("accounts.account" if current_user.is_authenticated else "cases.home"))


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["FORGOT_PASSWORD_RATE_LIMIT"], methods=["POST"])
@limiter.limit(
    lambda: current_app.config["FORGOT_PASSWORD_ADDRESS_RATE_LIMIT"],
    methods=["POST"],
    scope="forgot-password-address",
    key_func=lambda: _private_key("forgot", (request.form.get("email") or "").strip().lower()),
    error_message="Several reset links were asked for this address recently: wait a while, "
    "then check your inbox (and its spam folder) for them first.",
)
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        addresses.ask_for_reset(form.email.data)
        # The same answer whether or not an account has this address.
        flash(
            f"If a Caseboard account has confirmed {form.email.data}, a link to reset its "
            "password is on its way there. It works once, for an hour."
        )
        return redirect(url_for("accounts.login"))
    status = 422 if form.errors else 200
    return render_template("accounts/forgot_password.html", form=form), status


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    # A used or old link says so before anything is typed.
    member = addresses.member_to_reset(token)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            # Every session ends: whoever knew the old password is signed out.
            services.replace_password(member, form.password.data)
        except WeakPassword as error:
            form.password.errors.append(error.message)
        else:
            _sign_in(member)
            flash("Your password is changed, and every other session is logged out.")
            return redirect(url_for("accounts.account"))
    status = 422 if form.errors else 200
    return render_template("accounts/reset_password.html", form=form), status


@bp.post("/account/password")
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate():
        try:
            services.change_password(current_user, form.current.data, form.password.data)
        except WeakPassword as error:
            form.password.errors.append(error.message)
        except ServiceError as error:
            form.current.errors.append(error.message)
        else:
            flash("Your password is changed, and you are logged out everywhere else.")
            return redirect(url_for("accounts.account"))
    return _account_page(password_form=form, status=422)


@bp.post("/account/delete")
@login_required
def delete_account():
    form = DeleteAccountForm(prefix="delete")
    if form.validate() and _password_confirms(form):
        services.delete_account(current_user, keep_content=form.content.data == "keep")
        logout_user()
        flash("Your account is deleted.")
        return redirect(url_for("cases.home"))
    return _account_page(delete_form=form, status=422)


@bp.get("/account/export")
@login_required
def export_data():
    data = services.export_member_data(current_user)
    return Response(
        json.dumps(data, indent=2, ensure_ascii=False),
        mimetype="application/json",
        headers={
            "Content-Disposition": 'attachment; filename="caseboard-my-data.json"',
            "Cache-Control": "no-store",
        },
    )
