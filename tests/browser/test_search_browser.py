"""A reader searches in a real browser: "promoted friend" finds the cases with either word,
each with its matching words highlighted; a search that finds nothing offers broader ones."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe

pytestmark = pytest.mark.browser

FILLER = " We talked it over at length in the weekly sync and nothing was settled."
BOTH = "AITA for going quiet after my friend was promoted?"
ONE = "AITA for not congratulating a colleague who was promoted?"


def test_a_reader_finds_cases_with_any_word_highlighted_and_broader_searches(
    live_server, new_context, axe_source, make_case
):
    make_case(title=BOTH, situation="My friend was promoted to lead our team." + FILLER)
    make_case(title=ONE, situation="A colleague was promoted over two of us." + FILLER)
    make_case(title="AITA for skipping the offsite dinner?", discipline="data")

    page = new_context(bypass_csp=True).new_page()  # bypass: for axe only
    page.goto("/search")
    page.get_by_label("Words to find").fill("promoted friend")
    page.get_by_label("Words to find").press("Enter")
    results = page.locator("article.case-card")
    expect(results).to_have_count(2)
    expect(results.first.get_by_role("link")).to_have_text(BOTH)  # both words, so first
    expect(results.first.locator("p.snippet mark")).to_have_text(["friend", "promoted"])
    serious = [v for v in axe_violations(page, axe_source) if v["impact"] in BLOCKING_IMPACTS]
    assert not serious, describe(serious)

    page.get_by_label("Discipline").select_option("data")
    page.get_by_role("button", name="Apply filters").click()
    page.get_by_label("Words to find").fill('"offsite lunch" -dinner')
    page.get_by_label("Words to find").press("Enter")
    expect(page.get_by_text("No cases match")).to_be_visible()
    suggestions = page.get_by_role("region", name="Search more widely")
    suggestions.get_by_role("link", name="Search without the quotes").click()
    expect(page.get_by_label("Words to find")).to_have_value("offsite lunch -dinner")
    expect(page.get_by_label("Discipline")).to_have_value("data")  # the filter is kept
    page.get_by_role("region", name="Search more widely").get_by_role(
        "link", name="Search without leaving any words out"
    ).click()
    expect(page.locator("article.case-card")).to_have_count(1)
