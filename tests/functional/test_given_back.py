"""Nothing typed is lost: a refused form, moderators' included, CSRF failures included, gives
back what was typed, and never a password."""

from __future__ import annotations

import importlib
import pkgutil

import pytest
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.fields import BooleanField, HiddenField, RadioField, SelectField, SubmitField

import caseboard
from caseboard.cases import services
from caseboard.curation import editions, weeks
from caseboard.extensions import db
from caseboard.models import Role
from caseboard.models.base import utcnow
from caseboard.web import GIVEN_BACK_FIELDS, SECRET_FIELDS
from tests.conftest import PASSWORD, REASONING, shown
from tests.functional.curation_helpers import closed_case, moderator

LONG_TEXT = (
    "Written over twenty minutes, with care:\n\nwhat a reader at this level can learn from "
    "the case, and the questions a team lead might ask about it."
)
CSRF_REFUSAL = "security token was missing or had expired"
CHOSEN_NOT_TYPED = (BooleanField, HiddenField, RadioField, SelectField, SubmitField)
# Text fields the pages never let anyone type in: sent hidden, or by the button pressed.
NOT_TYPED = {"version", "action"}


def _token(client, address: str) -> str:
    return client.get(address).text.split('name="csrf_token" value="')[1].split('"')[0]


def _logged_in(make_app, username: str):
    """A client with CSRF protection on, logged in as `username`."""
    client = make_app(WTF_CSRF_ENABLED=True).test_client()
    data = {"csrf_token": _token(client, "/login"), "username": username, "password": PASSWORD}
    assert client.post("/login", data=data).status_code == 302
    return client


def _forms() -> list[type[FlaskForm]]:
    for module in pkgutil.walk_packages(caseboard.__path__, "caseboard."):
        if module.name.endswith(".forms"):
            importlib.import_module(module.name)
    found, pending = [], list(FlaskForm.__subclasses__())
    while pending:
        form = pending.pop()
        found.append(form)
        pending.extend(form.__subclasses__())
    return [form for form in found if form.__module__.startswith("caseboard.")]


def test_every_typed_field_of_every_form_is_given_back_or_named_secret(app):
    with app.test_request_context():
        fields = {
            (form.__name__, field.name, isinstance(field, PasswordField))
            for form in _forms()
            for field in form(formdata=None, meta={"csrf": False})
            if not isinstance(field, CHOSEN_NOT_TYPED) and field.name not in NOT_TYPED
        }
    assert fields
    missing = [
        (form, name)
        for form, name, secret in fields
        if name not in (SECRET_FIELDS if secret else GIVEN_BACK_FIELDS)
    ]
    assert not missing


@pytest.fixture
def edition(make_case, make_member):
    """An edition with one case in it, and the moderator who builds it."""
    mod = moderator(make_member, "builder")
    year, week = weeks.week_of(utcnow())
    started = editions.start_edition(mod, year, week)
    highlight = editions.add_case(started, mod, closed_case(make_case, make_member))
    return started.key, highlight.case.public_id, f"h{highlight.id}"


def test_an_edition_introduction_is_given_back_on_a_csrf_failure(make_app, edition):
    key, _, _ = edition
    client = _logged_in(make_app, "builder")
    response = client.post(
        f"/mod/highlights/{key}", data={"title": "A week", "intro": LONG_TEXT, "version": "1"}
    )
    assert response.status_code == 400 and CSRF_REFUSAL in response.text
    assert shown(LONG_TEXT) in response.text


def test_a_takeaway_and_its_questions_are_given_back_on_a_csrf_failure(make_app, edition):
    key, case, prefix = edition
    questions = "- Would you have said no?\n- What would you say to the manager?"
    client = _logged_in(make_app, "builder")
    response = client.post(
        f"/mod/highlights/{key}/cases/{case}",
        data={f"{prefix}-takeaway": LONG_TEXT, f"{prefix}-questions": questions},
    )
    assert response.status_code == 400 and CSRF_REFUSAL in response.text
    assert shown(LONG_TEXT) in response.text and shown(questions) in response.text


def test_a_reason_template_is_given_back_on_a_csrf_failure(make_app, make_member):
    make_member("admin").role = Role.ADMIN
    db.session.commit()
    client = _logged_in(make_app, "admin")
    response = client.post(
        "/mod/reasons",
        data={"code": "unkind", "unkind-title": "Unkind words", "unkind-body": LONG_TEXT},
    )
    assert response.status_code == 400 and CSRF_REFUSAL in response.text
    assert shown(LONG_TEXT) in response.text


@pytest.mark.parametrize("with_token", [True, False], ids=["refused", "csrf failure"])
def test_a_second_verdict_from_another_tab_gives_its_reasoning_back(
    make_app, make_case, make_member, with_token
):
    case = make_case()
    services.give_verdict(case, make_member("two.tabs"), "NTA", REASONING)
    client = _logged_in(make_app, "two.tabs")
    second = "Written in the second tab: on reflection, the escalation was the real problem."
    data = {"case_form": "verdict", "label": "ESH", "reasoning": second}
    if with_token:
        data["csrf_token"] = _token(client, f"/cases/{case.public_id}")
    response = client.post(f"/cases/{case.public_id}", data=data)
    assert response.status_code == (409 if with_token else 400)
    assert shown(second) in response.text
