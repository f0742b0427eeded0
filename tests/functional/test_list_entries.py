"""List entries that tell: on every list, each case shows an excerpt, whether it still takes
verdicts and for how long (or how it came out), its counts, and for a member their own mark;
the mark never reaches a shared cache, and an open case's labels stay blind."""

from __future__ import annotations

import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from flask import get_template_attribute, render_template
from markupsafe import Markup
from sqlalchemy import select, update

from caseboard.cases import services
from caseboard.cases.queries import Page
from caseboard.extensions import db, redis_connection
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case, Member
from caseboard.models.base import utcnow
from caseboard.taxonomy import LABELS
from tests.conftest import REASONING, AuthActions
from tests.functional.curation_helpers import close_case, moderator, published_edition

OPEN_SITUATION = (
    "Our team rota put me on call over a holiday weekend, so I swapped with a newer colleague "
    "without asking our lead first. The colleague agreed, but the lead found out from the "
    "pager schedule and was upset that nobody told them before the weekend started."
)
CLOSED_SITUATION = (
    "A colleague presented my rota analysis at the all-hands as their own work, and I said so "
    "out loud in the meeting in front of everyone, including two directors and our manager."
)
LABEL_CODE = re.compile(r"\b(YTA|NTA|ESH|NAH|INFO)\b")
LABEL_WORDS = [words.lower() for words, _ in LABELS.values()]
MARK = "You judged this"
# Every list, with which of the board's two cases it shows.
LISTS = {
    "/": ("open", "closed"),
    "/new": ("open", "closed"),
    "/top?period=all": ("open", "closed"),
    "/search?q=rota": ("open", "closed"),
    "/needs-verdicts": ("open",),
    "/divisive": ("closed",),
}
OPEN_LISTS = [path for path, kinds in LISTS.items() if "open" in kinds]


def _entry(html: str, title: str) -> str:
    """The one list entry (its <article>) whose title is `title`."""
    at = html.index(f">{title}</a>")
    return html[html.rindex("<article", 0, at) : html.index("</article>", at)]


def _text(entry: str) -> str:
    """What an entry says, without its markup (ids and addresses could hold any letters)."""
    return re.sub(r"<[^>]+>", " ", entry)


def _member(username: str) -> Member:
    return db.session.scalar(select(Member).where(Member.username == username))


def _excerpt_shown(entry: str, situation: str) -> bool:
    return situation[:120] in entry or 'class="snippet"' in entry  # search may show a snippet


@pytest.fixture
def board(make_case, make_member):
    """An open case (one verdict, one reply) and a closed one (five verdicts), both about a
    rota."""
    open_case = make_case(title="Swapped the holiday rota", situation=OPEN_SITUATION)
    verdict = services.give_verdict(open_case, make_member(), "NTA", REASONING)
    services.add_reply(open_case, make_member(), "Did the lead know?", verdict=verdict)
    closed = make_case(title="Called out at the all-hands", situation=CLOSED_SITUATION)
    for label in ("NTA", "NTA", "NTA", "NTA", "YTA"):
        services.give_verdict(closed, make_member(), label, REASONING)
    return SimpleNamespace(open=open_case, closed=close_case(closed))


@pytest.mark.parametrize(("path", "kinds"), LISTS.items())
def test_every_list_entry_tells_what_the_case_is_and_where_it_stands(client, board, path, kinds):
    html = client.get(path).text
    if "open" in kinds:
        entry = _entry(html, board.open.title)
        assert _excerpt_shown(entry, OPEN_SITUATION)
        assert "Open · 2 days left" in entry
        assert "1 verdict · 1 reply" in entry
    if "closed" in kinds:
        entry = _entry(html, board.closed.title)
        assert _excerpt_shown(entry, CLOSED_SITUATION)
        assert "Closed · <strong>Leaning: not in the wrong</strong>" in entry
        assert "5 verdicts · 0 replies" in entry


def test_the_excerpt_is_cut_short_with_an_ellipsis(client, board):
    entry = _entry(client.get("/new").text, board.open.title)
    excerpt = entry.split('<p class="case-excerpt">')[1].split("</p>")[0]
    assert excerpt.endswith("…") and len(excerpt) <= 181
    assert OPEN_SITUATION.startswith(excerpt[:-1])


def test_an_extended_case_says_so_with_its_time_left(app, client, make_case):
    app.config.update(MIN_VERDICTS_TO_CLOSE=5, CASE_EXTENSION_HOURS=48)
    case = make_case(title="Nobody has judged this yet")
    db.session.execute(
        update(Case).where(Case.id == case.id).values(closes_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    close_expired_windows()
    entry = _entry(client.get("/needs-verdicts").text, case.title)
    assert "Extended: needs verdicts</span> · 47 hours left" in entry


def test_a_locked_case_says_it_takes_no_verdicts(client, make_case):
    case = make_case(title="Locked while it is looked at")
    db.session.execute(update(Case).where(Case.id == case.id).values(locked_at=utcnow()))
    db.session.commit()
    entry = _entry(client.get("/new").text, case.title)
    assert "Open · locked: takes no new verdicts" in entry and "left</time>" not in entry


def test_a_case_past_its_window_shows_its_outcome_before_the_closing_job(
    client, make_case, make_member
):
    case = make_case(title="Past its window already")
    for _ in range(3):
        services.give_verdict(case, make_member(), "NAH", REASONING)
    db.session.execute(
        update(Case).where(Case.id == case.id).values(closes_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()
    entry = _entry(client.get("/new").text, case.title)
    assert "Closed · <strong>Leaning: no one is in the wrong</strong>" in entry


def _blind(entry: str) -> bool:
    words = _text(entry)
    return not LABEL_CODE.search(words) and not any(w in words.lower() for w in LABEL_WORDS)


@pytest.mark.parametrize("path", OPEN_LISTS)
def test_an_open_case_s_labels_stay_blind_on_lists(client, auth, make_case, make_member, path):
    case = make_case(title="Every label so far", situation=OPEN_SITUATION)
    for label in LABELS:
        services.give_verdict(case, make_member(), label, REASONING)
    assert _blind(_entry(client.get(path).text, case.title))  # a reader
    auth.register("not_judged_yet")
    assert _blind(_entry(client.get(path).text, case.title))  # a member who has not judged


@pytest.mark.parametrize("path", OPEN_LISTS)
def test_a_member_sees_only_their_own_label_on_an_open_case(client, auth, board, path):
    services.give_verdict(board.open, _member(auth.register("judge_one")), "YTA", REASONING)
    html = client.get(path).text
    entry = _entry(html, board.open.title)
    assert f"{MARK}: you gave <abbr" in entry and ">YTA</abbr>" in entry
    assert "NTA" not in _text(entry)  # the other member's verdict stays blind
    if "closed" in LISTS[path]:
        assert MARK not in _entry(html, board.closed.title)  # not judged by this member


def test_the_judged_mark_never_reaches_another_reader_or_the_cache(
    app, client, auth, make_app, board
):
    services.give_verdict(board.open, _member(auth.register("judge_two")), "YTA", REASONING)
    reader = make_app().test_client()
    assert MARK not in reader.get("/").text  # fills the shared list and the readers' page
    prefix = app.config["CACHE_KEY_PREFIX"]
    assert list(redis_connection.client.scan_iter(f"{prefix}frag:*"))
    assert MARK in _entry(client.get("/").text, board.open.title)  # from the shared list
    other = make_app().test_client()
    AuthActions(other).register("never_judged")
    for html in (other.get("/").text, reader.get("/").text):
        assert MARK not in html and "judged-mark" not in html and "<!--judged:" not in html
    for key in redis_connection.client.scan_iter(f"{prefix}frag:*"):
        assert b"judged-mark" not in (redis_connection.client.get(key) or b"")


def test_a_held_verdict_is_marked_as_not_shown_to_others(client, auth, board):
    verdict = services.give_verdict(
        board.open, _member(auth.register("judge_three")), "ESH", REASONING
    )
    verdict.status = "held"
    db.session.commit()
    entry = _entry(client.get("/new").text, board.open.title)
    assert ">ESH</abbr> (not shown to others)" in entry


# -- the library of teaching examples --------------------------------------------------------


def test_library_entries_tell_and_mark_the_member_s_own_verdict(
    client, auth, make_app, make_case, make_member
):
    judge = _member(auth.register("library_judge"))
    case = make_case(title="Featured rota dispute", situation=CLOSED_SITUATION)
    for member in (judge, make_member(), make_member()):
        services.give_verdict(case, member, "NTA", REASONING)
    services.add_reply(case, make_member(), "A reply to the case.")
    published_edition(moderator(make_member), [close_case(case)])
    reader = make_app().test_client()
    read = _entry(reader.get("/library").text, case.title)
    assert CLOSED_SITUATION[:120] in read
    assert "Leaning: not in the wrong" in read or "Decided: not in the wrong" in read
    assert "3 verdicts · 1 reply" in read and MARK not in read and "<!--judged:" not in read
    mine = _entry(client.get("/library").text, case.title)
    assert f"{MARK}: you gave <abbr" in mine and ">NTA</abbr>" in mine
    AuthActions(other := make_app().test_client()).register("library_other")
    assert MARK not in other.get("/library").text and MARK not in reader.get("/library").text


# -- the card as other pages use it ----------------------------------------------------------


def test_search_snippets_replace_the_excerpt(app, make_case):
    case = make_case(situation=OPEN_SITUATION)
    snippet = Markup("put me on call over a <mark>holiday</mark> weekend")
    with app.test_request_context("/search"):
        html = render_template(
            "cases/_case_list.html",
            page=Page([case], 1, False),
            endpoint="cases.search",
            link_args={},
            now=utcnow(),
            snippets={case.id: snippet},
        )
    assert f'<p class="snippet">{snippet}</p>' in html and "case-excerpt" not in html


def test_a_page_for_one_member_renders_their_mark_directly(app, make_case, make_member):
    case = make_case()
    verdict = services.give_verdict(case, make_member(), "INFO", REASONING)
    with app.test_request_context("/"):
        card = get_template_attribute("cases/_case_card.html", "case_card")
        html = str(card(case, utcnow(), level=3, my_verdict=verdict))
    assert f"{MARK}: you gave" in html and ">INFO</abbr>" in html and "<h3" in html


def test_an_author_s_unpublished_case_says_why_rather_than_closed(app, make_case):
    case = make_case()
    case.status = "held"
    db.session.commit()
    with app.test_request_context("/"):
        card = get_template_attribute("cases/_case_card.html", "case_card")
        html = str(card(case, utcnow()))
    assert "Waiting for a moderator" in html and "Closed" not in html and "Open" not in html
