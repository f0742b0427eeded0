"""The header's Moderation menu in a real browser: a moderator opens it with the keyboard or
a click, with or without JavaScript, on a desktop screen and inside the phone Menu; an admin
also finds the moderators; an ordinary member never sees it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import log_in
from tests.conftest import CASE_FIELDS
from tests.functional.moderation_helpers import EMAIL_IN_CASE

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 320, "height": 700}


@pytest.fixture
def people(live_app, make_member, make_case):
    """A member, a moderator and an admin; one case waits in the queue."""
    from caseboard.extensions import db
    from caseboard.models import Role

    make_member("plain-member")
    make_member("menu-mod").role = Role.MODERATOR
    make_member("menu-admin").role = Role.ADMIN
    db.session.commit()
    make_case(situation=CASE_FIELDS["situation"] + " " + EMAIL_IN_CASE)  # held for a moderator


def test_a_moderator_opens_the_menu_with_the_keyboard_without_javascript(people, new_context):
    page = new_context(viewport=DESKTOP, java_script_enabled=False).new_page()
    log_in(page, "menu-mod")
    header = page.locator("header")
    menu = header.locator("summary", has_text="Moderation")
    expect(menu).to_contain_text("1 waiting")
    queue = header.get_by_role("link", name=re.compile(r"^Queue"))
    expect(queue).to_be_hidden()

    menu.focus()
    page.keyboard.press("Enter")
    expect(queue).to_be_visible()
    expect(queue).to_have_text(re.compile(r"Queue\s*1 waiting"))
    for name in ("Start this week’s highlights", "Dashboard", "Moderation log"):
        expect(header.get_by_role("link", name=name)).to_be_visible()
    expect(header.get_by_role("link", name="Moderators")).to_have_count(0)

    page.keyboard.press("Tab")
    expect(queue).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/mod/queue$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Moderation queue")


def test_on_a_phone_the_moderation_menu_sits_inside_the_header_menu(people, new_context):
    page = new_context(viewport=PHONE, java_script_enabled=False).new_page()
    log_in(page, "menu-mod")
    header = page.locator("header")
    header.locator("summary", has_text="Menu").click()
    header.locator("summary", has_text="Moderation").click()
    header.get_by_role("link", name="Start this week’s highlights").click()
    expect(page).to_have_url(re.compile(r"/mod/highlights$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Highlight editions")


def test_an_admin_also_finds_the_moderators_and_a_member_finds_no_menu(people, new_context):
    admin = new_context(viewport=DESKTOP).new_page()
    log_in(admin, "menu-admin")
    admin.locator("header summary", has_text="Moderation").click()
    admin.get_by_role("link", name="Moderators").click()
    expect(admin).to_have_url(re.compile(r"/admin/moderators$"))
    expect(admin.get_by_role("heading", level=1)).to_have_text("Moderators")

    member = new_context(viewport=DESKTOP).new_page()
    log_in(member, "plain-member")
    expect(member.locator("header summary", has_text="Moderation")).to_have_count(0)
    expect(member.get_by_role("link", name=re.compile(r"^Queue"))).to_have_count(0)
