"""The header's Moderation menu, per role: readers and members never see it; moderators find
the queue with its count, this week's highlights, the dashboard and the log; admins also the
moderators and the reason templates. Every link opens for the role that sees it."""

import re

from caseboard.curation import editions, weeks
from caseboard.extensions import db
from caseboard.models import Member, Role
from caseboard.models.base import utcnow
from tests.functional.moderation_helpers import become_moderator, held_case, promote
from tests.functional.test_query_counts import counting_queries

MENU = re.compile(r'<details class="mod-menu">(.*?)</details>', re.S)
LINK = re.compile(r'<a href="([^"]+)">(.*?)</a>', re.S)
TAG = re.compile(r"<[^>]+>")


def menu_links(html: str) -> dict[str, str]:
    """The Moderation menu's links, {words: address}; {} when the page has no menu."""
    menu = MENU.search(html)
    if menu is None:
        return {}
    return {" ".join(TAG.sub("", words).split()): href for href, words in LINK.findall(menu[1])}


def this_week() -> str:
    return weeks.week_key(*weeks.week_of(utcnow()))


def test_readers_and_members_have_no_moderation_menu(client, auth):
    assert menu_links(client.get("/").text) == {}
    auth.register("plain-member")
    page = client.get("/").text
    assert "Your account" in page
    assert menu_links(page) == {}
    assert "/mod/" not in page


def test_a_moderator_menu_has_the_queue_with_its_count_highlights_dashboard_and_log(client, auth):
    held_case(client, auth)
    become_moderator(client, auth)
    links = menu_links(client.get("/").text)
    assert links == {
        "Queue 1 waiting": "/mod/queue",
        "Start this week’s highlights": "/mod/highlights",
        "Dashboard": "/mod/dashboard",
        "Moderation log": "/moderation-log",
        "Reason templates": "/mod/reasons",
    }
    for href in links.values():
        assert client.get(href).status_code == 200, href


def test_once_this_weeks_edition_is_started_the_menu_opens_its_builder(client, auth):
    become_moderator(client, auth, "curator")
    moderator = db.session.query(Member).filter_by(username="curator").one()
    editions.start_edition(moderator, *weeks.week_of(utcnow()))
    links = menu_links(client.get("/library").text)
    assert links["This week’s highlights"] == f"/mod/highlights/{this_week()}"
    assert "Start this week’s highlights" not in links
    assert client.get(links["This week’s highlights"]).status_code == 200


def test_an_admin_also_finds_the_moderators_and_the_reason_templates(client, auth):
    auth.register("chief")
    promote("chief", Role.ADMIN)
    links = menu_links(client.get("/").text)
    assert links["Moderators"] == "/admin/moderators"
    assert links["Reason templates"] == "/mod/reasons"
    assert links["Queue"] == "/mod/queue"
    for href in links.values():
        assert client.get(href).status_code == 200, href


def test_only_a_moderators_page_looks_up_this_weeks_edition_and_only_once(client, auth):
    def edition_lookups(path: str) -> list[str]:
        with counting_queries() as statements:
            assert client.get(path).status_code == 200
        return [statement for statement in statements if "FROM editions" in statement]

    become_moderator(client, auth)
    # A first visit renders the list and the page around it separately: one lookup still.
    assert len(edition_lookups("/new")) == 1
    auth.logout()
    auth.register("plain-member")
    # The header's one statement holds it behind the moderators' role, which SQL's CASE
    # evaluates first: for a member, the lookup never runs.
    for statement in edition_lookups("/new"):
        guard = statement.find("CASE WHEN (members.role =")
        assert 0 <= guard < statement.find("FROM editions"), statement
