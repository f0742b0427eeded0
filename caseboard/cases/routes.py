"""Case pages: lists, search, posting, the case page, verdicts, replies and helpful votes."""

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

from caseboard.cases import queries, services
from caseboard.cases.forms import (
    CaseForm,
    ConfirmForm,
    ReplyForm,
    UpdateForm,
    VerdictForm,
    VoteForm,
)
from caseboard.errors import ServiceError
from caseboard.extensions import htmx
from caseboard.identity import pseudonym
from caseboard.models import Reply, Verdict
from caseboard.models.base import utcnow
from caseboard.rendering import render_markdown

bp = Blueprint("cases", __name__)


def _page_number() -> int:
    number = request.args.get("page", "1")
    return max(1, min(int(number), 10_000)) if number.isdigit() else 1


def _viewer():
    return current_user if current_user.is_authenticated else None


def _render_list(sort: str, title: str, **extra):
    page = queries.list_cases(
        sort,
        g.filters,
        page=_page_number(),
        per_page=current_app.config["CASES_PER_PAGE"],
        now=utcnow(),
        period=extra.get("period", "week"),
    )
    return render_template("cases/list.html", page=page, sort=sort, title=title, **extra)


@bp.get("/")
def home():
    return _render_list("hot", "Hot cases")


@bp.get("/new")
def newest():
    return _render_list("new", "New cases")


@bp.get("/top")
def top():
    period = request.args.get("period", "week")
    if period not in queries.TOP_PERIODS:
        period = "week"
    return _render_list("top", "Top cases", period=period)


@bp.get("/search")
def search():
    query = (request.args.get("q") or "").strip()[:200]
    page = None
    if query:
        page = queries.search_page(
            query, g.filters, page=_page_number(), per_page=current_app.config["CASES_PER_PAGE"]
        )
    return render_template("cases/search.html", query=query, page=page)


@bp.route("/cases/new", methods=["GET", "POST"])
@login_required
def post_case():
    form = CaseForm()
    preview = None
    if form.validate_on_submit():
        if form.action.data == "post":
            case = services.post_case(current_user, _draft(form))
            flash("Your case is published. Verdicts will appear below as peers respond.")
            return redirect(url_for("cases.show", public_id=case.public_id))
        preview = {
            "situation": render_markdown(form.situation.data),
            "why_wrong": render_markdown(form.why_wrong.data),
            "help_wanted": render_markdown(form.help_wanted.data or ""),
        }
    status = 422 if form.errors else 200
    return render_template("cases/new.html", form=form, preview=preview), status


def _draft(form: CaseForm) -> services.CaseDraft:
    return services.CaseDraft(
        title=form.title.data,
        situation=form.situation.data,
        why_wrong=form.why_wrong.data,
        help_wanted=form.help_wanted.data or "",
        discipline=form.discipline.data,
        level=form.level.data,
        topic=form.topic.data,
        support_kind=form.support_kind.data,
    )


@bp.get("/cases/<public_id>")
def show(public_id: str):
    return _render_case(public_id)


def _render_case(public_id: str, status: int = 200, **forms):
    """The case page; a refused form comes back in `forms` with what the member typed."""
    case = queries.get_published_case(public_id, _viewer())
    page = queries.case_page(
        case, _viewer(), page=_page_number(), per_page=current_app.config["VERDICTS_PER_PAGE"]
    )
    forms.setdefault("verdict_form", VerdictForm(formdata=None))
    forms.setdefault("reply_form", ReplyForm(formdata=None))
    forms.setdefault("update_form", UpdateForm(formdata=None))
    return (
        render_template(
            "cases/show.html", page=page, case=case, now=utcnow(), vote_form=VoteForm(), **forms
        ),
        status,
    )


@bp.post("/cases/<public_id>/updates")
@login_required
def add_update(public_id: str):
    case = queries.get_published_case(public_id, current_user)
    form = UpdateForm()
    if not form.validate():
        return _render_case(public_id, 422, update_form=form)
    services.add_update(case, current_user, form.body.data)
    flash("Your update is added below the original.")
    return redirect(url_for("cases.show", public_id=public_id, _anchor="updates"))


@bp.post("/cases/<public_id>/verdicts")
@login_required
def give_verdict(public_id: str):
    case = queries.get_published_case(public_id, current_user)
    form = VerdictForm()
    if not form.validate():
        return _render_case(public_id, 422, verdict_form=form)
    try:
        verdict = services.give_verdict(case, current_user, form.label.data, form.reasoning.data)
    except ServiceError as error:
        form.form_errors.append(error.message)
        return _render_case(public_id, error.status, verdict_form=form)
    flash("Your verdict is in. Thank you for helping.")
    return redirect(url_for("cases.show", public_id=public_id, _anchor=f"verdict-{verdict.id}"))


@bp.route("/verdicts/<int:verdict_id>/edit", methods=["GET", "POST"])
@login_required
def edit_verdict(verdict_id: int):
    verdict = _own(queries.get_verdict(verdict_id), "verdict")
    form = VerdictForm(obj=None, data={"label": verdict.label, "reasoning": verdict.reasoning_md})
    if request.method == "POST" and form.validate():
        try:
            services.change_verdict(verdict, current_user, form.label.data, form.reasoning.data)
        except ServiceError as error:
            form.form_errors.append(error.message)
            return render_template("cases/edit_verdict.html", form=form, verdict=verdict), 409
        flash("Your verdict is updated.")
        return redirect(
            url_for("cases.show", public_id=verdict.case.public_id, _anchor=f"verdict-{verdict.id}")
        )
    status = 422 if form.errors else 200
    return render_template(
        "cases/edit_verdict.html", form=form, verdict=verdict, confirm=ConfirmForm()
    ), status


@bp.post("/verdicts/<int:verdict_id>/withdraw")
@login_required
def withdraw_verdict(verdict_id: int):
    verdict = _own(queries.get_verdict(verdict_id), "verdict")
    if not ConfirmForm().validate():
        abort(400)
    public_id = verdict.case.public_id
    services.withdraw_verdict(verdict, current_user)
    flash("Your verdict is withdrawn.")
    return redirect(url_for("cases.show", public_id=public_id))


@bp.get("/cases/<public_id>/reply")
@login_required
def reply_form(public_id: str):
    case = queries.get_published_case(public_id, current_user)
    form = ReplyForm(
        formdata=None,
        data={
            "verdict_id": request.args.get("verdict", ""),
            "parent_id": request.args.get("parent", ""),
        },
    )
    return _render_reply_form(case, form)


@bp.post("/cases/<public_id>/replies")
@login_required
def add_reply(public_id: str):
    case = queries.get_published_case(public_id, current_user)
    form = ReplyForm()
    if not form.validate():
        return _render_reply_form(case, form, 422)
    verdict, parent = _reply_targets(form)
    reply = services.add_reply(case, current_user, form.body.data, verdict=verdict, parent=parent)
    return redirect(url_for("cases.show", public_id=public_id, _anchor=f"reply-{reply.id}"))


def _render_reply_form(case, form: ReplyForm, status: int = 200):
    """The reply page: what is being answered, and the form (with what was typed)."""
    verdict, parent = _reply_targets(form)
    answering = parent or verdict
    alias = (
        pseudonym(answering.member_id, case.id, case.author_id) if answering is not None else None
    )
    return render_template(
        "cases/reply.html",
        case=case,
        form=form,
        answering=answering,
        answering_alias=alias,
        answering_label=verdict.label if answering is verdict and verdict else None,
    ), status


def _reply_targets(form: ReplyForm) -> tuple[Verdict | None, Reply | None]:
    """The verdict and the reply a reply answers, from the form's hidden fields."""
    ids = []
    for raw in (form.verdict_id.data, form.parent_id.data):
        if raw and not str(raw).isdigit():
            abort(400, "That reply target is not valid.")
        ids.append(int(raw) if raw else None)
    verdict = queries.get_verdict(ids[0]) if ids[0] else None
    parent = queries.get_reply(ids[1]) if ids[1] else None
    return verdict, parent


@bp.route("/replies/<int:reply_id>/edit", methods=["GET", "POST"])
@login_required
def edit_reply(reply_id: int):
    reply = _own(queries.get_reply(reply_id), "reply")
    form = ReplyForm(data={"body": reply.body_md})
    if request.method == "POST" and form.validate():
        services.edit_reply(reply, current_user, form.body.data)
        flash("Your reply is updated.")
        return redirect(
            url_for("cases.show", public_id=reply.case.public_id, _anchor=f"reply-{reply.id}")
        )
    status = 422 if form.errors else 200
    return render_template(
        "cases/edit_reply.html",
        form=form,
        reply=reply,
        public_id=reply.case.public_id,
        confirm=ConfirmForm(),
    ), status


@bp.post("/replies/<int:reply_id>/delete")
@login_required
def delete_reply(reply_id: int):
    reply = _own(queries.get_reply(reply_id), "reply")
    if not ConfirmForm().validate():
        abort(400)
    services.delete_reply(reply, current_user)
    flash("Your reply is deleted.")
    return redirect(url_for("cases.show", public_id=reply.case.public_id))


@bp.post("/verdicts/<int:verdict_id>/vote")
@login_required
def vote_verdict(verdict_id: int):
    return _vote(queries.get_verdict(verdict_id), "verdict")


@bp.post("/replies/<int:reply_id>/vote")
@login_required
def vote_reply(reply_id: int):
    return _vote(queries.get_reply(reply_id), "reply")


def _vote(target: Verdict | Reply, kind: str):
    """Record a helpful vote; htmx gets the updated widget, a plain form goes back to the case."""
    form = VoteForm()
    if not form.validate():
        abort(400)
    result = services.vote_helpful(current_user, target, form.helpful.data == "yes")
    if htmx:
        return render_template(
            "partials/vote.html",
            kind=kind,
            target_id=target.id,
            helpful_count=result.helpful_count,
            not_helpful_count=result.not_helpful_count,
            my_vote=result.my_vote,
            vote_form=form,
            can_vote=True,
        )
    return redirect(
        url_for("cases.show", public_id=target.case.public_id, _anchor=f"{kind}-{target.id}")
    )


def _own(item, what: str):
    if item.member_id != current_user.id:
        abort(403, f"You can only change your own {what}.")
    return item
