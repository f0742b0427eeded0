"""The automated checks: what is published, held for a moderator, or refused, and the
anonymization assistant's one-click redaction."""

import json

import pytest
from sqlalchemy import func, select

from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, Reply, Verdict
from caseboard.moderation import pipeline
from tests.conftest import CASE_FIELDS, REASONING, shown
from tests.functional.moderation_helpers import EMAIL_IN_CASE, open_item_for, post_case


def _only_case() -> Case:
    db.session.expire_all()
    return db.session.scalars(select(Case)).one()


def test_every_check_module_is_in_the_pipeline():
    names = [name for name, _ in pipeline.checks()]
    assert names == [
        "duplicates",
        "form_signals",
        "identifying",
        "language",
        "new_member",
        "spam",
        "spam_memory",
        "trust",
    ]


def test_a_clean_case_is_published_at_once(client, auth):
    auth.register()
    response = post_case(client)
    assert response.status_code == 302
    assert _only_case().status == ContentStatus.PUBLISHED


def test_a_case_with_an_email_is_held_and_shows_the_finding(client, auth):
    auth.register()
    situation = CASE_FIELDS["situation"] + " " + EMAIL_IN_CASE
    response = post_case(client, situation=situation)
    case = _only_case()
    assert case.status == ContentStatus.HELD
    page = client.get(response.headers["Location"]).text
    assert "Your case waits for a moderator" in page
    assert '<mark title="email">jordan.pike@example.com' in page
    assert open_item_for(f"case:{case.id}") is not None


def test_a_held_case_is_hidden_from_everyone_but_its_author(client, auth):
    auth.register()
    post_case(client, situation=CASE_FIELDS["situation"] + " " + EMAIL_IN_CASE)
    case = _only_case()
    auth.logout()
    assert CASE_FIELDS["title"] not in client.get("/new").text
    assert client.get(f"/cases/{case.public_id}").status_code == 404
    auth.register()
    assert client.get(f"/cases/{case.public_id}").status_code == 404


def test_the_preview_highlights_what_may_identify_someone(client, auth):
    auth.register()
    situation = "My manager Sarah took credit for the migration I led at Initech LLC."
    response = client.post(
        "/cases/new", data={**CASE_FIELDS, "situation": situation, "action": "preview"}
    )
    assert response.status_code == 200
    assert "Could this identify someone?" in response.text
    assert "Replace “Sarah” with [name]" in response.text
    assert "Replace “Initech LLC” with [company]" in response.text


def test_redaction_replaces_the_span_and_keeps_the_rest(client, auth):
    auth.register()
    situation = "My manager Sarah took credit for the migration I led."
    start = situation.index("Sarah")
    response = client.post(
        "/cases/new",
        data={**CASE_FIELDS, "situation": situation, "redact": f"situation:{start}:{start + 5}"},
    )
    assert response.status_code == 200
    assert "My manager [name] took credit for the migration I led.</textarea>" in response.text
    assert "Replaced “Sarah” with [name]." in response.text
    assert shown(CASE_FIELDS["why_wrong"]) in response.text  # the other fields are kept


def test_replace_all_redacts_every_field(client, auth):
    auth.register()
    response = client.post(
        "/cases/new",
        data={
            **CASE_FIELDS,
            "situation": "Tom Nguyen and I disagreed. Mail me: tom@example.org",
            "help_wanted": "We both work at Globex Corporation.",
            "redact": "all",
        },
    )
    assert "[name] and I disagreed. Mail me: [email]</textarea>" in response.text
    assert "We both work at [company].</textarea>" in response.text
    assert "Nothing else here looks like it identifies anyone." in response.text


def test_a_stale_redaction_button_changes_nothing(client, auth):
    auth.register()
    situation = "Nothing identifying in this sentence at all, I promise you."
    response = client.post(
        "/cases/new", data={**CASE_FIELDS, "situation": situation, "redact": "situation:0:7"}
    )
    assert f"{situation}</textarea>" in response.text
    assert "no longer matches your text" in response.text


def test_redaction_works_as_an_htmx_swap_of_the_form(client, auth):
    auth.register()
    situation = "Ask Tom Nguyen what he told me."
    response = client.post(
        "/cases/new",
        data={**CASE_FIELDS, "situation": situation, "redact": "all"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert 'id="compose"' in response.text
    assert "Ask [name] what he told me." in response.text


def test_a_slur_is_refused_and_the_text_given_back(client, auth):
    auth.register()
    situation = CASE_FIELDS["situation"] + " He called the new hire a retard in standup."
    response = post_case(client, situation=situation)
    assert response.status_code == 422
    assert "Caseboard never publishes slurs" in response.text
    assert shown(situation) in response.text
    assert db.session.scalar(select(func.count()).select_from(Case)) == 0


def test_an_insult_aimed_at_someone_holds_a_verdict_out_of_the_tally(client, auth, make_case):
    case = make_case()
    auth.register()
    reasoning = REASONING + " Honestly you are an idiot for even asking."
    response = client.post(
        f"/cases/{case.public_id}/verdicts", data={"label": "YTA", "reasoning": reasoning}
    )
    assert response.status_code == 302 and "/edit" in response.headers["Location"]
    verdict = db.session.scalars(select(Verdict)).one()
    assert verdict.status == ContentStatus.HELD
    db.session.expire_all()
    assert db.session.get(Case, case.id).verdict_count == 0
    page = client.get(response.headers["Location"]).text
    assert "reads as an insult aimed at someone" in page


def test_an_insult_about_oneself_is_published(client, auth, make_case):
    case = make_case()
    auth.register()
    reasoning = REASONING + " I once felt stupid about the same thing, so I get it."
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": reasoning})
    assert db.session.scalars(select(Verdict)).one().status == ContentStatus.PUBLISHED


def test_many_links_hold_a_reply(client, auth, make_case):
    case = make_case()
    auth.register()
    body = " ".join(f"See https://example{i}.net/guide for more." for i in range(5))
    client.post(f"/cases/{case.public_id}/replies", data={"body": body})
    page = client.get(f"/cases/{case.public_id}").text
    assert "Only you can see this reply for now." in page


def test_many_links_without_a_scheme_hold_a_reply_too(client, auth, make_case):
    """The same links the trust check refuses from new members: bit.ly/abc is a link."""
    case = make_case()
    auth.register()
    body = " ".join(f"See guide{i}.com/read or bit.ly/g{i} for more." for i in range(2))
    client.post(f"/cases/{case.public_id}/replies", data={"body": body})
    reply = db.session.scalars(select(Reply)).one()
    findings = json.loads(open_item_for(f"reply:{reply.id}").findings_json)
    assert ("spam", "links") in {(f["check"], f["kind"]) for f in findings}
    assert "It has 4 links." in {f["message"].split(" Caseboard")[0] for f in findings}


def test_repeated_words_are_refused(client, auth, make_case):
    case = make_case()
    auth.register()
    body = "buy now " * 40
    response = client.post(f"/cases/{case.public_id}/replies", data={"body": body})
    assert response.status_code == 422
    assert "repeats the same few words" in response.text


def test_the_same_reply_pasted_on_many_cases_is_refused(client, auth, make_case):
    cases = [make_case() for _ in range(4)]
    auth.register()
    body = "Have you considered simply talking to them first about all of this?"
    statuses = [
        client.post(f"/cases/{case.public_id}/replies", data={"body": body}).status_code
        for case in cases
    ]
    assert statuses == [302, 302, 302, 422]


def test_posting_ones_own_case_twice_is_refused(client, auth, app):
    app.config["DUPLICATE_WINDOW_DAYS"] = 30
    client.application.config["DUPLICATE_WINDOW_DAYS"] = 30
    auth.register()
    post_case(client)
    response = post_case(client, submission="")
    assert response.status_code == 422
    assert "You have already posted this case" in response.text


def test_a_near_copy_of_someone_elses_case_is_held(client, auth, app):
    client.application.config["DUPLICATE_WINDOW_DAYS"] = 30
    auth.register()
    post_case(client)
    auth.logout()
    auth.register()
    post_case(client, title="AITA for declining to cover a coworker's on-call week?")
    db.session.expire_all()
    statuses = db.session.scalars(select(Case.status).order_by(Case.id)).all()
    assert statuses == [ContentStatus.PUBLISHED, ContentStatus.HELD]


def test_a_new_members_first_case_is_held(client, auth):
    client.application.config["NEW_MEMBER_HELD_CASES"] = 1
    auth.register()
    response = post_case(client)
    page = client.get(response.headers["Location"]).text
    assert "first cases are read by a moderator" in page
    assert _only_case().status == ContentStatus.HELD


@pytest.mark.parametrize("kind", ["verdict", "reply"])
def test_an_edit_that_adds_an_email_is_held_and_uncounted(client, auth, make_case, kind):
    case = make_case()
    auth.register()
    if kind == "verdict":
        client.post(
            f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING}
        )
        item = db.session.scalars(select(Verdict)).one()
        path, field = f"/verdicts/{item.public_id}/edit", {"label": "NTA", "reasoning": REASONING}
        text_field = "reasoning"
    else:
        client.post(f"/cases/{case.public_id}/replies", data={"body": REASONING})
        from caseboard.models import Reply

        item = db.session.scalars(select(Reply)).one()
        path, field, text_field = f"/replies/{item.public_id}/edit", {"body": REASONING}, "body"
    field[text_field] = REASONING + " Write to me: casey@example.com"
    client.post(path, data=field)
    db.session.expire_all()
    saved = db.session.get(type(item), item.id)
    assert saved.status == ContentStatus.HELD
    counted = db.session.get(Case, case.id)
    assert (counted.verdict_count if kind == "verdict" else counted.reply_count) == 0
    assert open_item_for(f"{kind}:{item.id}") is not None
