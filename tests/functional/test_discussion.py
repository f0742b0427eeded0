from sqlalchemy import select

from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import Case, Reply, Verdict
from tests.conftest import REASONING, shown


def _judged_case(make_case, make_member):
    case, judge = make_case(), make_member()
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    return case, verdict


def test_replies_thread_under_verdicts_and_on_the_case(client, auth, make_case, make_member):
    case, verdict = _judged_case(make_case, make_member)
    auth.register()
    url = f"/cases/{case.public_id}"
    client.post(url + "/replies", data={"body": "Comment on the case.", "verdict_id": ""})
    client.post(
        url + "/replies", data={"body": "Answer to the verdict.", "verdict_id": verdict.public_id}
    )
    parent = db.session.scalar(select(Reply).where(Reply.verdict_id == verdict.id))
    client.post(
        url + "/replies", data={"body": "Answer to the answer.", "parent_id": parent.public_id}
    )
    nested = db.session.scalar(select(Reply).where(Reply.parent_id == parent.id))
    assert nested.verdict_id == verdict.id
    client.application.config["THREAD_REPLIES_SHOWN"] = 2  # the whole thread on the case page
    page = client.get(url).text
    verdict_block = page.split(f'id="verdict-{verdict.public_id}"')[1].split('id="discussion"')[0]
    assert "Answer to the verdict." in page and "Answer to the answer." in page
    assert page.index("Answer to the verdict.") < page.index("Answer to the answer.")
    discussion = page.split('id="discussion"')[1]
    assert "Comment on the case." in discussion
    assert "Comment on the case." not in verdict_block
    db.session.expire_all()
    assert db.session.get(Case, case.id).reply_count == 3
    assert db.session.get(Verdict, verdict.id).reply_count == 2


def test_the_reply_page_shows_what_is_answered(client, auth, make_case, make_member):
    case, verdict = _judged_case(make_case, make_member)
    auth.register()
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "YTA", "reasoning": REASONING})
    page = client.get(f"/cases/{case.public_id}/reply?verdict={verdict.public_id}")
    assert page.status_code == 200
    assert "who said <strong>NTA</strong>" in page.text
    assert shown(REASONING) in page.text


def test_an_empty_reply_is_refused_on_the_reply_page(client, auth, make_case):
    case = make_case()
    auth.register()
    response = client.post(f"/cases/{case.public_id}/replies", data={"body": " "})
    assert response.status_code == 422
    assert "This is required." in response.text
    assert db.session.scalar(select(Reply)) is None


def test_a_reply_to_a_reply_on_another_case_is_refused(client, auth, make_case, make_member):
    case, verdict = _judged_case(make_case, make_member)
    other = make_case()
    reply = services.add_reply(case, make_member(), "Elsewhere.", verdict=verdict)
    auth.register()
    response = client.post(
        f"/cases/{other.public_id}/replies",
        data={"body": "Sneaky thread hop", "parent_id": reply.public_id},
    )
    assert response.status_code == 404
    assert "Sneaky thread hop" in response.text


def test_a_malformed_reply_target_is_not_found_and_the_text_kept(client, auth, make_case):
    case = make_case()
    auth.register()
    response = client.post(
        f"/cases/{case.public_id}/replies", data={"body": "hello there", "parent_id": "1 OR 1=1"}
    )
    assert response.status_code == 404
    assert "hello there" in response.text


def test_members_edit_their_own_replies(client, auth, make_case):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/replies", data={"body": "First words."})
    reply = db.session.scalar(select(Reply))
    assert (
        client.post(f"/replies/{reply.public_id}/edit", data={"body": "Better words."}).status_code
        == 302
    )
    page = client.get(f"/cases/{case.public_id}").text
    assert "Better words." in page and "First words." not in page and "(edited)" in page


def test_members_cannot_edit_or_delete_others_replies(client, auth, make_case, make_member):
    case = make_case()
    reply = services.add_reply(case, make_member(), "Not yours.")
    auth.register()
    assert (
        client.post(f"/replies/{reply.public_id}/edit", data={"body": "Mine now"}).status_code
        == 403
    )
    assert client.post(f"/replies/{reply.public_id}/delete").status_code == 403
    db.session.expire_all()
    assert db.session.get(Reply, reply.id).body_md == "Not yours."


def test_a_deleted_reply_keeps_its_place_in_the_thread(client, auth, make_case, make_member):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/replies", data={"body": "To be deleted."})
    reply = db.session.scalar(select(Reply))
    services.add_reply(case, make_member(), "An answer that stays.", parent=reply)
    assert client.post(f"/replies/{reply.public_id}/delete").status_code == 302
    page = client.get(f"/cases/{case.public_id}").text
    assert "[deleted]" in page and "To be deleted." not in page
    assert "An answer that stays." in page
    db.session.expire_all()
    assert db.session.get(Case, case.id).reply_count == 1


def test_a_double_click_on_send_posts_one_reply(client, auth, make_case):
    case = make_case()
    auth.register()
    data = {"body": "Said once.", "submission": "b" * 32}
    first = client.post(f"/cases/{case.public_id}/replies", data=data)
    second = client.post(f"/cases/{case.public_id}/replies", data=data)
    assert first.headers["Location"] == second.headers["Location"]
    assert len(db.session.scalars(select(Reply)).all()) == 1
