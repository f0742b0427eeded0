"""Atom feeds, Markdown and printable workshop exports, and anonymity across every curation page."""

import xml.etree.ElementTree as ET

from sqlalchemy import update

from caseboard.cases import services
from caseboard.curation import editions
from caseboard.extensions import db
from caseboard.models import Case, Member
from tests.functional.curation_helpers import (
    close_case,
    closed_case,
    moderator,
    published_edition,
)

ATOM = "{http://www.w3.org/2005/Atom}"
REASONING = (
    "Saying no once after covering twice this quarter is fair; explain the reason so the "
    "teammate does not read it as indifference, and offer to swap a later week instead."
)


def _atom(response) -> ET.Element:
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    return ET.fromstring(response.data)


def _entry_ids(feed: ET.Element) -> list[str]:
    return [entry.find(f"{ATOM}id").text for entry in feed.findall(f"{ATOM}entry")]


def _featured(make_case, make_member, **fields):
    """A published edition with one closed case; returns (edition, case)."""
    case = closed_case(make_case, make_member, **fields)
    return published_edition(moderator(make_member), [case]), case


# -- feeds -------------------------------------------------------------------------------------


def test_the_highlights_feed_is_atom_with_one_entry_per_published_edition(
    client, make_case, make_member
):
    edition, case = _featured(make_case, make_member, title="Feed story")
    feed = _atom(client.get("/feeds/highlights.atom"))
    assert feed.tag == f"{ATOM}feed"
    for child in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{child}") is not None, child
    links = {link.get("rel"): link.get("href") for link in feed.findall(f"{ATOM}link")}
    assert links["self"].endswith("/feeds/highlights.atom")
    assert links["alternate"].endswith("/highlights")
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}id").text.startswith("tag:")
    assert entry.find(f"{ATOM}id").text.endswith(f"highlights/{edition.key}")
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/highlights/{edition.key}")
    assert entry.find(f"{ATOM}updated").text.endswith("Z")
    content = entry.find(f"{ATOM}content")
    assert content.get("type") == "html"
    assert "Feed story" in content.text and f"/library/{case.public_id}" in content.text


def test_the_library_feed_carries_each_example_with_escaped_html(client, make_case, make_member):
    case = closed_case(make_case, make_member, title="Credit & <blame> for the launch")
    published_edition(moderator(make_member), [case], takeaway="Share *credit* early & often.")
    feed = _atom(client.get("/feeds/library.atom"))
    (entry,) = feed.findall(f"{ATOM}entry")
    assert entry.find(f"{ATOM}title").text == "Credit & <blame> for the launch"
    assert entry.find(f"{ATOM}id").text.endswith(f"library/{case.public_id}")
    content = entry.find(f"{ATOM}content").text  # the HTML, once unescaped by the parser
    assert "<em>credit</em> early &amp; often." in content
    assert "What would you do?" in content


def test_feed_entry_ids_stay_the_same_when_an_edition_is_corrected(client, make_case, make_member):
    mod = moderator(make_member)
    edition = published_edition(mod, [closed_case(make_case, make_member)])
    ids = _entry_ids(_atom(client.get("/feeds/highlights.atom")))
    editions.update_edition(
        edition, mod, title="Renamed", intro="", version=edition.version, note="A better title."
    )
    feed = _atom(client.get("/feeds/highlights.atom"))
    assert _entry_ids(feed) == ids
    assert feed.find(f"{ATOM}entry/{ATOM}title").text == "Renamed"


def test_feeds_link_to_the_public_address_whatever_the_host_header(
    make_app, make_case, make_member
):
    _featured(make_case, make_member)
    client = make_app(PUBLIC_URL="https://caseboard.example").test_client()
    for path in ("/feeds/highlights.atom", "/feeds/library.atom"):
        client.get(path, headers={"Host": "attacker.invalid"})  # cached for every reader
        body = client.get(path).text
        assert "attacker.invalid" not in body
        assert "https://caseboard.example/" in body and "tag:caseboard.example,2025:" in body


def test_empty_feeds_are_still_valid_atom(client):
    for path in ("/feeds/highlights.atom", "/feeds/library.atom"):
        feed = _atom(client.get(path))
        assert feed.find(f"{ATOM}updated").text and not feed.findall(f"{ATOM}entry")


def test_feeds_leave_out_drafts_and_removed_cases(client, make_case, make_member):
    mod = moderator(make_member)
    removed = closed_case(make_case, make_member, title="Removed later")
    published_edition(mod, [removed, closed_case(make_case, make_member, title="Still here")])
    from caseboard.moderation import decisions

    decisions.act(removed, moderator(make_member), "remove", reason_code="unkind")
    library = client.get("/feeds/library.atom").text
    assert "Still here" in library and "Removed later" not in library
    assert "Removed later" not in client.get("/feeds/highlights.atom").text


def test_feeds_stay_well_formed_when_text_holds_characters_xml_forbids(
    client, make_case, make_member
):
    _, case = _featured(make_case, make_member)
    db.session.execute(update(Case).where(Case.id == case.id).values(title="Bell\x07 and tab\x0b"))
    db.session.commit()
    for path in ("/feeds/highlights.atom", "/feeds/library.atom"):
        _atom(client.get(path))


def test_the_pages_offer_their_feeds_as_visible_links(client):
    assert 'href="/feeds/highlights.atom"' in client.get("/highlights").text
    assert 'href="/feeds/library.atom"' in client.get("/library").text


# -- Markdown and printable exports ------------------------------------------------------------


def test_a_teaching_example_downloads_as_a_markdown_handout(client, make_case, make_member):
    edition, case = _featured(make_case, make_member, title="Credit for the *launch*")
    response = client.get(f"/library/{case.public_id}.md")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="credit-for-the-launch-{case.public_id}.md"'
    )
    text = response.text
    assert text.startswith("# Credit for the \\*launch\\*\n")
    for part in (
        "## What happened",
        case.situation_md,
        "## Why I might be in the wrong",
        "## Takeaway",
        "Say no early and kindly.",
        "## Questions to discuss",
        "- What would you do?",
        "## Most helpful verdicts",
        f"/highlights/{edition.key}",
        f"/cases/{case.public_id}",
    ):
        assert part in text, part


def test_an_edition_downloads_as_one_markdown_handout(client, make_case, make_member):
    mod = moderator(make_member)
    first = closed_case(make_case, make_member, title="First story")
    second = closed_case(make_case, make_member, title="Second story")
    services.add_update(first, db.session.get(Member, first.author_id), "We talked; it's fine.")
    edition = published_edition(mod, [first, second])
    editions.update_edition(
        edition,
        mod,
        title="",
        intro="Two stories about *saying no*.",
        version=edition.version,
        note="An introduction.",
    )
    response = client.get(f"/highlights/{edition.key}.md")
    assert response.headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="caseboard-highlights-{edition.key}.md"'
    )
    text = response.text
    assert text.startswith(f"# Highlights of {edition.key}\n")
    assert "Two stories about *saying no*." in text
    assert text.index("## 1. First story") < text.index("## 2. Second story")
    assert "We talked; it's fine." in text
    assert text.count("### Questions to discuss") == 2


def test_printable_handouts_use_the_print_stylesheet_and_leave_room_for_notes(
    client, make_case, make_member
):
    edition, case = _featured(make_case, make_member, title="Printable story")
    for path in (f"/library/{case.public_id}/print", f"/highlights/{edition.key}/print"):
        response = client.get(path)
        assert response.status_code == 200
        page = response.text
        assert '<link rel="stylesheet" href="/static/print.css">' in page
        assert "Printable story" in page and "What would you do?" in page
        assert 'class="notes-space"' in page and "Questions to discuss" in page
        assert "<script" not in page and "style=" not in page and "<style" not in page
        assert '<main id="main">' in page and '<html lang="en">' in page
    assert client.get("/static/print.css").status_code == 200


def test_a_handout_without_discussion_questions_leaves_out_their_box(
    client, make_case, make_member
):
    case = closed_case(make_case, make_member, title="A story without questions")
    edition = published_edition(moderator(make_member), [case], questions="")
    for path in (f"/library/{case.public_id}/print", f"/highlights/{edition.key}/print"):
        page = client.get(path).text
        assert "A story without questions" in page
        assert "Questions to discuss" not in page and "notes-space" not in page


def test_both_exports_are_linked_from_the_edition_and_example_pages(client, make_case, make_member):
    edition, case = _featured(make_case, make_member)
    edition_page = client.get(f"/highlights/{edition.key}").text
    assert f'href="/highlights/{edition.key}.md"' in edition_page
    assert f'href="/highlights/{edition.key}/print"' in edition_page
    example_page = client.get(f"/library/{case.public_id}").text
    assert f'href="/library/{case.public_id}.md"' in example_page
    assert f'href="/library/{case.public_id}/print"' in example_page


# -- anonymity ---------------------------------------------------------------------------------


def test_no_curation_page_feed_or_export_reveals_a_member(client, auth, make_case, make_member):
    """Authors, judges, repliers, voters and moderators all register with distinctive names
    and addresses; none of them may appear anywhere a reader can fetch."""
    author = make_member("zz-author-quokka", "quokka.author@example.org")
    judges = [make_member(f"zz-judge-{n}-pangolin", f"pangolin{n}@example.org") for n in range(4)]
    mod = moderator(make_member, "zz-mod-axolotl")
    mod.email = "axolotl.mod@example.org"
    db.session.commit()
    case = make_case(author=author, title="An anonymous story")
    verdicts = [services.give_verdict(case, judge, "NTA", REASONING) for judge in judges]
    services.add_reply(case, judges[0], "A reply to the discussion.", verdict=verdicts[1])
    services.vote_helpful(judges[2], verdicts[0], True)
    services.add_update(case, author, "How it played out: well.")
    close_case(case)
    edition = published_edition(mod, [case])
    identities = [author.username, author.email, mod.username, mod.email]
    identities += [judge.username for judge in judges] + [judge.email for judge in judges]
    paths = [
        "/highlights",
        f"/highlights/{edition.key}",
        f"/highlights/{edition.key}.md",
        f"/highlights/{edition.key}/print",
        "/library",
        "/library?q=anonymous",
        f"/library/{case.public_id}",
        f"/library/{case.public_id}.md",
        f"/library/{case.public_id}/print",
        "/feeds/highlights.atom",
        "/feeds/library.atom",
    ]
    _assert_nobody_revealed(client, paths, identities)  # to a reader without an account
    auth.register("zz-reader-okapi", email="okapi.reader@example.org")
    _assert_nobody_revealed(client, paths, identities)  # and to a logged-in member


def _assert_nobody_revealed(client, paths: list[str], identities: list[str]) -> None:
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.get_data(as_text=True) + str(response.headers)
        assert "An anonymous story" in text or path == "/highlights", path
        for identity in identities:
            assert identity not in text, f"{path} reveals {identity}"
