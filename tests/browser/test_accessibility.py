"""axe-core on the pages people use most: lists, a case page with a verdict, forms.

The app's Content-Security-Policy (script-src 'self') would block an injected axe, so this
context bypasses CSP; nothing else about the page changes.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import CASE_FIELDS, PASSWORD, REASONING

pytestmark = pytest.mark.browser

BLOCKING_IMPACTS = {"serious", "critical"}


def seed_case_with_verdict(app) -> str:
    """A published case with one verdict, made through the services; returns its path."""
    from caseboard.accounts.services import register
    from caseboard.cases import services

    with app.app_context():
        author = register("axe-author", PASSWORD)
        judge = register("axe-judge", PASSWORD)
        register("axe-reader", PASSWORD)
        case = services.post_case(author, services.CaseDraft(**CASE_FIELDS))
        services.give_verdict(case, judge, "NTA", REASONING)
        return f"/cases/{case.public_id}"


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in", exact=True).last.click()
    # The Log out form, in the header whether its menu is open or not (phones fold it away).
    expect(page.locator("header form[action='/logout']")).to_have_count(1)


def axe_violations(page: Page, axe_source: str, also: tuple[str, ...] = ()) -> list[dict]:
    """axe's violations on the page; `also` turns on rules axe leaves off by default."""
    page.add_script_tag(content=axe_source)
    options = {"resultTypes": ["violations"], "rules": {rule: {"enabled": True} for rule in also}}
    results = page.evaluate("async (options) => await axe.run(document, options)", options)
    return results["violations"]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {', '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def test_home_and_case_pages_have_no_serious_axe_violations(axe_source, live_app, new_context):
    case_path = seed_case_with_verdict(live_app)
    page = new_context(bypass_csp=True).new_page()
    log_in(page, "axe-reader")

    report = {}
    for path in ("/", case_path, "/cases/new", "/search?q=call", "/account"):
        page.goto(path)
        expect(page.locator("main h1")).to_be_visible()
        violations = axe_violations(page, axe_source)
        if violations:
            print(f"\naxe on {path}:\n{describe(violations)}")
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        if blocking:
            report[path] = describe(blocking)
    assert not report, "serious or critical axe violations:\n" + "\n".join(
        f"on {path}:\n{text}" for path, text in report.items()
    )
