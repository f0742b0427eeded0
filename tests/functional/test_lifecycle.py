"""The case window: blind mode, the young shuffle, closing, and the outcome."""

import re
import time
from datetime import timedelta

import pytest
from rq import Worker
from sqlalchemy import update

from caseboard import queueing
from caseboard.cache import drop_cached_pages
from caseboard.cases import services
from caseboard.cases.counts import recount_case
from caseboard.errors import Closed
from caseboard.extensions import db, redis_connection
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case, Verdict
from caseboard.models.base import utcnow
from tests.conftest import CASE_FIELDS, PASSWORD, REASONING

HTMX = {"HX-Request": "true"}


def _judged(make_case, make_member, labels=("NTA", "NTA", "YTA")):
    case = make_case()
    verdicts = [services.give_verdict(case, make_member(), label, REASONING) for label in labels]
    return case, verdicts


def _labels_shown(html: str) -> bool:
    return 'class="label label-' in html or "tally-table" in html


def _close(case):
    db.session.execute(
        update(Case).where(Case.id == case.id).values(closes_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()


def _run_worker():
    Worker([redis_connection.queue()], connection=redis_connection.client).work(
        burst=True, with_scheduler=True
    )


def test_blind_mode_hides_labels_until_the_member_judges(client, auth, make_case, make_member):
    case, verdicts = _judged(make_case, make_member)
    url = f"/cases/{case.public_id}"
    assert not _labels_shown(client.get(url).text)  # a reader without an account
    auth.register()
    page = client.get(url).text
    assert not _labels_shown(page) and "stay hidden until you give your own verdict" in page
    assert shown_reasoning(page)
    fragment = client.post(
        f"/verdicts/{verdicts[0].public_id}/vote", data={"helpful": "yes"}, headers=HTMX
    ).text
    reply_page = client.get(f"{url}/reply?verdict={verdicts[0].public_id}").text
    assert shown_reasoning(reply_page)  # the reasoning stays readable, only the label hides
    for html in (fragment, reply_page):
        # A label as text anywhere but the first-visit welcome's key to the labels (public
        # ids are random, so match whole words only).
        html = re.sub(r'<section class="welcome".*?</section>', "", html, flags=re.S)
        assert not re.search(r"\b(YTA|NTA|ESH|NAH|INFO)\b", re.sub(r'"[^"]*"', "", html))
    client.post(url + "/verdicts", data={"label": "ESH", "reasoning": REASONING})
    page = client.get(url).text
    assert _labels_shown(page) and "<td>2</td>" in page


def test_a_reader_without_an_account_is_told_when_labels_show_and_how_to_judge(
    client, make_case, make_member
):
    case, _ = _judged(make_case, make_member)
    page = client.get(f"/cases/{case.public_id}").text
    assert not _labels_shown(page)
    assert "stay hidden until you give your own verdict" not in page  # they can't give one
    assert "The tally and the verdicts' labels show when the case closes" in page
    assert "</a> to judge it." in page and "register</a> to give your verdict." in page


def shown_reasoning(page: str) -> bool:
    return "covered twice this quarter" in page


def test_the_author_sees_labels_while_the_case_is_open(client, auth, make_member):
    auth.register()
    url = client.post("/cases/new", data={**CASE_FIELDS, "action": "post"}).headers["Location"]
    case = db.session.scalar(db.select(Case))
    services.give_verdict(case, make_member(), "NAH", REASONING)
    assert _labels_shown(client.get(url).text)


def test_young_cases_spread_members_over_shuffled_orders_each_keeps_its_own(
    make_app, make_case, make_member
):
    case, verdicts = _judged(make_case, make_member, labels=("NTA",) * 8)
    app = make_app(YOUNG_CASE_HOURS=6)

    def order(html: str) -> list[str]:
        return sorted((v.public_id for v in verdicts), key=html.index)

    orders = set()
    for number in range(6):
        client = app.test_client()
        client.post(
            "/register",
            data={"username": f"reader-{number}", "password": PASSWORD, "confirm": PASSWORD},
        )
        first = client.get(f"/cases/{case.public_id}").text
        assert "shuffled order while the case is new" in first
        assert order(client.get(f"/cases/{case.public_id}").text) == order(first)
        orders.add(tuple(order(first)))
    # Members share a few orders (so each order's page is rendered once for all who read it),
    # but not one: early verdicts must not all lead for everyone.
    assert len(orders) >= 2


def test_after_the_young_hours_verdicts_go_by_helpfulness(make_app, make_case, make_member):
    case, verdicts = _judged(make_case, make_member, labels=("NTA",) * 4)
    services.vote_helpful(make_member(), verdicts[3], True)
    db.session.execute(
        update(Case).where(Case.id == case.id).values(published_at=utcnow() - timedelta(hours=7))
    )
    db.session.commit()
    page = make_app(YOUNG_CASE_HOURS=6).test_client().get(f"/cases/{case.public_id}").text
    assert "most helpful first" in page
    assert page.index(verdicts[3].public_id) < page.index(verdicts[0].public_id)


def test_the_worker_closes_expired_windows_and_stores_the_outcome(client, make_case, make_member):
    case, _ = _judged(make_case, make_member, labels=("NTA",) * 5 + ("YTA",))
    _close(case)
    queueing.enqueue(close_expired_windows)
    _run_worker()
    db.session.expire_all()
    closed = db.session.get(Case, case.id)
    assert closed.closed_at is not None
    assert closed.outcome_label == "NTA" and closed.outcome_confidence > 0.8
    page = client.get(f"/cases/{case.public_id}").text
    assert "Outcome" in page and "Not in the wrong" in page
    assert '<svg class="outcome-chart"' in page and "tally-table" in page
    assert "Closed for verdicts." in page


def test_publishing_schedules_the_closing_on_the_worker(make_app, make_member):
    app = make_app(CASE_WINDOW_HOURS=1 / 3600)  # a one-second window
    with app.app_context():
        author = make_member()
        case = services.post_case(author, services.CaseDraft(**CASE_FIELDS))
        time.sleep(1.5)
        _run_worker()
        db.session.expire_all()
        assert db.session.get(Case, case.id).closed_at is not None


def test_a_split_case_says_so(client, make_case, make_member):
    case, _ = _judged(make_case, make_member, labels=("NTA", "YTA", "NTA", "YTA"))
    _close(case)
    page = client.get(f"/cases/{case.public_id}").text
    assert "<strong>Split: you&#39;re in the wrong or not in the wrong</strong>" in page
    assert "Verdicts tied between YTA and NTA." in page and "Some disagreement" in page
    assert "Undecided" not in page


def test_close_windows_command_closes_due_cases_once(runner, make_case, make_member):
    due, _ = _judged(make_case, make_member)
    make_case()  # still open
    _close(due)
    assert "Closed 1 case windows." in runner.invoke(args=["close-windows"]).output
    assert "Closed 0 case windows." in runner.invoke(args=["close-windows"]).output


def test_updates_can_be_added_after_closing(client, auth):
    auth.register()
    url = client.post("/cases/new", data={**CASE_FIELDS, "action": "post"}).headers["Location"]
    _close(db.session.scalar(db.select(Case)))
    response = client.post(
        url + "/updates", data={"body": "It worked out well in the end, thanks."}
    )
    assert response.status_code == 302
    assert "It worked out well in the end" in client.get(url).text


def test_a_new_verdict_does_not_reshuffle_a_young_case(make_app, make_case, make_member):
    case, verdicts = _judged(make_case, make_member, labels=("NTA",) * 6)
    app = make_app(YOUNG_CASE_HOURS=6)
    client = app.test_client()
    client.post("/register", data={"username": "steady", "password": PASSWORD, "confirm": PASSWORD})

    def order() -> list[str]:
        html = client.get(f"/cases/{case.public_id}").text
        return sorted((v.public_id for v in verdicts), key=html.index)

    before = order()
    services.give_verdict(case, make_member(), "YTA", REASONING)
    assert order() == before


def test_the_stored_outcome_is_what_the_page_shows(client, make_case, make_member):
    case, _ = _judged(make_case, make_member, labels=("NTA",) * 5)
    _close(case)
    close_expired_windows()
    db.session.execute(update(Case).where(Case.id == case.id).values(outcome_label="YTA"))
    db.session.commit()
    drop_cached_pages(case.id)
    assert "You&#39;re in the wrong" in client.get(f"/cases/{case.public_id}").text


def _closed_yet_looking_open(case) -> None:
    """Close the case, then move its closing time back into the future: what a request that
    loaded the case just before the closing job ran still believes."""
    _close(case)
    close_expired_windows()
    db.session.execute(
        update(Case).where(Case.id == case.id).values(closes_at=utcnow() + timedelta(hours=1))
    )
    db.session.commit()
    db.session.expire_all()


def test_a_verdict_racing_the_close_is_refused_not_lost(app, make_case, make_member):
    case = make_case()
    judge = make_member()
    _closed_yet_looking_open(case)
    with pytest.raises(Closed):
        services.give_verdict(db.session.get(Case, case.id), judge, "NTA", REASONING)
    assert recount_case(case.id) is False


def test_a_label_change_racing_the_close_is_refused_not_miscounted(app, make_case, make_member):
    case = make_case()
    judge = make_member()
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    _closed_yet_looking_open(case)
    with pytest.raises(Closed):
        services.change_verdict(db.session.get(Verdict, verdict.id), judge, "YTA", REASONING)
    db.session.expire_all()
    assert db.session.get(Verdict, verdict.id).label == "NTA"
    assert db.session.get(Case, case.id).tally["NTA"] == 1
