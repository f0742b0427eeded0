"""A member reads the home list in a real browser, on a 320 px phone: the open case they
judged says how long it has left and that they judged it, the closed one how it came out."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from caseboard.cases import services
from tests.browser.test_accessibility import BLOCKING_IMPACTS, describe, log_in
from tests.conftest import REASONING
from tests.functional.curation_helpers import closed_case

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
OPEN_TITLE = "AITA for swapping my on-call weekend without asking?"
CLOSED_TITLE = "AITA for correcting my manager in the all-hands?"


def test_a_member_sees_time_left_their_mark_and_a_closed_outcome_on_a_phone(
    live_app, new_context, axe_source, make_case, make_member
):
    open_case = make_case(title=OPEN_TITLE)
    services.give_verdict(open_case, make_member("list_reader"), "ESH", REASONING)
    closed_case(make_case, make_member, title=CLOSED_TITLE, labels=("NTA",) * 4)

    page = new_context(viewport=PHONE, bypass_csp=True).new_page()  # bypass: for axe only
    log_in(page, "list_reader")
    page.goto("/")
    judged = page.locator("article.case-card").filter(has=page.get_by_role("link", name=OPEN_TITLE))
    expect(judged).to_contain_text("Open · 2 days left")
    expect(judged).to_contain_text("You judged this: you gave ESH")
    closed = page.locator("article.case-card").filter(
        has=page.get_by_role("link", name=CLOSED_TITLE)
    )
    expect(closed).to_contain_text("Closed · Leaning: not in the wrong")
    expect(closed).not_to_contain_text("You judged this")
    assert page.evaluate(CARDS_FIT)
    serious = [v for v in _list_violations(page, axe_source) if v["impact"] in BLOCKING_IMPACTS]
    assert not serious, describe(serious)


# The list only: the header and the rest of the page have tests of their own.
CARDS_FIT = """() => [...document.querySelectorAll('ol.case-list *')].every(
    (el) => el.getBoundingClientRect().right <= window.innerWidth + 0.5)"""


def _list_violations(page, axe_source: str) -> list[dict]:
    page.add_script_tag(content=axe_source)
    script = "async () => (await axe.run('ol.case-list', {resultTypes: ['violations']})).violations"
    return page.evaluate(script)
