"""Notification pages: the inbox, its header badge, email settings and the one-click
unsubscribe (which works without logging in: the signed token is the authority)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from caseboard import mail
from caseboard.extensions import csrf, htmx
from caseboard.notifications import queries, services
from caseboard.notifications.forms import EmailSettingsForm, MarkReadForm
from caseboard.notifications.kinds import EMAIL_KINDS

bp = Blueprint("notifications", __name__)

NO_STORE = {"Cache-Control": "no-store"}


@bp.get("/inbox")
@login_required
def inbox():
    """Notices stay unread until the member marks them: looking is not acknowledging, and
    a GET changes nothing (prefetching, reloads and the back button are harmless)."""
    return render_template("notifications/inbox.html", **_inbox_context())


@bp.post("/inbox/read")
@login_required
def mark_all_read():
    form = MarkReadForm()
    if not form.validate():
        abort(400, "That request was damaged. Reload your inbox and try again.")
    services.mark_read(current_user.id, form.through_time())
    if htmx:
        return render_template(
            "notifications/_inbox.html",
            marked=True,
            oob_badge=True,
            unread_count=queries.unread_count(current_user.id),
            **_inbox_context(),
        ), NO_STORE
    flash("Your notices are marked as read.")
    return redirect(url_for("notifications.inbox"))


@bp.get("/inbox/unread")
def unread_badge():
    """The header's unread badge, polled by htmx; 204 (no swap) when the count the page shows
    (`shown`) is still right, so screen readers hear only real changes."""
    if not current_user.is_authenticated:
        return "", 204, NO_STORE
    count = queries.unread_count(current_user.id)
    if request.args.get("shown", "") == str(count):
        return "", 204, NO_STORE
    return render_template("notifications/_badge.html", unread_count=count), NO_STORE


@bp.route("/account/email", methods=["GET", "POST"])
@login_required
def settings():
    if request.method == "POST":
        form = EmailSettingsForm()
        if form.validate():
            services.set_email_preferences(current_user.id, form.kinds.data or [])
            flash("Your email settings are saved.")
            return redirect(url_for("notifications.settings"))
    else:
        chosen = services.email_preferences(current_user.id)
        form = EmailSettingsForm(data={"kinds": [kind for kind in EMAIL_KINDS if kind in chosen]})
    status = 422 if form.errors else 200
    return render_template("notifications/settings.html", form=form), status


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt
def unsubscribe(token: str):
    """GET asks (mail scanners open links, and must not unsubscribe anyone); POST does it,
    from our button or a mail program's RFC 8058 one-click request. Doing it twice is fine."""
    found = mail.read_unsubscribe_token(token)
    if found is None:
        return render_template("notifications/unsubscribe.html", state="damaged"), 400, NO_STORE
    mail_key, kind = found
    member_id = services.member_by_mail_key(mail_key)
    if kind not in EMAIL_KINDS or member_id is None:
        return render_template("notifications/unsubscribe.html", state="nothing"), NO_STORE
    state = "ask"
    if request.method == "POST":
        services.unsubscribe(member_id, kind)
        state = "done"
    return render_template(
        "notifications/unsubscribe.html", state=state, about=EMAIL_KINDS[kind].about
    ), NO_STORE


def _inbox_context() -> dict:
    notices = queries.inbox(current_user.id)
    unread = {note.id for note in notices if note.read_at is None}
    newest = max((n.created_at for n in notices if n.read_at is None), default=None)
    return {
        "notifications": notices,
        "unread": unread,
        "through": MarkReadForm.stamp(newest) if newest else "",
        "form": MarkReadForm(formdata=None),
    }
