"""A refused verdict in a real browser, with and without JavaScript: the page is still the
case's address, opened at the form's anchor with the error summary focused, the typed text
kept, and the summary's links lead to the fields.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import log_in, seed_case_with_verdict

pytestmark = pytest.mark.browser

TYPED = "Too short to help, sorry."


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_a_refused_verdict_says_so_at_the_form_focused(live_app, new_context, javascript):
    case_path = seed_case_with_verdict(live_app)
    page = new_context(java_script_enabled=javascript).new_page()
    log_in(page, "axe-reader")
    page.goto(case_path)
    form = page.locator("form.verdict-form")
    form.get_by_label("Your reasoning").fill(TYPED)
    form.get_by_role("button", name="Give verdict").click()

    expect(page).to_have_url(re.compile(rf"{re.escape(case_path)}#your-verdict$"))
    summary = page.locator("#your-verdict")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_be_focused()
    expect(summary).to_be_in_viewport()
    assert page.evaluate("() => document.activeElement.id") == "your-verdict"
    expect(form.get_by_label("Your reasoning")).to_have_value(TYPED)

    summary.get_by_role("link", name=re.compile("^Write at least 50 characters")).click()
    expect(form.get_by_label("Your reasoning")).to_be_focused()
    summary.get_by_role("link", name="Choose a verdict.").click()
    expect(form.get_by_role("radio").first).to_be_focused()
