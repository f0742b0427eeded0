"""The email digest of a new edition, sent by the real RQ worker into instance/outbox."""

from __future__ import annotations

import email
from email import policy

import pytest
from rq import Worker

from caseboard import mail
from caseboard.curation import digest
from caseboard.extensions import db, redis_connection
from caseboard.models import EmailPreference
from tests.functional.curation_helpers import closed_case, moderator, published_edition


@pytest.fixture
def outbox(app, tmp_path):
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")
    app.config["MAIL_SERVER"] = None
    return tmp_path / "outbox"


def _opt_in(member, kind="digest"):
    db.session.add(EmailPreference(member_id=member.id, kind=kind))
    db.session.commit()


def _work():
    Worker([redis_connection.queue()], connection=redis_connection.client).work(burst=True)


def _messages(outbox):
    return [
        email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(outbox.glob("*.eml"))
    ]


def test_the_worker_writes_one_digest_per_opted_in_member(app, outbox, make_case, make_member):
    reader = make_member("digest-reader", "reader@example.org")
    _opt_in(reader)
    make_member("not-opted-in", "quiet@example.org")
    _opt_in(make_member("no-address"))  # opted in, but has no email address
    case = closed_case(make_case, make_member, title="Declining a third on-call week")
    edition = published_edition(moderator(make_member), [case], takeaway="Say no early.")
    _work()
    messages = _messages(outbox)
    assert [m["To"] for m in messages] == ["reader@example.org"]
    message = messages[0]
    assert edition.key in message["Subject"]
    text = message.get_body(("plain",)).get_content()
    assert "Declining a third on-call week" in text and "Say no early." in text
    assert f"/library/{case.public_id}" in text
    html = message.get_body(("html",)).get_content()
    assert "Declining a third on-call week" in html


def test_every_digest_has_a_one_click_unsubscribe(app, outbox, make_case, make_member):
    _opt_in(make_member(email="reader@example.org"))
    published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    _work()
    (message,) = _messages(outbox)
    raw = next(outbox.glob("*.eml")).read_bytes()
    assert b"\nList-Unsubscribe: <http" in raw  # one plain line mail programs can read
    link = message["List-Unsubscribe"].strip("<>")
    assert "/unsubscribe/" in link
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in message.get_body(("plain",)).get_content()


def test_a_retried_digest_job_sends_nobody_twice(app, outbox, make_case, make_member):
    _opt_in(make_member(email="reader@example.org"))
    edition = published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    _work()
    assert digest.send_edition_digest(edition.id) == 0
    assert len(_messages(outbox)) == 1


def test_a_digest_never_names_the_authors(app, outbox, make_case, make_member):
    _opt_in(make_member(email="reader@example.org"))
    author = make_member("distinctive-author-name", "author-address@example.org")
    case = closed_case(make_case, make_member, author=author)
    published_edition(moderator(make_member), [case])
    _work()
    raw = b"".join(path.read_bytes() for path in outbox.glob("*.eml"))
    assert b"distinctive-author-name" not in raw and b"author-address" not in raw


def test_a_failed_send_gives_its_claim_back_and_the_retry_sends(
    app, outbox, make_case, make_member
):
    _opt_in(make_member(email="reader@example.org"))
    edition = published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=1)  # nothing listens: refused
    with pytest.raises(mail.MailError) as failure:
        digest.send_edition_digest(edition.id)
    assert "reader@example.org" not in str(failure.value)  # tracebacks end up in logs
    assert digest.editions_with_pending_digests() == [edition.id]
    app.config["MAIL_SERVER"] = None
    assert digest.send_edition_digest(edition.id) == 1
    assert len(_messages(outbox)) == 1


def test_the_sweep_finds_editions_whose_digest_has_not_gone_out(
    app, outbox, make_case, make_member
):
    _opt_in(make_member(email="reader@example.org"))
    edition = published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    assert digest.editions_with_pending_digests() == [edition.id]
    _work()
    assert digest.editions_with_pending_digests() == []
