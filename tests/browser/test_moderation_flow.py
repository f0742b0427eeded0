"""A case held for identifying details, as real people move it through moderation.

The author posts a case with an email address and a name in it; it is held. With JavaScript
the author replaces the email in one click (htmx swaps just the form), saves, and a moderator
approves it from the queue without learning who wrote it; then anyone can read it, redacted.
Without JavaScript the same Replace button is a plain form post. axe checks the moderation
pages and the assistant.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import BLOCKING_IMPACTS, axe_violations, describe, log_in
from tests.conftest import CASE_FIELDS, PASSWORD

pytestmark = pytest.mark.browser

CASE_PATH = re.compile(r"/cases/[^/#?]+$")
EMAIL = "jordan.pike@example.com"
NAME = "Sarah"
TITLE = "AITA for forwarding the incident notes to the wrong person?"
SITUATION = (
    f"My manager {NAME} asked me to send the incident notes to the vendor contact. I sent "
    f"them to {EMAIL} without checking the list, and the notes went out with internal details."
)
WHY_WRONG = "I might be in the wrong because I did not double-check the recipient first."
HELP_WANTED = "How do I own this mistake without making it bigger?"
SELECTS = {
    "Discipline": CASE_FIELDS["discipline"],
    "Level": CASE_FIELDS["level"],
    "Topic": CASE_FIELDS["topic"],
    "Kind of support": CASE_FIELDS["support_kind"],
}
REPLACE_EMAIL = f"Replace “{EMAIL}” with [email]"
REPLACE_NAME = f"Replace “{NAME}” with [name]"


def register(page: Page, username: str, email: str = "") -> None:
    """Create an account through /register, as a newcomer would."""
    page.goto("/register")
    page.get_by_label("Username").fill(username)
    if email:
        page.get_by_label("Email (optional)").fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("status")).to_contain_text("Welcome.")


def make_moderator(app, username: str) -> None:
    """Promote a registered member with the project's own CLI, on the live server's database."""
    result = app.test_cli_runner().invoke(args=["moderation", "grant", username])
    assert result.exit_code == 0, result.output


def fill_case(page: Page) -> None:
    page.goto("/cases/new")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("What happened").fill(SITUATION)
    page.get_by_label("Why I might be in the wrong").fill(WHY_WRONG)
    page.get_by_label("What help I want").fill(HELP_WANTED)
    for label, value in SELECTS.items():
        page.get_by_label(label, exact=True).select_option(value)


def expect_form_kept(page: Page) -> None:
    """Everything but the replaced details is still in the form."""
    expect(page.get_by_label("Title")).to_have_value(TITLE)
    expect(page.get_by_label("Why I might be in the wrong")).to_have_value(WHY_WRONG)
    expect(page.get_by_label("What help I want")).to_have_value(HELP_WANTED)
    for label, value in SELECTS.items():
        expect(page.get_by_label(label, exact=True)).to_have_value(value)


def track_navigations(page: Page) -> list[str]:
    navigations: list[str] = []
    page.on(
        "framenavigated",
        lambda frame: navigations.append(frame.url) if frame == page.main_frame else None,
    )
    return navigations


def test_held_case_redacted_by_author_approved_then_public(live_app, new_context):
    author = new_context().new_page()
    register(author, "quill-author", "quill.author@example.org")
    moderator = new_context().new_page()
    register(moderator, "mod-m")
    make_moderator(live_app, "mod-m")
    reader = new_context().new_page()  # never logs in

    # 1. The author posts a case with an email address and a name in it.
    author.get_by_role("link", name="Post a case").click()
    expect(author).to_have_url(re.compile(r"/cases/new$"))
    fill_case(author)
    author.get_by_role("button", name="Post case").click()

    # 2. It is held: the author is told why, with the email marked.
    expect(author).to_have_url(CASE_PATH)
    case_path = urlsplit(author.url).path
    expect(author.get_by_role("heading", level=1)).to_have_text(TITLE)
    notice = author.locator("section.moderation-notice")
    expect(notice.get_by_role("heading")).to_have_text("Your case waits for a moderator")
    expect(notice).to_contain_text(f"“{EMAIL}” looks like an email address")
    expect(author.locator("article.case mark").filter(has_text=EMAIL)).to_have_count(1)

    # Nobody else can see it yet, on the lists or at its address.
    for path in ("/", "/new"):
        reader.goto(path)
        expect(reader.get_by_role("link", name=TITLE)).to_have_count(0)
    assert reader.goto(case_path).status == 404

    author.get_by_role("link", name="Edit your case").click()
    expect(author).to_have_url(re.compile(rf"{re.escape(case_path)}/revise$"))
    compose = author.locator("form#compose")
    expect(compose.get_by_role("heading", name="Could this identify someone?")).to_be_visible()
    expect(compose.get_by_role("button", name="Replace all with placeholders")).to_be_visible()
    expect(compose.get_by_role("button", name=REPLACE_NAME)).to_be_visible()

    # With JavaScript, Replace swaps the form in place: no page load.
    assert author.evaluate("() => typeof window.htmx") == "object"
    author.evaluate("() => { window.__sameDocument = true; }")
    navigations = track_navigations(author)
    with author.expect_response(lambda r: r.request.method == "POST") as swap:
        compose.get_by_role("button", name=REPLACE_EMAIL).click()
    assert swap.value.status == 200
    assert swap.value.request.headers.get("hx-request") == "true"
    assert urlsplit(swap.value.url).path == f"{case_path}/revise"
    expect(author.locator(".redaction-status")).to_have_text(f"Replaced “{EMAIL}” with [email].")
    # Focus lands on the message, not back at the top of the page.
    expect(author.locator(".redaction-status")).to_be_focused()
    situation = author.get_by_label("What happened")
    expect(situation).to_have_value(SITUATION.replace(EMAIL, "[email]"))
    expect_form_kept(author)
    expect(author.get_by_role("button", name=REPLACE_EMAIL)).to_have_count(0)
    expect(author.get_by_role("button", name=REPLACE_NAME)).to_be_visible()  # still offered
    expect(author.locator("form#compose")).to_have_count(1)  # swapped, not nested
    assert author.evaluate("() => window.__sameDocument") is True
    assert navigations == []
    assert author.url.endswith(f"{case_path}/revise")

    author.get_by_role("button", name="Save changes").click()
    expect(author).to_have_url(re.compile(rf"{re.escape(case_path)}$"))
    expect(author.get_by_role("status").first).to_contain_text("Your changes are saved.")
    expect(notice.get_by_role("heading")).to_have_text("Your case waits for a moderator")
    article = author.locator("article.case")
    expect(article).to_contain_text("[email]")
    expect(article).not_to_contain_text(EMAIL)

    # 3. A moderator opens the queue from the header's Moderation menu and approves the item.
    moderator.goto("/")
    moderator.locator("header summary", has_text="Moderation").click()
    queue_link = moderator.get_by_role("link", name=re.compile(r"^Queue\b"))
    expect(queue_link).to_have_text(re.compile(r"Queue\s*1 waiting"))
    queue_link.click()
    expect(moderator).to_have_url(re.compile(r"/mod/queue$"))
    items = moderator.locator("ol.mod-queue > li")
    expect(items).to_have_count(1)
    items.get_by_role("link", name=re.compile(re.escape(TITLE))).click()
    expect(moderator).to_have_url(re.compile(r"/mod/items/[^/]+$"))
    expect(moderator.get_by_role("heading", level=1)).to_have_text("Held case")
    content = moderator.locator("section.mod-content")
    expect(content).to_contain_text("[email]")
    expect(content).not_to_contain_text(EMAIL)
    expect(content.locator("mark").filter(has_text=NAME)).to_have_count(1)
    html = moderator.content()
    for secret in ("quill-author", "quill.author@example.org"):
        assert secret not in html, f"the moderator's page shows {secret!r}"

    decision = moderator.locator("form.decision")
    decision.get_by_role("radio", name="Approve: show it").check()
    decision.get_by_role("button", name="Decide").click()
    expect(moderator).to_have_url(re.compile(r"/mod/queue$"))
    expect(moderator.get_by_role("status")).to_contain_text("Decided: Approve: show it.")
    expect(moderator.get_by_text("The queue is empty.")).to_be_visible()

    # 4. A reader without an account now finds it on the lists, redacted.
    for path in ("/", "/new"):
        reader.goto(path)
        expect(reader.get_by_role("link", name=TITLE)).to_have_count(1)
    reader.get_by_role("link", name=TITLE).click()
    expect(reader).to_have_url(re.compile(rf"{re.escape(case_path)}$"))
    expect(reader.get_by_role("heading", level=1)).to_have_text(TITLE)
    body = reader.locator("main")
    expect(body).to_contain_text("[email]")
    expect(body).not_to_contain_text(EMAIL)
    expect(body).not_to_contain_text("waits for a moderator")
    assert EMAIL not in reader.content()

    reader.goto("/moderation-log")
    expect(reader.locator("table.mod-log tbody tr")).to_have_count(1)
    expect(reader.locator("table.mod-log")).to_contain_text("a case")


def test_replace_works_without_javascript_on_a_new_case(new_context):
    page = new_context(java_script_enabled=False).new_page()
    register(page, "plain-html")
    fill_case(page)

    page.get_by_role("button", name="Preview").click()
    preview = page.get_by_role("region", name="Preview")
    expect(preview.get_by_role("heading", name=TITLE)).to_be_visible()
    check = page.locator("section.anonymity-check")
    expect(check.get_by_role("heading", name="Could this identify someone?")).to_be_visible()
    expect(check.locator("mark").filter(has_text=EMAIL)).to_have_count(1)

    # The Replace button is a plain submit: a full-page POST, no htmx.
    with page.expect_navigation() as navigation:
        check.get_by_role("button", name=REPLACE_EMAIL).click()
    response = navigation.value
    assert response.status == 200
    assert response.request.method == "POST"
    assert "hx-request" not in response.request.headers
    assert urlsplit(response.url).path == "/cases/new"
    expect(page.locator(".redaction-status")).to_have_text(f"Replaced “{EMAIL}” with [email].")
    expect(page.locator(".redaction-status")).to_be_focused()
    expect(page.get_by_label("What happened")).to_have_value(SITUATION.replace(EMAIL, "[email]"))
    expect_form_kept(page)
    expect(preview).to_contain_text("[email]")
    expect(preview).not_to_contain_text(EMAIL)

    # Then the name; with nothing identifying left, the case is published at once.
    with page.expect_navigation():
        page.get_by_role("button", name=REPLACE_NAME).click()
    redacted = SITUATION.replace(EMAIL, "[email]").replace(NAME, "[name]")
    expect(page.get_by_label("What happened")).to_have_value(redacted)
    expect(page.locator("section.anonymity-check")).to_contain_text(
        "Nothing else here looks like it identifies anyone."
    )
    page.get_by_role("button", name="Post case").click()
    expect(page).to_have_url(CASE_PATH)
    expect(page.get_by_role("status")).to_contain_text("Your case is published.")
    expect(page.locator("main")).to_contain_text("My manager [name] asked me")


def seed_moderation(app) -> dict[str, str]:
    """Two held cases, one approved (so the log has an entry and a case can be reported),
    one still waiting; returns the paths axe looks at."""
    from sqlalchemy import select

    from caseboard.accounts.services import register as register_member
    from caseboard.cases import services
    from caseboard.extensions import db
    from caseboard.models import ModerationItem
    from caseboard.moderation import decisions

    # A request context: deciding tells the author, with a link to the case.
    with app.test_request_context():
        author = register_member("axe-author", PASSWORD)
        moderator = register_member("axe-mod", PASSWORD)
        register_member("axe-member", PASSWORD)
        make_moderator(app, "axe-mod")
        fields = {**CASE_FIELDS, "situation": SITUATION, "title": TITLE}
        approved = services.post_case(author, services.CaseDraft(**fields))
        waiting = services.post_case(
            author, services.CaseDraft(**{**fields, "title": "AITA for a second held case?"})
        )
        assert approved.status == waiting.status == "held"
        items = {
            item.subject_key: item
            for item in db.session.scalars(
                select(ModerationItem).where(ModerationItem.closed_at.is_(None))
            )
        }
        decisions.decide(items[f"case:{approved.id}"], moderator, "approve", reason_code="")
        return {
            "item": f"/mod/items/{items[f'case:{waiting.id}'].public_id}",
            "report": f"/report/case/{approved.public_id}",
        }


def axe_blocking(page: Page, axe_source: str, where: str, report: dict[str, str]) -> None:
    violations = axe_violations(page, axe_source)
    if violations:
        print(f"\naxe on {where}:\n{describe(violations)}")
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        report[where] = describe(blocking)


def test_moderation_pages_and_the_assistant_have_no_serious_axe_violations(
    axe_source, live_app, new_context
):
    paths = seed_moderation(live_app)
    report: dict[str, str] = {}

    member = new_context(bypass_csp=True).new_page()
    log_in(member, "axe-member")
    fill_case(member)
    member.get_by_role("button", name="Preview").click()
    expect(member.get_by_role("button", name=REPLACE_EMAIL)).to_be_visible()
    axe_blocking(member, axe_source, "/cases/new after Preview, with findings", report)

    member.goto(paths["report"])
    expect(member.get_by_role("button", name="Send report")).to_be_visible()
    axe_blocking(member, axe_source, paths["report"], report)

    member.goto("/moderation-log")
    expect(member.locator("table.mod-log tbody tr")).to_have_count(1)
    axe_blocking(member, axe_source, "/moderation-log", report)

    moderator = new_context(bypass_csp=True).new_page()
    log_in(moderator, "axe-mod")
    moderator.goto("/mod/queue")
    expect(moderator.locator("ol.mod-queue > li")).to_have_count(1)
    axe_blocking(moderator, axe_source, "/mod/queue with one item", report)

    moderator.goto(paths["item"])
    expect(moderator.get_by_role("button", name="Decide")).to_be_visible()
    axe_blocking(moderator, axe_source, paths["item"], report)
    moderator.get_by_role("button", name="Claim this item").click()
    expect(moderator.get_by_role("button", name="Release it back to the queue")).to_be_visible()
    axe_blocking(moderator, axe_source, f"{paths['item']} once claimed", report)

    assert not report, "serious or critical axe violations:\n" + "\n".join(
        f"on {where}:\n{text}" for where, text in report.items()
    )
