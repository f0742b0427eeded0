"""Edges of moderation: what a decision settles, what it must refuse, and what stays hidden."""

from datetime import timedelta

from sqlalchemy import select, update

from caseboard.cases import services
from caseboard.extensions import db
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case, ContentStatus, Member, ModAction, ModerationItem, Reply, Verdict
from caseboard.models.base import utcnow
from caseboard.moderation import reports
from tests.conftest import CASE_FIELDS, REASONING, shown
from tests.functional.moderation_helpers import (
    become_moderator,
    decide,
    held_case,
    open_item_for,
    post_case,
    switch_to,
)


def _reported_verdict(make_case, make_member, reporters=1):
    case = make_case()
    verdict = services.give_verdict(case, make_member(), "YTA", REASONING)
    reporter_ids = []
    for _ in range(reporters):
        reporter = make_member()
        reports.report(reporter, verdict, "unkind")
        reporter_ids.append(reporter.id)
    return case, verdict, reporter_ids


def test_a_sanction_logged_with_an_identifying_removal_stays_unlinked(client, auth):
    case, item = held_case(client, auth)
    become_moderator(client, auth)
    decide(
        client,
        item.public_id,
        "reject",
        "identifying",
        reason_text="It named Jordan Pike.",
        sanction="warn",
    )
    auth.logout()
    log = client.get("/moderation-log").text
    assert "warned the author of" in log
    assert "Jordan Pike" not in log and case.public_id not in log


def test_removing_outside_the_queue_settles_the_reports(client, auth, make_case, make_member):
    _, verdict, reporter_ids = _reported_verdict(make_case, make_member)
    become_moderator(client, auth)
    client.post(
        f"/mod/content/verdict/{verdict.public_id}/act",
        data={"action": "remove", "reason_code": "unkind"},
    )
    db.session.expire_all()
    assert db.session.get(Member, reporter_ids[0]).reports_upheld == 1
    assert open_item_for(f"verdict:{verdict.id}") is None


def test_an_author_cannot_rewrite_what_is_under_review(client, auth, make_case):
    case = make_case()
    auth.register("writer")
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "YTA", "reasoning": REASONING})
    verdict = db.session.scalars(select(Verdict)).one()
    auth.logout()
    auth.register()
    client.post(f"/report/verdict/{verdict.public_id}", data={"reason": "unkind"})
    switch_to(client, "writer")
    gentler = REASONING + " I take back the harsh part."
    response = client.post(
        f"/verdicts/{verdict.public_id}/edit", data={"label": "NTA", "reasoning": gentler}
    )
    assert response.status_code == 403
    assert "reviewing reports about this" in response.text
    assert shown(gentler) in response.text  # given back, not lost
    db.session.expire_all()
    assert db.session.get(Verdict, verdict.id).label == "YTA"


def test_approving_a_held_verdict_after_the_close_leaves_the_outcome_alone(
    client, auth, make_case, make_member
):
    case = make_case()
    for _ in range(3):
        services.give_verdict(case, make_member(), "NTA", REASONING)
    auth.register()
    reasoning = REASONING + " You are an idiot though."
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "YTA", "reasoning": reasoning})
    held = db.session.scalars(select(Verdict).where(Verdict.status == "held")).one()
    item = open_item_for(f"verdict:{held.id}")
    db.session.execute(update(Case).values(closes_at=utcnow() - timedelta(minutes=1)))
    db.session.commit()
    close_expired_windows()
    db.session.expire_all()
    outcome = db.session.get(Case, case.id).outcome_confidence
    become_moderator(client, auth)
    decide(client, item.public_id, "approve")
    db.session.expire_all()
    closed = db.session.get(Case, case.id)
    assert closed.tally["YTA"] == 0 and closed.tally["NTA"] == 3
    assert closed.outcome_confidence == outcome


def test_a_removal_with_a_sanction_can_still_be_appealed(client, auth):
    case, item = held_case(client, auth)
    become_moderator(client, auth)
    decide(client, item.public_id, "reject", "spam", sanction="warn")
    switch_to(client, "author1")
    assert "Appeal this decision" in client.get(f"/cases/{case.public_id}").text


def test_restoring_closes_the_appeal_and_a_moot_appeal_cannot_be_decided(
    client, auth, make_case, make_member
):
    case = make_case()
    author = make_member("verdict_author")
    verdict = services.give_verdict(case, author, "YTA", REASONING)
    become_moderator(client, auth, "mod1")
    client.post(
        f"/mod/content/verdict/{verdict.public_id}/act",
        data={"action": "remove", "reason_code": "unkind"},
    )
    action = db.session.scalars(select(ModAction)).one()
    switch_to(client, "verdict_author")
    client.post(f"/appeals/{action.public_id}", data={"text": "It was fair criticism."})
    appeal = open_item_for(f"verdict:{verdict.id}")
    become_moderator(client, auth, "mod2")
    client.post(f"/mod/content/verdict/{verdict.public_id}/act", data={"action": "restore"})
    db.session.expire_all()
    assert db.session.get(ModerationItem, appeal.id).closed_at is not None
    assert decide(client, appeal.public_id, "deny", "other").status_code == 409


def test_a_denied_appeal_keeps_the_content_down_and_says_so(client, auth):
    case, item = held_case(client, auth)
    become_moderator(client, auth, "mod1")
    decide(client, item.public_id, "reject", "identifying")
    action = db.session.scalars(select(ModAction)).one()
    switch_to(client, "author1")
    client.post(f"/appeals/{action.public_id}", data={"text": "Please reconsider."})
    appeal = open_item_for(f"case:{case.id}")
    become_moderator(client, auth, "mod2")
    decide(client, appeal.public_id, "deny", "identifying", reason_text="The email is real.")
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == ContentStatus.REJECTED
    switch_to(client, "author1")
    assert "was denied: the decision stands" in client.get("/inbox").text


def test_deleting_a_held_reply_takes_it_out_of_the_queue(client, auth, make_case):
    case = make_case()
    auth.register()
    body = "Write to me at casey@example.com and I will explain."
    client.post(f"/cases/{case.public_id}/replies", data={"body": body})
    reply = db.session.scalars(select(Reply)).one()
    assert open_item_for(f"reply:{reply.id}") is not None
    client.post(f"/replies/{reply.public_id}/delete")
    assert open_item_for(f"reply:{reply.id}") is None


def test_restore_only_applies_to_removed_content(client, auth):
    case, _ = held_case(client, auth)
    become_moderator(client, auth)
    response = client.post(f"/mod/content/case/{case.public_id}/act", data={"action": "restore"})
    assert response.status_code == 409
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == ContentStatus.HELD


def test_a_moderator_cannot_act_on_what_is_said_on_their_own_case(client, auth, make_member):
    become_moderator(client, auth, "case_owner_mod")
    post_case(client)
    case = db.session.scalars(select(Case)).one()
    verdict = services.give_verdict(case, make_member(), "YTA", REASONING)
    response = client.post(
        f"/mod/content/verdict/{verdict.public_id}/act",
        data={"action": "remove", "reason_code": "unkind"},
    )
    assert response.status_code == 403
    assert db.session.get(Verdict, verdict.id).status == ContentStatus.PUBLISHED


def test_a_sanction_needs_a_reason(client, auth):
    _, item = held_case(client, auth)
    become_moderator(client, auth)
    response = decide(client, item.public_id, "approve", sanction="ban")
    assert response.status_code == 400
    assert "Choose a reason" in response.text
    assert open_item_for(item.subject_key) is not None


def test_acting_never_redirects_off_the_site(client, auth, make_case):
    case = make_case()
    become_moderator(client, auth)
    response = client.post(
        f"/mod/content/case/{case.public_id}/act",
        data={"action": "lock", "reason_code": "other", "next": "https://evil.example/"},
    )
    assert response.headers["Location"] == "/mod/queue"


def test_a_lapsed_claim_frees_the_item(client, auth):
    _, item = held_case(client, auth)
    become_moderator(client, auth, "mod1")
    client.post(f"/mod/items/{item.public_id}/claim")
    db.session.execute(update(ModerationItem).values(claimed_at=utcnow() - timedelta(minutes=31)))
    db.session.commit()
    become_moderator(client, auth, "mod2")
    assert decide(client, item.public_id, "approve").status_code == 302


def test_a_suspended_moderator_cannot_moderate(client, auth):
    from caseboard.models import Sanction

    _, item = held_case(client, auth)
    moderator = become_moderator(client, auth)
    member = db.session.scalars(select(Member).where(Member.username == moderator)).one()
    entry = ModAction(moderator_id=member.id, action="suspend")
    db.session.add(entry)
    db.session.flush()
    db.session.add(
        Sanction(member_id=member.id, kind="ban", reason="Abuse of tools.", action_id=entry.id)
    )
    db.session.commit()
    response = decide(client, item.public_id, "approve")
    assert response.status_code == 403 and "suspended permanently" in response.text


def test_previews_and_replacements_do_not_use_up_the_posting_limit(make_app, make_case):
    from tests.conftest import AuthActions

    limited = make_app(RATELIMIT_ENABLED=True, POST_CASE_RATE_LIMIT="1 per hour")
    client = limited.test_client()
    AuthActions(client).register()
    for _ in range(3):
        assert client.post("/cases/new", data={**CASE_FIELDS, "action": "preview"}).status_code
        client.post("/cases/new", data={**CASE_FIELDS, "redact": "all"})
    assert client.post("/cases/new", data={**CASE_FIELDS, "action": "post"}).status_code == 302


def _own_case_locked_by_a_moderator(client, auth) -> Case:
    """author1 posts a case, a moderator locks it, and author1 is logged in again."""
    auth.register("author1")
    post_case(client)
    case = db.session.scalars(select(Case)).one()
    become_moderator(client, auth)
    client.post(
        f"/mod/content/case/{case.public_id}/act", data={"action": "lock", "reason_code": "other"}
    )
    switch_to(client, "author1")
    return case


def test_a_locked_case_refuses_updates_from_its_author(client, auth):
    case = _own_case_locked_by_a_moderator(client, auth)
    update_text = "It went fine in the end: we talked it through and agreed on a rota."
    response = client.post(f"/cases/{case.public_id}/updates", data={"body": update_text})
    assert response.status_code == 409
    assert "locked this case" in response.text
    assert update_text in response.text


def test_odd_digits_in_a_redaction_button_or_page_number_are_harmless(client, auth):
    auth.register()
    situation = "My manager Sarah took credit for the migration I led."
    response = client.post(
        "/cases/new", data={**CASE_FIELDS, "situation": situation, "redact": "situation:²:3"}
    )
    assert response.status_code == 200 and "Nothing was replaced" in response.text
    assert client.get("/moderation-log?page=²").status_code == 200


def test_the_inbox_links_a_verdict_author_to_their_verdict(client, auth, make_case, make_member):
    case = make_case()
    verdict = services.give_verdict(case, make_member("verdict_author"), "YTA", REASONING)
    become_moderator(client, auth)
    client.post(
        f"/mod/content/verdict/{verdict.public_id}/act",
        data={"action": "remove", "reason_code": "unkind"},
    )
    switch_to(client, "verdict_author")
    inbox = client.get("/inbox").text
    assert "A moderator removed your verdict" in inbox
    assert f'href="/verdicts/{verdict.public_id}/edit"' in inbox
    page = client.get(f"/verdicts/{verdict.public_id}/edit").text
    assert "A moderator removed your verdict" in page and "Appeal this decision" in page


def test_removing_an_account_takes_its_held_replies_out_of_the_queue(client, auth, make_case):
    from rq import Worker

    from caseboard.extensions import redis_connection
    from tests.conftest import PASSWORD

    case = make_case()
    auth.register()
    client.post(
        f"/cases/{case.public_id}/replies",
        data={"body": "Write to me at casey@example.com and I will explain."},
    )
    reply = db.session.scalars(select(Reply)).one()
    client.post("/account/delete", data={"delete-content": "remove", "delete-password": PASSWORD})
    Worker([redis_connection.queue()], connection=redis_connection.client).work(burst=True)
    assert open_item_for(f"reply:{reply.id}") is None


def test_locking_a_case_tells_its_author(client, auth):
    _own_case_locked_by_a_moderator(client, auth)
    assert "A moderator locked your case" in client.get("/inbox").text


def test_updates_have_a_rate_limit_of_their_own(make_app, make_member):
    from tests.conftest import AuthActions

    limited = make_app(RATELIMIT_ENABLED=True, EDIT_RATE_LIMIT="1 per hour")
    client = limited.test_client()
    AuthActions(client).register("author1")
    post_case(client)
    case = db.session.scalars(select(Case)).one()
    body = "It went fine in the end: we talked it through and agreed on a rota."
    assert client.post(f"/cases/{case.public_id}/updates", data={"body": body}).status_code == 302
    again = client.post(f"/cases/{case.public_id}/updates", data={"body": body + " More."})
    assert again.status_code == 429 and "More." in again.text
