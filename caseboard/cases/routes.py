"""Case pages: lists, search, posting, the case page, verdicts, replies and helpful votes."""

from __future__ import annotations

import json
import re
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
    url_for,
)
from flask_login import current_user, login_required
from markupsafe import Markup

from caseboard import aggregation, cache, follow_ups, form_guard, idempotency, identity, lifecycle
from caseboard.accounts import trust
from caseboard.cases import list_entries, personal, queries, services
from caseboard.cases.forms import (
    CaseForm,
    ConfirmForm,
    FollowUpForm,
    ReplyForm,
    UpdateForm,
    VerdictForm,
    VoteForm,
)
from caseboard.cases.rare_context import rare_context
from caseboard.cases.style_check import MIN_STRANGERS, style_check
from caseboard.curation.similar import similar_cases
from caseboard.errors import NotFound, Refused, ServiceError, TooSoon
from caseboard.extensions import htmx, limiter, member_key
from caseboard.models import ContentStatus, Reply, Verdict
from caseboard.models.base import is_public_id, utcnow
from caseboard.moderation import redaction
from caseboard.moderation.queries import author_view
from caseboard.reading import reads_only
from caseboard.rendering import render_markdown
from caseboard.search import broader_searches, clean_query, parse_query
from caseboard.views import same_for_every_reader, shared_body, with_page
from caseboard.web import LoginColumn, login_column_value, page_number, read_with_login

bp = Blueprint("cases", __name__)


def _viewer():
    return current_user if current_user.is_authenticated else None


# What list entries say besides the title (cases/_case_card.html), for every template.
bp.add_app_template_global(list_entries, "list_entries")
# Where a member's tokens go in HTML every member shares (cases/personal.py).
bp.add_app_template_global(personal.CSRF_MARKER, "CSRF_MARKER")
bp.add_app_template_global(personal.SUBMISSION_MARKER, "SUBMISSION_MARKER")
bp.add_app_template_global(personal.guard_marker, "guard_marker")


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


def _render_list(sort: str, title: str, period: str = "week"):
    link_args = dict(g.filters, **({"period": period} if sort == "top" else {}))
    parts = (tuple(sorted(link_args.items())), page_number())

    def list_html() -> str:
        page = queries.list_cases(
            sort,
            g.filters,
            page=page_number(),
            per_page=current_app.config["CASES_PER_PAGE"],
            now=utcnow(),
            period=period,
        )
        return _case_list(request.endpoint, page, link_args, empty_message="No cases match yet.")

    def list_body() -> str:
        return render_template(
            "cases/_list_body.html", list_html=list_html(), sort=sort, title=title, period=period
        )

    def render() -> str:
        body = shared_body(parts, list_body)
        return render_template("cases/list.html", body_html=body, title=title)

    return same_for_every_reader(cache.LISTS, parts, render, args=with_page(link_args))


@bp.get("/")
@reads_only
@cache.kept_briefly
def home():
    return _render_list("hot", "Hot cases")


@bp.get("/new")
@reads_only
@cache.kept_briefly
def newest():
    return _render_list("new", "New cases")


@bp.get("/top")
@reads_only
@cache.kept_briefly
def top():
    period = request.args.get("period", "week")
    if period not in queries.TOP_PERIODS:
        period = "week"
    return _render_list("top", "Top cases", period)


@bp.get("/divisive")
@reads_only
@cache.kept_briefly
def divisive():
    return _render_list("divisive", "Divisive cases")


@bp.get("/needs-verdicts")
@reads_only
@cache.kept_briefly
def needs_verdicts():
    return _render_list("needs", "Cases that need verdicts")


@bp.get("/search")
@reads_only
@cache.kept_briefly
def search():
    query = clean_query(request.args.get("q") or "")
    parsed = parse_query(query)
    link_args = dict(g.filters, q=query)

    def search_body() -> str:
        list_html, found = None, None
        if query:
            per_page = current_app.config["CASES_PER_PAGE"]
            found = queries.search_page(parsed, g.filters, page=page_number(), per_page=per_page)
            list_html = _case_list(
                "cases.search",
                found,
                link_args,
                intro=f"Cases matching “{query}”, best matches first:",
                empty_message=f"No cases match “{query}”.",
                snippets=found.snippets,
            )
        return render_template(
            "cases/_search_body.html",
            query=query,
            parsed=parsed,
            list_html=list_html,
            nothing_found=found is not None and not found.items and found.number == 1,
            broader=broader_searches(parsed),
        )

    def render() -> str:
        body = shared_body(parts, search_body)
        return render_template("cases/search.html", body_html=body, query=query)

    parts = (tuple(sorted(link_args.items())), page_number())
    return same_for_every_reader(cache.LISTS, parts, render, args=with_page(link_args))


CASE_TEXT_FIELDS = ("title", "situation", "why_wrong", "help_wanted")


@bp.route("/cases/new", methods=["GET", "POST"])
@login_required
@limiter.limit(
    lambda: _posting_limit("POST_CASE_RATE_LIMIT"),
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
                signals = form_guard.signals("case", request.form, current_user)
                case = services.post_case(current_user, _draft(form), signals=signals)
                if case.status == ContentStatus.PUBLISHED:
                    flash("Your case is published. Verdicts will appear below as peers respond.")
                elif case.status == ContentStatus.SCHEDULED:
                    flash("Your case is saved and appears on the board in a few minutes.")
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
    rare = style = None
    if preview:
        rare = rare_context(
            form.discipline.data, form.level.data, form.topic.data, current_user.id, utcnow()
        )
        style = style_check(_draft(form).texts(), current_user.id)
    return render_template(
        "cases/new.html",
        form=form,
        preview=preview,
        rare=rare,
        style=style,
        min_strangers=MIN_STRANGERS,
        checks=checks,
        assistant_message=message,
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
@reads_only
@cache.kept_briefly
def show(public_id: str):
    _read_my_part_with_login(public_id)
    case = queries.get_published_case(public_id, _viewer(), with_updates=True)
    if case.status != ContentStatus.PUBLISHED:  # only its author gets here
        return render_template("cases/waiting.html", case=case, **author_view(case))
    order = _order(case)
    return same_for_every_reader(
        cache.case_scope(case.id),
        (case.id, page_number(), order),
        lambda: _render_case(case, order=order)[0],
        args=with_page({}),
    )


# A young case shows its verdicts in one of this many shuffled orders: enough that early
# verdicts don't snowball, few enough that each order's page is rendered once and shared.
SHUFFLED_ORDERS = 8


def _order(case) -> str:
    """Which shuffled order a young case shows: the member's own among SHUFFLED_ORDERS (the
    same on every visit), or for readers without an account (who get no cookie) one picked
    at random per visit. Empty when the case is not young."""
    if not lifecycle.is_young(case, utcnow(), current_app.config["YOUNG_CASE_HOURS"]):
        return ""
    if current_user.is_authenticated:
        number = identity.order_of(current_user.id, case.id, SHUFFLED_ORDERS)
    else:
        number = secrets.randbelow(SHUFFLED_ORDERS)
    return f"order:{number}"


# The member's own part of a case, as a column of the query that logs them in.
_MY_PART_WITH_LOGIN = "my part"


def _read_my_part_with_login(public_id: str) -> None:
    """Have the member's login query read their own part of this case too, so a case page
    costs one query fewer; _my_part takes it from there. Only for an address that can be a
    case's: the rest are not found, and PostgreSQL refuses some (a NUL byte) outright."""
    if not is_public_id(public_id):
        return
    column = LoginColumn(_MY_PART_WITH_LOGIN, queries.my_part_column, {"my_part_case": public_id})
    if read_with_login(column):
        g.my_part_of = public_id


def _my_part(case) -> queries.MyPart | None:
    """The member's own part of the case (None for a reader): read with their login when the
    page asked for it (_read_my_part_with_login), else in a query of its own."""
    if not current_user.is_authenticated:
        return None
    if g.pop("my_part_of", None) == case.public_id:
        return queries.read_my_part(login_column_value())
    return queries.my_part(case, current_user)


def _blind(case, mine: queries.MyPart | None, now) -> bool:
    viewer_id = current_user.id if current_user.is_authenticated else None
    return lifecycle.labels_hidden(case, viewer_id, mine is not None and bool(mine.verdict), now)


def _shared_html(
    case, mine, template: str, parts: tuple, load, regions: dict | None = None, **context
) -> Markup:
    """HTML every member (or every reader) sees alike, from the case's cache, with the
    member's own part laid over it (`regions`: their own HTML for a region, where it differs
    from every member's). A member with a reply waiting for a moderator gets the page
    rendered for them, since their reply is on no shared page."""
    member = mine is not None
    editable = _editable(case)

    def render(with_own: bool = False) -> str:
        own_of = current_user if with_own else None
        return render_template(
            template, case=case, member=member, is_open=editable, **load(own_of), **context
        )

    if mine is not None and mine.waiting_replies:
        shared = render(with_own=True)
    else:
        key = (template, member, editable, bool(case.locked_at), *parts)
        shared = cache.cached_fragment(cache.case_scope(case.id), key, render)
    return personal.lay_over(shared, mine, verdict_editable=editable, regions=regions)


def _editable(case) -> bool:
    """Whether the case takes verdicts, and verdicts on it can still be edited or withdrawn."""
    return case.is_open(utcnow()) and not case.locked_at


def _discussion_html(
    case, mine, blind: bool, order: str, *, more_in_place: bool = False, **forms
) -> Markup:
    """From "Your verdict" down, as this member sees it: one page of the case's verdicts with
    the start of each thread, the comments and similar cases; or, added in place, the next
    page of verdicts alone. `forms`: a form of the member's that was refused."""
    shown = queries.Shown(
        current_app.config["THREAD_REPLIES_SHOWN"], current_app.config["CASE_COMMENTS_SHOWN"]
    )

    def load(own_of) -> dict:
        discussion = queries.case_discussion(
            case,
            page=page_number(),
            per_page=current_app.config["VERDICTS_PER_PAGE"],
            shown=shown,
            reader=order,
            member=own_of,
        )
        if more_in_place:
            return {"discussion": discussion}
        parts = {"discussion": discussion, "similar": similar_cases(case)}
        if mine is not None:  # readers get no forms: a form would start them a session
            parts["blank_verdict_form"] = VerdictForm(formdata=None)
            parts["blank_comment_form"] = _comment_form(ReplyForm(formdata=None))
        return parts

    template = "cases/_verdict_page.html" if more_in_place else "cases/_discussion.html"
    regions = None if more_in_place else _own_forms(case, mine, **forms)
    return _shared_html(
        case,
        mine,
        template,
        (page_number(), order, blind),
        load,
        regions,
        blind=blind,
        more_in_place=more_in_place,
    )


def _comment_form(form: ReplyForm) -> ReplyForm:
    _set_id(form.body, "comment-body")  # the update form has a "body" too
    return form


def _own_forms(case, mine, verdict_form=None, reply_form=None) -> dict[str, str]:
    """A member's own "Your verdict" and comment form, where they differ from the blank ones
    every member shares: the case is theirs, they judged it, or a form came back refused."""
    if mine is None:
        return {}
    macros, csrf, regions = personal.case_forms(), personal.CSRF_MARKER, {}
    is_author = current_user.id == case.author_id
    if is_author or mine.verdict is not None or verdict_form is not None:
        regions["give-verdict"] = macros.give_verdict(
            case,
            True,
            _editable(case),
            verdict_form or VerdictForm(formdata=None),
            csrf,
            is_author=is_author,
            mine=mine.verdict,
        )
    if reply_form is not None:
        form = _comment_form(reply_form)
        regions["comment-form"] = macros.comment_form(case, form, csrf, form.submission.data)
    return regions


def _render_case(case, status: int = 200, order: str | None = None, **forms):
    """The case page; a refused form comes back in `forms` with what the member typed."""
    now = utcnow()
    mine = _my_part(case)
    blind = _blind(case, mine, now)
    order = order if order is not None else _order(case)
    if case.closed_at is not None:
        outcome = lifecycle.stored_outcome(case)
    elif not case.is_open(now):  # the closing job has not run yet: the same sums, live
        outcome = aggregation.summarize(case.tally)
    else:
        outcome = None
    own = {name: forms.pop(name) for name in ("verdict_form", "reply_form") if name in forms}
    if mine is not None and current_user.id == case.author_id:
        forms.setdefault("update_form", UpdateForm(formdata=None))
        if case.closed_at is not None and not case.locked_at:
            forms.setdefault("follow_up_form", FollowUpForm(formdata=None))
    return render_template(
        "cases/show.html",
        case=case,
        now=now,
        blind=blind,
        outcome=outcome,
        following=mine is not None and mine.following,
        shared_html=_discussion_html(case, mine, blind, order, **own),
        **forms,
    ), status


@bp.get("/cases/<public_id>/verdicts")
@reads_only
def more_verdicts(public_id: str):
    """The next page of verdicts, for htmx to add in place under the ones on screen; without
    htmx, that page of the case."""
    case = queries.get_published_case(public_id)
    if not htmx:
        return redirect(url_for("cases.show", public_id=public_id, page=page_number()))
    mine = _my_part(case)
    html = _discussion_html(
        case, mine, _blind(case, mine, utcnow()), _order(case), more_in_place=True
    )
    response = make_response(html)
    first = _FIRST_VERDICT.search(html)
    if first:
        _focus(response, f"#{first.group(1)}")
    return response


_FIRST_VERDICT = re.compile(r'<article class="verdict" id="(verdict-[\w-]+)"')


@bp.get("/cases/<public_id>/verdicts/<verdict>")
@reads_only
def verdict_thread(public_id: str, verdict: str):
    """A verdict and its whole thread, on a page of its own. htmx gets the thread alone, to
    put in place of the start of it that the case page shows."""
    _read_my_part_with_login(public_id)
    case = queries.get_published_case(public_id)
    shown_verdict = queries.get_verdict(verdict, _viewer())
    if shown_verdict.case_id != case.id:
        raise NotFound("That verdict is not on this case.")
    return _thread_page(case, shown_verdict)


@bp.get("/cases/<public_id>/comments")
@reads_only
def case_comments(public_id: str):
    """Every comment on the case itself, on a page of their own (htmx: the thread alone)."""
    _read_my_part_with_login(public_id)
    return _thread_page(queries.get_published_case(public_id), None)


def _thread_page(case, verdict: Verdict | None):
    mine = _my_part(case)
    list_id = f"replies-verdict-{verdict.public_id}" if verdict else "replies-case"

    def load(own_of) -> dict:
        return {"nodes": queries.whole_thread(case, verdict, own_of)}

    html = _shared_html(case, mine, "cases/_thread.html", (list_id,), load, list_id=list_id)
    if htmx:
        response = make_response(html)
        shown = current_app.config["THREAD_REPLIES_SHOWN" if verdict else "CASE_COMMENTS_SHOWN"]
        first_new = queries.reply_after(case, verdict, shown)
        if first_new is not None:  # the first the case page did not show takes focus
            _focus(response, f"#reply-{first_new}")
        return response
    return render_template(
        "cases/thread.html",
        case=case,
        verdict=verdict,
        alias=queries.alias_on(case, verdict) if verdict else None,
        blind=_blind(case, mine, utcnow()),
        mine=mine or queries.MyPart(),
        editable=_editable(case),
        thread_html=html,
    )


def _focus(response, target: str) -> None:
    """Have static/caseboard.js move focus to `target` once htmx has put it in place."""
    response.headers["HX-Trigger-After-Settle"] = json.dumps(
        {"caseboard:focus": {"target": target}}
    )


def _posting_limit(setting: str) -> str:
    """A posting limit for the member sending this request: the tighter NEW_MEMBER_ one
    while they are a new or limited member (accounts/trust.py), the usual one after."""
    tighter = f"NEW_MEMBER_{setting}"
    if (
        tighter in current_app.config
        and current_user.is_authenticated
        and trust.current_level(current_user) < trust.TrustLevel.TRUSTED
    ):
        return current_app.config[tighter]
    return current_app.config[setting]


def _rate_limit(setting: str, form: str):
    """A case-page form's rate limit: one allowance, whether the form is posted to its own
    address or to the case's (whose POST counts only against the form it carries)."""
    return limiter.shared_limit(
        lambda: _posting_limit(setting),
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
        verdict = services.give_verdict(
            case,
            current_user,
            form.label.data,
            form.reasoning.data,
            signals=form_guard.signals("verdict", request.form, current_user),
        )
    except ServiceError as error:
        form.form_errors.append(error.message)
        return _render_case(case, error.status, verdict_form=form)
    if verdict.status != ContentStatus.PUBLISHED:
        flash("Your verdict is saved and waits for a moderator; see why below.")
        return redirect(url_for("cases.edit_verdict", public_id=verdict.public_id))
    flash("Your verdict is in. Thank you for helping.")
    return redirect(_place_of(verdict))


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
            return redirect(_place_of(item))
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
            case,
            current_user,
            form.body.data,
            verdict=verdict,
            parent=parent,
            signals=form_guard.signals("reply", request.form, current_user),
        )
        sent.append(reply)
        if reply.status != ContentStatus.PUBLISHED:
            if not htmx:  # in place, the reply itself says so
                flash("Your reply is saved and waits for a moderator; see why below.")
            return url_for("cases.edit_reply", public_id=reply.public_id)
        return _place_of(reply)

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
            member=True,
        )
    )
    # The reply is the member's own: the same lay-over as the case page gives it its edit link.
    mine = queries.MyPart(written={("reply", reply.public_id): (0, 0)})
    response.set_data(personal.lay_over(response.get_data(as_text=True), mine))
    _focus(response, f"#reply-{reply.public_id}")
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
        response = make_response(
            render_template(
                "partials/vote.html",
                kind=kind,
                target_id=target.public_id,
                helpful_count=result.helpful_count,
                not_helpful_count=result.not_helpful_count,
                my_vote=result.my_vote,
                can_vote=True,
            )
        )
        # The page's one votes form sent it: the answer replaces the widget that was clicked.
        response.headers["HX-Retarget"] = f"#{kind}-{target.public_id}-vote"
        response.headers["HX-Reswap"] = "outerHTML"
        return response
    return redirect(_anchor_url(target.case, kind, target.public_id))


def _anchor_url(case, kind: str, public_id: str) -> str:
    return url_for("cases.show", public_id=case.public_id, _anchor=f"{kind}-{public_id}")


def _place_of(item: Verdict | Reply) -> str:
    """Where a verdict or reply is sure to be on screen, whatever page of the case holds it:
    its verdict's own page (with the whole thread), or the page of the case's comments."""
    anchor = f"{'verdict' if isinstance(item, Verdict) else 'reply'}-{item.public_id}"
    verdict = item if isinstance(item, Verdict) else queries.verdict_of_reply(item)
    if verdict is None:
        return url_for("cases.case_comments", public_id=item.case.public_id, _anchor=anchor)
    return url_for(
        "cases.verdict_thread",
        public_id=item.case.public_id,
        verdict=verdict.public_id,
        _anchor=anchor,
    )


def _own(item, what: str):
    services.require_own(item.member_id, current_user, what)
    return item
