"""The case page: shared parts rendered once for every member, each member's own laid over
them, and long threads paged (the start of each on the case page, the rest on demand)."""

import json
import re

from sqlalchemy import select, update

from caseboard.cache import drop_cached_pages
from caseboard.cases import services
from caseboard.extensions import db, redis_connection
from caseboard.models import ContentStatus, Member, Reply
from tests.conftest import PASSWORD, REASONING

HTMX = {"HX-Request": "true"}


def _member_client(make_app, username: str):
    """A logged-in browser of its own, on the same database and Redis."""
    client = make_app().test_client()
    data = {"username": username, "password": PASSWORD, "confirm": PASSWORD}
    assert client.post("/register", data=data).status_code == 302
    return client


def _member(username: str) -> Member:
    return db.session.scalar(select(Member).where(Member.username == username))


def _cached_fragments(app) -> list[str]:
    """Every case-page fragment this app has cached in Redis."""
    with app.app_context():
        prefix = app.config["CACHE_KEY_PREFIX"]
        client = redis_connection.client
        return [client.get(key).decode() for key in client.scan_iter(f"{prefix}frag:case:*") if key]


def _csrf_tokens(html: str) -> set[str]:
    return set(re.findall(r'name="csrf_token" value="([^"]+)"', html))


def test_one_members_votes_writing_and_tokens_never_reach_another(make_app, make_case, make_member):
    case = make_case()
    verdicts = [
        services.give_verdict(case, make_member(), "NTA", f"{REASONING} Verdict {n}.")
        for n in range(3)
    ]
    app = make_app()
    alice, bob = _member_client(make_app, "alice"), _member_client(make_app, "bob")
    url = f"/cases/{case.public_id}"
    alice.post(f"/verdicts/{verdicts[0].public_id}/vote", data={"helpful": "yes"})
    services.add_reply(case, _member("alice"), "A careful read of both sides.")

    alices_page = alice.get(url).text
    bobs_page = bob.get(url).text  # from the fragment Alice's visit cached

    assert 'aria-pressed="true"' in alices_page and "Edit or delete" in alices_page
    assert 'aria-pressed="true"' not in bobs_page and "Edit or delete" not in bobs_page
    assert "A careful read of both sides." in bobs_page  # published: everyone reads it
    assert 'Report<span class="visually-hidden"> the reply by' in bobs_page
    alices_tokens, bobs_tokens = _csrf_tokens(alices_page), _csrf_tokens(bobs_page)
    assert len(alices_tokens) == len(bobs_tokens) == 1 and alices_tokens != bobs_tokens
    for fragment in _cached_fragments(app):
        assert not _csrf_tokens(fragment) - {"<!--cb:csrf-->"}
        assert 'aria-pressed="true"' not in fragment and "Edit or delete" not in fragment
    assert "<!--cb:" not in alices_page and "<!--cb:" not in bobs_page


def test_the_shared_page_is_rendered_once_for_every_member(make_app, make_case, make_member):
    case = make_case()
    services.give_verdict(case, make_member(), "NTA", REASONING)
    app = make_app()
    url = f"/cases/{case.public_id}"
    first = _member_client(make_app, "first").get(url).text
    fragments = _cached_fragments(app)
    assert len(fragments) == 1
    second = _member_client(make_app, "second").get(url).text
    assert _cached_fragments(app) == fragments
    assert REASONING in first and REASONING in second


def test_blind_mode_holds_for_each_member_over_the_shared_page(make_app, make_case, make_member):
    case = make_case()
    services.give_verdict(case, make_member(), "YTA", REASONING)
    judge, newcomer = _member_client(make_app, "judge"), _member_client(make_app, "newcomer")
    url = f"/cases/{case.public_id}"
    judge.post(f"{url}/verdicts", data={"label": "NTA", "reasoning": f"{REASONING} Mine."})
    label = 'class="label label-yta"'
    assert label in judge.get(url).text  # judged: the labels show
    assert label not in newcomer.get(url).text  # not yet: hidden, whoever loaded it first
    assert label in judge.get(url).text


def test_a_members_reply_waiting_for_a_moderator_shows_only_on_their_page(
    make_app, make_case, make_member
):
    case = make_case()
    writer, other = _member_client(make_app, "writer"), _member_client(make_app, "other")
    url = f"/cases/{case.public_id}"
    writer.post(f"{url}/replies", data={"body": "Held back for now.", "verdict_id": ""})
    db.session.execute(update(Reply).values(status=ContentStatus.HELD))
    db.session.commit()
    drop_cached_pages(case.id)
    assert "Held back for now." not in other.get(url).text
    page = writer.get(url).text
    assert "Held back for now." in page and "Only you can see this reply for now." in page
    assert "Held back for now." not in other.get(url).text


def test_member_text_cannot_pass_for_a_marker(make_app, make_case, make_member):
    case = make_case()
    sneaky = f"{REASONING} <!--cb:csrf--> <!--cb:region:give-verdict-->"
    services.give_verdict(case, make_member(), "NTA", sneaky)
    page = _member_client(make_app, "reader").get(f"/cases/{case.public_id}").text
    assert "&lt;!--cb:csrf--&gt;" in page
    assert len(_csrf_tokens(page)) == 1


def _long_thread(case, make_member, replies: int):
    verdict = services.give_verdict(case, make_member(), "NTA", REASONING)
    made = [
        services.add_reply(case, make_member(), f"Reply number {n}.", verdict=verdict)
        for n in range(replies)
    ]
    return verdict, made


def test_the_case_page_shows_the_start_of_a_long_thread_and_links_the_rest(
    client, make_case, make_member
):
    case = make_case()
    verdict, replies = _long_thread(case, make_member, 5)
    page = client.get(f"/cases/{case.public_id}").text
    assert "Reply number 0." in page and "Reply number 1." not in page  # the first is shown
    thread = f"/cases/{case.public_id}/verdicts/{verdict.public_id}"
    assert f'<a href="{thread}" hx-get="{thread}"' in page
    whole = client.get(thread).text
    assert all(f"Reply number {n}." in whole for n in range(5)) and REASONING in whole


def test_more_replies_in_place_brings_the_whole_thread_and_focus_to_the_first_new(
    client, make_case, make_member
):
    case = make_case()
    verdict, replies = _long_thread(case, make_member, 4)
    response = client.get(f"/cases/{case.public_id}/verdicts/{verdict.public_id}", headers=HTMX)
    assert "<html" not in response.text
    assert response.text.lstrip().startswith(
        f'<ul class="reply-list" id="replies-verdict-{verdict.public_id}"'
    )
    assert response.text.count('<li id="reply-') == 4
    focus = json.loads(response.headers["HX-Trigger-After-Settle"])["caseboard:focus"]
    assert focus == {"target": f"#reply-{replies[1].public_id}"}


def test_a_verdict_from_another_case_is_not_found_under_this_one(client, make_case, make_member):
    case, other = make_case(), make_case()
    verdict = services.give_verdict(other, make_member(), "NTA", REASONING)
    assert client.get(f"/cases/{case.public_id}/verdicts/{verdict.public_id}").status_code == 404


def test_more_comments_on_the_case_are_on_their_own_page(make_app, make_case, make_member):
    case = make_case()
    for n in range(4):
        services.add_reply(case, make_member(), f"Comment number {n}.")
    client = make_app(CASE_COMMENTS_SHOWN=2).test_client()
    page = client.get(f"/cases/{case.public_id}").text
    assert "Comment number 1." in page and "Comment number 2." not in page
    assert f'href="/cases/{case.public_id}/comments"' in page
    whole = client.get(f"/cases/{case.public_id}/comments").text
    assert all(f"Comment number {n}." in whole for n in range(4))


def test_more_verdicts_in_place_adds_the_next_page_and_without_htmx_opens_it(
    make_app, make_case, make_member
):
    case = make_case()
    for n in range(3):
        services.give_verdict(case, make_member(), "NTA", f"{REASONING} Verdict {n}.")
    client = make_app(VERDICTS_PER_PAGE=2).test_client()
    more = f"/cases/{case.public_id}/verdicts?page=2"
    assert f'hx-get="{more}"' in client.get(f"/cases/{case.public_id}").text
    response = client.get(more, headers=HTMX)
    assert response.text.count('<article class="verdict"') == 1
    assert "Earlier verdicts" not in response.text  # the first page is on screen already
    first = re.search(r'<article class="verdict" id="(verdict-[\w-]+)"', response.text)[1]
    focus = json.loads(response.headers["HX-Trigger-After-Settle"])["caseboard:focus"]
    assert focus == {"target": f"#{first}"}
    plain = client.get(more)
    assert plain.status_code == 302 and plain.location.endswith(f"/cases/{case.public_id}?page=2")


def test_readers_and_members_each_get_their_own_shared_page(make_app, make_case, make_member):
    case = make_case()
    services.give_verdict(case, make_member(), "NTA", REASONING)
    url = f"/cases/{case.public_id}"
    member = _member_client(make_app, "member")
    reader = make_app().test_client()
    assert 'name="helpful"' in member.get(url).text  # cached first, by a member
    reader_page = reader.get(url).text
    assert 'name="helpful"' not in reader_page and "<!--cb:" not in reader_page
    assert "found this helpful" in reader_page
    services.give_verdict(case, make_member(), "YTA", f"{REASONING} Another.")  # a new page
    assert 'name="helpful"' not in reader.get(url).text  # cached first, by a reader
    assert 'name="helpful"' in member.get(url).text
