"""Hostile or malformed input to the moderation pages gets a clear 4xx, never a 500."""

import pytest

from tests.conftest import CASE_FIELDS
from tests.functional.moderation_helpers import (
    become_moderator,
    held_case,
    open_item_for,
    promote,
)

HOSTILE = [
    "<script>alert(1)</script>",
    "'; DROP TABLE reports; --",
    "nul\x00byte",
    "\u202egnp.exe",
    "x" * 5000,
    "🙂" * 300,
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_report_details_are_refused_or_kept_safely(client, auth, make_case, value):
    case = make_case()
    auth.register()
    response = client.post(
        f"/report/case/{case.public_id}", data={"reason": "other", "details": value}
    )
    assert response.status_code in (302, 400, 422)
    assert "<script>alert(1)</script>" not in response.text


@pytest.mark.parametrize(
    "path",
    ["/report/bogus/abc", "/report/case/%00", "/report/verdict/" + "a" * 300, "/appeals/zz"],
)
def test_unknown_targets_are_not_found(client, auth, path):
    auth.register()
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(
    "redact",
    ["situation:-1:3", "situation:99999999999999999999:1", "nope:0:1", "all:all", "\x00"],
)
def test_forged_redaction_buttons_change_nothing(client, auth, redact):
    auth.register()
    response = client.post("/cases/new", data={**CASE_FIELDS, "redact": redact})
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        assert "Nothing was replaced" in response.text


@pytest.mark.parametrize(
    "data",
    [
        {"action": "explode", "reason_code": "spam"},
        {"action": "reject", "reason_code": "no-such-reason"},
        {"action": "reject", "reason_code": "spam", "sanction": "suspend", "suspend_days": "x"},
        {"action": "reject", "reason_code": "spam", "sanction": "suspend", "suspend_days": "9999"},
        {"action": "reject", "reason_code": "spam", "sanction": "obliterate"},
        {"action": "reject", "reason_code": "spam", "reason_text": "bad\x00note"},
        {"action": "reject", "reason_code": "spam\x00"},
    ],
)
def test_malformed_decisions_are_refused_and_the_item_stays_open(client, auth, data):
    case, item = held_case(client, auth)
    become_moderator(client, auth)
    response = client.post(f"/mod/items/{item.public_id}/decide", data=data)
    assert 400 <= response.status_code < 500
    assert open_item_for(f"case:{case.id}") is not None


@pytest.mark.parametrize("username", ["nobody", "bad\x00name", "'; DROP TABLE members; --"])
def test_granting_an_unknown_or_hostile_username_is_refused(client, auth, username):
    from caseboard.models import Role

    auth.register("admin1")
    promote("admin1", Role.ADMIN)
    response = client.post("/admin/moderators", data={"username": username, "grant": "grant"})
    assert 400 <= response.status_code < 500


def test_a_hostile_reason_template_code_is_not_found(client, auth):
    from caseboard.models import Role

    auth.register("admin1")
    promote("admin1", Role.ADMIN)
    response = client.post("/mod/reasons", data={"code": "spam\x00", "title": "x", "body": "y"})
    assert response.status_code == 404


def test_an_oversized_field_is_not_scanned_by_the_assistant(client, auth):
    auth.register()
    flood = " ".join(f"{n:03d}-{n:04d}" for n in range(60_000))  # ~600 KB of phone-like text
    response = client.post("/cases/new", data={**CASE_FIELDS, "situation": flood, "redact": "all"})
    assert response.status_code == 200
    assert "Replaced 0 items" in response.text
