"""Nothing a reader can fetch reveals which member wrote a case, verdict or reply."""

import logging

from sqlalchemy import select

from caseboard.cases import services
from caseboard.demo import DEMO_MEMBER_COUNT, DEMO_MODERATOR, DEMO_PASSWORD, demo_username
from caseboard.extensions import db
from caseboard.identity import OP, pseudonym
from caseboard.models import Case, Member, ModerationItem, Reply, Verdict
from tests.conftest import REASONING

HTMX = {"HX-Request": "true"}


def _identities() -> list[str]:
    members = db.session.scalars(select(Member)).all()
    return [m.username for m in members] + [m.email for m in members if m.email]


def _pages(client) -> list[str]:
    paths = ["/", "/new", "/top?period=all", "/search?q=manager", "/login", "/register"]
    paths.append("/moderation-log")
    for case in db.session.scalars(select(Case)):
        paths.append(f"/cases/{case.public_id}")
        paths.append(f"/cases/{case.public_id}/reply")
    for verdict_id in db.session.scalars(select(Verdict.public_id).limit(5)):
        paths.append(f"/verdicts/{verdict_id}/edit")
    return paths


def _assert_no_identity(response, identities, where):
    text = response.get_data(as_text=True) + str(response.headers)
    for identity in identities:
        assert identity not in text, f"{where} reveals a member's username or email"


def test_no_page_reveals_a_demo_member(demo_board, client):
    identities = _identities()
    assert len(identities) == 2 * (DEMO_MEMBER_COUNT + 1)  # and the demo moderator
    for path in _pages(client):
        _assert_no_identity(client.get(path), identities, path)
    # Logged in as one demo member, every other member stays hidden too.
    client.post("/login", data={"username": demo_username(1), "password": DEMO_PASSWORD})
    others = [i for i in identities if demo_username(1) not in i]
    for path in _pages(client) + ["/inbox"]:
        response = client.get(path)
        assert response.status_code in (200, 403, 404), path
        _assert_no_identity(response, others, path)


def test_moderators_see_content_never_accounts(demo_board, client):
    identities = _identities()
    client.post("/login", data={"username": DEMO_MODERATOR, "password": DEMO_PASSWORD})
    items = db.session.scalars(select(ModerationItem.public_id)).all()
    assert len(items) == 2  # the demo's held case and reported verdict
    for path in ["/mod/queue", *(f"/mod/items/{item}" for item in items)]:
        response = client.get(path)
        assert response.status_code == 200, path
        _assert_no_identity(response, identities, path)


def test_fragments_and_errors_reveal_no_member(demo_board, client):
    identities = _identities()
    client.post("/login", data={"username": demo_username(2), "password": DEMO_PASSWORD})
    verdict = db.session.scalar(select(Verdict).where(Verdict.member_id != 2).limit(1))
    reply = db.session.scalar(select(Reply).where(Reply.member_id != 2).limit(1))
    responses = {
        "vote fragment": client.post(
            f"/verdicts/{verdict.public_id}/vote", data={"helpful": "yes"}, headers=HTMX
        ),
        "reply vote fragment": client.post(
            f"/replies/{reply.public_id}/vote", data={"helpful": "no"}, headers=HTMX
        ),
        "403 page": client.post(f"/replies/{reply.public_id}/edit", data={"body": "hijack"}),
        "404 page": client.get("/cases/does-not-exist"),
        "duplicate verdict": client.post(
            f"/cases/{verdict.case.public_id}/verdicts",
            data={"label": "NTA", "reasoning": REASONING},
        ),
    }
    for where, response in responses.items():
        _assert_no_identity(response, [i for i in identities if "-02" not in i], where)


def test_log_lines_reveal_no_member(client, auth, make_case, caplog):
    caplog.set_level(logging.DEBUG)
    case = make_case()
    auth.register("secretive-writer", email="secret@example.org")
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING})
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING})
    client.post(f"/cases/{case.public_id}/replies", data={"body": "a reply", "parent_id": "999"})
    for record in caplog.records:
        message = record.getMessage()
        assert "secretive-writer" not in message and "secret@example.org" not in message


def test_the_author_is_op_and_others_get_per_case_aliases(app, make_case, make_member):
    author, judge = make_member(), make_member()
    first, second = make_case(author=author), make_case(author=author)
    assert pseudonym(author.id, first.id, first.author_id) == OP
    alias_here = pseudonym(judge.id, first.id, first.author_id)
    assert alias_here == pseudonym(judge.id, first.id, first.author_id)
    assert alias_here != pseudonym(judge.id, second.id, second.author_id)
    assert alias_here != OP


def test_aliases_on_a_case_page_are_consistent_within_the_case(client, make_case, make_member):
    case, judge = make_case(), make_member()
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    services.add_reply(case, judge, "Following up on my own verdict.", verdict=verdict)
    services.add_reply(case, db.session.get(Member, case.author_id), "Thanks!", verdict=verdict)
    page = client.get(f"/cases/{case.public_id}").text
    alias = pseudonym(judge.id, case.id, case.author_id)
    assert page.count(f'<span class="alias">{alias}</span>') == 2
    assert '<span class="alias">OP</span>' in page


def test_pseudonyms_depend_on_the_secret_key(make_app, make_case, make_member):
    with make_app().app_context():
        case, judge = make_case(), make_member()
        alias = pseudonym(judge.id, case.id, case.author_id)
    with make_app(SECRET_KEY="another-secret-key-that-is-long-enough-too").app_context():
        assert pseudonym(judge.id, case.id, case.author_id) != alias


def test_responses_leak_no_referrer(client, make_case):
    case = make_case()
    response = client.get(f"/cases/{case.public_id}")
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_the_reply_page_refuses_targets_from_another_case(client, auth, make_case, make_member):
    elsewhere = make_case()
    verdict = services.give_verdict(elsewhere, make_member(), "NTA", REASONING)
    reply = services.add_reply(elsewhere, make_member(), "Written on another case.")
    here = make_case()
    auth.register()
    for query in (f"verdict={verdict.public_id}", f"parent={reply.public_id}"):
        page = client.get(f"/cases/{here.public_id}/reply?{query}")
        assert page.status_code == 404
        assert "Written on another case." not in page.text
    posted = client.post(
        f"/cases/{here.public_id}/replies",
        data={"body": "Trying to hop cases", "verdict_id": verdict.public_id},
    )
    assert posted.status_code == 404


def test_verdicts_and_replies_have_unguessable_addresses(client, make_case, make_member):
    case = make_case()
    verdicts = [services.give_verdict(case, make_member(), "NTA", REASONING) for _ in range(2)]
    page = client.get(f"/cases/{case.public_id}").text
    for verdict in verdicts:
        assert f'id="verdict-{verdict.public_id}"' in page
        assert f'id="verdict-{verdict.id}"' not in page
        assert len(verdict.public_id) >= 10


def test_error_pages_never_give_back_passwords(make_app, auth):
    app = make_app(WTF_CSRF_ENABLED=True)
    response = app.test_client().post(
        "/account/delete",
        data={"delete-content": "keep", "delete-password": "my secret password"},
    )
    assert response.status_code == 400
    assert "my secret password" not in response.text


def test_a_deleted_reply_shows_no_alias(client, make_case, make_member):
    case, member = make_case(), make_member()
    reply = services.add_reply(case, member, "Soon deleted.")
    services.delete_reply(reply, member)
    alias = pseudonym(member.id, case.id, case.author_id)
    assert alias not in client.get(f"/cases/{case.public_id}").text


def test_readers_without_an_account_get_no_session_cookie(client, make_case, make_member):
    case = make_case()
    services.give_verdict(case, make_member(), "NTA", REASONING)
    for path in ("/", f"/cases/{case.public_id}", "/search?q=call"):
        assert "Set-Cookie" not in client.get(path).headers, path
