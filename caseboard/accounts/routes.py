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

from caseboard.accounts import services
from caseboard.accounts.forms import (
    ChangePasswordForm,
    DeleteAccountForm,
    LoginForm,
    RegisterForm,
)
from caseboard.cases.forms import ConfirmForm
from caseboard.errors import ServiceError
from caseboard.extensions import limiter
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


def _username_key() -> str:
    """The username being registered, spelled as the form will store it. Empty if none."""
    username = (normalize_text(request.form.get("username")) or "").lower()
    return _private_key("register-username", username) if username else ""


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
        try:
            member = services.register(form.username.data, form.password.data, form.email.data)
        except ServiceError as error:
            form.username.errors.append(error.message)
        else:
            login_user(member)
            flash("Welcome. Your username and email are private: nobody else ever sees them.")
            return redirect(_safe_next())
    status = 422 if form.errors else 200
    return render_template("accounts/register.html", form=form), status


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        member = services.authenticate(form.username.data, form.password.data)
        if member is not None:
            login_user(member)
            return redirect(_safe_next())
        form.form_errors.append("That username and password do not match an account.")
        status = 401
    elif form.errors:
        status = 422
    return render_template("accounts/login.html", form=form), status


@bp.post("/logout")
def logout():
    if ConfirmForm().validate():
        logout_user()
        flash("You are logged out.")
    return redirect(url_for("cases.home"))


@bp.get("/account")
@login_required
def account():
    return render_template(
        "accounts/account.html",
        password_form=ChangePasswordForm(formdata=None),
        delete_form=DeleteAccountForm(formdata=None, prefix="delete"),
    )


@bp.post("/account/password")
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate():
        try:
            services.change_password(current_user, form.current.data, form.password.data)
        except ServiceError as error:
            form.current.errors.append(error.message)
        else:
            flash("Your password is changed.")
            return redirect(url_for("accounts.account"))
    return render_template(
        "accounts/account.html",
        password_form=form,
        delete_form=DeleteAccountForm(formdata=None, prefix="delete"),
    ), 422


@bp.post("/account/delete")
@login_required
def delete_account():
    form = DeleteAccountForm(prefix="delete")
    if form.validate():
        if current_user.check_password(form.password.data):
            services.delete_account(current_user, keep_content=form.content.data == "keep")
            logout_user()
            flash("Your account is deleted.")
            return redirect(url_for("cases.home"))
        form.password.errors.append("That password is not right.")
    return render_template(
        "accounts/account.html", password_form=ChangePasswordForm(formdata=None), delete_form=form
    ), 422


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
