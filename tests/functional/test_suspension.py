"""A suspended member reads but changes nothing that others read, their own content
included; they keep their appeal and their account (email settings, password, their data,
deleting it, following cases), and the banner says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import Case, Member, ModAction, Reply, Role, Sanction, Verdict
from caseboard.models.base import utcnow
from caseboard.moderation import decisions
from caseboard.moderation.sanctions import SUSPEND
from tests.conftest import CASE_FIELDS, PASSWORD, REASONING
from tests.functional.curation_helpers import close_case

NEW_PASSPHRASE = "lantern pebble orchard quiet"


@dataclass
class Suspended:
    """The suspended member's things, by public id: what they wrote before the suspension."""

    member_id: int
    case: str  # an open case they judged and replied on
    verdict: str
    reply: str
    others_verdict: str  # someone else's verdict on that case
    another_case: str  # an open case they have not judged
    own_case: str  # their own open case
    closed_own_case: str  # their own closed case, waiting for its follow-up
    removal: str  # the moderator's decision that came with the suspension


@pytest.fixture
def suspended(client, auth, make_case, make_member) -> Suspended:
    """A member logged in on `client`, suspended for three days when a moderator removed one
    of their replies."""
    me = db.session.scalar(select(Member).where(Member.username == auth.register("judge")))
    case = make_case()
    verdict = services.give_verdict(case, me, "NTA", REASONING)
    reply = services.add_reply(case, me, "Something I said before the suspension.")
    removed = services.add_reply(case, me, "Something a moderator removes.")
    others_verdict = services.give_verdict(case, make_member(), "YTA", REASONING)
    closed_own_case = make_case(author=me)
    services.give_verdict(closed_own_case, make_member(), "NTA", REASONING)
    close_case(closed_own_case)
    own_case, another_case = make_case(author=me), make_case()
    moderator = make_member()
    moderator.role = Role.MODERATOR
    db.session.commit()
    removal = decisions.act(removed, moderator, "remove", reason_code="unkind")
    db.session.add(
        Sanction(
            member_id=me.id,
            kind=SUSPEND,
            reason="Personal attacks.",
            ends_at=utcnow() + timedelta(days=3),
            action_id=removal.id,
        )
    )
    db.session.commit()
    return Suspended(
        member_id=me.id,
        case=case.public_id,
        verdict=verdict.public_id,
        reply=reply.public_id,
        others_verdict=others_verdict.public_id,
        another_case=another_case.public_id,
        own_case=own_case.public_id,
        closed_own_case=closed_own_case.public_id,
        removal=removal.public_id,
    )


def _refused(response) -> bool:
    return response.status_code == 403 and "Your account is suspended until" in response.text


def test_a_suspended_member_cannot_withdraw_a_verdict_so_the_tally_stays(client, suspended):
    case = db.session.scalar(select(Case).where(Case.public_id == suspended.case))
    before = dict(case.tally)
    assert _refused(client.post(f"/verdicts/{suspended.verdict}/withdraw"))
    db.session.expire_all()
    assert db.session.scalar(select(Verdict).where(Verdict.public_id == suspended.verdict))
    assert dict(db.session.get(Case, case.id).tally) == before


def test_a_suspended_member_cannot_delete_a_reply(client, suspended):
    assert _refused(client.post(f"/replies/{suspended.reply}/delete"))
    db.session.expire_all()
    reply = db.session.scalar(select(Reply).where(Reply.public_id == suspended.reply))
    assert reply.deleted_at is None and reply.body_md


# Every way a member writes what others read, as (address, form) for the suspended member.
WRITES = {
    "post a case": lambda s: ("/cases/new", {**CASE_FIELDS, "action": "post"}),
    "give a verdict": lambda s: (
        f"/cases/{s.another_case}/verdicts",
        {"label": "NTA", "reasoning": REASONING},
    ),
    "change a verdict": lambda s: (
        f"/verdicts/{s.verdict}/edit",
        {"label": "YTA", "reasoning": REASONING},
    ),
    "reply": lambda s: (f"/cases/{s.case}/replies", {"body": "A new reply."}),
    "edit a reply": lambda s: (f"/replies/{s.reply}/edit", {"body": "Changed words."}),
    "vote": lambda s: (f"/verdicts/{s.others_verdict}/vote", {"helpful": "yes"}),
    "report": lambda s: (f"/report/verdict/{s.others_verdict}", {"reason": "unkind"}),
    "update a case": lambda s: (
        f"/cases/{s.own_case}/updates",
        {"body": "What happened next, in a few words."},
    ),
    "answer the follow-up": lambda s: (
        f"/cases/{s.closed_own_case}/follow-up",
        {"body": "It went well in the end, thanks.", "advice_helped": "helped"},
    ),
}


@pytest.mark.parametrize("write", WRITES.values(), ids=WRITES.keys())
def test_a_suspended_member_is_refused_every_write_and_told_why(client, suspended, write):
    address, data = write(suspended)
    response = client.post(address, data=data)
    assert _refused(response)
    assert "Personal attacks." in response.text


def test_a_suspended_member_can_appeal_the_decision(client, suspended):
    response = client.post(
        f"/appeals/{suspended.removal}", data={"text": "I was quoting the case, not attacking."}
    )
    assert response.status_code == 302


def test_a_suspended_member_can_follow_and_unfollow_a_case(client, suspended):
    assert client.post(f"/cases/{suspended.another_case}/follow").status_code == 302
    assert client.post(f"/cases/{suspended.another_case}/unfollow").status_code == 302


def test_a_suspended_member_can_change_email_settings(client, suspended):
    assert client.post("/account/email", data={"kinds": []}).status_code == 302


def test_a_suspended_member_can_mark_their_inbox_read(client, suspended):
    assert client.post("/inbox/read").status_code == 302


def test_a_suspended_member_can_change_their_password(client, suspended):
    response = client.post(
        "/account/password",
        data={"current": PASSWORD, "password": NEW_PASSPHRASE, "confirm": NEW_PASSPHRASE},
    )
    assert response.status_code == 302


def test_a_suspended_member_can_export_their_data(client, suspended):
    assert client.get("/account/export").status_code == 200


def test_a_suspended_member_can_delete_their_account(client, suspended):
    response = client.post(
        "/account/delete", data={"delete-content": "keep", "delete-password": PASSWORD}
    )
    assert response.status_code == 302
    assert db.session.get(Member, suspended.member_id).deleted_at is not None


def test_a_suspended_member_can_log_out(client, suspended):
    client.post("/logout")
    assert "Log in" in client.get("/").text


def test_the_banner_says_what_a_suspended_member_can_still_do(client, suspended):
    page = client.get("/").text
    assert "Your account is suspended until" in page
    assert "appeal" in page and "delete it" in page and "password" in page


def test_a_suspended_admin_cannot_edit_reason_templates(client, suspended):
    db.session.get(Member, suspended.member_id).role = Role.ADMIN
    db.session.commit()
    response = client.post(
        "/mod/reasons", data={"code": "unkind", "unkind-title": "Mine", "unkind-body": "Mine."}
    )
    assert _refused(response)


def test_a_suspended_admin_cannot_change_who_moderates(client, suspended, make_member):
    db.session.get(Member, suspended.member_id).role = Role.ADMIN
    make_member("hopeful")
    response = client.post("/admin/moderators", data={"username": "hopeful", "grant": "grant"})
    assert "Your account is suspended until" in response.text
    assert (
        db.session.scalar(
            select(func.count()).select_from(Member).where(Member.role == Role.MODERATOR)
        )
        == 1
    )  # the fixture's own moderator only
    assert db.session.scalar(select(func.count()).select_from(ModAction)) == 1
