"""Sessions the server can end: a copied cookie stops working after logging out, after a
password change elsewhere, after "log out everywhere else", a role change, a suspension, an
account deletion, and SESSION_DAYS after login."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from caseboard.accounts import sessions
from caseboard.extensions import db
from caseboard.models import Case, ItemKind, Member, MemberSession, Role
from caseboard.models.base import utcnow
from caseboard.moderation import decisions, queue, roles
from tests.conftest import CASE_FIELDS, PASSWORD

NEW_PASSWORD = "a brand new passphrase of mine"


def _signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def _device(make_app, username: str):
    """Another browser, logged in to the same account."""
    browser = make_app().test_client()
    response = browser.post("/login", data={"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def _copy_of(client, make_app):
    """A browser holding a copy of `client`'s session cookie, as a thief would."""
    thief = make_app().test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    return thief


def test_a_copied_cookie_works_until_its_session_ends(client, auth, make_app):
    auth.register()
    thief = _copy_of(client, make_app)
    assert _signed_in(thief)
    auth.logout()
    assert not _signed_in(thief) and not _signed_in(client)


def test_a_password_change_logs_out_every_other_device_but_not_this_one(client, auth, make_app):
    username = auth.register()
    phone = _device(make_app, username)
    thief = _copy_of(phone, make_app)
    response = client.post(
        "/account/password",
        data={"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert _signed_in(client)
    assert not _signed_in(phone) and not _signed_in(thief)


def test_log_out_everywhere_else_ends_the_other_sessions(client, auth, make_app):
    username = auth.register()
    phone = _device(make_app, username)
    assert "logged in on 2 devices" in client.get("/account").text
    assert client.post("/account/sessions").status_code == 302
    assert _signed_in(client) and not _signed_in(phone)
    assert "logged in on 1 device " in client.get("/account").text


def test_a_role_change_ends_the_members_sessions(client, auth, make_member):
    username = auth.register()
    admin = make_member()
    admin.role = Role.ADMIN
    db.session.commit()
    member = db.session.scalar(select(Member).where(Member.username == username))
    roles.set_moderator(admin, member, True)
    assert not _signed_in(client)
    auth.login(username)
    assert _signed_in(client)


def test_a_session_ends_on_its_own_after_session_days(client, auth, app):
    auth.register()
    db.session.execute(
        update(MemberSession).values(
            created_at=utcnow() - timedelta(days=app.config["SESSION_DAYS"], minutes=1)
        )
    )
    db.session.commit()
    assert not _signed_in(client)
    assert sessions.forget_ended_sessions() == 1


def test_deleting_the_account_ends_its_sessions(client, auth, make_app):
    username = auth.register()
    thief = _copy_of(client, make_app)
    response = client.post(
        "/account/delete", data={"delete-content": "keep", "delete-password": PASSWORD}
    )
    assert response.status_code == 302
    assert not _signed_in(thief)
    assert db.session.scalars(select(MemberSession)).all() == []
    assert auth.login(username).status_code == 401


def test_the_database_keeps_only_a_hash_of_the_session_key(client, auth):
    auth.register()
    member = db.session.scalars(select(Member)).one()
    [session] = db.session.scalars(select(MemberSession)).all()
    cookie = client.get_cookie("session").value
    assert session.member_id == member.id
    assert session.key_hash not in cookie


def test_a_cookie_signed_before_sessions_were_kept_signs_nobody_in(client, auth, make_app):
    """Cookies from before the sessions table name the member by id alone."""
    auth.register()
    member = db.session.scalars(select(Member)).one()
    old_style = make_app().test_client()
    with old_style.session_transaction() as cookie_session:
        cookie_session["_user_id"] = str(member.id)
        cookie_session["_fresh"] = True
    assert not _signed_in(old_style)


def test_a_suspension_ends_the_members_sessions_and_a_warning_does_not(client, auth, make_member):
    username = auth.register()
    client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    case = db.session.scalars(select(Case)).one()
    mod = make_member()
    mod.role = Role.MODERATOR
    db.session.commit()
    for sanction, still_signed_in in (("warn", True), ("suspend", False)):
        item = queue.open_item(ItemKind.REPORTED, case)
        db.session.commit()
        decisions.decide(
            item, mod, "approve", reason_code="unkind", sanction=sanction, suspend_days=3
        )
        assert _signed_in(client) is still_signed_in
    auth.login(username)
    assert "Your account is suspended until" in client.get("/").text
