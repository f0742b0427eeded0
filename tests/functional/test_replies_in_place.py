"""Replies in place: with htmx the reply form opens under the verdict or reply it answers, and
the new reply joins its thread there; without JavaScript the reply page does the same work.

These check what the server sends htmx; tests/browser/test_replies_in_place_browser.py checks
what a person sees in a real browser, with and without JavaScript.
"""

from __future__ import annotations

import json
import re

from sqlalchemy import select

from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import Reply
from tests.conftest import REASONING, shown

HTMX = {"HX-Request": "true"}
SPAM = "buy now " * 40  # refused by the moderation checks: the same few words again and again
MANY_LINKS = " ".join(f"See https://example{i}.net/guide for more." for i in range(5))  # held


def _judged_case(make_case, make_member):
    case = make_case()
    verdict = services.give_verdict(case, make_member(), "NTA", REASONING)
    return case, verdict


def _open_form(client, case, **target) -> str:
    query = "&".join(f"{name}={value}" for name, value in target.items())
    response = client.get(f"/cases/{case.public_id}/reply?{query}", headers=HTMX)
    assert response.status_code == 200
    return response.text


def _token(fragment: str) -> str:
    return re.search(r'name="submission"[^>]*value="([0-9a-f]{32})"', fragment).group(1)


def _send(client, case, body: str, *, token: str = "", **target):
    data = {"body": body, "submission": token, **target}
    return client.post(f"/cases/{case.public_id}/replies", data=data, headers=HTMX)


def test_reply_links_lead_to_the_reply_page_for_what_they_answer(
    client, auth, make_case, make_member
):
    case, verdict = _judged_case(make_case, make_member)
    reply = services.add_reply(case, make_member(), "An answer to the verdict.", verdict=verdict)
    auth.register()
    page = client.get(f"/cases/{case.public_id}").text
    for query in (f"verdict={verdict.public_id}", f"parent={reply.public_id}"):
        # Its href is the reply page, for browsers without JavaScript; static/caseboard.js
        # opens the form in place, in a slot it makes under the link.
        assert f'<a href="/cases/{case.public_id}/reply?{query}">' in page


def test_htmx_gets_the_reply_form_alone_posting_in_place(client, auth, make_case, make_member):
    case, verdict = _judged_case(make_case, make_member)
    auth.register()
    fragment = _open_form(client, case, verdict=verdict.public_id)
    assert "<html" not in fragment and "You are answering" not in fragment
    assert f'hx-post="/cases/{case.public_id}/replies" hx-target="closest .reply-slot"' in fragment
    assert f'name="verdict_id" type="hidden" value="{verdict.public_id}"' in fragment
    # An id of its own, as other forms with a text box can be open on the case page.
    assert f'<label for="reply-body-{verdict.public_id}">' in fragment
    assert "data-cancel-reply" in fragment


def test_every_form_opened_in_place_has_a_fresh_submission_token(
    client, auth, make_case, make_member
):
    case, verdict = _judged_case(make_case, make_member)
    auth.register()
    first = _token(_open_form(client, case, verdict=verdict.public_id))
    _send(client, case, "The first answer.", token=first, verdict_id=verdict.public_id)
    second = _token(_open_form(client, case, verdict=verdict.public_id))
    assert first != second
    _send(client, case, "The second answer.", token=second, verdict_id=verdict.public_id)
    assert len(db.session.scalars(select(Reply)).all()) == 2


def test_a_reply_sent_in_place_joins_the_verdicts_thread_and_takes_focus(
    client, auth, make_case, make_member
):
    case, verdict = _judged_case(make_case, make_member)
    auth.register()
    thread = f"replies-verdict-{verdict.public_id}"
    assert f'id="{thread}" hidden' in client.get(f"/cases/{case.public_id}").text  # empty yet
    response = _send(client, case, "Well argued, I agree.", verdict_id=verdict.public_id)
    assert response.status_code == 200
    reply = db.session.scalars(select(Reply)).one()
    assert f'hx-swap-oob="beforeend:#{thread}"><li id="reply-{reply.public_id}">' in (
        response.text.replace("\n", "").replace("  ", "")
    )
    assert "Well argued, I agree." in response.text
    trigger = json.loads(response.headers["HX-Trigger-After-Settle"])
    assert trigger == {"caseboard:focus": {"target": f"#reply-{reply.public_id}"}}


def test_an_answer_sent_in_place_joins_the_thread_under_its_reply(
    client, auth, make_case, make_member
):
    case, verdict = _judged_case(make_case, make_member)
    parent = services.add_reply(case, make_member(), "An answer to the verdict.", verdict=verdict)
    auth.register()
    assert f'id="replies-reply-{parent.public_id}"' in client.get(f"/cases/{case.public_id}").text
    response = _send(client, case, "And an answer to the answer.", parent_id=parent.public_id)
    assert f'hx-swap-oob="beforeend:#replies-reply-{parent.public_id}"' in response.text
    answer = db.session.scalar(select(Reply).where(Reply.parent_id == parent.id))
    assert answer.verdict_id == verdict.id


def test_an_empty_reply_in_place_comes_back_as_the_form_with_its_summary(
    client, auth, make_case, make_member
):
    case, verdict = _judged_case(make_case, make_member)
    auth.register()
    response = _send(client, case, " ", verdict_id=verdict.public_id)
    assert response.status_code == 422
    assert "<html" not in response.text and "There is a problem" in response.text
    assert f'<a href="#reply-body-{verdict.public_id}">This is required.</a>' in response.text
    assert 'hx-post="' in response.text  # still the form in place, to try again


def test_a_reply_refused_by_moderation_in_place_keeps_the_text(
    client, auth, make_case, make_member
):
    case, verdict = _judged_case(make_case, make_member)
    auth.register()
    response = _send(client, case, SPAM, verdict_id=verdict.public_id)
    assert response.status_code == 422
    assert "repeats the same few words" in response.text and SPAM.strip() in response.text
    assert "There is a problem" in response.text and "<html" not in response.text
    assert db.session.scalar(select(Reply.id)) is None


def test_slow_mode_in_place_says_when_and_keeps_the_text(client, auth, make_case, make_member):
    from caseboard.moderation import reports as reporting

    case, verdict = _judged_case(make_case, make_member)
    reporting.report(make_member(), case, "unkind")  # a reported case slows its discussion
    auth.register()
    _send(client, case, "First thought.", verdict_id=verdict.public_id)
    response = _send(client, case, "Second thought.", verdict_id=verdict.public_id)
    assert response.status_code == 429 and response.headers["Retry-After"].isdigit()
    assert "slow mode" in response.text and "Second thought." in response.text
    assert "There is a problem" in response.text and "<html" not in response.text


def test_a_reply_held_for_a_moderator_says_so_in_place(client, auth, make_case, make_member):
    case, verdict = _judged_case(make_case, make_member)
    auth.register()
    response = _send(client, case, MANY_LINKS, verdict_id=verdict.public_id)
    assert response.status_code == 200
    reply = db.session.scalars(select(Reply)).one()
    assert reply.status == "held"
    assert "Only you can see this reply for now." in response.text
    assert f'href="/replies/{reply.public_id}/edit"' in response.text
    # Said in place, so not again as a message on the next page.
    assert "waits for a moderator" not in client.get(f"/cases/{case.public_id}").text


def test_a_form_sent_twice_in_place_sends_one_reply(client, auth, make_case, make_member):
    case, verdict = _judged_case(make_case, make_member)
    auth.register()
    token = _token(_open_form(client, case, verdict=verdict.public_id))
    _send(client, case, "Said once.", token=token, verdict_id=verdict.public_id)
    again = _send(client, case, "Said once.", token=token, verdict_id=verdict.public_id)
    reply = db.session.scalars(select(Reply)).one()
    assert again.status_code == 200 and "sent already" in again.text
    thread = f"/cases/{case.public_id}/verdicts/{verdict.public_id}"
    assert f'href="{thread}#reply-{reply.public_id}"' in again.text


def test_without_javascript_the_reply_page_sends_and_shows_the_reply_in_its_thread(
    client, auth, make_case, make_member
):
    case, verdict = _judged_case(make_case, make_member)
    auth.register()
    page = client.get(f"/cases/{case.public_id}/reply?verdict={verdict.public_id}").text
    assert "<html" in page and "You are answering" in page and "hx-post" not in page
    assert "autofocus" not in page  # a page load leaves focus at the top, before the context
    response = client.post(
        f"/cases/{case.public_id}/replies",
        data={"body": "Agreed.", "verdict_id": verdict.public_id, "submission": _token(page)},
    )
    reply = db.session.scalars(select(Reply)).one()
    assert response.status_code == 302
    thread = f"/cases/{case.public_id}/verdicts/{verdict.public_id}"
    assert response.location.endswith(f"{thread}#reply-{reply.public_id}")
    assert shown("Agreed.") in client.get(response.location).text
    assert shown("Agreed.") in client.get(f"/cases/{case.public_id}").text


def test_a_form_in_place_answering_nothing_that_exists_is_not_found_before_typing(
    client, auth, make_case, make_member
):
    case, _ = _judged_case(make_case, make_member)
    auth.register()
    response = client.get(f"/cases/{case.public_id}/reply?parent=AAAAAAAAAAA", headers=HTMX)
    assert response.status_code == 404
