"""A moderator curates a week's highlights and a member learns from them in the library.

The moderator opens this week's edition, adds two of the ranked candidates, writes a takeaway
for each, previews the edition and publishes it. A first-time manager then filters the library
by their level and finds the one case written for them. axe checks the pages on the way.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe, log_in
from tests.functional.curation_helpers import closed_case, moderator

pytestmark = pytest.mark.browser

MANAGER_CASE = "AITA for cancelling all recurring meetings in my second month as a manager?"
SENIOR_CASE = "AITA for refusing a quick feature in our agreed tech-debt sprint?"
LEFT_OUT = "AITA for quitting four months into my first data job?"
TAKEAWAYS = {
    MANAGER_CASE: "Change rituals with the team, not to it.",
    SENIOR_CASE: "An agreement about scope protects everyone; explain it, don't just cite it.",
}


def expect_accessible(page: Page, axe_source: str) -> None:
    serious = [v for v in axe_violations(page, axe_source) if v["impact"] in BLOCKING_IMPACTS]
    assert not serious, describe(serious)


def write_takeaway(page: Page, title: str) -> None:
    item = page.locator("li.highlight-item").filter(has=page.get_by_role("heading", name=title))
    item.get_by_label("Takeaway").fill(TAKEAWAYS[title])
    item.get_by_label("Discussion questions").fill("- What would you have done?")
    item.get_by_role("button", name="Save takeaway").click()
    expect(page.get_by_role("status").first).to_contain_text("is saved")


def test_moderator_publishes_two_cases_and_a_member_finds_one_by_level(
    live_app, new_context, axe_source, make_case, make_member
):
    closed_case(make_case, make_member, title=MANAGER_CASE, level="first-time-manager")
    closed_case(make_case, make_member, title=SENIOR_CASE, level="senior")
    closed_case(make_case, make_member, title=LEFT_OUT, level="early-career")
    moderator(make_member, "curator")

    curator = new_context(bypass_csp=True).new_page()  # for axe only
    log_in(curator, "curator")
    curator.goto("/mod/highlights")
    curator.get_by_role("button", name="Open this week’s edition").click()
    expect(curator.get_by_role("heading", name="Candidates")).to_be_visible()
    expect_accessible(curator, axe_source)
    for title in (MANAGER_CASE, SENIOR_CASE):
        curator.get_by_role(
            "button", name=re.compile(f"^Add to edition.*{re.escape(title)}")
        ).click()
        expect(curator.get_by_role("status").first).to_contain_text("is in the edition")
    for title in (MANAGER_CASE, SENIOR_CASE):
        write_takeaway(curator, title)
    curator.get_by_role("link", name="Preview the edition").click()
    expect(curator.get_by_text(TAKEAWAYS[SENIOR_CASE])).to_be_visible()
    curator.get_by_role("button", name="Publish now").click()
    expect(curator.get_by_role("status").first).to_contain_text("is published")
    expect(curator.get_by_role("heading", name=MANAGER_CASE)).to_be_visible()

    member = new_context(bypass_csp=True).new_page()
    member.goto("/library")
    member.get_by_label("Level").select_option("first-time-manager")
    member.get_by_role("button", name="Apply filters").click()
    expect(member.get_by_role("link", name=MANAGER_CASE)).to_be_visible()
    expect(member.get_by_role("link", name=SENIOR_CASE)).to_have_count(0)
    expect(member.get_by_role("link", name=LEFT_OUT)).to_have_count(0)
    expect_accessible(member, axe_source)
    member.get_by_role("link", name=MANAGER_CASE).click()
    expect(member.get_by_text(TAKEAWAYS[MANAGER_CASE])).to_be_visible()
    expect_accessible(member, axe_source)


def test_curation_and_notification_pages_have_no_serious_axe_violations(
    live_app, new_context, axe_source, make_case, make_member
):
    from caseboard import mail
    from caseboard.extensions import db
    from caseboard.notifications import services as notifications
    from tests.functional.curation_helpers import published_edition

    author = make_member("axe-author")
    case = closed_case(make_case, make_member, author=author, title=MANAGER_CASE)
    edition = published_edition(moderator(make_member, "axe-curator"), [case])
    notifications.set_email_preferences(author.id, ["digest", "verdicts"])
    token = mail.unsubscribe_token(author.ensure_mail_key(), "digest")
    db.session.commit()

    reader = new_context(bypass_csp=True).new_page()
    public = [
        "/highlights",
        f"/highlights/{edition.key}",
        f"/highlights/{edition.key}/print",
        f"/library/{case.public_id}/print",
        f"/unsubscribe/{token}",
    ]
    curator = new_context(bypass_csp=True).new_page()
    log_in(curator, "axe-curator")
    member = new_context(bypass_csp=True).new_page()
    log_in(member, "axe-author")
    visits = [(reader, path) for path in public]
    visits += [
        (curator, path)
        for path in ("/mod/dashboard", "/mod/highlights", f"/mod/highlights/{edition.key}")
    ]
    visits += [(member, path) for path in ("/inbox", "/account/email")]
    for page, path in visits:
        page.goto(path)
        serious = [v for v in axe_violations(page, axe_source) if v["impact"] in BLOCKING_IMPACTS]
        assert not serious, f"{path}:\n{describe(serious)}"
