"""No crafted request gets a 500 (issue 14, point 5): hypothesis sends every route of the app
that takes a POST random, missing, repeated, oversized and wrongly typed fields, urlencoded,
multipart (with files under field names), as JSON and as bytes, with and without htmx; and
the GET routes random query strings. As a reader without an account, as a member (who wrote
the case, the verdict and the reply in the URLs) and as a moderator (an admin, so the admin
pages are reached too). Every answer must be below 500.

The URL variables are filled with the ids of real objects, made once per test (a case, a
verdict, a reply, a held case's queue item, a moderator's action, an edition, an unsubscribe
token), or with random strings. Each route gets a modest number of examples, derandomized, so
every run sends the same requests: a failure here is a bug in the app, to fix there with a
regression test of its own.
"""

from __future__ import annotations

import io
import json
import logging
import os
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from caseboard import mail, taxonomy
from caseboard.accounts.services import register
from caseboard.cases import services
from caseboard.curation import editions, weeks
from caseboard.extensions import db
from caseboard.models import Member, Role
from caseboard.models.base import utcnow
from caseboard.moderation import decisions, reports
from caseboard.moderation.forms import SANCTION_CHOICES
from caseboard.moderation.queries import reason_templates
from caseboard.notifications.forms import MarkReadForm
from caseboard.notifications.kinds import EMAIL_KINDS
from caseboard.notifications.services import notify
from tests.conftest import CASE_FIELDS, PASSWORD, REASONING
from tests.functional.curation_helpers import LONG_REASONING, close_case, published_edition
from tests.functional.moderation_helpers import EMAIL_IN_CASE, open_item_for

# Examples per route and visitor. To hunt longer, or with other requests than CI's:
# CASEBOARD_FUZZ_EXAMPLES=300 sets both, CASEBOARD_FUZZ_RANDOM=1 draws new ones each run,
# CASEBOARD_FUZZ_ONLY=/report fuzzes only the addresses with that in them.
POST_EXAMPLES = int(os.environ.get("CASEBOARD_FUZZ_EXAMPLES", 20))
GET_EXAMPLES = int(os.environ.get("CASEBOARD_FUZZ_EXAMPLES", 12))

# How each route answered, by visitor: CASEBOARD_FUZZ_ANSWERS=1 prints it (pytest -s), to see
# how deep the requests reach (a route that only ever answers 404 is not being tested much).
ANSWERS: Counter = Counter()

FUZZ_SETTINGS = settings(
    deadline=None,
    # The same requests on every run, so CI is repeatable (they depend on this file's text).
    derandomize=not os.environ.get("CASEBOARD_FUZZ_RANDOM"),
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=False,
)

# Routes not worth fuzzing: the static files, and the load balancer's probe.
SKIPPED_ENDPOINTS = {"static", "healthz"}
# Run last: what they do (log out, delete, withdraw) would leave later routes less to reach.
LAST_WORDS = ("logout", "delete", "withdraw", "remove", "unfollow", "release")

ODD_TEXT = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n",
    "\u202e\u2066",
    "\ufeff",
    "<script>alert(1)</script>",
    "{{ 7*7 }}",
    "' OR 1=1 --",
    "../../etc/passwd",
    "0",
    "-1",
    "1e309",
    "NaN",
    "9" * 30,
    "999999999999999999",
    "-99999999999999999999",
    "²",
    "٣",
    "on",
    "yes",
    "no",
    "true",
    "null",
    "[]",
    "{}",
    "9999-W52",
    "0000-W00",
    "2026-W53",
    "2100-W53",
    "9999-12-31T23:59",
    "0001-01-01T00:00",
    "2026-02-30T25:61",
    "//evil.example/",
    "/\t/evil.example/",
    "/%0A/evil",
    "http://evil.example/",
    "%",
    "%ZZ",
    "\ud7ff\ue000\U0010ffff",
]


def _oversized():
    return st.builds(
        lambda piece, count: piece * count,
        st.sampled_from(["x", "é", "€ ", "\n", "a\x00", "word "]),
        st.sampled_from([2_001, 10_001, 30_001]),
    )


JUNK = st.one_of(
    st.sampled_from(ODD_TEXT),
    st.text(max_size=30),
    st.integers().map(str),
    _oversized(),
)
# Field names: random, and ones that are odd in a form (a prefix alone, a quote or a backslash
# or a newline that a multipart header cannot carry as they are).
NAMES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(["", "-", "h1-", "x-title", "__proto__", "\\", 'a"b', "\r\n", "é"]),
)


# What each POST route's form holds: most requests send most of it, so they get past the
# form to what it does. "{highlight}" is a case's prefix on the builder, "{reason}" a reason
# template's code on the reasons page.
FORMS = {
    "accounts.register": ["username", "email", "password", "confirm"],
    "accounts.login": ["username", "password"],
    "accounts.change_password": ["current", "password", "confirm"],
    "accounts.delete_account": ["content", "password"],
    "accounts.change_address": ["email", "password"],
    "accounts.forgot_password": ["email"],
    "accounts.reset_password": ["password", "confirm"],
    "cases.post_case": [*CASE_FIELDS, "action", "submission", "redact"],
    "cases.revise_case": [*CASE_FIELDS, "redact"],
    "cases.case_form": ["case_form", "label", "reasoning", "body", "advice_helped"],
    "cases.give_verdict": ["label", "reasoning"],
    "cases.edit_verdict": ["label", "reasoning", "redact"],
    "cases.add_reply": ["body", "verdict_id", "parent_id", "submission"],
    "cases.edit_reply": ["body", "redact"],
    "cases.add_update": ["body"],
    "cases.follow_up": ["body", "advice_helped"],
    "cases.vote_verdict": ["helpful"],
    "cases.vote_reply": ["helpful"],
    "moderation.report": ["reason", "details"],
    "moderation.appeal": ["text"],
    "moderation.decide": ["action", "reason_code", "reason_text", "sanction", "suspend_days"],
    "moderation.act": ["action", "reason_code", "reason_text", "next"],
    "moderation.remove_author_spam": ["confirm"],
    "moderation.reasons": ["code", "{reason}-title", "{reason}-body"],
    "moderation.moderators": ["username", "grant"],
    "notifications.mark_all_read": ["through"],
    "notifications.settings": ["kinds"],
    "pages.dismiss_welcome": ["next"],
    "curate.start": ["week"],
    "curate.save_edition": ["title", "intro", "version", "note"],
    "curate.add_case": ["case", "note"],
    "curate.save_highlight": [
        "{highlight}-takeaway",
        "{highlight}-questions",
        "{highlight}-version",
        "{highlight}-note",
    ],
    "curate.move": ["case", "direction", "note"],
    "curate.remove": ["case", "note"],
    "curate.publish": ["previewed"],
    "curate.schedule": ["previewed", "at"],
}
# POST routes that read no field (a button, or a form with only its CSRF token): they get a
# few fields of other forms, and random ones.
NO_FORM = {
    "accounts.end_other_sessions",
    "accounts.logout",
    "accounts.remove_address",
    "cases.delete_reply",
    "cases.withdraw_verdict",
    "curate.unschedule",
    "following.follow",
    "following.unfollow",
    "moderation.claim",
    "moderation.release",
    "notifications.unsubscribe",
}


@dataclass
class World:
    """The objects the URLs and fields name, and the visitors' credentials."""

    # By URL variable name, or by an address's start ("/verdicts/") and then variable name.
    ids: dict[str, list[str] | dict[str, list[str]]] = field(default_factory=dict)
    values: dict[str, list[str]] = field(default_factory=dict)  # plausible, by field name
    fields: dict[str, list[str]] = field(default_factory=dict)  # a route's form, by endpoint
    usernames: dict[str, str] = field(default_factory=dict)  # by visitor


def _member(username: str, role: str = Role.MEMBER) -> Member:
    member = register(username, PASSWORD, f"{username}@example.com")
    member.role = role
    db.session.commit()
    return member


def _build_world(make_case) -> World:
    author = _member("fuzz_author")
    other = _member("fuzz_other")
    bystander = _member("fuzz_bystander")
    mod = _member("fuzz_mod", Role.ADMIN)
    second_mod = _member("fuzz_mod_two", Role.MODERATOR)

    own_case = make_case(author)
    others_case = make_case(other, title="AITA for asking a teammate to stop interrupting me?")
    verdict = services.give_verdict(others_case, author, "NTA", REASONING)
    other_verdict = services.give_verdict(own_case, other, "YTA", REASONING)
    reply = services.add_reply(others_case, author, "A reply with enough words in it, I hope.")
    other_reply = services.add_reply(
        own_case, other, "Another reply, to the author's case.", verdict=other_verdict
    )
    removed = services.add_reply(others_case, author, "A reply a moderator removes later on.")
    action = decisions.act(removed, second_mod, "remove", reason_code="unkind")

    held = make_case(author, situation=CASE_FIELDS["situation"] + " " + EMAIL_IN_CASE)
    item = open_item_for(f"case:{held.id}")

    closed = [make_case(other, title=f"AITA for closing case number {n} early?") for n in (1, 2)]
    for case in closed:
        services.give_verdict(case, bystander, "NTA", LONG_REASONING)
        close_case(case)
    own_closed = make_case(author, title="AITA for a case of mine that has closed now?")
    services.give_verdict(own_closed, other, "NTA", LONG_REASONING)
    close_case(own_closed)

    published = published_edition(mod, [closed[0]], when=utcnow() - timedelta(weeks=1))
    draft = editions.start_edition(mod, *weeks.week_of(utcnow()))
    highlight = editions.add_case(draft, mod, closed[1])
    editions.add_case(draft, mod, own_closed)

    notify(author.id, "closed", "Your case closed.", own_case)
    db.session.commit()
    token = mail.unsubscribe_token(author.ensure_mail_key(), next(iter(EMAIL_KINDS)))
    db.session.commit()

    cases = [own_case, others_case, held, own_closed, *closed]
    verdicts = [verdict.public_id, other_verdict.public_id]
    replies = [reply.public_id, other_reply.public_id, removed.public_id]
    world = World()
    world.usernames = {"member": author.username, "moderator": mod.username}
    world.ids = {
        "public_id": [c.public_id for c in cases] + verdicts + replies,
        "verdict": verdicts,
        "kind": ["case", "verdict", "reply"],
        "key": [published.key, draft.key, "9999-W52", "2026-W53"],
        "action_id": [action.public_id],
        "token": [token, token[:-2]],
        "/cases/": {"public_id": [c.public_id for c in cases]},
        # The case the reply form's verdict_id and parent_id values are on, mostly.
        "/cases/<public_id>/replies": {"public_id": [others_case.public_id, own_case.public_id]},
        "/verdicts/": {"public_id": verdicts},
        "/replies/": {"public_id": replies},
        "/mod/items/": {"public_id": [item.public_id]},
        "/library/": {"public_id": [closed[0].public_id, own_case.public_id]},
        "/mod/highlights/<key>/cases/": {
            "public_id": [closed[1].public_id, own_closed.public_id, closed[0].public_id],
            "key": [draft.key],
        },
    }
    prefix = f"h{highlight.id}"
    codes = [template.code for template in reason_templates()]
    world.fields = {
        endpoint: [
            name.format(highlight=prefix, reason=code)
            for name in names
            for code in (codes[:2] if "{reason}" in name else codes[:1])
        ]
        for endpoint, names in FORMS.items()
    }
    soon = utcnow() + timedelta(days=2)
    world.values = {
        **{name: [value] for name, value in CASE_FIELDS.items()},
        **{name: list(vocabulary) for name, vocabulary in taxonomy.FILTERS.items()},
        "support_kind": list(taxonomy.SUPPORT_KINDS),
        "action": ["post", "preview", "lock", "unlock", "remove", "restore"]
        + sorted({a for actions in decisions.ITEM_ACTIONS.values() for a in actions}),
        "submission": ["fuzz-token-1", "fuzz-token-2"],
        "redact": ["all", "email:0:5", "email:99999999999999999999:1", "nothing:0:0", "::"],
        "case_form": ["verdict", "comment", "update", "follow-up"],
        "label": list(taxonomy.LABEL_CODES),
        "reasoning": [REASONING],
        "body": ["A reply with enough words in it to be sent, I hope."],
        "advice_helped": list(taxonomy.ADVICE_HELPED),
        "verdict_id": [*verdicts, ""],
        "parent_id": [reply.public_id, other_reply.public_id, ""],
        "helpful": ["yes", "no"],
        "reason": list(reports.REASONS),
        "details": ["It names someone's employer."],
        "text": ["The decision was wrong: nothing in the reply was unkind."],
        "reason_code": [*codes, ""],
        "reason_text": ["A note for the log."],
        "sanction": [choice.value for choice in SANCTION_CHOICES],
        "suspend_days": ["1", "7", "365", "366"],
        "code": codes,
        "username": [bystander.username, "nobody_here"],
        "grant": ["grant", "revoke"],
        "email": ["someone@example.com", "not an email"],
        "password": ["a different long passphrase"],
        "confirm": ["a different long passphrase"],
        "current": ["not the password"],
        "content": ["keep", "remove"],
        "kinds": list(EMAIL_KINDS),
        "through": [MarkReadForm.stamp(utcnow()), "1"],
        "next": ["/", "/inbox", "//evil.example/"],
        "week": [draft.key, published.key, "2101-W01"],
        "title": [CASE_FIELDS["title"], "An edition title"],
        "intro": ["An *introduction*."],
        "version": ["1", "2", "0"],
        "note": ["A correction note."],
        "case": [c.public_id for c in cases],
        "direction": ["up", "down"],
        "previewed": [editions.fingerprint(draft)],
        "at": [soon.strftime("%Y-%m-%dT%H:%M")],
    }
    for name in ("takeaway", "questions", "version", "note"):
        world.values[f"{prefix}-{name}"] = world.values.get(name, ["- A takeaway in a list."])
    for code in codes[:2]:
        world.values[f"{code}-title"] = ["A reason's title"]
        world.values[f"{code}-body"] = ["What the author reads."]
    return world


# -- what is sent ---------------------------------------------------------------------------


def _value(world: World, name: str):
    plausible = world.values.get(name)
    if plausible:
        return st.one_of(st.sampled_from(plausible), st.sampled_from(plausible), JUNK)
    return JUNK


# How a body comes, weighted towards the forms browsers send.
ENCODINGS = ["urlencoded"] * 3 + ["multipart"] * 2 + ["files"] * 2 + ["json", "bytes"]


@st.composite
def form_bodies(draw, world: World, endpoint: str):
    """A POST body: the route's own fields (some left out, some wrongly typed), others the
    app knows, random ones, and repeats; sent as one of the ways a body can come."""
    every_name = sorted(world.values)
    known = world.fields.get(endpoint) or draw(st.lists(st.sampled_from(every_name), max_size=4))
    pairs: list[tuple[str, object]] = []
    for name in known:
        if draw(st.integers(0, 9)) < 8:  # most of the form, most of the time
            pairs.append((name, draw(_value(world, name))))
    for _ in range(draw(st.integers(0, 3))):
        name = draw(st.one_of(st.sampled_from(every_name), NAMES))
        pairs.append((name, draw(_value(world, name))))
    if pairs and draw(st.booleans()):  # a field sent twice, the second time otherwise
        name, _ = draw(st.sampled_from(pairs))
        pairs.append((name, draw(_value(world, name))))
    encoding = draw(st.sampled_from(ENCODINGS))
    if encoding == "urlencoded":
        return {"data": MultiDict(pairs)}
    if encoding == "multipart":
        return {"data": MultiDict(pairs), "content_type": "multipart/form-data"}
    if encoding == "files":  # some fields (or all) sent as file parts under their names
        sent = [
            (name, (io.BytesIO(str(value).encode()), draw(st.sampled_from(["a.txt", ""]))))
            if draw(st.booleans())
            else (name, value)
            for name, value in pairs
        ]
        return {"data": MultiDict(sent), "content_type": "multipart/form-data"}
    if encoding == "json":  # Flask-WTF reads a JSON body as the form
        values = st.one_of(
            JUNK, st.integers(), st.none(), st.booleans(), st.floats(), st.lists(JUNK, max_size=3)
        )
        document = draw(
            st.one_of(
                st.just({name: draw(values) for name, _ in pairs}),
                st.lists(values, max_size=3),
                values,
            )
        )
        return {"data": json.dumps(document), "content_type": "application/json"}
    content_type = draw(
        st.sampled_from(
            [
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "multipart/form-data; boundary=x",
                "application/json",
                "text/plain",
            ]
        )
    )
    raw = draw(
        st.one_of(
            st.binary(max_size=200),
            st.sampled_from([b"%", b"a=%ZZ&a", b"--x\r\nContent-Disposition: form-data\r\n\r\n"]),
        )
    )
    return {"data": raw, "content_type": content_type}


GET_ARGS = [
    "page",
    "q",
    *taxonomy.FILTERS,
    "period",
    "outcome",
    "followup",
    "closed",
    "weeks",
    "shown",
    "show",
    "verdict",
    "parent",
    "next",
    "key",
]
GET_VALUES = {
    "page": ["1", "2", "0", "-1", "99999", "99999999999999999999", "²"],
    "q": ["on-call", '"on call" -manager', "-", '"', "*", "a" * 300],
    "period": ["week", "month", "year", "all"],
    "outcome": ["nta", "yta", "split"],
    "followup": ["1", "0"],
    "closed": ["week", "recent"],
    "weeks": ["4", "12", "26", "52", "0", "99999999999999999999"],
    "shown": ["0", "1"],
    "show": ["all", "unread"],
    "next": ["/", "//evil.example/", "/\t/evil.example/", "/%0A/evil"],
    "key": ["2026-W48", "9999-W52"],
    **{name: list(vocabulary) for name, vocabulary in taxonomy.FILTERS.items()},
}


# Query strings as they may come over the wire: bad percent-encoding, invalid UTF-8, no value.
RAW_QUERIES = ["page=%FF", "q=%C3%28", "q=%", "next=%0A%2F%2Fevil", "page&q", "=&&=", "q=%00"]


@st.composite
def query_strings(draw, world: World):
    if draw(st.integers(0, 9)) == 0:
        return draw(st.sampled_from(RAW_QUERIES))
    pairs = []
    for _ in range(draw(st.integers(0, 4))):
        name = draw(st.one_of(st.sampled_from(GET_ARGS), st.sampled_from(GET_ARGS), NAMES))
        plausible = GET_VALUES.get(name) or world.ids.get(name)
        value = draw(st.one_of(st.sampled_from(plausible), JUNK) if plausible else JUNK)
        pairs.append((name, value[:2_000]))  # a URL, not a body: servers cap its length
    return MultiDict(pairs)


def _real_ids(world: World, rule, name: str) -> list[str]:
    """The ids a route's URL variable can take: by the route's address (the longest prefix
    in world.ids that names the variable), else by the variable's name."""
    prefixes = [key for key in world.ids if key.startswith("/") and rule.rule.startswith(key)]
    for prefix in sorted(prefixes, key=len, reverse=True):
        if name in world.ids[prefix]:
            return world.ids[prefix][name]
    return world.ids.get(name) or world.ids["public_id"]


@st.composite
def url_values(draw, world: World, rule):
    values = {}
    for name in sorted(rule.arguments):
        real = _real_ids(world, rule, name)
        values[name] = draw(
            st.one_of(st.sampled_from(real), st.sampled_from(real), st.text(min_size=1))
        )
    return values


# -- who sends it ---------------------------------------------------------------------------


VISITORS = ("reader", "member", "moderator")


def _become(client, world: World, visitor: str) -> None:
    client.post("/logout")
    if visitor != "reader":
        response = client.post(
            "/login", data={"username": world.usernames[visitor], "password": PASSWORD}
        )
        assert response.status_code == 302, response.text


# Endpoints after which the visitor may no longer be who they were.
CHANGES_WHO = {"accounts.login", "accounts.register", "accounts.logout", "accounts.delete_account"}


def _routes(app, method: str):
    only = os.environ.get("CASEBOARD_FUZZ_ONLY", "")  # a part of the addresses to fuzz
    rules = [
        rule
        for rule in app.url_map.iter_rules()
        if method in rule.methods and rule.endpoint not in SKIPPED_ENDPOINTS and only in rule.rule
    ]
    return sorted(rules, key=lambda r: (any(w in r.endpoint for w in LAST_WORDS), r.rule))


class _Errors(logging.Handler):
    """The app's log of an unhandled error (where, and its traceback), to show with a 500."""

    def __init__(self):
        super().__init__(logging.ERROR)
        self.records: list[str] = []

    def emit(self, record):
        self.records.append(record.getMessage())


def _fuzz(app, client, world: World, visitor: str, method: str) -> list[str]:
    """Fuzz every route of `method` as `visitor`; the failures, each with the traceback the
    app logged for it (where it failed, never the exception's message)."""
    failures: list[str] = []
    errors = _Errors()
    logging.getLogger("caseboard").addHandler(errors)
    try:
        for rule in _routes(app, method):
            _become(client, world, visitor)
            errors.records.clear()
            try:
                _fuzz_route(client, world, visitor, method, rule)
            except Exception as failure:  # noqa: BLE001 - collected, so every route is tried
                trace = errors.records[-1] if errors.records else ""
                failures.append(f"{method} {rule.rule} as {visitor}: {_told(failure)}\n{trace}")
    finally:
        logging.getLogger("caseboard").removeHandler(errors)
    if os.environ.get("CASEBOARD_FUZZ_ANSWERS"):
        for (who, verb, endpoint, status), count in sorted(ANSWERS.items()):
            if who == visitor and verb == method:
                print(f"{who} {verb} {endpoint} {status} x{count}")
    return failures


def _told(failure: BaseException) -> str:
    """A failure in words; each of them, when hypothesis found several."""
    if isinstance(failure, BaseExceptionGroup):
        return "\n".join(_told(each) for each in failure.exceptions)
    return str(failure)


def _fuzz_route(client, world: World, visitor: str, method: str, rule) -> None:
    examples = POST_EXAMPLES if method == "POST" else GET_EXAMPLES
    bodies = form_bodies(world, rule.endpoint) if method == "POST" else st.just({})
    queries = query_strings(world)
    if method == "POST":  # now and then: a login's next=, a page=
        queries = st.one_of(st.just(""), query_strings(world))

    @settings(FUZZ_SETTINGS, max_examples=examples)
    @given(
        url=url_values(world, rule),
        query=queries,
        body=bodies,
        with_htmx=st.booleans(),
    )
    def send(url, query, body, with_htmx):
        path = rule.build(url, append_unknown=False)[1]
        headers = {"HX-Request": "true"} if with_htmx else {}
        response = client.open(path, method=method, query_string=query, headers=headers, **body)
        ANSWERS[visitor, method, rule.endpoint, response.status_code] += 1
        sent = f"{path} {query!r:.300} {body!r:.1000}"
        assert response.status_code < 500, f"{response.status_code} for {sent}"
        if rule.endpoint in CHANGES_WHO:
            _become(client, world, visitor)

    send()


def test_every_post_route_says_what_its_form_holds(app):
    """A new POST route joins FORMS (or NO_FORM), so the fuzzer sends it its own fields."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert endpoints - FORMS.keys() - NO_FORM == set()
    assert (FORMS.keys() | NO_FORM) - endpoints == set()


@pytest.fixture
def world(app, make_case):
    return _build_world(make_case)


@pytest.mark.parametrize("visitor", VISITORS)
def test_no_post_to_any_route_is_a_server_error(app, client, world, visitor):
    failures = _fuzz(app, client, world, visitor, "POST")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("visitor", VISITORS)
def test_no_query_string_on_any_page_is_a_server_error(app, client, world, visitor):
    failures = _fuzz(app, client, world, visitor, "GET")
    assert not failures, "\n\n".join(failures)
