"""Following a case: follow and unfollow, authors following their own, and a notice to every
follower, once, when the case is updated, extended or closed; never a name."""

import json
from datetime import timedelta

from flask import render_template
from flask_migrate import downgrade, upgrade
from sqlalchemy import func, select, update

from caseboard import follow_ups
from caseboard.cases import services
from caseboard.extensions import db
from caseboard.following import services as following
from caseboard.identity import pseudonym
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case, CaseFollow, ContentStatus, Member, Notification
from caseboard.models.base import utcnow
from tests.conftest import CASE_FIELDS, PASSWORD, REASONING, AuthActions
from tests.functional.curation_helpers import close_case, closed_case
from tests.functional.test_notifications import _emails, _outbox, _own_case, _run_worker
from tests.functional.test_query_counts import counting_queries

HTMX = {"HX-Request": "true"}


def _member(username: str) -> Member:
    return db.session.scalar(select(Member).where(Member.username == username))


def _notices(member_id: int, kind: str | None = None) -> list[Notification]:
    db.session.expire_all()
    statement = select(Notification).where(Notification.member_id == member_id)
    if kind is not None:
        statement = statement.where(Notification.kind == kind)
    return db.session.scalars(statement.order_by(Notification.id)).all()


def _followers(case: Case) -> set[int]:
    db.session.expire_all()
    return set(db.session.scalars(following.followers_of(case.id)))


def _followed_by(case: Case, count: int, make_member) -> list[Member]:
    members = [make_member() for _ in range(count)]
    for member in members:
        following.follow(member, case)
    return members


def _make_due(case: Case) -> None:
    db.session.execute(
        update(Case).where(Case.id == case.id).values(closes_at=utcnow() - timedelta(minutes=1))
    )
    db.session.commit()


# -- following and unfollowing -------------------------------------------------------------


def test_following_without_javascript_goes_back_to_the_case_and_says_so(client, auth, make_case):
    case = make_case()
    name = auth.register()
    response = client.post(f"/cases/{case.public_id}/follow")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/cases/{case.public_id}")
    page = client.get(response.headers["Location"]).text
    assert "You follow this case: you&#39;ll get a notice when it is updated" in page
    assert following.is_following(_member(name).id, case.id)


def test_following_or_unfollowing_twice_changes_nothing(client, auth, make_case):
    case = make_case()
    member_id = _member(auth.register()).id
    for _ in range(2):
        assert client.post(f"/cases/{case.public_id}/follow").status_code == 302
    assert _followers(case) == {case.author_id, member_id}
    for _ in range(2):
        assert client.post(f"/cases/{case.public_id}/unfollow").status_code == 302
    assert _followers(case) == {case.author_id}


def test_with_htmx_following_returns_the_unfollow_button_in_place(client, auth, make_case):
    case = make_case()
    auth.register()
    response = client.post(f"/cases/{case.public_id}/follow", headers=HTMX)
    assert response.status_code == 200 and "<html" not in response.text
    assert "no-store" in response.headers["Cache-Control"]
    fragment = response.text
    assert f'id="follow-{case.public_id}"' in fragment
    assert f'action="/cases/{case.public_id}/unfollow"' in fragment
    assert f'id="follow-{case.public_id}-button"' in fragment  # focus stays on it
    assert "follower" not in fragment.lower()  # no count of who else follows
    back = client.post(f"/cases/{case.public_id}/unfollow", headers=HTMX).text
    assert f'action="/cases/{case.public_id}/follow"' in back and "Follow this case" in back


def test_readers_without_an_account_get_no_follow_button(app, make_case):
    case = make_case()
    with app.test_request_context(f"/cases/{case.public_id}"):
        html = render_template("cases/_follow_button.html", case=case, following=False)
    assert html.strip() == ""  # a form would need a session, and readers get no cookie


def test_following_needs_an_account(client, make_case):
    case = make_case()
    assert client.post(f"/cases/{case.public_id}/follow").status_code == 401
    assert _followers(case) == {case.author_id}


def test_a_case_waiting_for_a_moderator_cannot_be_followed_by_others(
    client, auth, make_case, make_member
):
    case = make_case()
    db.session.execute(update(Case).where(Case.id == case.id).values(status=ContentStatus.HELD))
    db.session.commit()
    auth.register()
    assert client.post(f"/cases/{case.public_id}/follow").status_code == 404
    assert client.post("/cases/no-such-case/follow").status_code == 404
    assert _followers(case) == {case.author_id}


def test_the_author_follows_their_case_from_posting_it(client, auth):
    author, case = _own_case(client, auth)
    assert _followers(case) == {author.id}


# -- who is told what, once ----------------------------------------------------------------


def test_an_update_tells_each_follower_once_and_not_its_author(client, auth, make_member):
    author, case = _own_case(client, auth)
    author_id = author.id
    followers = _followed_by(case, 2, make_member)
    client.post(f"/cases/{case.public_id}/updates", data={"body": "We talked it through."})
    for follower in followers:
        [notice] = _notices(follower.id)
        assert notice.kind == "following"
        assert notice.message == f"OP added an update to a case you follow: “{case.title}”"
        assert notice.subject_public_id == case.public_id
    assert _notices(author_id) == []


def test_a_follow_up_tells_followers_how_it_played_out_once(make_case, make_member):
    case = closed_case(make_case, make_member)
    [follower] = _followed_by(case, 1, make_member)
    author = db.session.get(Member, case.author_id)
    follow_ups.answer_follow_up(case, author, "We agreed on a rota.", "helped")
    [notice] = _notices(follower.id)
    assert notice.message.startswith("OP said how it played out, and whether the advice helped")
    assert _notices(case.author_id, "following") == []


def test_closing_tells_the_author_and_each_follower_once(make_case, make_member):
    case = make_case()
    judge = make_member()
    services.give_verdict(case, judge, "NTA", REASONING)
    followers = [judge, *_followed_by(case, 2, make_member)]
    following.follow(judge, case)
    close_case(case)
    close_case(case)  # a second sweep tells nobody again
    [closed] = _notices(case.author_id, "closed")
    assert closed.message.startswith(f"Your case “{case.title}” has closed. 1 verdict.")
    assert _notices(case.author_id, "following") == []
    for follower in followers:
        [notice] = _notices(follower.id, "following")
        assert notice.message.startswith(f"A case you follow, “{case.title}”, has closed. 1 ")
        assert _notices(follower.id, "closed") == []


def test_an_extension_tells_the_author_and_each_follower_once(app, make_case, make_member):
    app.config.update(MIN_VERDICTS_TO_CLOSE=5, CASE_EXTENSION_HOURS=48)
    case = make_case()
    services.give_verdict(case, make_member(), "NTA", REASONING)
    [follower] = _followed_by(case, 1, make_member)
    _make_due(case)
    close_expired_windows()
    close_expired_windows()
    [extended] = _notices(case.author_id, "extended")
    assert extended.message.startswith(f"Your case “{case.title}” has too few verdicts")
    [notice] = _notices(follower.id)
    assert notice.kind == "following"
    assert notice.message.startswith(f"A case you follow, “{case.title}”, has too few verdicts")
    assert "first on “Needs verdicts”" in notice.message


def test_an_author_who_unfollowed_their_case_is_not_told_it_closed(client, auth, make_member):
    author, case = _own_case(client, auth)
    author_id = author.id
    assert client.post(f"/cases/{case.public_id}/unfollow").status_code == 302
    [follower] = _followed_by(case, 1, make_member)
    close_case(case)
    assert _notices(author_id) == []
    assert [notice.kind for notice in _notices(follower.id)] == ["following"]


def test_an_unfollowed_case_tells_its_former_follower_nothing(make_case, make_member):
    case = make_case()
    [follower] = _followed_by(case, 1, make_member)
    following.unfollow(follower, case)
    close_case(case)
    assert _notices(follower.id) == []


def test_a_hundred_followers_are_told_in_one_insert(app, make_case, make_member):
    case = make_case()
    followers = _followed_by(case, 100, make_member)
    _make_due(case)
    with counting_queries() as statements:
        close_expired_windows()
    inserts = [s for s in statements if s.lstrip().upper().startswith("INSERT INTO NOTIFICATIONS")]
    assert len(inserts) == 2  # the author's own notice, and one for every follower
    notified = db.session.scalars(
        select(Notification.member_id).where(Notification.kind == "following")
    ).all()
    assert sorted(notified) == sorted(member.id for member in followers)


# -- email, as each member chose -----------------------------------------------------------


def test_followers_are_emailed_only_if_they_turned_it_on(
    app, client, auth, make_case, make_member, tmp_path
):
    outbox = _outbox(app, tmp_path)
    case = make_case()
    auth.register("keen.follower", email="keen@example.com")
    settings = client.get("/account/email").text
    assert "Cases I follow: updates, extensions and closings" in settings
    assert client.post("/account/email", data={"kinds": ["following"]}).status_code == 302
    client.post(f"/cases/{case.public_id}/follow")
    quiet = make_member("quiet.follower", "quiet@example.com")
    following.follow(quiet, case)
    close_case(case)
    _run_worker()
    [message] = _emails(outbox)
    assert message["To"] == "keen@example.com"
    assert message["Subject"] == "News about a case you follow"
    assert f"A case you follow, “{case.title}”, has closed." in message.get_content()
    assert len(_notices(quiet.id)) == 1  # the inbox still has it


# -- anonymity -----------------------------------------------------------------------------


def test_notices_to_followers_name_nobody(client, auth, make_member):
    author = make_member("olive.author", "olive@example.com")
    case = services.post_case(author, services.CaseDraft(**CASE_FIELDS))
    other = make_member("sam.follower", "sam@example.com")
    following.follow(other, case)
    judge = make_member("pat.judge", "pat@example.com")
    services.give_verdict(case, judge, "NTA", REASONING)
    name = auth.register("me.following")
    client.post(f"/cases/{case.public_id}/follow")
    services.add_update(case, author, "It worked out in the end.")
    close_case(case)
    me = _member(name)
    messages = " ".join(notice.message for notice in _notices(me.id))
    inbox = client.get("/inbox").text
    aliases = [pseudonym(member.id, case.id, author.id) for member in (other, judge)]
    for identity in ("olive", "sam.follower", "sam@example.com", "pat.judge", *aliases):
        assert identity not in messages and identity not in inbox
    assert len(_notices(me.id)) == 2  # the update and the close


# -- the member's own data -----------------------------------------------------------------


def test_deleting_an_account_removes_what_it_followed(client, auth, make_case):
    others = make_case()
    member_id = _member(auth.register("leaving")).id
    client.post(f"/cases/{others.public_id}/follow")
    client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    own = db.session.scalar(select(Case).where(Case.author_id == member_id))
    response = client.post(
        "/account/delete", data={"delete-content": "keep", "delete-password": PASSWORD}
    )
    assert response.status_code == 302
    db.session.expire_all()
    count = select(func.count()).select_from(CaseFollow).where(CaseFollow.member_id == member_id)
    assert db.session.scalar(count) == 0
    close_case(own)  # the kept case closes: nobody is told, the account is gone
    assert _notices(member_id) == []


def test_a_removed_account_s_case_goes_with_its_followers_follows(client, auth, make_member):
    author, case = _own_case(client, auth)
    [follower] = _followed_by(case, 1, make_member)
    case_id, follower_id = case.id, follower.id
    response = client.post(
        "/account/delete", data={"delete-content": "remove", "delete-password": PASSWORD}
    )
    assert response.status_code == 302
    _run_worker()
    db.session.expire_all()
    assert db.session.get(Case, case_id) is None
    count = select(func.count()).select_from(CaseFollow).where(CaseFollow.member_id == follower_id)
    assert db.session.scalar(count) == 0


def test_the_export_lists_the_cases_the_member_follows(client, auth, make_case):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/follow")
    data = json.loads(client.get("/account/export").data)
    assert [item["case"] for item in data["following"]] == [case.public_id]
    assert data["following"][0]["since"]


# -- the migration -------------------------------------------------------------------------


def test_the_migration_makes_every_existing_author_follow_their_cases(app, make_case, make_member):
    kept, gone = make_case(), make_case()
    db.session.execute(
        update(Member).where(Member.id == gone.author_id).values(deleted_at=utcnow())
    )
    db.session.commit()
    expected = {kept.id: {kept.author_id}, gone.id: set()}
    db.session.remove()
    downgrade(revision="0006_follows-1")  # before follows existed
    upgrade()
    for case_id, followers in expected.items():
        assert set(db.session.scalars(following.followers_of(case_id))) == followers


def test_following_has_a_rate_limit_like_helpful_votes(make_app, make_case):
    client = make_app(RATELIMIT_ENABLED=True, VOTE_RATE_LIMIT="2 per hour").test_client()
    case = make_case()
    AuthActions(client).register()
    assert client.post(f"/cases/{case.public_id}/follow").status_code == 302
    assert client.post(f"/cases/{case.public_id}/unfollow").status_code == 302
    assert client.post(f"/cases/{case.public_id}/follow").status_code == 429
