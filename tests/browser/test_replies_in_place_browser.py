"""Replying in a real browser. With JavaScript the form opens under the verdict, the thread
stays in view, a refused reply says why in place, and the new reply joins the thread with
focus on it. Without JavaScript the link leads to the reply page, which sends the reply.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import log_in
from tests.conftest import CASE_FIELDS, PASSWORD, REASONING

pytestmark = pytest.mark.browser


def seed_judged_case(app) -> tuple[str, str]:
    """A case with one verdict and a member to reply; returns its path and the verdict's id."""
    from caseboard.accounts.services import register
    from caseboard.cases import services

    with app.app_context():
        author = register("reply-author", PASSWORD)
        judge = register("reply-judge", PASSWORD)
        register("replier", PASSWORD)
        case = services.post_case(author, services.CaseDraft(**CASE_FIELDS))
        verdict = services.give_verdict(case, judge, "NTA", REASONING)
        return f"/cases/{case.public_id}", verdict.public_id


def test_with_javascript_a_reply_opens_and_lands_in_place(live_app, new_context):
    case_path, verdict_id = seed_judged_case(live_app)
    page = new_context().new_page()
    errors = []
    page.on("console", lambda message: errors.append(message.text))  # CSP refusals show here
    log_in(page, "replier")
    page.goto(case_path)
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.__sameDocument = true; }")
    verdict = page.locator(f"#verdict-{verdict_id}")
    opener = verdict.get_by_role("link", name=re.compile("^Reply to this verdict"))
    slot = page.locator(f"#reply-slot-verdict-{verdict_id}")

    # Opened under the verdict, ready to type in; Cancel closes it and focus goes back.
    opener.click()
    box = slot.get_by_label("Your reply")
    expect(box).to_be_focused()
    expect(verdict).to_contain_text(REASONING)  # the thread is still there, above the form
    slot.get_by_role("link", name="Cancel").click()
    expect(slot.locator("form")).to_have_count(0)
    expect(opener).to_be_focused()

    # Sent empty: the summary says why, in place, focused.
    opener.click()
    slot.get_by_role("button", name="Send reply").click()
    summary = slot.locator(".error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()

    # Sent: the reply joins the verdict's thread, takes focus, and the form closes.
    slot.get_by_label("Your reply").fill("Well argued; I would have said no too.")
    slot.get_by_role("button", name="Send reply").click()
    reply = page.locator(f"#replies-verdict-{verdict_id} > li")
    expect(reply).to_have_count(1)
    expect(reply).to_be_visible()
    expect(reply).to_contain_text("Well argued; I would have said no too.")
    expect(reply).to_be_focused()
    expect(slot.locator("form")).to_have_count(0)
    assert page.evaluate("() => window.__sameDocument") is True
    assert page.url.endswith(case_path)
    assert not [text for text in errors if "Content Security Policy" in text], errors


def test_without_javascript_the_reply_link_leads_to_the_reply_page(live_app, new_context):
    case_path, verdict_id = seed_judged_case(live_app)
    page = new_context(java_script_enabled=False).new_page()
    log_in(page, "replier")
    page.goto(case_path)
    page.locator(f"#verdict-{verdict_id}").get_by_role(
        "link", name=re.compile("^Reply to this verdict")
    ).click()
    expect(page).to_have_url(re.compile(rf"/reply\?verdict={verdict_id}$"))
    expect(page.locator("figure.answering")).to_contain_text(REASONING[:40])
    page.get_by_label("Your reply").fill("Fair point, thank you.")
    page.get_by_role("button", name="Send reply").click()
    # The verdict's own page, which holds its whole thread however long.
    thread = f"{case_path}/verdicts/{verdict_id}"
    expect(page).to_have_url(re.compile(rf"{re.escape(thread)}#reply-[\w-]+$"))
    expect(page.locator(f"#replies-verdict-{verdict_id} > li")).to_contain_text(
        "Fair point, thank you."
    )
