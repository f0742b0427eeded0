"""Similar closed cases: what is listed, in what order, on the case page, safely and cheaply."""

from __future__ import annotations

import re

from sqlalchemy import update

from caseboard.cases import services
from caseboard.curation import similar
from caseboard.curation.similar import (
    distinctive_words,
    find_similar,
    similar_cases,
    text_ranks,
)
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus
from caseboard.search import closed_cases_like, search_cases
from tests.functional.curation_helpers import LONG_REASONING, close_case, closed_case
from tests.functional.test_query_counts import _queries_for, counting_queries

ROADMAP = {
    "title": "AITA for refusing to rewrite the quarterly roadmap again?",
    "situation": (
        "Our director asked me to rewrite the quarterly roadmap for the third time this "
        "month. Each roadmap rewrite means reshuffling commitments to stakeholders, and I "
        "pushed back in the planning meeting in front of everybody."
    ),
    "discipline": "product",
    "level": "senior",
    "topic": "priorities",
}
UNRELATED = {
    "title": "AITA for skipping the team offsite dinner?",
    "situation": (
        "The offsite dinner was booked at a steakhouse and I am vegetarian, so I skipped "
        "it and ate alone. A colleague says I snubbed the whole team on purpose."
    ),
    "discipline": "design",
    "level": "early-career",
    "topic": "communication",
}


def _section(html: str) -> str:
    """The similar-cases section of a page ('' when it has none)."""
    found = re.search(r'<section class="similar-cases".*?</section>', html, re.S)
    return found.group(0) if found else ""


def test_alike_closed_cases_rank_above_unrelated_ones(app, make_case, make_member):
    case = make_case(**ROADMAP)
    unrelated = closed_case(make_case, make_member, **UNRELATED)
    # Shares words but no context.
    words_only = closed_case(
        make_case,
        make_member,
        **{**UNRELATED, "title": "AITA for pushing back on a roadmap rewrite?"},
    )
    # Shares the topic but no words.
    topic_only = closed_case(
        make_case,
        make_member,
        **{**UNRELATED, "topic": "priorities"},
    )
    # Shares level and discipline but neither topic nor words.
    level_and_discipline = closed_case(
        make_case,
        make_member,
        **{**UNRELATED, "level": "senior", "discipline": "product"},
    )
    alike = closed_case(
        make_case,
        make_member,
        **{**ROADMAP, "title": "AITA for saying no to another quarterly roadmap rewrite?"},
    )
    ids = [other.id for other in find_similar(case, 5)]
    assert ids[0] == alike.id
    assert unrelated.id not in ids and level_and_discipline.id not in ids  # nothing links them
    assert set(ids) == {alike.id, words_only.id, topic_only.id}
    assert [c.id for c in similar_cases(case)] == ids


def test_a_shared_topic_outweighs_shared_level_and_discipline(app, make_case, make_member):
    """Both tell the same story, sharing one word with the case; context decides."""
    case = make_case(**ROADMAP)
    common = "The offsite dinner was about the roadmap, and I skipped it to eat alone."
    topic = closed_case(
        make_case, make_member, **{**UNRELATED, "situation": common, "topic": "priorities"}
    )
    level_and_discipline = closed_case(
        make_case,
        make_member,
        **{**UNRELATED, "situation": common, "level": "senior", "discipline": "product"},
    )
    assert find_similar(case, 5) == [topic, level_and_discipline]


def test_equally_relevant_text_matches_share_a_rank():
    assert text_ranks({7: 3.0, 8: 2.0, 9: 2.0, 10: 1.0}) == {7: 0, 8: 1, 9: 1, 10: 3}


def test_never_the_case_itself_nor_open_held_or_removed_cases(app, make_case, make_member):
    case = closed_case(make_case, make_member, **ROADMAP)
    still_open = make_case(**ROADMAP)
    held = closed_case(make_case, make_member, **ROADMAP)
    removed = closed_case(make_case, make_member, **ROADMAP)
    shown = closed_case(make_case, make_member, **ROADMAP)
    for hidden, status in ((held, ContentStatus.HELD), (removed, ContentStatus.REMOVED)):
        db.session.execute(update(Case).where(Case.id == hidden.id).values(status=status))
    db.session.commit()
    assert [c.id for c in similar_cases(case)] == [shown.id]
    assert {c.id for c in similar_cases(still_open)} == {shown.id, case.id}


def test_a_case_removed_after_the_list_was_cached_is_not_shown(app, make_case, make_member):
    case = make_case(**ROADMAP)
    first, second = (closed_case(make_case, make_member, **ROADMAP) for _ in range(2))
    assert {c.id for c in similar_cases(case)} == {first.id, second.id}
    first.status = ContentStatus.REMOVED
    db.session.commit()
    assert [c.id for c in similar_cases(case)] == [second.id]


def test_at_most_five_are_listed(client, make_case, make_member):
    case = make_case(**ROADMAP)
    others = [closed_case(make_case, make_member, **ROADMAP) for _ in range(7)]
    assert len(similar_cases(case)) == 5
    assert len(similar_cases(case, limit=2)) == 2
    section = _section(client.get(f"/cases/{case.public_id}").text)
    assert section.count("<li>") == 5
    assert sum(f"/cases/{other.public_id}" in section for other in others) == 5


def test_the_case_page_links_to_similar_cases(client, auth, make_case, make_member):
    case = make_case(**ROADMAP)
    other = closed_case(make_case, make_member, labels=("YTA",) * 4, **ROADMAP)
    for _ in ("reader without an account", "member"):
        page = client.get(f"/cases/{case.public_id}")
        assert page.status_code == 200
        section = _section(page.text)
        assert '<h2 id="similar-h">Similar cases</h2>' in section
        assert f'href="/cases/{other.public_id}"' in section
        assert "Product management · Senior · Scope and priorities" in section
        assert "you&#39;re in the wrong" in section  # the outcome, in words
        auth.register()
    # The other way round there is nothing to list: only closed cases are similar cases.
    assert _section(client.get(f"/cases/{other.public_id}").text) == ""


def test_no_section_when_there_is_nothing_similar(client, make_case):
    case = make_case(**ROADMAP)
    page = client.get(f"/cases/{case.public_id}")
    assert page.status_code == 200
    assert "Similar cases" not in page.text


def test_the_section_names_nobody(client, make_case, make_member):
    author, judge = make_member("quietauthor77"), make_member("loudjudge88")
    case = make_case(author=author, **ROADMAP)
    other = make_case(author=author, **ROADMAP)
    services.give_verdict(other, judge, "NTA", LONG_REASONING)
    close_case(other)
    section = _section(client.get(f"/cases/{case.public_id}").text)
    assert f"/cases/{other.public_id}" in section
    for name in ("quietauthor77", "loudjudge88"):
        assert name not in section


def test_the_page_works_when_redis_is_down(make_app, make_case, make_member):
    case = make_case(**ROADMAP)
    other = closed_case(make_case, make_member, **ROADMAP)
    app = make_app(REDIS_URL="redis://127.0.0.1:1/0")
    page = app.test_client().get(f"/cases/{case.public_id}")
    assert page.status_code == 200
    assert f"/cases/{other.public_id}" in _section(page.text)


HOSTILE_TITLE = 'AITA for "NEAR(roadmap rewrite)" OR roadmap* -rewrite ^title:x AND NOT y?'
HOSTILE_SITUATION = (
    'Quotes " and \' and `; FTS syntax NEAR/3 roadmap* OR "rewrite" -quarterly +a ^b {title}: '
    "(c AND d) NOT e; tsquery syntax a & b | !c <-> d:* 'e'; underscores ____ and __init__; "
    "odd Unicode: ﬁancé naïve ＦＵＬＬＷＩＤＴＨ 𝔉𝔯𝔞𝔨𝔱𝔲𝔯 Ǆemal ẞtraße ٣٤٥٦ 日本語のテキスト "
    "e\u0301te\u0301 zero\u200bwidth right\u202eleft emoji 🙂🙂 roadmap rewrite."
)


def test_hostile_text_does_not_break_similar_cases(client, make_case, make_member):
    case = make_case(title=HOSTILE_TITLE, situation=HOSTILE_SITUATION, topic="priorities")
    other = closed_case(
        make_case, make_member, title=HOSTILE_TITLE + " (2)", situation=HOSTILE_SITUATION
    )
    assert case.status == other.status == ContentStatus.PUBLISHED
    assert "near" in distinctive_words(case.title, case.situation_md)
    page = client.get(f"/cases/{case.public_id}")
    assert page.status_code == 200
    assert f"/cases/{other.public_id}" in _section(page.text)
    assert client.get(f"/cases/{other.public_id}").status_code == 200


def test_hostile_words_are_plain_words_to_the_index(app, make_case, make_member):
    other = closed_case(make_case, make_member, **ROADMAP)
    hostile = [
        '"',
        "*",
        "-",
        "OR",
        "NEAR",
        "AND",
        "NOT",
        "a:b",
        "x*",
        "!",
        "|",
        "&",
        "<->",
        "(",
        "",
    ]
    hostile += ["____", "ＦＵＬＬ", "naïve", "٣٤٥", "日本語", "e\u0301", "roadmap"]
    found = closed_cases_like(hostile, exclude_id=0, limit=30)
    assert [case_id for case_id, _ in found] == [other.id]
    assert closed_cases_like(['"', "*", "OR NEAR"], exclude_id=0, limit=30) == []
    assert closed_cases_like(["roadmap"], exclude_id=other.id, limit=30) == []
    # The site search is the same any-word search: one shared word is enough.
    assert [c.id for c in search_cases("roadmap rewrite", filters={}, limit=10)] == [other.id]
    assert [c.id for c in search_cases("roadmap offsite", filters={}, limit=10)] == [other.id]
    assert search_cases("offsite -roadmap", filters={}, limit=10) == []


def test_distinctive_words_weigh_the_title_and_skip_common_words():
    situation = "That roadmap with their stakeholders, stakeholders and 2024 plans. " + " ".join(
        f"word{n:03d}" for n in range(40)
    )
    words = distinctive_words("Roadmap rewrite", situation)
    assert words[:3] == ["roadmap", "rewrite", "stakeholders"]  # title words count thrice
    assert len(words) == similar.MAX_WORDS
    assert not {"that", "with", "their", "2024", "and"} & set(words)
    assert words == distinctive_words("Roadmap rewrite", situation)  # deterministic


def test_queries_stay_bounded_and_the_list_is_cached(app, make_case, make_member):
    """One query whether worked out or cached, whatever the number of cases."""

    def count(case) -> tuple[int, int]:
        assert case.title  # loaded before counting, as on the case page
        with counting_queries() as cold:
            similar_cases(case)
        with counting_queries() as warm:
            similar_cases(case)
        return len(cold), len(warm)

    for _ in range(2):
        closed_case(make_case, make_member, **ROADMAP)
    small = count(make_case(**ROADMAP))
    for _ in range(8):
        closed_case(make_case, make_member, **ROADMAP)
    assert count(make_case(**ROADMAP)) == small == (1, 1)


def test_text_matches_come_from_the_newest_cases_only(app, make_case, make_member, monkeypatch):
    """The window that keeps the text query's work bounded however large the board grows."""
    elsewhere = {"discipline": "design", "level": "early-career", "topic": "communication"}
    oldest, newer = (closed_case(make_case, make_member, **ROADMAP) for _ in range(2))
    db.session.execute(update(Case).where(Case.id == oldest.id).values(**elsewhere))
    db.session.commit()
    case = make_case(**{**ROADMAP, "topic": "ethics"})
    assert {other.id for other in find_similar(case, 5)} == {oldest.id, newer.id}
    monkeypatch.setattr(similar, "TEXT_WINDOW", case.id - oldest.id)  # all but the oldest
    assert find_similar(case, 5) == [newer]


def test_the_case_page_stays_within_its_query_budget(client, auth, make_case, make_member):
    """A member's case page with similar cases: cold or cached, at two board sizes."""
    auth.register("reader")
    for _ in range(2):
        closed_case(make_case, make_member, **ROADMAP)
    small_case = make_case(**ROADMAP)
    small = [_queries_for(client, f"/cases/{small_case.public_id}") for _ in range(2)]
    for _ in range(6):
        closed_case(make_case, make_member, **ROADMAP)
    big_case = make_case(**ROADMAP)
    big = [_queries_for(client, f"/cases/{big_case.public_id}") for _ in range(2)]
    assert small == big
    assert max(big) <= 10
    assert len(_section(client.get(f"/cases/{big_case.public_id}").text).split("<li>")) == 6
