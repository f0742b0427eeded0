"""Refused forms say so where the member looks: GOV.UK's error summary at the top of the form,
focused on load, linking to each field in error, with what was typed kept. The case page's
forms post to the case's own address with their anchor, so a refused one comes back there.

tests/browser/test_error_summary_browser.py checks the focus and the links in a real browser.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import Case, Member, ModAction, Reply, Verdict
from tests.conftest import CASE_FIELDS, PASSWORD, REASONING, AuthActions, shown
from tests.functional.curation_helpers import close_case
from tests.functional.moderation_helpers import (
    become_moderator,
    decide,
    held_case,
    switch_to,
)

TYPED = "I think you were right to say no, but short."  # under the 50 characters a verdict needs


def _summary(html: str) -> str:
    """The error summary's markup: it must open with the focusable, autofocused box."""
    match = re.search(
        r'<div class="error-summary form-errors" id="([^"]+)" tabindex="-1" autofocus>'
        r"\s*<h2>There is a problem</h2>(.*?)</div>",
        html,
        re.S,
    )
    assert match, "no error summary"
    return match.group(0)


def _opens_its_form(html: str, summary: str) -> bool:
    """Whether the summary sits inside a form, above all of its fields."""
    start = html.index(summary)
    before = html[html.rindex("<form", 0, start) : start]
    field = re.search(r'<(textarea|select)|<input(?![^>]*type="hidden")', before)
    return "</form>" not in before and field is None


def _own_case(client, auth) -> Case:
    """The client's member posts a case through the page."""
    name = auth.register()
    client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    author = db.session.scalar(select(Member).where(Member.username == name))
    return db.session.scalars(select(Case).where(Case.author_id == author.id)).one()


def test_the_case_pages_forms_post_to_its_address_with_their_anchor(client, auth, make_case):
    case = _own_case(client, auth)
    page = client.get(f"/cases/{case.public_id}").text
    assert f'action="/cases/{case.public_id}#your-update"' in page
    assert f'action="/cases/{case.public_id}#your-comment"' in page
    others = make_case()
    page = client.get(f"/cases/{others.public_id}").text
    assert f'action="/cases/{others.public_id}#your-verdict"' in page
    for name in ("verdict", "comment"):
        assert f'<input type="hidden" name="case_form" value="{name}">' in page


def test_a_refused_verdict_comes_back_at_the_case_address_with_a_focused_summary(
    client, auth, make_case
):
    case = make_case()
    auth.register()
    response = client.post(
        f"/cases/{case.public_id}", data={"case_form": "verdict", "reasoning": TYPED}
    )
    assert response.status_code == 422
    summary = _summary(response.text)
    assert 'id="your-verdict"' in summary  # the anchor the form posted to
    assert response.text.count('id="your-verdict"') == 1
    assert '<a href="#label-0">Choose a verdict.</a>' in summary  # the first radio button
    assert '<a href="#reasoning">Write at least 50 characters' in summary
    assert shown(TYPED) in response.text.split("</textarea>")[0].rsplit(">", 1)[1]
    assert db.session.scalar(select(Verdict.id)) is None


def test_a_verdict_sent_to_the_case_address_redirects_to_its_own_page(client, auth, make_case):
    case = make_case()
    auth.register()
    response = client.post(
        f"/cases/{case.public_id}",
        data={"case_form": "verdict", "label": "NTA", "reasoning": REASONING},
    )
    verdict = db.session.scalars(select(Verdict)).one()
    assert response.status_code == 302
    place = f"/cases/{case.public_id}/verdicts/{verdict.public_id}#verdict-{verdict.public_id}"
    assert response.location.endswith(place)
    assert REASONING in client.get(response.location).text


def test_a_refused_comment_comes_back_on_the_case_page_at_its_form(client, auth, make_case):
    case = make_case()
    auth.register()
    response = client.post(f"/cases/{case.public_id}", data={"case_form": "comment", "body": ""})
    assert response.status_code == 422
    summary = _summary(response.text)
    assert 'id="your-comment"' in summary
    assert '<a href="#comment-body">This is required.</a>' in summary
    assert db.session.scalar(select(Reply.id)) is None


def test_a_comment_sent_twice_from_the_case_page_is_sent_once(client, auth, make_case):
    case = make_case()
    auth.register()
    data = {"case_form": "comment", "body": "Said once.", "submission": "c" * 32}
    first = client.post(f"/cases/{case.public_id}", data=data)
    second = client.post(f"/cases/{case.public_id}", data=data)
    assert first.status_code == second.status_code == 302
    assert first.location == second.location
    assert len(db.session.scalars(select(Reply)).all()) == 1


def test_a_refused_update_comes_back_open_at_its_form(client, auth):
    case = _own_case(client, auth)
    response = client.post(
        f"/cases/{case.public_id}", data={"case_form": "update", "body": "Too short."}
    )
    assert response.status_code == 422
    assert 'id="your-update"' in _summary(response.text)
    assert "<details open>" in response.text and "Too short." in response.text


def test_a_refused_follow_up_links_to_its_first_answer(client, auth, make_member):
    case = _own_case(client, auth)
    services.give_verdict(case, make_member(), "NTA", REASONING)
    close_case(case)
    response = client.post(
        f"/cases/{case.public_id}",
        data={"case_form": "follow-up", "body": "We now rotate the on-call weeks fairly."},
    )
    assert response.status_code == 422
    summary = _summary(response.text)
    assert 'id="your-follow-up"' in summary
    assert '<a href="#advice_helped-0">Say whether the advice helped.</a>' in summary


def test_an_unknown_case_form_is_refused_with_the_text_given_back(client, auth, make_case):
    case = make_case()
    auth.register()
    response = client.post(
        f"/cases/{case.public_id}", data={"case_form": "poll", "body": "My kept words."}
    )
    assert response.status_code == 400
    assert "no form by that name" in response.text and "My kept words." in response.text


def test_the_case_address_and_the_verdicts_address_share_one_rate_limit(make_app, make_case):
    client = make_app(RATELIMIT_ENABLED=True, VERDICT_RATE_LIMIT="1 per 59 minutes").test_client()
    first, second = make_case(), make_case()
    AuthActions(client).register()
    verdict = {"label": "NTA", "reasoning": REASONING}
    assert client.post(f"/cases/{first.public_id}/verdicts", data=verdict).status_code == 302
    response = client.post(f"/cases/{second.public_id}", data={"case_form": "verdict", **verdict})
    assert response.status_code == 429
    # Another form on the case page has an allowance of its own.
    comment = {"case_form": "comment", "body": "A comment."}
    assert client.post(f"/cases/{second.public_id}", data=comment).status_code == 302


def _register_refused(client, auth, make_case):
    return client.post("/register", data={"username": "x", "password": PASSWORD})


def _login_refused(client, auth, make_case):
    auth.register("someone")
    auth.logout()
    return client.post("/login", data={"username": "someone", "password": "wrong password"})


def _new_case_refused(client, auth, make_case):
    auth.register()
    return client.post("/cases/new", data={**CASE_FIELDS, "title": "", "action": "post"})


def _reply_page_refused(client, auth, make_case):
    case = make_case()
    auth.register()
    return client.post(f"/cases/{case.public_id}/replies", data={"body": ""})


def _report_refused(client, auth, make_case):
    case = make_case()
    auth.register()
    return client.post(f"/report/case/{case.public_id}", data={"details": "kept"})


def _edit_verdict_refused(client, auth, make_case):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING})
    verdict = db.session.scalars(select(Verdict)).one()
    return client.post(
        f"/verdicts/{verdict.public_id}/edit", data={"label": "NTA", "reasoning": ""}
    )


def _edit_reply_refused(client, auth, make_case):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/replies", data={"body": "First words."})
    reply = db.session.scalars(select(Reply)).one()
    return client.post(f"/replies/{reply.public_id}/edit", data={"body": ""})


def _revise_refused(client, auth, make_case):
    case, _ = held_case(client, auth)
    return client.post(f"/cases/{case.public_id}/revise", data={**CASE_FIELDS, "title": ""})


def _appeal_refused(client, auth, make_case):
    _, item = held_case(client, auth)
    become_moderator(client, auth)
    decide(client, item.public_id, "reject", "identifying")
    switch_to(client, "author1")
    action = db.session.scalars(select(ModAction)).one()
    return client.post(f"/appeals/{action.public_id}", data={"text": ""})


@pytest.mark.parametrize(
    ("refuse", "first_link"),
    [
        (_register_refused, "#username"),
        (_login_refused, None),  # what is wrong is the pair, not one field
        (_new_case_refused, "#title"),
        (_reply_page_refused, "#body"),
        (_report_refused, "#reason-0"),
        (_edit_verdict_refused, "#reasoning"),
        (_edit_reply_refused, "#body"),
        (_revise_refused, "#title"),
        (_appeal_refused, "#text"),
    ],
    ids=lambda value: getattr(value, "__name__", str(value)).strip("_"),
)
def test_every_refused_member_form_opens_with_the_summary(
    client, auth, make_case, refuse, first_link
):
    response = refuse(client, auth, make_case)
    assert 400 <= response.status_code < 500
    summary = _summary(response.text)
    assert _opens_its_form(response.text, summary)
    links = re.findall(r'<a href="(#[^"]+)">', summary)
    assert (links[0] if links else None) == first_link
    if first_link:  # the link leads to the field
        assert f'id="{first_link[1:]}"' in response.text
