"""Emails at least once: a digest or a notice's email counts as sent only once the mail
server took it; one whose sender died, or that was never queued because Redis was down, is
sent by the worker's periodic pass; and a copy sent again keeps its Message-ID."""

from __future__ import annotations

import email
import re
from datetime import timedelta
from email import policy

import pytest
from flask_migrate import downgrade, upgrade
from rq import Worker
from sqlalchemy import select, update

from caseboard import mail
from caseboard.cases import services
from caseboard.curation import digest
from caseboard.extensions import db, redis_connection
from caseboard.models import DigestDelivery, EmailPreference, Notification
from caseboard.models.base import utcnow
from caseboard.notifications import emails
from caseboard.notifications import services as notifications
from tests.conftest import REASONING
from tests.functional.curation_helpers import closed_case, moderator, published_edition

LONG_AGO = timedelta(hours=1)  # past any claim's lapse and any fresh notice's own job


@pytest.fixture
def outbox(app, tmp_path):
    app.config["MAIL_OUTBOX"] = str(tmp_path / "outbox")
    app.config["MAIL_SERVER"] = None
    return tmp_path / "outbox"


def _messages(outbox):
    return [
        email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(outbox.glob("*.eml"))
    ]


def _work():
    Worker([redis_connection.queue()], connection=redis_connection.client).work(burst=True)


def _opted_in(make_member, kind: str, address: str = "reader@example.org"):
    member = make_member(email=address)
    db.session.add(EmailPreference(member_id=member.id, kind=kind))
    db.session.commit()
    return member


def _refusing_mail_server(app):
    app.config.update(MAIL_SERVER="127.0.0.1", MAIL_PORT=1)  # nothing listens: refused


# -- digests -------------------------------------------------------------------------------


def test_a_digest_the_server_refused_is_not_counted_as_sent(app, outbox, make_case, make_member):
    _opted_in(make_member, "digest")
    edition = published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    _refusing_mail_server(app)
    with pytest.raises(mail.MailError):
        digest.send_edition_digest(edition.id)
    assert db.session.scalars(select(DigestDelivery.sent_at)).all() == []
    assert digest.editions_with_pending_digests() == [edition.id]


def test_a_digest_whose_sender_died_mid_send_is_sent_by_the_next_sender(
    app, outbox, make_case, make_member
):
    reader = _opted_in(make_member, "digest")
    edition = published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    # What a worker killed during the SMTP conversation leaves: a claim, nothing sent.
    db.session.add(
        DigestDelivery(edition_id=edition.id, member_id=reader.id, claimed_at=utcnow() - LONG_AGO)
    )
    db.session.commit()
    assert digest.editions_with_pending_digests() == [edition.id]
    assert digest.send_edition_digest(edition.id) == 1
    assert len(_messages(outbox)) == 1
    assert db.session.scalar(select(DigestDelivery.sent_at)) is not None


def test_a_digest_another_sender_is_sending_right_now_is_left_to_it(
    app, outbox, make_case, make_member
):
    reader = _opted_in(make_member, "digest")
    edition = published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    db.session.add(DigestDelivery(edition_id=edition.id, member_id=reader.id, claimed_at=utcnow()))
    db.session.commit()
    assert digest.send_edition_digest(edition.id) == 0
    assert digest.editions_with_pending_digests() == []


def test_a_digest_sent_again_keeps_its_message_id(app, outbox, make_case, make_member):
    _opted_in(make_member, "digest")
    edition = published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    digest.send_edition_digest(edition.id)
    # As if the worker died after the server took it, before recording that it did.
    db.session.execute(update(DigestDelivery).values(sent_at=None, claimed_at=utcnow() - LONG_AGO))
    db.session.commit()
    digest.send_edition_digest(edition.id)
    first, again = _messages(outbox)
    assert first["Message-ID"] == again["Message-ID"]


# -- notices -------------------------------------------------------------------------------


def _verdict_notice(make_case, make_member) -> Notification:
    """A new verdict on the case of a member who asked for those emails."""
    author = _opted_in(make_member, "verdicts", "author@example.org")
    services.give_verdict(make_case(author=author), make_member(), "NTA", REASONING)
    return db.session.scalars(select(Notification).where(Notification.member_id == author.id)).one()


def _age(note: Notification) -> None:
    """Move the notice's owed email back in time: its own job had its chance long ago."""
    db.session.execute(
        update(Notification)
        .where(Notification.id == note.id, Notification.email_due_at.is_not(None))
        .values(email_due_at=utcnow() - LONG_AGO)
    )
    db.session.commit()


def test_a_notice_email_skipped_while_redis_was_down_is_sent_by_the_pass(
    make_app, make_case, make_member, tmp_path
):
    down = make_app(REDIS_URL="redis://127.0.0.1:1/0", MAIL_OUTBOX=str(tmp_path / "outbox"))
    with down.app_context():
        note = _verdict_notice(make_case, make_member)  # its email could not be queued
        _age(note)
    up = make_app(MAIL_OUTBOX=str(tmp_path / "outbox"))
    with up.app_context():
        assert emails.queue_owed_emails() == 1
        _work()
        [message] = _messages(tmp_path / "outbox")
        assert message["To"] == "author@example.org"
        assert emails.queue_owed_emails() == 0


def test_a_notice_email_the_server_refused_stays_owed(app, make_case, make_member):
    note = _verdict_notice(make_case, make_member)
    _refusing_mail_server(app)
    with pytest.raises(mail.MailError):
        emails.send_notification_email(note.id)
    _age(note)
    assert emails.queue_owed_emails() == 1


def test_a_notice_email_is_sent_once_however_many_senders_try(app, outbox, make_case, make_member):
    note = _verdict_notice(make_case, make_member)
    assert emails.send_notification_email(note.id)
    assert not emails.send_notification_email(note.id)
    _age(note)
    assert emails.queue_owed_emails() == 0
    assert len(_messages(outbox)) == 1


def test_a_notice_email_sent_again_after_a_crash_keeps_its_message_id(
    app, outbox, make_case, make_member
):
    note = _verdict_notice(make_case, make_member)
    emails.send_notification_email(note.id)
    db.session.execute(
        update(Notification)
        .where(Notification.id == note.id)
        .values(emailed_at=None, email_claimed_at=utcnow() - LONG_AGO)
    )
    db.session.commit()
    emails.send_notification_email(note.id)
    first, again = _messages(outbox)
    assert first["Message-ID"] == again["Message-ID"]


def test_a_message_id_is_a_keyed_hash_that_numbers_no_account(app, outbox, make_case, make_member):
    note = _verdict_notice(make_case, make_member)
    emails.send_notification_email(note.id)
    [message] = _messages(outbox)
    local_part, domain = message["Message-ID"].strip("<>").split("@")
    assert re.fullmatch("[0-9a-f]{40}", local_part) and domain == "caseboard.localhost"
    app.config["SECRET_KEY"] = "another-secret-key-that-is-long-enough-to-pass-checks"
    assert mail.stable_message_id("notice", note.id) != message["Message-ID"]


def test_a_notice_nobody_wants_emailed_is_never_owed(app, make_case, make_member):
    author = make_member(email="author@example.org")  # no email turned on
    services.give_verdict(make_case(author=author), make_member(), "NTA", REASONING)
    notifications.mark_read(author.id)
    assert db.session.scalars(select(Notification.email_due_at)).all() == [None]


def test_digests_sent_before_the_upgrade_still_count_as_sent(app, outbox, make_case, make_member):
    _opted_in(make_member, "digest")
    edition = published_edition(moderator(make_member), [closed_case(make_case, make_member)])
    digest.send_edition_digest(edition.id)
    edition_id = edition.id
    db.session.remove()
    downgrade(revision="0009_emails_at_least_once-1")  # deliveries had only sent_at
    upgrade()
    claimed_at, sent_at = db.session.execute(
        select(DigestDelivery.claimed_at, DigestDelivery.sent_at)
    ).one()
    assert claimed_at == sent_at is not None
    assert digest.editions_with_pending_digests() == []
    assert digest.send_edition_digest(edition_id) == 0
