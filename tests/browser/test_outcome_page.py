"""A closed case's outcome in a real browser: its state in words, the chart that becomes a
table with no JavaScript, and axe on the case page and on "How outcomes work", on a 320 px
phone and on a desktop screen."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe
from tests.conftest import CASE_FIELDS, PASSWORD, REASONING

pytestmark = pytest.mark.browser

PHONE = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}
# Set to a folder to keep screenshots of the outcome (chart and table, phone and desktop).
SHOTS = os.environ.get("CASEBOARD_SCREENSHOTS", "")


FOLLOW_UP = "I raised it in our next one-to-one and we agreed a rota for the on-call weeks."


def seed_closed_case(app, labels=("NTA", "NTA", "NTA", "ESH", "ESH")) -> str:
    """A case with these verdicts whose window has closed, its outcome stored, and its
    author's answer to "how did it play out?"; its path."""
    from sqlalchemy import update

    from caseboard.accounts.services import register
    from caseboard.cases import services
    from caseboard.extensions import db
    from caseboard.lifecycle import close_expired_windows
    from caseboard.models import Case
    from caseboard.models.base import utcnow

    with app.app_context():
        author = register("outcome-author", PASSWORD)
        case = services.post_case(author, services.CaseDraft(**CASE_FIELDS))
        for index, label in enumerate(labels):
            services.give_verdict(case, register(f"judge{index}", PASSWORD), label, REASONING)
        db.session.execute(
            update(Case).where(Case.id == case.id).values(closes_at=utcnow() - timedelta(minutes=1))
        )
        db.session.commit()
        close_expired_windows()
        from caseboard.follow_ups import answer_follow_up

        answer_follow_up(db.session.get(Case, case.id), author, FOLLOW_UP, "partly")
        return f"/cases/{case.public_id}"


def fits_the_screen(page: Page) -> bool:
    """Nothing in the outcome section reaches past the window's right edge."""
    return page.evaluate(
        """() => [...document.querySelectorAll('section.outcome *')].every(
            (el) => el.getBoundingClientRect().right <= window.innerWidth + 0.5)"""
    )


def shoot(page: Page, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.locator("section.outcome").screenshot(path=str(Path(SHOTS) / f"{name}.png"))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_the_outcome_shows_its_state_and_a_table_one_click_away(live_app, new_context, viewport):
    path = seed_closed_case(live_app)
    page = new_context(viewport=viewport, java_script_enabled=False).new_page()
    page.goto(path)
    outcome = page.locator("section.outcome")
    expect(outcome.locator(".outcome-verdict")).to_contain_text("Leaning: not in the wrong")
    expect(outcome).to_contain_text("about 3 in 5 chance a much larger group would say the same")
    chart = page.get_by_role("img", name="Share of the 5 verdicts per label")
    expect(chart).to_be_visible()
    table = page.get_by_role("table")
    expect(table).to_be_hidden()
    assert fits_the_screen(page)
    shoot(page, f"chart-{viewport['width']}")

    page.get_by_role("link", name="Show as a table").click()
    expect(table).to_be_visible()
    expect(chart).to_be_hidden()
    assert page.url.endswith("#outcome-table")
    expect(table.get_by_role("row", name="NTA")).to_contain_text("60 %")
    expect(
        table.get_by_role("columnheader", name="A much larger group: 80 % range")
    ).to_be_visible()
    assert fits_the_screen(page)
    shoot(page, f"table-{viewport['width']}")

    page.get_by_role("link", name="Show as a chart").click()
    expect(chart).to_be_visible()
    expect(table).to_be_hidden()

    what_next = page.get_by_role("region", name="What happened next")
    expect(what_next).to_contain_text("The advice: It partly helped")
    expect(what_next).to_contain_text(FOLLOW_UP)
    expect(what_next).to_contain_text("OP")


def test_keyboard_users_reach_the_table(live_app, new_context):
    path = seed_closed_case(live_app)
    page = new_context(viewport=PHONE).new_page()
    page.goto(path)
    link = page.get_by_role("link", name="Show as a table")
    link.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_role("link", name="Show as a chart")).to_be_visible()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["320px", "desktop"])
def test_no_serious_axe_violations_on_the_outcome_pages(
    axe_source, live_app, new_context, viewport
):
    path = seed_closed_case(live_app)
    page = new_context(bypass_csp=True, viewport=viewport).new_page()
    report = {}
    for url in (path, path + "#outcome-table", "/how-outcomes-work"):
        page.goto(url)
        expect(page.locator("main h1")).to_be_visible()
        violations = axe_violations(page, axe_source)
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            report[url] = describe(blocking)
    assert not report, "serious or critical axe violations:\n" + "\n".join(
        f"on {url}:\n{text}" for url, text in report.items()
    )
