"""My activity: a private page of my cases, my verdicts and the cases I follow, each with
where it stands; an open case I follow stays blind; nobody else ever sees the page."""

import re
from datetime import timedelta

from sqlalchemy import select, update

from caseboard import outcome_text
from caseboard.cases import services
from caseboard.demo import DEMO_PASSWORD, demo_username
from caseboard.extensions import db
from caseboard.following import services as following
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case, ContentStatus, Member
from caseboard.models.base import utcnow
from tests.conftest import REASONING
from tests.functional.curation_helpers import close_case
from tests.functional.test_query_counts import counting_queries

LABEL_CODE = re.compile(r"\b(YTA|NTA|ESH|NAH|INFO)\b")


def _me(auth) -> Member:
    name = auth.register()
    return db.session.scalar(select(Member).where(Member.username == name))


def _section(page: str, name: str) -> str:
    """One section of the page ("cases", "verdicts", "following"), as HTML."""
    start = page.index(f'<section class="activity-section" id="{name}"')
    return page[start : page.index("</section>", start)]


def _entry(html: str, title: str) -> str:
    """The text of the entry whose title is `title`, without markup."""
    at = html.index(f">{title}</a>")
    return _text(html[html.rindex("<li", 0, at) : html.index("</li>", at)])


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _make_due(case: Case) -> None:
    db.session.execute(
        update(Case).where(Case.id == case.id).values(closes_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()


# -- private -------------------------------------------------------------------------------


def test_my_activity_needs_an_account(client):
    response = client.get("/activity")
    assert response.status_code == 302 and "/login?next=/activity" in response.headers["Location"]


def test_my_activity_is_never_cached(client, auth):
    auth.register()
    response = client.get("/activity")
    assert response.status_code == 200
    assert "no-store" in response.headers["Cache-Control"]
    assert "private" in response.headers["Cache-Control"]


def test_another_member_sees_only_their_own_activity(client, auth, make_case, make_member):
    someone = make_member()
    theirs = make_case(author=someone, title="A case someone else posted")
    followed = make_case(title="A case someone else follows")
    following.follow(someone, followed)
    services.give_verdict(make_case(title="A case someone else judged"), someone, "NTA", REASONING)
    _me(auth)
    page = client.get("/activity").text
    for title in (theirs.title, followed.title, "A case someone else judged"):
        assert title not in page
    assert "You haven't posted a case yet." in page


# -- my cases ------------------------------------------------------------------------------


def test_my_cases_say_where_each_stands(client, auth, make_case, make_member):
    me = _me(auth)
    open_case = make_case(author=me, title="My case that is open")
    held = make_case(author=me, title="My case waiting for a moderator")
    db.session.execute(update(Case).where(Case.id == held.id).values(status=ContentStatus.HELD))
    closed = make_case(author=me, title="My case that has closed")
    for label in ("NTA", "NTA", "NTA", "NTA", "YTA"):
        services.give_verdict(closed, make_member(), label, REASONING)
    close_case(closed)
    mine = _section(client.get("/activity").text, "cases")
    assert "days left" in _entry(mine, open_case.title)
    assert "Waiting for a moderator" in _entry(mine, held.title)
    headline = outcome_text.short_headline(closed.outcome_state, closed.outcome_label, closed.tally)
    assert f"Closed · {headline}" in _entry(mine, closed.title)
    assert mine.index(closed.title) < mine.index(open_case.title)  # newest first


# -- my verdicts ---------------------------------------------------------------------------


def test_my_verdicts_show_my_own_label_but_not_the_others_on_an_open_case(
    client, auth, make_case, make_member
):
    case = make_case(title="A case I judged while it is open")
    for _ in range(2):
        services.give_verdict(case, make_member(), "NTA", REASONING)
    services.give_verdict(case, _me(auth), "ESH", REASONING)
    section = _section(client.get("/activity").text, "verdicts")
    entry = _entry(section, case.title)
    assert "you gave ESH" in entry and "days left" in entry
    assert LABEL_CODE.findall(_text(section)) == ["ESH"]


def test_my_verdict_on_a_closed_case_shows_beside_its_outcome(client, auth, make_case, make_member):
    case = make_case(title="A case I judged that closed")
    services.give_verdict(case, _me(auth), "YTA", REASONING)
    for _ in range(4):
        services.give_verdict(case, make_member(), "NTA", REASONING)
    close_case(case)
    entry = _entry(_section(client.get("/activity").text, "verdicts"), case.title)
    headline = outcome_text.short_headline(case.outcome_state, case.outcome_label, case.tally)
    assert f"Closed · {headline}" in entry and "you gave YTA" in entry


# -- cases I follow ------------------------------------------------------------------------


def test_an_open_case_i_follow_stays_blind(client, auth, make_case, make_member):
    case = make_case(title="An open case I follow")
    for label in ("YTA", "YTA", "NTA"):
        services.give_verdict(case, make_member(), label, REASONING)
    client_member = _me(auth)
    following.follow(client_member, case)
    section = _section(client.get("/activity").text, "following")
    entry = _entry(section, case.title)
    assert "Open" in entry and "days left" in entry and "3 verdicts" in entry
    assert LABEL_CODE.findall(_text(section)) == []
    for words in ("in the wrong", "Decided", "Leaning", "Split"):
        assert words not in section


def test_an_extended_case_i_follow_says_so(app, client, auth, make_case, make_member):
    app.config.update(MIN_VERDICTS_TO_CLOSE=5, CASE_EXTENSION_HOURS=48)
    case = make_case(title="A thin case I follow")
    following.follow(_me(auth), case)
    _make_due(case)
    close_expired_windows()
    entry = _entry(_section(client.get("/activity").text, "following"), case.title)
    assert "Extended" in entry and "hours left" in entry


def test_a_closed_case_i_follow_shows_its_outcome(client, auth, make_case, make_member):
    case = make_case(title="A closed case I follow")
    for label in ("NTA", "NTA", "NTA", "NTA", "YTA"):
        services.give_verdict(case, make_member(), label, REASONING)
    following.follow(_me(auth), case)
    close_case(case)
    entry = _entry(_section(client.get("/activity").text, "following"), case.title)
    headline = outcome_text.short_headline(case.outcome_state, case.outcome_label, case.tally)
    assert f"Closed · {headline}" in entry


def test_a_case_i_judged_and_follow_is_in_both_sections_with_unique_ids(client, auth, make_case):
    case = make_case(title="A case I judged and follow")
    me = _me(auth)
    services.give_verdict(case, me, "NAH", REASONING)
    following.follow(me, case)
    page = client.get("/activity").text
    assert case.title in _section(page, "verdicts") and case.title in _section(page, "following")
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_my_own_cases_are_not_listed_again_under_follows(client, auth, make_case):
    me = _me(auth)
    make_case(author=me, title="My own case, followed by me")
    assert "You don't follow any cases yet." in client.get("/activity").text


def test_a_followed_case_taken_down_leaves_the_list(client, auth, make_case):
    case = make_case(title="A case moderators took down")
    following.follow(_me(auth), case)
    db.session.execute(update(Case).where(Case.id == case.id).values(status="removed"))
    db.session.commit()
    assert case.title not in client.get("/activity").text


# -- a page at a time ----------------------------------------------------------------------


def test_each_section_shows_its_newest_and_links_to_the_rest(client, auth, make_case):
    me = _me(auth)
    cases = [make_case(title=f"Followed case number {n:02d}") for n in range(11)]
    for case in cases:
        following.follow(me, case)
    overview = _section(client.get("/activity").text, "following")
    assert cases[10].title in overview and cases[0].title not in overview  # 10 newest
    assert 'href="/activity?show=following"' in overview
    full = client.get("/activity?show=following").text
    assert all(case.title in full for case in cases)
    assert 'id="verdicts"' not in full  # that section alone


def test_the_page_costs_the_same_queries_however_much_activity(
    client, auth, make_case, make_member
):
    me = _me(auth)

    def queries() -> int:
        with counting_queries() as statements:
            assert client.get("/activity").status_code == 200
        return len(statements)

    def grow(n: int) -> None:
        make_case(author=me)
        judged = make_case()
        services.give_verdict(judged, me, "NTA", f"{REASONING} Said for the {n}th time.")
        following.follow(me, judged)
        following.follow(me, make_case())

    grow(0)
    small = queries()
    for n in range(1, 13):
        grow(n)
    assert queries() == small <= 10


# -- the demo ------------------------------------------------------------------------------


def test_demo_members_have_activity_to_show(demo_board, client):
    client.post("/login", data={"username": demo_username(1), "password": DEMO_PASSWORD})
    page = client.get("/activity").text
    followed = _section(page, "following")
    assert followed.count('class="case-item"') >= 4
    assert "Extended" in followed and "Closed · " in followed and "left" in followed
    assert "You don't follow any cases yet." not in page
