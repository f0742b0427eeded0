"""The core loop as real people do it, each in their own browser: post, judge, vote helpful.

The helpful vote is checked twice: with JavaScript, where htmx swaps just the vote widget in
place, and without it, where the same widget is a plain form that posts and reloads the page.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import CASE_FIELDS, PASSWORD, REASONING

pytestmark = pytest.mark.browser

CASE_PATH = re.compile(r"/cases/[^/#?]+$")
SELECTS = {
    "Discipline": CASE_FIELDS["discipline"],
    "Level": CASE_FIELDS["level"],
    "Topic": CASE_FIELDS["topic"],
    "Kind of support": CASE_FIELDS["support_kind"],
}


def register(page: Page, username: str) -> None:
    """Create an account through /register, as a newcomer would."""
    page.goto("/register")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome.")


def post_case(page: Page) -> str:
    """Fill in /cases/new, preview it, post it; returns the case page's path."""
    page.goto("/cases/new")
    page.get_by_label("Title").fill(CASE_FIELDS["title"])
    page.get_by_label("What happened").fill(CASE_FIELDS["situation"])
    page.get_by_label("Why I might be in the wrong").fill(CASE_FIELDS["why_wrong"])
    page.get_by_label("What help I want").fill(CASE_FIELDS["help_wanted"])
    for label, value in SELECTS.items():
        page.get_by_label(label, exact=True).select_option(value)

    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview")
    expect(preview).to_be_visible()
    expect(preview.get_by_role("heading", name=CASE_FIELDS["title"])).to_be_visible()
    expect(preview).to_contain_text("They escalated to our manager.")

    page.get_by_role("button", name="Post case").click()
    expect(page).to_have_url(CASE_PATH)
    expect(page.get_by_role("heading", level=1)).to_have_text(CASE_FIELDS["title"])
    expect(page.get_by_role("status")).to_contain_text("Your case is published.")
    return urlsplit(page.url).path


def give_verdict(page: Page, case_path: str) -> str:
    """Judge the case as NTA with reasoning; returns the verdict's element id."""
    page.goto(case_path)
    form = page.locator("form.verdict-form")
    form.get_by_role("radio", name=re.compile(r"^NTA\b")).check()
    form.get_by_label("Your reasoning").fill(REASONING)
    form.get_by_role("button", name="Give verdict").click()
    expect(page.get_by_role("status")).to_contain_text("Your verdict is in.")
    verdict = page.locator("article.verdict")
    expect(verdict).to_have_count(1)
    expect(verdict).to_contain_text(REASONING)
    return verdict.get_attribute("id")


def helpful_button(page: Page, verdict_id: str):
    return page.locator(f"#{verdict_id}-vote").get_by_role("button", name=re.compile(r"^Helpful"))


def test_post_judge_and_vote_helpful_with_and_without_javascript(new_context):
    author = new_context().new_page()
    register(author, "member-a")
    case_path = post_case(author)

    judge = new_context().new_page()
    register(judge, "member-b")
    verdict_id = give_verdict(judge, case_path)

    # The author finds the verdict helpful: htmx swaps the widget, the page stays put.
    author.goto(case_path)
    author.wait_for_function("() => window.htmx !== undefined")
    button = helpful_button(author, verdict_id)
    expect(button).to_have_attribute("aria-pressed", "false")
    expect(button.locator(".count")).to_have_text("0")
    author.evaluate("() => { window.__sameDocument = true; }")
    navigations = []
    author.on(
        "framenavigated",
        lambda frame: navigations.append(frame.url) if frame == author.main_frame else None,
    )
    with author.expect_response(lambda r: r.url.endswith("/vote")) as vote:
        button.click()
    assert vote.value.status == 200
    assert vote.value.request.headers.get("hx-request") == "true"
    expect(button.locator(".count")).to_have_text("1")
    expect(button).to_have_attribute("aria-pressed", "true")
    assert author.evaluate("() => window.__sameDocument") is True
    assert navigations == []

    # A third member without JavaScript: the plain form posts and the page reloads.
    reader = new_context(java_script_enabled=False).new_page()
    register(reader, "member-c")
    reader.goto(case_path)
    button = helpful_button(reader, verdict_id)
    expect(button.locator(".count")).to_have_text("1")
    expect(button).to_have_attribute("aria-pressed", "false")
    with reader.expect_navigation() as navigation:
        button.click()
    assert navigation.value.status == 200
    redirect = navigation.value.request.redirected_from
    assert redirect is not None and redirect.method == "POST"
    assert redirect.url.endswith("/vote") and "hx-request" not in redirect.headers
    expect(reader).to_have_url(re.compile(rf"{re.escape(case_path)}#{verdict_id}$"))
    expect(button.locator(".count")).to_have_text("2")
    expect(button).to_have_attribute("aria-pressed", "true")
