"""Moderation pages: the queue and its items, reports, appeals, the public log, and the
admins' pages for reasons and moderators. Moderators see content, never accounts."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from caseboard.errors import ServiceError
from caseboard.extensions import db, limiter, member_key
from caseboard.identity import moderator_alias
from caseboard.models import ItemKind, ModAction
from caseboard.moderation import (
    appeals,
    decisions,
    log,
    queries,
    queue,
    redaction,
    reports,
    roles,
    sanctions,
    spam_wave,
    subjects,
)
from caseboard.moderation.forms import (
    ACTION_LABELS,
    ActForm,
    AppealForm,
    DecisionForm,
    ModeratorForm,
    ReasonTemplateForm,
    ReportForm,
    SpamWaveForm,
)
from caseboard.views import admin_required, moderator_required
from caseboard.web import local_path, page_number

bp = Blueprint("moderation", __name__)


# -- members: reports and appeals ----------------------------------------------------------


@bp.route("/report/<kind>/<public_id>", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: current_app.config["REPORT_RATE_LIMIT"], key_func=member_key, methods=["POST"]
)
def report(kind: str, public_id: str):
    subject = subjects.by_public_id(kind, public_id)
    case = subjects.case_of(subject)
    if not subjects.is_shown(subject):
        abort(404)
    form = ReportForm()
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                reports.report(current_user, subject, form.reason.data, form.details.data or "")
            except ServiceError as error:
                form.form_errors.append(error.message)
                status = error.status
            else:
                flash("Thank you. Your report is with the moderators; the author won't know.")
                return redirect(url_for("cases.show", public_id=case.public_id))
        else:
            status = 422
    return render_template(
        "moderation/report.html", form=form, subject=subject, kind=kind, case=case
    ), status


@bp.route("/appeals/<action_id>", methods=["GET", "POST"])
@login_required
@limiter.limit(lambda: current_app.config["EDIT_RATE_LIMIT"], key_func=member_key, methods=["POST"])
def appeal(action_id: str):
    action = appeals.get_action(action_id)
    subject = appeals.appealable(action, current_user)
    form = AppealForm()
    status = 200
    if request.method == "POST":
        if form.validate():
            try:
                appeals.appeal(action, current_user, form.text.data)
            except ServiceError as error:
                form.form_errors.append(error.message)
                status = error.status
            else:
                flash("Your appeal is sent. A different moderator will decide it; you'll be told.")
                return redirect(url_for("notifications.inbox"))
        else:
            status = 422
    return render_template(
        "moderation/appeal.html",
        form=form,
        action=action,
        subject=subject,
        kind=subjects.kind_of(subject),
        case=subjects.case_of(subject),
    ), status


@bp.get("/moderation-log")
def public_log():
    number = page_number()
    entries, has_next = queries.log_page(number)
    return render_template(
        "moderation/log.html",
        entries=entries,
        number=number,
        has_next=has_next,
        alias=moderator_alias,
        words=log.ACTION_WORDS,
        reasons=_reason_titles(),
    )


# -- moderators: the queue -----------------------------------------------------------------


@bp.get("/mod/queue")
@moderator_required
def queue_page():
    """The open items; `?show=spam` keeps those suspected of being spam (a link: no script)."""
    spam_only = request.args.get("show") == "spam"
    return render_template(
        "moderation/queue.html",
        entries=queries.open_items(suspected_spam=spam_only),
        reasons=reports.REASONS,
        spam_only=spam_only,
        counts={"all": queries.open_count(), "spam": queries.open_count(suspected_spam=True)},
    )


@bp.get("/mod/items/<public_id>")
@moderator_required
def item(public_id: str):
    found = _item(public_id)
    return _render_item(found)


def _render_item(found, form: DecisionForm | None = None, status: int = 200):
    entry = queries.entry(found)
    subject = entry.subject
    if subject is None:
        abort(404, "What this item was about has been deleted.")
    form = form or DecisionForm(formdata=None)
    _fill_decision_choices(form, found.kind)
    findings = queue.findings_of(found)
    fields = [
        (label, redaction.highlight(text, redaction.spans_in(findings, name)))
        for name, (attribute, label) in subjects.TEXT_FIELDS[subjects.kind_of(subject)].items()
        if (text := getattr(subject, attribute))
    ]
    appealed = None
    if found.appealed_action_id is not None:
        appealed = db.session.get(ModAction, found.appealed_action_id)
    return render_template(
        "moderation/item.html",
        entry=entry,
        found=found,
        subject=subject,
        kind=subjects.kind_of(subject),
        case=subjects.case_of(subject),
        fields=fields,
        findings=findings,
        reports=queries.reports_on(found),
        history=queries.history(subject),
        appealed=appealed,
        form=form,
        alias=moderator_alias,
        words=log.ACTION_WORDS,
        reasons=reports.REASONS,
        reason_titles=_reason_titles(),
        act_form=_act_form(),
        wave_form=SpamWaveForm(formdata=None),
        is_mine=found.claimed_by_id == current_user.id,
        may_decide=not (found.kind == ItemKind.APPEAL and found.acted_by_id == current_user.id),
    ), status


@bp.post("/mod/items/<public_id>/claim")
@moderator_required
def claim(public_id: str):
    found = _item(public_id)
    decisions.claim(found, current_user)
    flash("You are working on this item; other moderators see that.")
    return redirect(url_for("moderation.item", public_id=public_id))


@bp.post("/mod/items/<public_id>/release")
@moderator_required
def release(public_id: str):
    decisions.release(_item(public_id), current_user)
    return redirect(url_for("moderation.queue_page"))


@bp.post("/mod/items/<public_id>/decide")
@moderator_required
def decide(public_id: str):
    found = _item(public_id)
    form = DecisionForm()
    _fill_decision_choices(form, found.kind)
    if not form.validate():
        return _render_item(found, form, 422)
    try:
        decisions.decide(
            found,
            current_user,
            form.action.data,
            reason_code=form.reason_code.data or "",
            reason_text=form.reason_text.data or "",
            sanction=form.sanction.data or "",
            suspend_days=form.suspend_days.data or 0,
        )
    except ServiceError as error:
        db.session.rollback()
        form.form_errors.append(error.message)
        return _render_item(found, form, error.status)
    flash(f"Decided: {ACTION_LABELS[form.action.data]}.")
    following = decisions.next_item_for(current_user)
    if following is not None:
        return redirect(url_for("moderation.item", public_id=following.public_id))
    return redirect(url_for("moderation.queue_page"))


@bp.post("/mod/content/<kind>/<public_id>/act")
@moderator_required
def act(kind: str, public_id: str):
    subject = subjects.by_public_id(kind, public_id)
    form = _act_form()
    if not form.validate():
        abort(400, "Choose what to do and a reason.")
    decisions.act(
        subject,
        current_user,
        form.action.data,
        reason_code=form.reason_code.data or "",
        reason_text=form.reason_text.data or "",
    )
    flash(f"Done: {log.ACTION_WORDS.get(form.action.data, form.action.data)}.")
    return redirect(local_path(request.form.get("next"), url_for("moderation.queue_page")))


@bp.post("/mod/content/<kind>/<public_id>/spam-wave")
@moderator_required
def remove_author_spam(kind: str, public_id: str):
    """Everything by the author of this item, taken down as spam; the author stays unnamed."""
    subject = subjects.by_public_id(kind, public_id)
    if not SpamWaveForm().validate():
        abort(400, "Nothing was taken down: tick the box to confirm the author posts spam.")
    wave = spam_wave.remove_everything_by_author(subject, current_user)
    flash(
        f"Done: {wave.removed} item{'s' if wave.removed != 1 else ''} by the author of this "
        "item taken down as spam, and the author suspended."
    )
    return redirect(url_for("moderation.queue_page"))


def _item(public_id: str):
    found = queries.get_item(public_id)
    if found is None:
        abort(404, "There is no such item in the queue.")
    return found


def _fill_decision_choices(form: DecisionForm, kind: str) -> None:
    form.action.choices = [
        SelectChoice(code, ACTION_LABELS[code]) for code in decisions.ITEM_ACTIONS[kind]
    ]
    form.reason_code.choices = _reason_choices("No reason (only for approving)")


def _act_form() -> ActForm:
    form = ActForm()
    form.reason_code.choices = _reason_choices("No reason")
    return form


def _reason_choices(none_label: str) -> list[SelectChoice]:
    return [SelectChoice("", none_label)] + [
        SelectChoice(template.code, template.title) for template in _templates()
    ]


def _reason_titles() -> dict[str, str]:
    return {template.code: template.title for template in _templates()}


def _templates():
    """The reason templates, read once per request however many forms and labels use them."""
    if "reason_templates" not in g:
        g.reason_templates = queries.reason_templates()
    return g.reason_templates


# -- admins ---------------------------------------------------------------------------------


@bp.route("/mod/reasons", methods=["GET", "POST"])
@moderator_required
def reasons():
    """Moderators read the reasons they pick from when deciding; admins also edit them."""
    if request.method == "POST" and not current_user.is_admin:
        abort(403, "Only admins edit reason templates.")
    if request.method == "POST":
        sanctions.ensure_can_write(current_user)  # refused with the typed text given back
    templates = queries.reason_templates()
    forms = {
        template.code: ReasonTemplateForm(obj=template, prefix=template.code)
        for template in templates
    }
    status = 200
    if request.method == "POST":
        code = request.form.get("code", "")
        template = next((template for template in templates if template.code == code), None)
        if template is None:
            abort(404)
        form = ReasonTemplateForm(prefix=code)
        forms[code] = form
        if form.validate():
            template.title, template.body = form.title.data, form.body.data
            db.session.commit()
            flash(f"The reason “{template.title}” is saved.")
            return redirect(url_for("moderation.reasons"))
        status = 422
    return render_template("moderation/reasons.html", templates=templates, forms=forms), status


@bp.route("/admin/moderators", methods=["GET", "POST"])
@admin_required
def moderators():
    form = ModeratorForm()
    status = 200
    if request.method == "POST" and not form.validate():
        status = 422
    elif request.method == "POST":
        try:
            member = roles.find_member(form.username.data)
            roles.set_moderator(current_user, member, form.grant.data == "grant")
        except ServiceError as error:
            form.form_errors.append(error.message)
            status = error.status
        else:
            flash("Saved.")
            return redirect(url_for("moderation.moderators"))
    return render_template(
        "moderation/moderators.html", form=form, moderators=roles.moderators()
    ), status
