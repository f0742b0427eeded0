import pytest
from sqlalchemy import func, select

from caseboard.extensions import db
from caseboard.models import Case
from tests.conftest import CASE_FIELDS, shown


def _count_cases() -> int:
    return db.session.scalar(select(func.count()).select_from(Case))


def test_preview_renders_the_markdown_and_saves_nothing(client, auth):
    auth.register()
    fields = {**CASE_FIELDS, "situation": CASE_FIELDS["situation"] + "\n\n*It stung.*"}
    response = client.post("/cases/new", data={**fields, "action": "preview"})
    assert response.status_code == 200
    assert "<em>It stung.</em>" in response.text
    assert "Preview" in response.text
    assert _count_cases() == 0


def test_posting_publishes_the_case_under_a_random_address(client, auth):
    auth.register()
    first = client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    second = client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    first_id = first.headers["Location"].rsplit("/", 1)[1]
    second_id = second.headers["Location"].rsplit("/", 1)[1]
    assert len(first_id) >= 10 and first_id != second_id
    assert not first_id.isdigit()
    page = client.get(first.headers["Location"])
    assert shown(CASE_FIELDS["title"]) in page.text
    assert 'Posted by <span class="alias">OP</span>' in page.text


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "", "This is required."),
        ("title", "Too short", "Write at least 10 characters"),
        ("title", "x" * 151, "Keep this under 150 characters"),
        ("situation", "y" * 20_001, "Keep this under 20,000 characters"),
        ("why_wrong", "   ", "This is required."),
        ("why_wrong", "\u200b" * 30, "This is required."),
        ("discipline", "astrology", "Choose a discipline from the list."),
        ("level", "", "Choose a level."),
        ("support_kind", "anything", "Choose a kind of support from the list."),
        (
            "situation",
            "Line one\x00 and the rest of a long enough situation text here.",
            "invisible control character (U+0000)",
        ),
        ("title", "AITA for \u202eevil text here?", "invisible control character (U+202E)"),
    ],
)
def test_invalid_case_fields_are_explained_and_nothing_is_saved(
    client, auth, field, value, message
):
    auth.register()
    response = client.post("/cases/new", data={**CASE_FIELDS, field: value, "action": "post"})
    assert response.status_code == 422
    assert message in response.text
    assert _count_cases() == 0


def test_a_refused_case_keeps_everything_that_was_typed(client, auth):
    auth.register()
    fields = {**CASE_FIELDS, "title": "short", "action": "post"}
    response = client.post("/cases/new", data=fields)
    assert response.status_code == 422
    assert CASE_FIELDS["situation"] in response.text
    assert CASE_FIELDS["why_wrong"] in response.text
    assert 'value="short"' in response.text
    assert '<option selected value="engineering">' in response.text


def test_member_html_never_reaches_the_page(client, auth):
    auth.register()
    hostile = {
        **CASE_FIELDS,
        "title": "AITA for <script>alert(1)</script> in a title?",
        "situation": (
            "<script>alert('x')</script> <img src=x onerror=alert(2)> "
            "[click](javascript:alert(3)) and '; DROP TABLE cases; -- for good measure."
        ),
        "action": "post",
    }
    response = client.post("/cases/new", data=hostile)
    page = client.get(response.headers["Location"]).text
    assert "<script>alert" not in page
    assert "onerror=alert" not in page.replace("&lt;img src=x onerror=alert(2)&gt;", "")
    assert 'href="javascript:' not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "DROP TABLE cases" in page
    assert _count_cases() == 1


def test_odd_unicode_is_kept_and_normalized(client, auth):
    auth.register()
    title = "AITA for saying “no” to my PM’s café offsite? 🙃 — e\u0301"
    response = client.post("/cases/new", data={**CASE_FIELDS, "title": title, "action": "post"})
    assert response.status_code == 302
    stored = db.session.scalar(select(Case.title))
    assert stored.endswith("— é")
    assert "🙃" in stored


def test_author_update_appears_below_the_frozen_original(client, auth):
    auth.register()
    url = client.post("/cases/new", data={**CASE_FIELDS, "action": "post"}).headers["Location"]
    update = "We talked it through and agreed on a fair on-call rotation for next quarter."
    response = client.post(url + "/updates", data={"body": update})
    assert response.status_code == 302
    page = client.get(url).text
    assert page.index(CASE_FIELDS["situation"]) < page.index(update)
    assert "Updates from OP" in page


def test_only_the_author_can_add_an_update(client, auth, make_case):
    case = make_case()
    auth.register()
    response = client.post(
        f"/cases/{case.public_id}/updates", data={"body": "This is not my case but I try anyway."}
    )
    assert response.status_code == 403
    assert "Only the person who posted this case" in response.text
    assert "This is not my case but I try anyway." in response.text  # given back, not lost


def test_a_double_click_on_post_publishes_one_case(client, auth):
    auth.register()
    token = client.get("/cases/new").text.split('name="submission" type="hidden" value="')[1]
    token = token.split('"')[0]
    data = {**CASE_FIELDS, "action": "post", "submission": token}
    first = client.post("/cases/new", data=data)
    second = client.post("/cases/new", data=data)
    assert first.status_code == second.status_code == 302
    assert first.headers["Location"] == second.headers["Location"]
    assert _count_cases() == 1


def test_a_refused_case_can_be_sent_again_with_its_token(client, auth):
    auth.register()
    data = {**CASE_FIELDS, "title": "short", "action": "post", "submission": "a" * 32}
    assert client.post("/cases/new", data=data).status_code == 422
    data["title"] = CASE_FIELDS["title"]
    assert client.post("/cases/new", data=data).status_code == 302
    assert _count_cases() == 1
