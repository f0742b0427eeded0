"""Case pages: lists, search, posting, the case page, verdicts, replies and helpful votes."""

from __future__ import annotations

import secrets

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    g,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_login import current_user, login_required

from caseboard import aggregation, cache, follow_ups, idempotency, lifecycle, taxonomy
from caseboard.cases import queries, services
from caseboard.cases.forms import (
    CaseForm,
    ConfirmForm,
    FollowUpForm,
    ReplyForm,
    UpdateForm,
    VerdictForm,
    VoteForm,
)
from caseboard.curation.similar import similar_cases
from caseboard.errors import Refused, ServiceError, TooSoon
from caseboard.extensions import htmx, limiter, member_key
from caseboard.models import ContentStatus, Reply, Verdict
from caseboard.models.base import utcnow
from caseboard.moderation import redaction
from caseboard.moderation.queries import author_view
from caseboard.rendering import render_markdown
from caseboard.web import page_number

bp = Blueprint("cases", __name__)


def _viewer():
    return current_user if current_user.is_authenticated else None


def _same_for_every_reader(scope: str, parts: tuple, render) -> str:
    """A page that every reader without an account sees alike is rendered once per change."""
    if current_user.is_authenticated or session.get("_flashes"):
        return render()
    return cache.cached_fragment(scope, ("page", request.endpoint, *parts), render)


LIST_VOCABULARIES = {
    "disciplines": taxonomy.DISCIPLINES,
    "levels": taxonomy.LEVELS,
    "topics": taxonomy.TOPICS,
    "supports": {code: words.split(":")[0] for code, words in taxonomy.SUPPORT_KINDS.items()},
}


def _list_html(endpoint: str, load, link_args: dict, **context) -> str:
    """The rendered list of cases, from Redis when another reader asked for it recently."""
    number = page_number()

    def render() -> str:
        return render_template(
            "cases/_case_list.html",
            page=load(number),
            endpoint=endpoint,
            link_args=link_args,
            **LIST_VOCABULARIES,
            **context,
        )

    key = (endpoint, tuple(sorted(link_args.items())), number)
    return cache.cached_fragment(cache.LISTS, key, render)


def _render_list(sort: str, title: str, period: str = "week"):
    link_args = dict(g.filters, **({"period": period} if sort == "top" else {}))

    def load(number: int):
        return queries.list_cases(
            sort,
            g.filters,
            page=number,
            per_page=current_app.config["CASES_PER_PAGE"],
            now=utcnow(),
            period=period,
        )

    def render() -> str:
        empty = "No cases match yet."
        list_html = _list_html(request.endpoint, load, link_args, empty_message=empty, intro=None)
        return render_template(
            "cases/list.html", list_html=list_html, sort=sort, title=title, period=period
        )

    parts = (tuple(sorted(link_args.items())), page_number())
    return _same_for_every_reader(cache.LISTS, parts, render)


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
    return _render_list("top", "Top cases", period)


@bp.get("/divisive")
def divisive():
    return _render_list("divisive", "Divisive cases")


@bp.get("/needs-verdicts")
def needs_verdicts():
    return _render_list("needs", "Cases that need verdicts")


@bp.get("/search")
def search():
    query = " ".join((request.args.get("q") or "").split())[:200]
    link_args = dict(g.filters, q=query)

    def load(number: int):
        per_page = current_app.config["CASES_PER_PAGE"]
        return queries.search_page(query, g.filters, page=number, per_page=per_page)

    def render() -> str:
        list_html = None
        if query:
            list_html = _list_html(
                "cases.search",
                load,
                link_args,
                intro=f"Cases matching “{query}”:",
                empty_message=f"No cases match “{query}”. Try fewer or different words.",
            )
        return render_template("cases/search.html", query=query, list_html=list_html)

    parts = (tuple(sorted(link_args.items())), page_number())
    return _same_for_every_reader(cache.LISTS, parts, render)


CASE_TEXT_FIELDS = ("title", "situation", "why_wrong", "help_wanted")


@bp.route("/cases/new", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: current_app.config["POST_CASE_RATE_LIMIT"],
    key_func=member_key,
    methods=["POST"],
    # Previews and Replace clicks are free: only posting counts.
    exempt_when=lambda: request.form.get("action") != "post" or bool(request.form.get("redact")),
)
def post_case():
    form = CaseForm()
    status, checks, message = 200, [], None
    if _redacting():
        checks, message = _run_assistant(form, CASE_TEXT_FIELDS)
    elif form.validate_on_submit():
        if form.action.data == "post":

            def create() -> str:
                case = services.post_case(current_user, _draft(form))
                if case.status == ContentStatus.PUBLISHED:
                    flash("Your case is published. Verdicts will appear below as peers respond.")
                else:
                    flash("Your case is saved and waits for a moderator; see why below.")
                return url_for("cases.show", public_id=case.public_id)

            try:
                return _once(form.submission.data, create)
            except Refused as error:
                form.form_errors.append(error.message)
                status = error.status
        checks, message = _run_assistant(form, CASE_TEXT_FIELDS)
    else:
        status = 422 if form.errors else 200
    preview = _case_preview(form) if request.method == "POST" and not form.errors else None
    return render_template(
        "cases/new.html", form=form, preview=preview, checks=checks, assistant_message=message
    ), status


@bp.route("/cases/<public_id>/revise", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: current_app.config["EDIT_RATE_LIMIT"],
    key_func=member_key,
    methods=["POST"],
    exempt_when=lambda: bool(request.form.get("redact")),
)
def revise_case(public_id: str):
    """The author edits a case that waits for a moderator (held, or returned for edits)."""
    case = queries.get_published_case(public_id, current_user)
    services.require_own(case.author_id, current_user, "case")
    if case.status not in (ContentStatus.HELD, ContentStatus.RETURNED):
        abort(409, "This case is no longer waiting for a moderator, so it can't be edited.")
    form = CaseForm(data=_case_data(case)) if request.method == "GET" else CaseForm()
    status, checks, message = 200, [], None
    if _redacting():
        checks, message = _run_assistant(form, CASE_TEXT_FIELDS)
    elif request.method == "POST" and form.validate():
        try:
            services.revise_case(case, current_user, _draft(form))
        except Refused as error:
            form.form_errors.append(error.message)
            status = error.status
        else:
            flash("Your changes are saved. A moderator will read the case before it appears.")
            return redirect(url_for("cases.show", public_id=case.public_id))
    else:
        status = 422 if form.errors else 200
    if not _redacting() and not form.errors:  # a Replace click has checked already
        checks, _ = _run_assistant(form, CASE_TEXT_FIELDS)
    return render_template(
        "cases/revise.html", form=form, case=case, checks=checks, assistant_message=message
    ), status


def _case_data(case) -> dict:
    return {
        "title": case.title,
        "situation": case.situation_md,
        "why_wrong": case.why_wrong_md,
        "help_wanted": case.help_wanted_md,
        "discipline": case.discipline,
        "level": case.level,
        "topic": case.topic,
        "support_kind": case.support_kind,
    }


def _case_preview(form: CaseForm) -> dict:
    return {
        "situation": render_markdown(form.situation.data or ""),
        "why_wrong": render_markdown(form.why_wrong.data or ""),
        "help_wanted": render_markdown(form.help_wanted.data or ""),
    }


def _redacting() -> bool:
    """Whether a "Replace … with a placeholder" button sent this form."""
    return request.method == "POST" and bool(request.form.get("redact"))


def _run_assistant(form, names: tuple[str, ...]):
    """Apply a pressed Replace button to the form's text; return what still may identify
    someone and a sentence saying what was replaced."""
    texts = {name: form[name].data or "" for name in names}
    message = None
    if _redacting():
        texts, message = redaction.apply_choice(texts, request.form["redact"])
        for name in names:
            form[name].data = texts[name]
    labels = {name: form[name].label.text for name in names}
    return redaction.check_fields(texts, labels), message


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
    case = queries.get_published_case(public_id, _viewer())
    if case.status != ContentStatus.PUBLISHED:  # only its author gets here
        return render_template("cases/waiting.html", case=case, **author_view(case))
    reader = _reader(case)
    return _same_for_every_reader(
        cache.case_scope(case.id),
        (case.id, page_number(), reader),
        lambda: _render_case(case, reader=reader)[0],
    )


ANONYMOUS_ORDERS = 4


def _reader(case) -> str:
    """Whose shuffled order a young case shows: the member's own, or, for readers without an
    account (who get no cookie), one of a few orders picked at random per visit. Empty when
    the case is not young."""
    if not lifecycle.is_young(case, utcnow(), current_app.config["YOUNG_CASE_HOURS"]):
        return ""
    if current_user.is_authenticated:
        return f"member:{current_user.id}"
    return f"anonymous:{secrets.randbelow(ANONYMOUS_ORDERS)}"


def _render_case(case, status: int = 200, reader: str | None = None, **forms):
    """The case page; a refused form comes back in `forms` with what the member typed."""
    now, viewer = utcnow(), _viewer()
    page = queries.case_page(
        case,
        viewer,
        page=page_number(),
        per_page=current_app.config["VERDICTS_PER_PAGE"],
        reader=reader if reader is not None else _reader(case),
    )
    blind = lifecycle.labels_hidden(
        case, viewer.id if viewer else None, page.my_verdict is not None, now
    )
    if case.closed_at is not None:
        outcome = lifecycle.stored_outcome(case)
    elif not case.is_open(now):  # the closing job has not run yet: the same sums, live
        outcome = aggregation.summarize(case.tally)
    else:
        outcome = None
    if viewer is not None:  # forms carry a CSRF token: readers get no session for them
        forms.setdefault("verdict_form", VerdictForm(formdata=None))
        forms.setdefault("reply_form", ReplyForm(formdata=None))
        forms.setdefault("update_form", UpdateForm(formdata=None))
        if viewer.id == case.author_id and case.closed_at is not None and not case.locked_at:
            forms.setdefault("follow_up_form", FollowUpForm(formdata=None))
    return render_template(
        "cases/show.html",
        page=page,
        case=case,
        now=now,
        blind=blind,
        outcome=outcome,
        similar=similar_cases(case),
        **forms,
    ), status


@bp.post("/cases/<public_id>/updates")
@login_required
@limiter.limit(lambda: current_app.config["EDIT_RATE_LIMIT"], key_func=member_key)
def add_update(public_id: str):
    case = queries.get_published_case(public_id, current_user)
    form = UpdateForm()
    if not form.validate():
        return _render_case(case, 422, update_form=form)
    try:
        services.add_update(case, current_user, form.body.data)
    except Refused as error:
        form.form_errors.append(error.message)
        return _render_case(case, error.status, update_form=form)
    flash("Your update is added below the original.")
    return redirect(url_for("cases.show", public_id=public_id, _anchor="updates"))


@bp.post("/cases/<public_id>/follow-up")
@login_required
@limiter.limit(lambda: current_app.config["EDIT_RATE_LIMIT"], key_func=member_key)
def follow_up(public_id: str):
    """The author says, after the close, how it played out and whether the advice helped."""
    case = queries.get_published_case(public_id, current_user)
    follow_ups.require_can_answer(case, current_user)  # before the form: 403 or 409
    form = FollowUpForm()
    if not form.validate():
        return _render_case(case, 422, follow_up_form=form)
    try:
        follow_ups.answer_follow_up(case, current_user, form.body.data, form.advice_helped.data)
    except (Refused, follow_ups.UnknownAdvice) as error:
        form.form_errors.append(error.message)
        return _render_case(case, error.status, follow_up_form=form)
    flash("Thank you: what happened next is on the case for readers to learn from.")
    return redirect(url_for("cases.show", public_id=public_id, _anchor="follow-ups"))


@bp.post("/cases/<public_id>/verdicts")
@login_required
@limiter.limit(lambda: current_app.config["VERDICT_RATE_LIMIT"], key_func=member_key)
def give_verdict(public_id: str):
    case = queries.get_published_case(public_id, current_user)
    form = VerdictForm()
    if not form.validate():
        return _render_case(case, 422, verdict_form=form)
    try:
        verdict = services.give_verdict(case, current_user, form.label.data, form.reasoning.data)
    except ServiceError as error:
        form.form_errors.append(error.message)
        return _render_case(case, error.status, verdict_form=form)
    if verdict.status != ContentStatus.PUBLISHED:
        flash("Your verdict is saved and waits for a moderator; see why below.")
        return redirect(url_for("cases.edit_verdict", public_id=verdict.public_id))
    flash("Your verdict is in. Thank you for helping.")
    return redirect(_anchor_url(case, "verdict", verdict.public_id))


@bp.route("/verdicts/<public_id>/edit", methods=["GET", "POST"])
@login_required
def edit_verdict(public_id: str):
    verdict = _own(queries.get_verdict(public_id, current_user), "verdict")
    form = VerdictForm(data={"label": verdict.label, "reasoning": verdict.reasoning_md})
    return _edit_own(
        verdict,
        "verdict",
        form,
        lambda: services.change_verdict(
            verdict, current_user, form.label.data, form.reasoning.data
        ),
        "cases/edit_verdict.html",
        verdict=verdict,
    )


def _edit_own(item, kind: str, form, save, template: str, **context):
    """The edit page of one's own verdict or reply: the assistant's findings with one-click
    Replace buttons, the moderation notice when it waits for a moderator, and saving."""
    text_field = "reasoning" if kind == "verdict" else "body"
    status, checks, message = 200, [], None
    if _redacting():
        checks, message = _run_assistant(form, (text_field,))
    elif request.method == "POST" and form.validate():
        try:
            save()
        except ServiceError as error:
            form.form_errors.append(error.message)
            status = error.status
        else:
            if item.status != ContentStatus.PUBLISHED:
                flash(f"Your {kind} is saved and waits for a moderator.")
                return redirect(url_for(request.endpoint, public_id=item.public_id))
            flash(f"Your {kind} is updated.")
            return redirect(_anchor_url(item.case, kind, item.public_id))
    elif form.errors:
        status = 422
    if not _redacting():  # a Replace click has checked already
        checks, _ = _run_assistant(form, (text_field,))
    return render_template(
        template,
        form=form,
        confirm=ConfirmForm(),
        checks=checks,
        assistant_message=message,
        **context,
        **author_view(item),
    ), status


@bp.post("/verdicts/<public_id>/withdraw")
@login_required
def withdraw_verdict(public_id: str):
    verdict = _own(queries.get_verdict(public_id, current_user), "verdict")
    if not ConfirmForm().validate():
        abort(400)
    case = verdict.case
    services.withdraw_verdict(verdict, current_user)
    flash("Your verdict is withdrawn. Replies to it stay in the discussion of the case.")
    return redirect(url_for("cases.show", public_id=case.public_id))


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
@limiter.limit(lambda: current_app.config["REPLY_RATE_LIMIT"], key_func=member_key)
def add_reply(public_id: str):
    case = queries.get_published_case(public_id, current_user)
    form = ReplyForm()
    if not form.validate():
        return _render_reply_form(case, form, 422)
    verdict, parent = queries.reply_targets(case, form.verdict_id.data, form.parent_id.data)

    def send() -> str:
        reply = services.add_reply(
            case, current_user, form.body.data, verdict=verdict, parent=parent
        )
        if reply.status != ContentStatus.PUBLISHED:
            flash("Your reply is saved and waits for a moderator; see why below.")
            return url_for("cases.edit_reply", public_id=reply.public_id)
        return _anchor_url(case, "reply", reply.public_id)

    try:
        return _once(form.submission.data, send)
    except (Refused, TooSoon) as error:
        form.form_errors.append(error.message)
        response = make_response(_render_reply_form(case, form, error.status))
        if isinstance(error, TooSoon):
            response.headers["Retry-After"] = str(error.retry_after)
        return response


def _once(token: str | None, create) -> Response:
    """Create something once per form token: a double click is sent where the first went."""
    previous = idempotency.claim(current_user.id, token)
    if previous == idempotency.IN_PROGRESS:
        abort(409, "This is already being saved. Wait a moment, then reload the page.")
    if previous:
        return redirect(previous)
    try:
        location = create()
    except Exception:
        idempotency.release(current_user.id, token)
        raise
    idempotency.complete(current_user.id, token, location)
    return redirect(location)


def _render_reply_form(case, form: ReplyForm, status: int = 200):
    """The reply page: what is being answered, and the form (with what was typed)."""
    verdict, parent = queries.reply_targets(case, form.verdict_id.data, form.parent_id.data)
    answering = parent or verdict
    has_judged = queries.has_judged(case, current_user)
    blind = lifecycle.labels_hidden(case, current_user.id, has_judged, utcnow())
    return render_template(
        "cases/reply.html",
        case=case,
        form=form,
        answering=answering,
        answering_is_verdict=answering is not None and answering is verdict,
        answering_alias=queries.alias_on(case, answering) if answering is not None else None,
        answering_label=verdict.label if answering is verdict and verdict and not blind else None,
    ), status


@bp.route("/replies/<public_id>/edit", methods=["GET", "POST"])
@login_required
def edit_reply(public_id: str):
    reply = _own(queries.get_reply(public_id, current_user), "reply")
    form = ReplyForm(data={"body": reply.body_md})
    return _edit_own(
        reply,
        "reply",
        form,
        lambda: services.edit_reply(reply, current_user, form.body.data),
        "cases/edit_reply.html",
        reply=reply,
        public_id=reply.case.public_id,
    )


@bp.post("/replies/<public_id>/delete")
@login_required
def delete_reply(public_id: str):
    reply = _own(queries.get_reply(public_id, current_user), "reply")
    if not ConfirmForm().validate():
        abort(400)
    services.delete_reply(reply, current_user)
    flash("Your reply is deleted.")
    return redirect(url_for("cases.show", public_id=reply.case.public_id))


@bp.post("/verdicts/<public_id>/vote")
@login_required
@limiter.limit(lambda: current_app.config["VOTE_RATE_LIMIT"], key_func=member_key)
def vote_verdict(public_id: str):
    return _vote(queries.get_verdict(public_id), "verdict")


@bp.post("/replies/<public_id>/vote")
@login_required
@limiter.limit(lambda: current_app.config["VOTE_RATE_LIMIT"], key_func=member_key)
def vote_reply(public_id: str):
    return _vote(queries.get_reply(public_id), "reply")


def _vote(target: Verdict | Reply, kind: str):
    """Record a helpful vote; htmx gets the updated widget, a plain form goes back to the case."""
    form = VoteForm()
    if not form.validate():
        abort(400, "Vote with the Helpful or Not helpful button.")
    result = services.vote_helpful(current_user, target, form.helpful.data == "yes")
    if htmx:
        return render_template(
            "partials/vote.html",
            kind=kind,
            target_id=target.public_id,
            helpful_count=result.helpful_count,
            not_helpful_count=result.not_helpful_count,
            my_vote=result.my_vote,
            can_vote=True,
        )
    return redirect(_anchor_url(target.case, kind, target.public_id))


def _anchor_url(case, kind: str, public_id: str) -> str:
    return url_for("cases.show", public_id=case.public_id, _anchor=f"{kind}-{public_id}")


def _own(item, what: str):
    services.require_own(item.member_id, current_user, what)
    return item
