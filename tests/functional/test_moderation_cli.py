"""Moderation commands: the first admin, the log export, and the audited identity lookup."""

import csv
import io
import json
import logging

from sqlalchemy import select

from caseboard.extensions import db
from caseboard.models import Member, ModAction, Role
from caseboard.models.base import utcnow
from caseboard.moderation import log as modlog
from tests.conftest import PASSWORD


def test_create_admin_makes_an_admin_account(runner):
    result = runner.invoke(args=["create-admin", "boss", "--password", PASSWORD])
    assert result.exit_code == 0, result.output
    member = db.session.scalars(select(Member).where(Member.username == "boss")).one()
    assert member.role == Role.ADMIN and member.check_password(PASSWORD)


def test_create_admin_promotes_an_existing_member(runner, make_member):
    member = make_member("existing")
    result = runner.invoke(args=["create-admin", "existing", "--password", "unused-password"])
    assert "Promoted" in result.output
    db.session.expire_all()
    assert db.session.get(Member, member.id).role == Role.ADMIN


def _log_two_decisions(make_member, make_case):
    moderator = make_member()
    case = make_case()
    modlog.record(moderator, "lock", case, reason_code="other", reason_text="Cooling off.")
    modlog.record(moderator, "unlock", case)
    db.session.commit()
    return moderator


def test_the_log_exports_as_csv(runner, make_member, make_case):
    moderator = _log_two_decisions(make_member, make_case)
    result = runner.invoke(args=["moderation", "export", "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["action"] for row in rows] == ["lock", "unlock"]
    assert rows[0]["reason_text"] == "Cooling off."
    assert rows[0]["moderator"].startswith("Moderator ")
    assert moderator.username not in result.stdout
    assert rows[0]["created_on"] == utcnow().date().isoformat()  # the day, not the minute


def test_the_log_exports_as_json_to_a_file(runner, make_member, make_case, tmp_path):
    _log_two_decisions(make_member, make_case)
    target = tmp_path / "log.json"
    result = runner.invoke(args=["moderation", "export", "--format", "json", "--output", target])
    assert result.exit_code == 0
    entries = json.loads(target.read_text())
    assert [entry["action"] for entry in entries] == ["lock", "unlock"]


def test_only_an_admin_can_look_up_an_author(runner, make_member, make_case):
    make_member("plain_mod").role = Role.MODERATOR
    db.session.commit()
    case = make_case()
    result = runner.invoke(
        args=[
            "moderation",
            "identify",
            "case",
            case.public_id,
            "--admin",
            "plain_mod",
            "--reason",
            "Legal request number 42",
            "--password",
            PASSWORD,
        ]
    )
    assert result.exit_code != 0
    assert "Only an admin, with their own password" in result.output
    assert db.session.scalar(select(ModAction.id)) is None


def test_an_identity_lookup_answers_and_is_itself_logged(runner, make_member, make_case, caplog):
    author = make_member("the_author", "the.author@example.com")
    case = make_case(author=author)
    make_member("boss").role = Role.ADMIN
    db.session.commit()
    with caplog.at_level(logging.WARNING, logger="caseboard.audit"):
        result = runner.invoke(
            args=[
                "moderation",
                "identify",
                "case",
                case.public_id,
                "--admin",
                "boss",
                "--reason",
                "Court order 2026-17",
                "--password",
                PASSWORD,
            ]
        )
    assert "username: the_author" in result.output
    entry = db.session.scalars(select(ModAction)).one()
    assert entry.action == "identity_lookup" and entry.reason_text == "Court order 2026-17"
    assert "identity lookup" in caplog.text and case.public_id in caplog.text
    assert "the_author" not in caplog.text and "the.author@example.com" not in caplog.text
