"""Case pages: lists, search, posting, the case page, verdicts, replies and helpful votes."""

from __future__ import annotations

import json
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

from caseboard import aggregation, cache, follow_ups, idempotency, lifecycle, welcome
from caseboard.cases import list_entries, queries, services
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
from caseboard.search import broader_searches, clean_query, parse_query
from caseboard.web import page_number

bp = Blueprint("cases", __name__)


def _viewer():
    return current_user if current_user.is_authenticated else None


def _same_for_every_reader(scope: str, parts: tuple, render, *, args: dict | None = None) -> str:
    """A page that every reader without an account sees alike is rendered once per change
    (once with the welcome note and once without, for readers who hid it).

    `args` are the page's normalized query arguments, among what `parts` keys it by: the
    only ones a link back to it may carry (the welcome's return address), since one
    reader's stray arguments would otherwise be cached for every reader.
    """
    g.page_args = {name: value for name, value in (args or {}).items() if value}
    if current_user.is_authenticated or session.get("_flashes"):
        return render()
    key = ("page", request.endpoint, welcome.dismissed(), *parts)
    return cache.cached_fragment(scope, key, render)


def _with_page(args: dict) -> dict:
    """A page's arguments with its page number, when past the first."""
    return dict(args, page=page_number()) if page_number() > 1 else dict(args)


# What list entries say besides the title (cases/_case_card.html), for every template.
bp.add_app_template_global(list_entries, "list_entries")


def _case_list(endpoint: str, page, link_args: dict, **context) -> str:
    """A page of cases as every reader sees it: the member's own marks are empty slots."""
    return render_template(
        "cases/_case_list.html",
        page=page,
        endpoint=endpoint,
        link_args=link_args,
        now=utcnow(),
        **context,
    )


def _list_html(endpoint: str, load, link_args: dict, **context) -> str:
    """The rendered list of cases, from Redis when another reader asked for it recently."""
    number = page_number()
    key = (endpoint, tuple(sorted(link_args.items())), number)
    # Shared by every reader; the member's own marks go in after the cache, never into it.
    shared = cache.cached_fragment(
        cache.LISTS, key, lambda: _case_list(endpoint, load(number), link_args, **context)
    )
    return list_entries.with_judged_marks(shared, _viewer())


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
    return _same_for_every_reader(cache.LISTS, parts, render, args=_with_page(link_args))


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
    query = clean_query(request.args.get("q") or "")
    parsed = parse_query(query)
    link_args = dict(g.filters, q=query)

    def render() -> str:
        list_html, found = None, None
        if query:
            per_page = current_app.config["CASES_PER_PAGE"]
            # Loaded here, not through the lists' Redis cache: the page needs to know when
            # nothing was found, to suggest a broader search, and readers get the whole page
            # from the cache anyway.
            found = queries.search_page(parsed, g.filters, page=page_number(), per_page=per_page)
            shared = _case_list(
                "cases.search",
                found,
                link_args,
                intro=f"Cases matching “{query}”, best matches first:",
                empty_message=f"No cases match “{query}”.",
                snippets=found.snippets,
            )
            list_html = list_entries.with_judged_marks(shared, _viewer())
        return render_template(
            "cases/search.html",
            query=query,
            parsed=parsed,
            list_html=list_html,
            nothing_found=found is not None and not found.items and found.number == 1,
            broader=broader_searches(parsed),
        )

    parts = (tuple(sorted(link_args.items())), page_number())
    return _same_for_every_reader(cache.LISTS, parts, render, args=_with_page(link_args))


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
        args=_with_page({}),
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
        _set_id(forms["reply_form"].body, "comment-body")  # the update form has a "body" too
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
        following=page.following,
        **forms,
    ), status


def _rate_limit(setting: str, form: str):
    """A case-page form's rate limit: one allowance, whether the form is posted to its own
    address or to the case's (whose POST counts only against the form it carries)."""
    return limiter.shared_limit(
        lambda: current_app.config[setting],
        scope=f"case-form-{form}",
        key_func=member_key,
        exempt_when=lambda: (
            request.endpoint == "cases.case_form" and request.form.get("case_form") != form
        ),
    )


# Each case-page form's one allowance, on its own address and on the case's.
FORM_LIMITS = {
    form: _rate_limit(setting, form)
    for form, setting in (
        ("verdict", "VERDICT_RATE_LIMIT"),
        ("comment", "REPLY_RATE_LIMIT"),
        ("update", "EDIT_RATE_LIMIT"),
        ("follow-up", "EDIT_RATE_LIMIT"),
    )
}


@bp.post("/cases/<public_id>/updates")
@login_required
@FORM_LIMITS["update"]
def add_update(public_id: str):
    return _add_update(queries.get_published_case(public_id, current_user))


def _add_update(case):
    form = UpdateForm()
    if not form.validate():
        return _render_case(case, 422, update_form=form)
    try:
        services.add_update(case, current_user, form.body.data)
    except Refused as error:
        form.form_errors.append(error.message)
        return _render_case(case, error.status, update_form=form)
    flash("Your update is added below the original.")
    return redirect(url_for("cases.show", public_id=case.public_id, _anchor="updates"))


@bp.post("/cases/<public_id>/follow-up")
@login_required
@FORM_LIMITS["follow-up"]
def follow_up(public_id: str):
    return _answer_follow_up(queries.get_published_case(public_id, current_user))


def _answer_follow_up(case):
    """The author says, after the close, how it played out and whether the advice helped."""
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
    return redirect(url_for("cases.show", public_id=case.public_id, _anchor="follow-ups"))


@bp.post("/cases/<public_id>/verdicts")
@login_required
@FORM_LIMITS["verdict"]
def give_verdict(public_id: str):
    return _give_verdict(queries.get_published_case(public_id, current_user))


def _give_verdict(case):
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


def _comment_on_case(case):
    """The case page's comment form: refused, it comes back on the case page."""
    return _send_reply(case, lambda form, status: _render_case(case, status, reply_form=form))


# The case page's forms post to the case's own address, with the form's anchor: a refused one
# comes back at the case's address, scrolled to its error summary, and a reload shows the case.
# A hidden `case_form` field names the form; its handler is the one its own address uses.
CASE_PAGE_FORMS = {
    "verdict": _give_verdict,
    "comment": _comment_on_case,
    "update": _add_update,
    "follow-up": _answer_follow_up,
}


@bp.post("/cases/<public_id>")
@login_required
@FORM_LIMITS["verdict"]
@FORM_LIMITS["comment"]
@FORM_LIMITS["update"]
@FORM_LIMITS["follow-up"]
def case_form(public_id: str):
    handler = CASE_PAGE_FORMS.get(request.form.get("case_form", ""))
    if handler is None:
        abort(
            400,
            "The case page has no form by that name, so nothing was saved. Reload the case "
            "and send it again; what you wrote is below.",
        )
    return handler(queries.get_published_case(public_id, current_user))


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
@FORM_LIMITS["comment"]
def add_reply(public_id: str):
    """A reply from the reply page, or from a form opened in place with htmx."""
    case = queries.get_published_case(public_id, current_user)
    return _send_reply(case, lambda form, status: _render_reply_form(case, form, status))


def _send_reply(case, refused):
    """Send a reply once per form token. `refused(form, status)` shows the form again with
    what was typed and why; htmx gets the new reply in its thread instead of a redirect."""
    form = ReplyForm()
    if not form.validate():
        return refused(form, 422)
    sent: list[Reply] = []

    def send() -> str:
        reply = services.add_reply(
            case, current_user, form.body.data, verdict=verdict, parent=parent
        )
        sent.append(reply)
        if reply.status != ContentStatus.PUBLISHED:
            if not htmx:  # in place, the reply itself says so
                flash("Your reply is saved and waits for a moderator; see why below.")
            return url_for("cases.edit_reply", public_id=reply.public_id)
        return _anchor_url(case, "reply", reply.public_id)

    try:
        verdict, parent = queries.reply_targets(case, form.verdict_id.data, form.parent_id.data)
        response = _once(form.submission.data, send)
    except ServiceError as error:
        form.form_errors.append(error.message)
        response = make_response(refused(form, error.status))
        if isinstance(error, TooSoon):
            response.headers["Retry-After"] = str(error.retry_after)
        return response
    if htmx:
        if not sent:  # a repeat of a form already sent
            return render_template("cases/_reply_sent.html", already=response.location)
        return _reply_in_place(case, sent[0], _thread_of(verdict, parent))
    return response


def _thread_of(verdict: Verdict | None, parent: Reply | None) -> str:
    """The id of the list a new reply joins on the case page (cases/_replies.html)."""
    if parent is not None:
        return f"replies-reply-{parent.public_id}"
    if verdict is not None:
        return f"replies-verdict-{verdict.public_id}"
    return "replies-case"


def _reply_in_place(case, reply: Reply, thread: str):
    """htmx's answer to a reply sent in place: the form closes, the reply joins the end of
    its thread (the list whose id is `thread`) and takes focus (static/caseboard.js)."""
    response = make_response(
        render_template(
            "cases/_reply_sent.html",
            case=case,
            node=queries.ReplyNode(reply, queries.alias_on(case, reply)),
            thread=thread,
            page={"reply_votes": {}},
        )
    )
    response.headers["HX-Trigger-After-Settle"] = json.dumps(
        {"caseboard:focus": {"target": f"#reply-{reply.public_id}"}}
    )
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
    """The reply page: what is being answered, and the form (with what was typed). htmx gets
    the form alone, to open in place under what it answers on the case page."""
    # Checked first, in place too: a form answering nothing that exists is a 404 at once,
    # not a refusal after the member has typed their reply.
    verdict, parent = queries.reply_targets(case, form.verdict_id.data, form.parent_id.data)
    if htmx:
        # Several can be open on the case page at once, beside its comment form: each text
        # box needs an id of its own for its label and the error summary's link.
        _set_id(form.body, f"reply-body-{form.parent_id.data or form.verdict_id.data}")
        return render_template("cases/_reply_form.html", case=case, form=form, inline=True), status
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


def _set_id(field, id_: str) -> None:
    """Give a form field another id, for its label, its hint and error, and links to it."""
    field.id = field.label.field_id = id_


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
