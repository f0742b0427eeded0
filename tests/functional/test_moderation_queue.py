"""The moderation queue: moderators read held and reported items, claim them and decide;
authors are told the decision and its reason; moderators never see who wrote anything."""

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, ModAction, Reply, Role, Verdict
from tests.conftest import CASE_FIELDS, REASONING, shown
from tests.functional.moderation_helpers import (
    EMAIL_IN_CASE,
    become_moderator,
    decide,
    held_case,
    open_item_for,
    post_case,
    promote,
    switch_to,
)


def test_members_cannot_open_the_queue(client, auth):
    auth.register()
    assert client.get("/mod/queue").status_code == 403


def test_the_queue_lists_held_items_oldest_first_with_findings(client, auth):
    _, first_item = held_case(client, auth, "author1", "a1@example.com")
    auth.logout()
    _, second_item = held_case(client, auth, "author2", "a2@example.com")
    become_moderator(client, auth)
    queue = client.get("/mod/queue").text
    assert queue.index(first_item.public_id) < queue.index(second_item.public_id)
    item_page = client.get(f"/mod/items/{second_item.public_id}").text
    assert '<mark title="email">jordan.pike@example.com' in item_page
    assert "looks like an email address" in item_page


def test_moderator_pages_never_show_a_username_or_email(client, auth, make_case):
    _, item = held_case(client, auth, "secret_author", "secret.author@example.com")
    reported = make_case()
    reporter = "secret_reporter"
    auth.logout()
    auth.register(reporter, email="secret.reporter@example.com")
    client.post(f"/report/case/{reported.public_id}", data={"reason": "other", "details": "odd"})
    become_moderator(client, auth)
    reported_item = open_item_for(f"case:{reported.id}")
    pages = [
        client.get("/mod/queue"),
        client.get(f"/mod/items/{item.public_id}"),
        client.get(f"/mod/items/{reported_item.public_id}"),
        client.get("/moderation-log"),
    ]
    decide(client, item.public_id, "reject", "identifying")
    pages.append(client.get("/moderation-log"))
    for response in pages:
        body = response.text + str(response.headers)
        for identity in (
            "secret_author",
            "secret.author@example.com",
            reporter,
            "secret.reporter@example.com",
        ):
            assert identity not in body


def test_approving_a_held_case_publishes_it_and_tells_the_author(client, auth):
    case, item = held_case(client, auth, email="author1@example.com")
    moderator = become_moderator(client, auth)
    response = decide(client, item.public_id, "approve")
    assert response.status_code == 302
    assert shown(CASE_FIELDS["title"]) in client.get("/new").text
    db.session.expire_all()
    approved = db.session.get(Case, case.id)
    assert approved.status == ContentStatus.PUBLISHED and approved.closes_at is not None
    switch_to(client, "author1")
    assert '<span class="badge">1<span class="visually-hidden"> unread' in client.get("/").text
    assert "A moderator approved your case" in client.get("/inbox").text
    assert moderator not in client.get("/inbox").text


def test_rejecting_tells_the_author_the_reason_and_offers_an_appeal(client, auth):
    case, item = held_case(client, auth, email="author1@example.com")
    become_moderator(client, auth)
    decide(client, item.public_id, "reject", "identifying", reason_text="Remove the email.")
    switch_to(client, "author1")
    inbox = client.get("/inbox").text
    assert "Reason: Identifying information." in inbox
    assert "Remove the email." in inbox
    page = client.get(f"/cases/{case.public_id}").text
    assert "A moderator did not publish your case" in page
    assert "Appeal this decision" in page


def test_a_decision_needs_a_reason_unless_it_approves(client, auth):
    _, item = held_case(client, auth, email="author1@example.com")
    become_moderator(client, auth)
    response = decide(client, item.public_id, "reject")
    assert response.status_code == 400
    assert "Choose a reason" in response.text
    assert open_item_for(item.subject_key) is not None


def test_a_returned_case_is_edited_by_its_author_and_held_again(client, auth):
    case, item = held_case(client, auth, email="author1@example.com")
    become_moderator(client, auth)
    decide(client, item.public_id, "return", "identifying", reason_text="Drop the email.")
    switch_to(client, "author1")
    page = client.get(f"/cases/{case.public_id}").text
    assert "asked you to edit your case" in page and "Drop the email." in page
    form = client.get(f"/cases/{case.public_id}/revise").text
    assert "Replace “jordan.pike@example.com” with [email]" in form
    response = client.post(
        f"/cases/{case.public_id}/revise", data={**CASE_FIELDS, "action": "post"}
    )
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Case, case.id).status == ContentStatus.HELD
    assert open_item_for(f"case:{case.id}").findings_json == "[]"


def test_a_claimed_item_cannot_be_decided_by_anotherbecome_moderator(client, auth):
    _, item = held_case(client, auth, email="author1@example.com")
    become_moderator(client, auth, "mod1")
    assert client.post(f"/mod/items/{item.public_id}/claim").status_code == 302
    become_moderator(client, auth, "mod2")
    response = decide(client, item.public_id, "approve")
    assert response.status_code == 409
    assert "is already working on this item" in response.text


def test_removing_a_verdict_takes_it_out_of_the_tally_and_restoring_puts_it_back(
    client, auth, make_case, make_member
):
    from caseboard.cases import services

    case = make_case()
    verdict = services.give_verdict(case, make_member(), "NTA", REASONING)
    become_moderator(client, auth)
    act = f"/mod/content/verdict/{verdict.public_id}/act"
    client.post(act, data={"action": "remove", "reason_code": "unkind"})
    db.session.expire_all()
    assert db.session.get(Case, case.id).verdict_count == 0
    assert shown(REASONING) not in client.get(f"/cases/{case.public_id}").text
    client.post(act, data={"action": "restore"})
    db.session.expire_all()
    assert db.session.get(Case, case.id).tally["NTA"] == 1
    assert shown(REASONING) in client.get(f"/cases/{case.public_id}").text


def test_a_locked_case_takes_no_new_replies(client, auth, make_case):
    case = make_case()
    become_moderator(client, auth)
    response = client.post(
        f"/mod/content/case/{case.public_id}/act", data={"action": "lock", "reason_code": "other"}
    )
    assert response.status_code == 302
    response = client.post(f"/cases/{case.public_id}/replies", data={"body": "One more thing."})
    assert response.status_code == 409
    assert "locked this case" in response.text
    assert db.session.scalar(select(Reply.id)) is None


def test_an_admin_edits_the_reason_the_author_reads(client, auth):
    case, item = held_case(client, auth, email="author1@example.com")
    auth.logout()
    auth.register("admin1")
    promote("admin1", Role.ADMIN)
    client.post(
        "/mod/reasons",
        data={
            "code": "spam",
            "spam-title": "Advertising",
            "spam-body": "Caseboard is not a place to sell things.",
        },
    )
    decide(client, item.public_id, "reject", "spam")
    switch_to(client, "author1")
    assert (
        "Reason: Advertising. Caseboard is not a place to sell things." in client.get("/inbox").text
    )


def test_only_admins_edit_reasons_and_moderators(client, auth):
    become_moderator(client, auth)
    edit = {"code": "spam", "spam-title": "Changed", "spam-body": "Changed by a moderator."}
    assert client.post("/mod/reasons", data=edit).status_code == 403
    assert "Changed" not in client.get("/mod/reasons").text
    assert client.get("/admin/moderators").status_code == 403


def test_moderators_read_the_reason_templates_they_pick_from(client, auth):
    become_moderator(client, auth)
    page = client.get("/mod/reasons")
    assert page.status_code == 200
    assert "Only admins change them." in page.text
    assert '<span class="meta">(spam)</span>' in page.text  # each template, read-only
    assert 'name="code"' not in page.text  # no editing form


def test_an_admin_grants_and_revokes_the_moderator_role(client, auth):
    auth.register("future_mod")
    auth.logout()
    auth.register("admin1")
    promote("admin1", Role.ADMIN)
    client.post("/admin/moderators", data={"username": "future_mod", "grant": "grant"})
    switch_to(client, "future_mod")
    assert client.get("/mod/queue").status_code == 200
    switch_to(client, "admin1")
    client.post("/admin/moderators", data={"username": "future_mod", "grant": "revoke"})
    switch_to(client, "future_mod")
    assert client.get("/mod/queue").status_code == 403


def test_every_decision_is_in_the_public_log_under_a_moderator_alias(client, auth):
    _, item = held_case(client, auth, email="author1@example.com")
    become_moderator(client, auth)
    decide(client, item.public_id, "approve")
    auth.logout()
    log = client.get("/moderation-log").text
    assert "Moderator " in log and "approved" in log


def test_the_public_log_hides_what_was_removed_for_identifying_someone(client, auth):
    case, item = held_case(client, auth, email="author1@example.com")
    become_moderator(client, auth)
    decide(client, item.public_id, "reject", "identifying", reason_text="It named Jordan.")
    auth.logout()
    log = client.get("/moderation-log").text
    assert "rejected" in log
    assert case.public_id not in log and "It named Jordan." not in log


def test_the_moderation_log_is_append_only(client, auth):
    _, item = held_case(client, auth, email="author1@example.com")
    become_moderator(client, auth)
    decide(client, item.public_id, "approve")
    for statement in ("UPDATE mod_actions SET action = 'reject'", "DELETE FROM mod_actions"):
        try:
            db.session.execute(text(statement))
            db.session.flush()
        except DBAPIError as error:
            assert "append-only" in str(error)
            db.session.rollback()
        else:
            raise AssertionError(f"{statement} was allowed")
    assert db.session.scalars(select(ModAction.action)).all() == ["approve"]


def test_the_anonymous_case_page_shows_the_verdict_again_after_approval(client, auth, make_case):
    case = make_case()
    auth.register()
    reasoning = REASONING + " You are an idiot though."
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "YTA", "reasoning": reasoning})
    verdict = db.session.scalars(select(Verdict)).one()
    item = open_item_for(f"verdict:{verdict.id}")
    become_moderator(client, auth)
    decide(client, item.public_id, "approve")
    auth.logout()
    assert shown(reasoning) in client.get(f"/cases/{case.public_id}").text
    db.session.expire_all()
    assert db.session.get(Case, case.id).verdict_count == 1


def test_a_moderator_cannot_decide_on_their_own_writing(client, auth):
    auth.register("writer_mod")
    promote("writer_mod")
    post_case(client, situation=CASE_FIELDS["situation"] + " " + EMAIL_IN_CASE)
    case = db.session.scalars(select(Case)).one()
    item = open_item_for(f"case:{case.id}")
    response = decide(client, item.public_id, "approve")
    assert response.status_code == 403
    assert "another moderator must decide it" in response.text
    assert db.session.get(Case, case.id).status == ContentStatus.HELD


def test_a_locked_open_case_refuses_verdicts_but_keeps_its_tally_blind(
    client, auth, make_case, make_member
):
    from caseboard.cases import services

    case = make_case()
    services.give_verdict(case, make_member(), "YTA", REASONING)
    become_moderator(client, auth)
    client.post(
        f"/mod/content/case/{case.public_id}/act", data={"action": "lock", "reason_code": "other"}
    )
    auth.logout()
    auth.register()
    page = client.get(f"/cases/{case.public_id}").text
    assert "Moderators have locked this case" in page
    assert "label-yta" not in page  # still blind: the window has not closed
    response = client.post(
        f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING}
    )
    assert response.status_code == 409 and "locked this case" in response.text
