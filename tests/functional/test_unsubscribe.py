"""The one-click unsubscribe link: works logged out, asks on GET, acts on POST (ours or a mail
program's RFC 8058 request), and refuses forged or damaged tokens with a helpful page."""

import base64
import email
import json
from email import policy

import pytest
from itsdangerous import URLSafeSerializer
from sqlalchemy import select

from caseboard import mail
from caseboard.accounts.services import delete_account
from caseboard.extensions import db
from caseboard.models import Member
from caseboard.notifications import services as notifications


@pytest.fixture
def subscribed(make_member):
    """A member who asked for the digest and verdict emails; the client is logged out."""
    member = make_member("subscriber", "subscriber@example.com")
    notifications.set_email_preferences(member.id, ["digest", "verdicts"])
    return member


def _link(member: Member, kind: str = "verdicts") -> str:
    return f"/unsubscribe/{_token(member, kind)}"


def _token(member: Member, kind: str) -> str:
    key = member.ensure_mail_key()
    db.session.commit()
    return mail.unsubscribe_token(key, kind)


def _kinds(member: Member) -> set[str]:
    db.session.expire_all()
    return notifications.email_preferences(member.id)


def test_opening_the_link_asks_and_changes_nothing(client, subscribed):
    link = _link(subscribed)
    response = client.get(link)
    assert response.status_code == 200
    assert "Stop emails about new verdicts on your cases?" in response.text
    assert f'<form method="post" action="{link}">' in response.text
    assert _kinds(subscribed) == {"digest", "verdicts"}


def test_pressing_the_button_unsubscribes_without_logging_in(client, subscribed):
    response = client.post(_link(subscribed))
    assert response.status_code == 200 and "no more emails about new verdicts" in response.text
    assert 'href="/account/email"' in response.text
    assert _kinds(subscribed) == {"digest"}


def test_a_mail_programs_one_click_request_unsubscribes(client, subscribed):
    response = client.post(
        _link(subscribed, "digest"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert _kinds(subscribed) == {"verdicts"}


def test_unsubscribing_twice_is_fine(client, subscribed):
    client.post(_link(subscribed))
    response = client.post(_link(subscribed))
    assert response.status_code == 200 and "no more emails about" in response.text
    assert _kinds(subscribed) == {"digest"}


def test_the_post_needs_no_csrf_token_even_with_csrf_on(make_app, subscribed):
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    assert client.post(_link(subscribed)).status_code == 200
    assert _kinds(subscribed) == {"digest"}


def test_a_token_with_a_flipped_character_is_refused(client, subscribed):
    token = _token(subscribed, "verdicts")
    flipped = token[:-3] + ("A" if token[-3] != "A" else "B") + token[-2:]
    for method in (client.get, client.post):
        response = method(f"/unsubscribe/{flipped}")
        assert response.status_code == 400
        assert "Copy the whole link" in response.text
    assert _kinds(subscribed) == {"digest", "verdicts"}


def test_a_token_signed_with_another_key_is_refused(client, subscribed):
    forged = URLSafeSerializer("someone-elses-key", salt=mail.UNSUBSCRIBE_SALT).dumps(
        [subscribed.ensure_mail_key(), "verdicts"]
    )
    assert client.post(f"/unsubscribe/{forged}").status_code == 400
    assert _kinds(subscribed) == {"digest", "verdicts"}


def test_a_token_retargeted_to_another_kind_is_refused(client, subscribed):
    payload, signature = _token(subscribed, "digest").rsplit(".", 1)
    other = json.dumps([subscribed.mail_key, "verdicts"], separators=(",", ":")).encode()
    tampered = base64.urlsafe_b64encode(other).decode().rstrip("=") + "." + signature
    assert tampered.split(".")[0] != payload
    assert client.post(f"/unsubscribe/{tampered}").status_code == 400
    assert _kinds(subscribed) == {"digest", "verdicts"}


@pytest.mark.parametrize("token", ["x", "a" * 2000, "..", "%00", "W10.x"])
def test_garbage_tokens_get_the_helpful_page_not_an_error(client, token):
    response = client.post(f"/unsubscribe/{token}")
    assert response.status_code == 400 and "does not work" in response.text


def test_a_deleted_account_has_nothing_to_unsubscribe(client, subscribed):
    link = _link(subscribed)
    delete_account(subscribed, keep_content=True)
    for method in (client.get, client.post):
        response = method(link)
        assert response.status_code == 200 and "Nothing to do" in response.text


def test_a_token_for_a_member_that_never_existed_has_nothing_to_do(client):
    token = mail.unsubscribe_token("no-such-mail-key", "verdicts")
    assert "Nothing to do" in client.post(f"/unsubscribe/{token}").text


def test_the_page_names_no_account(client, subscribed):
    page = client.get(_link(subscribed)).text + client.post(_link(subscribed)).text
    assert "subscriber" not in page


def test_a_real_emails_link_unsubscribes(app, client, auth, make_member, tmp_path):
    """From the email's List-Unsubscribe header back to the preference, end to end."""
    from rq import Worker

    from caseboard.extensions import redis_connection

    app.config["MAIL_OUTBOX"] = str(tmp_path)
    member = db.session.scalar(select(Member).where(Member.id == make_member(email="m@x.io").id))
    notifications.set_email_preferences(member.id, ["closed"])
    notifications.notify(member.id, "closed", "Your case “A title” has closed.")
    db.session.commit()
    Worker([redis_connection.queue()], connection=redis_connection.client).work(burst=True)
    [eml] = list(tmp_path.glob("*.eml"))
    message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
    url = message["List-Unsubscribe"].strip("<>")
    assert client.post(url.removeprefix("http://127.0.0.1:5000")).status_code == 200
    assert _kinds(member) == set()


def test_an_unsubscribe_link_does_not_carry_the_account_id(client, subscribed):
    payload = _token(subscribed, "digest").split(".")[0]
    decoded = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    assert decoded == [subscribed.mail_key, "digest"]
    assert subscribed.id not in decoded and str(subscribed.id) not in decoded
