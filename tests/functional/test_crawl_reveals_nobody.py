"""The crawl guarantee: every page, fragment, feed and export reachable by following links,
as a reader without an account, as a member and as a moderator, names no member (username,
email, member id) and gives no time finer than a day about anyone's content."""

from __future__ import annotations

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

from sqlalchemy import select

from caseboard.demo import DEMO_MODERATOR, DEMO_PASSWORD, demo_username
from caseboard.extensions import db
from caseboard.models import Member

# A time finer than a day, in any of the forms a page could give one: an ISO timestamp (Atom
# wants one, so feeds give each day's first second), a <time> with more than a date (or a
# week), a date with its time of day, or "minutes ago". (A bare "5:30" is left alone: members
# write those.)
FINE_TIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ](?!00:00:00Z)\d{2}:\d{2}"
    r'|<time datetime="(?!\d{4}-\d{2}-\d{2}"|\d{4}-W\d{2}")'
    r"|\b\d{1,2} [A-Z][a-z]{2}(?: \d{4})?,? (?:at )?\d{1,2}:\d{2}"
    r"|\b\d{1,2}:\d{2} UTC"
    r"|\b\d+ (?:minute|hour)s? ago|\bjust now\b"
)
# A member's id, or the markers that name items by their database ids in cached HTML (which
# are always replaced before a page is sent).
INTERNAL_IDS = re.compile(r"member[_-]?id|<!--(?:judged|cb):", re.IGNORECASE)
# Where a page is about the member's own account, or is a moderator's own scheduling tool,
# it may give their own times; what others wrote is checked everywhere else.
OWN_PAGES = ("/account", "/mod/highlights")
# Followed links that only do something (and are POST forms anyway), or leave the site.
NOT_CRAWLED = ("/logout", "/static/", "/unsubscribe")
MAX_PAGES = 400


class _Links(HTMLParser):
    """The addresses a page links to (<a href>, htmx's hx-get) and its GET forms' actions."""

    def __init__(self):
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "hx-get"):
            if attrs.get(name) and (tag != "link" or attrs.get("rel") == "alternate"):
                self.found.append(attrs[name])
        if tag == "form" and (attrs.get("method") or "get").lower() == "get":
            self.found.append(attrs.get("action") or "")


def _crawl(client, start: list[str]) -> dict[str, str]:
    """Every same-site address reachable from `start`, by its body (at most MAX_PAGES)."""
    seen, bodies, waiting = set(start), {}, deque(start)
    while waiting and len(bodies) < MAX_PAGES:
        path = waiting.popleft()
        response = client.get(path)
        assert response.status_code < 500, path
        body = response.get_data(as_text=True) + str(response.headers)
        bodies[path] = body
        if "html" not in (response.content_type or ""):
            continue
        parser = _Links()
        parser.feed(response.get_data(as_text=True))
        for link in parser.found:
            address = urldefrag(link)[0]
            parts = urlsplit(address)
            if parts.scheme or parts.netloc or not address.startswith("/"):
                continue
            if address.startswith(NOT_CRAWLED) or address in seen:
                continue
            seen.add(address)
            waiting.append(address)
    return bodies


def _identities(except_username: str | None = None) -> list[str]:
    members = db.session.scalars(select(Member).where(Member.username != except_username))
    return [value for m in members for value in (m.username, m.email) if value]


def _assert_reveals_nobody(bodies: dict[str, str], identities: list[str]) -> None:
    for path, body in bodies.items():
        for identity in identities:
            assert identity not in body, f"{path} names a member"
        internal = INTERNAL_IDS.search(body)
        assert internal is None, f"{path} gives an internal id: {internal[0]!r}"
        if not path.startswith(OWN_PAGES):
            fine = FINE_TIME.search(body)
            assert fine is None, f"{path} gives a time finer than a day: {fine[0]!r}"


START = ["/", "/new", "/top?period=all", "/divisive", "/needs-verdicts", "/library"]
START += ["/highlights", "/feeds/highlights.atom", "/feeds/library.atom", "/moderation-log"]


def test_a_reader_without_an_account_finds_nobody_and_no_minute(demo_board, client):
    bodies = _crawl(client, START + ["/search?q=manager"])
    assert len(bodies) > 50  # the crawl reached the cases, threads, library and feeds
    assert any(path.startswith("/cases/") for path in bodies)
    _assert_reveals_nobody(bodies, _identities())


def test_a_member_finds_nobody_else_and_no_minute(demo_board, client):
    member = demo_username(3)
    client.post("/login", data={"username": member, "password": DEMO_PASSWORD})
    bodies = _crawl(client, START + ["/inbox", "/activity", "/account"])
    assert "/inbox" in bodies and "Log out" in bodies["/"]
    _assert_reveals_nobody(bodies, _identities(except_username=member))


def test_a_moderator_finds_nobody_and_no_minute(demo_board, client):
    client.post("/login", data={"username": DEMO_MODERATOR, "password": DEMO_PASSWORD})
    bodies = _crawl(client, START + ["/mod/queue", "/mod/dashboard", "/mod/highlights"])
    assert any(path.startswith("/mod/items/") for path in bodies)
    _assert_reveals_nobody(bodies, _identities(except_username=DEMO_MODERATOR))
