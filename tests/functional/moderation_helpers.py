"""Shared steps for the moderation tests: moderators, held cases, decisions through HTTP."""

from __future__ import annotations

from sqlalchemy import select

from caseboard.extensions import db
from caseboard.models import Case, Member, ModerationItem, Role
from tests.conftest import CASE_FIELDS, PASSWORD

EMAIL_IN_CASE = "You can reach me at jordan.pike@example.com if you want the full story."


def promote(username: str, role: str = Role.MODERATOR) -> None:
    member = db.session.scalar(select(Member).where(Member.username == username))
    member.role = role
    db.session.commit()


def switch_to(client, username: str) -> None:
    client.post("/logout")
    response = client.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.text


def post_case(client, **fields):
    return client.post("/cases/new", data={**CASE_FIELDS, "action": "post", **fields})


def open_item_for(subject_key: str) -> ModerationItem:
    db.session.expire_all()
    return db.session.scalar(
        select(ModerationItem).where(
            ModerationItem.subject_key == subject_key, ModerationItem.closed_at.is_(None)
        )
    )


def decide(client, item_public_id: str, action: str, reason_code: str = "", **extra):
    return client.post(
        f"/mod/items/{item_public_id}/decide",
        data={"action": action, "reason_code": reason_code, **extra},
    )


def held_case(client, auth, author="author1", email=""):
    """A member posts a case with an email in it: it is held, with an open queue item."""
    auth.register(author, email=email)
    post_case(client, situation=CASE_FIELDS["situation"] + " " + EMAIL_IN_CASE)
    db.session.expire_all()
    case = db.session.scalars(select(Case).order_by(Case.id.desc())).first()
    return case, open_item_for(f"case:{case.id}")


def become_moderator(client, auth, name="mod1"):
    """Log out whoever is in, and log in as a new moderator."""
    auth.logout()
    auth.register(name, email=f"{name}@example.com")
    promote(name)
    return name
