"""A spam wave, stopped in one action: a moderator takes down everything by the author of
one item as spam, the account is suspended, the log gets one entry that names nobody; and
the queue's "suspected spam" filter shows exactly the items spam checks or reports flagged."""

import io
import json
import re
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from caseboard.cases import services
from caseboard.errors import NotAllowed
from caseboard.extensions import db
from caseboard.models import (
    Case,
    ContentStatus,
    ItemKind,
    ModAction,
    ModerationItem,
    Notification,
    Reply,
    Report,
    SpamFingerprint,
)
from caseboard.moderation import log, queue, reports, sanctions
from caseboard.moderation.pipeline import Finding, Severity
from tests.conftest import PASSWORD, REASONING
from tests.functional.moderation_helpers import become_moderator, open_item_for, switch_to

SPAMMER = "wave_spammer"
SPAM_CASE = {
    "title": "Make money from home while your boss is not looking, guaranteed",
    "situation": (
        "Tired of your boss? Earn 5000 dollars a week from home with our proven system. "
        "Visit cheap-income.example today and claim your free starter kit before it ends."
    ),
    "why_wrong": "Because everyone else is already earning with the starter kit.",
    "help_wanted": "Sign up today at cheap-income.example, it takes one minute.",
}
SPAM_VERDICT = (
    "Honestly the real answer is to quit and work for yourself. Our members earn 5000 dollars "
    "a week with the starter kit from cheap-income.example, sign up today."
)
SPAM_REPLY = (
    "Best replica watches at unbeatable prices, free shipping worldwide. Order now at "
    "watches.example and get a second watch free with every order this week."
)
SPAM_CHECKS_HELD = ("spam_memory", "form_signals", "trust")  # held by checks of other helpers
LINKS = " ".join(f"Deals at https://shop{i}.example/offer today." for i in range(5))


@pytest.fixture
def wave(app, make_member, make_case):
    """A spammer's case, verdict, reply and held reply, with an honest member's verdict on the
    same case, and the spam verdict reported as spam."""
    spammer = make_member(SPAMMER)
    honest = make_member()
    target = make_case()
    found = SimpleNamespace(spammer=spammer, target=target)
    found.case = make_case(author=spammer, **SPAM_CASE)
    found.verdict = services.give_verdict(target, spammer, "NTA", SPAM_VERDICT)
    found.reply = services.add_reply(target, spammer, SPAM_REPLY)
    found.held_reply = services.add_reply(target, spammer, LINKS)
    found.honest_verdict = services.give_verdict(target, honest, "YTA", REASONING)
    reports.report(make_member(), found.verdict, "spam")
    assert found.held_reply.status == ContentStatus.HELD
    return found


def _start_wave(client, subject_kind: str, subject, **data):
    return client.post(
        f"/mod/content/{subject_kind}/{subject.public_id}/spam-wave", data={"confirm": "y", **data}
    )


def _statuses(wave) -> dict[str, str]:
    db.session.expire_all()
    return {
        name: db.session.get(type(row), row.id).status
        for name, row in vars(wave).items()
        if name not in ("spammer", "target")
    }


def test_the_item_page_offers_the_wave_behind_a_confirm_box(client, auth, wave):
    become_moderator(client, auth)
    page = client.get(f"/mod/items/{open_item_for(f'verdict:{wave.verdict.id}').public_id}").text
    assert f'action="/mod/content/verdict/{wave.verdict.public_id}/spam-wave"' in page
    assert 'type="checkbox"' in page and "required" in page
    assert "Take down everything by the author of this item as spam" in page


def test_the_wave_takes_down_everything_by_the_author_across_kinds(client, auth, wave):
    reader = client.application.test_client()
    assert "watches.example" in reader.get(f"/cases/{wave.target.public_id}").text  # cached
    become_moderator(client, auth)
    response = _start_wave(client, "verdict", wave.verdict)
    assert response.status_code == 302
    assert _statuses(wave) == {
        "case": ContentStatus.REMOVED,
        "verdict": ContentStatus.REMOVED,
        "reply": ContentStatus.REMOVED,
        "held_reply": ContentStatus.REJECTED,
        "honest_verdict": ContentStatus.PUBLISHED,
    }
    target = db.session.get(Case, wave.target.id)
    assert (target.verdict_count, target.reply_count) == (1, 0)
    page = reader.get(f"/cases/{wave.target.public_id}").text
    assert "watches.example" not in page and "cheap-income" not in page
    assert "4 items by the author of this item taken down as spam" in client.get("/mod/queue").text


def test_the_wave_closes_the_authors_queue_items_and_upholds_spam_reports(client, auth, wave):
    become_moderator(client, auth)
    _start_wave(client, "reply", wave.reply)
    db.session.expire_all()
    still_open = db.session.scalars(
        select(ModerationItem.subject_key).where(ModerationItem.closed_at.is_(None))
    ).all()
    assert still_open == []
    assert db.session.scalars(select(Report.status)).all() == ["upheld"]


def test_the_wave_suspends_the_author(client, auth, wave):
    become_moderator(client, auth)
    _start_wave(client, "case", wave.case)
    suspension = sanctions.active_suspension(wave.spammer.id)
    assert suspension is not None and suspension.kind == sanctions.SUSPEND
    with pytest.raises(NotAllowed, match="suspended"):
        services.add_reply(wave.target, wave.spammer, "One more try at posting something here.")
    notice = db.session.scalars(
        select(Notification.message).where(Notification.member_id == wave.spammer.id)
    ).all()[-1]
    assert "took down everything you wrote (4 items) as spam" in notice


def test_the_wave_signs_the_author_out_everywhere(client, auth, wave):
    spammers_browser = client.application.test_client()
    spammers_browser.post("/login", data={"username": SPAMMER, "password": PASSWORD})
    assert spammers_browser.get("/account").status_code == 200
    become_moderator(client, auth)
    _start_wave(client, "reply", wave.reply)
    assert spammers_browser.get("/account").status_code == 302  # back to the login page


def test_the_wave_is_one_log_entry_naming_the_item_never_the_author(client, auth, wave):
    before = db.session.scalar(select(func.count()).select_from(ModAction))
    notices_before = db.session.scalar(select(func.count()).select_from(Notification))
    moderator = become_moderator(client, auth)
    flash_page = client.get(_start_wave(client, "verdict", wave.verdict).headers["Location"]).text
    entries = db.session.scalars(select(ModAction).order_by(ModAction.id)).all()[before:]
    assert len(entries) == 1
    entry = entries[0]
    assert (entry.action, entry.subject_kind, entry.subject_public_id) == (
        "spam_wave",
        "verdict",
        wave.verdict.public_id,
    )
    assert entry.reason_code == "spam" and entry.reason_text == "Taken down as spam."
    log_page = client.get("/moderation-log").text
    assert "took down everything, as spam, by the author of" in log_page
    assert moderator not in log_page
    flash = flash_page.split('<div class="flashes" role="status">')[1].split("</div>")[0]
    notices = db.session.scalars(
        select(Notification.message).order_by(Notification.id).offset(notices_before)
    ).all()
    assert notices  # the author is told
    # Neither the author's name nor their account number, however it might be written.
    account = re.compile(
        rf"(?:member|account|user|author|id)\W{{0,4}}{wave.spammer.id}\b", re.IGNORECASE
    )
    for said in (flash, log_page, *map(str, log.as_row(entry).values()), *notices):
        assert SPAMMER not in said and not account.search(said), said


def test_the_public_log_does_not_say_how_many_items_the_wave_took_down(client, auth, wave):
    """Many items vanishing at once beside a count would let anyone link them to one account;
    only the moderator who acted is told the count, in their flash."""
    become_moderator(client, auth)
    flash_page = client.get(_start_wave(client, "verdict", wave.verdict).headers["Location"]).text
    assert "4 items" in flash_page
    exported = io.StringIO()
    log.export(exported, "json")
    (row,) = json.loads(exported.getvalue())
    assert row["reason_text"] == "Taken down as spam."
    table = client.get("/moderation-log").text.split("<tbody>")[1].split("</tbody>")[0]
    reason_cell = re.findall(r"<td>(.*?)</td>", table, re.DOTALL)[-1]
    assert reason_cell.strip() == "Spam: Taken down as spam."
    for public in (table, exported.getvalue()):  # the count worded any other way
        assert not re.search(r"\bitems?\b|\bfour\b", public, re.IGNORECASE)


def test_the_wave_feeds_spam_memory(client, auth, wave, make_member):
    become_moderator(client, auth)
    _start_wave(client, "verdict", wave.verdict)
    keys = set(db.session.scalars(select(SpamFingerprint.source_key)))
    assert {f"case:{wave.case.id}", f"verdict:{wave.verdict.id}", f"reply:{wave.reply.id}"} <= keys
    copy = SPAM_REPLY.upper().replace("THIS WEEK", "TODAY")
    assert services.add_reply(wave.target, make_member(), copy).status == ContentStatus.HELD


def test_members_cannot_start_a_wave(client, auth, wave):
    auth.register()
    assert _start_wave(client, "verdict", wave.verdict).status_code == 403
    assert _statuses(wave)["verdict"] == ContentStatus.PUBLISHED


def test_a_moderator_cannot_start_a_wave_on_their_own_writing(client, auth, make_case):
    author = become_moderator(client, auth)
    switch_to(client, author)
    client.post(f"/cases/{make_case().public_id}/replies", data={"body": SPAM_REPLY})
    reply = db.session.scalars(select(Reply)).one()
    response = _start_wave(client, "reply", reply)
    assert response.status_code == 403
    assert "another moderator must decide it" in response.text
    db.session.expire_all()
    assert db.session.get(Reply, reply.id).status == ContentStatus.PUBLISHED
    assert db.session.scalar(select(func.count()).select_from(ModAction)) == 0


def test_the_wave_needs_its_confirm_box(client, auth, wave):
    become_moderator(client, auth)
    response = _start_wave(client, "verdict", wave.verdict, confirm="")
    assert response.status_code == 400
    assert "tick the box" in response.text
    assert _statuses(wave)["case"] == ContentStatus.PUBLISHED


def test_the_wave_needs_the_forms_security_token(client, auth, wave):
    become_moderator(client, auth)
    client.application.config["WTF_CSRF_ENABLED"] = True
    response = _start_wave(client, "verdict", wave.verdict)
    assert response.status_code == 400 and "security token" in response.text
    assert _statuses(wave)["verdict"] == ContentStatus.PUBLISHED


def test_a_second_wave_on_the_same_author_finds_nothing_left(client, auth, wave):
    become_moderator(client, auth)
    _start_wave(client, "verdict", wave.verdict)
    response = _start_wave(client, "case", wave.case)
    assert response.status_code == 409
    assert "taken down already" in response.text


# -- the queue's "suspected spam" filter ------------------------------------------------------


def test_the_spam_filter_shows_exactly_the_suspected_items(
    client, auth, make_case, make_member, wave
):
    verdict_item = open_item_for(f"verdict:{wave.verdict.id}")  # reported as spam
    links_item = open_item_for(f"reply:{wave.held_reply.id}")  # the links check held it
    unkind_case = make_case()
    reports.report(make_member(), unkind_case, "unkind")  # reported, not as spam
    unkind_item = open_item_for(f"case:{unkind_case.id}")
    flagged = {}
    for check in ("spam_memory", "form_signals", "trust", "identifying"):
        verdict = services.give_verdict(make_case(), make_member(), "NTA", REASONING)
        finding = Finding(check=check, severity=Severity.HOLD, message="Held for a look.")
        flagged[check] = queue.open_item(ItemKind.HELD, verdict, [finding])
    db.session.commit()
    become_moderator(client, auth)
    page = client.get("/mod/queue?show=spam").text
    suspected = [verdict_item, links_item] + [flagged[c] for c in SPAM_CHECKS_HELD]
    for item in suspected:
        assert item.public_id in page
    for item in (unkind_item, flagged["identifying"]):
        assert item.public_id not in page
    assert f"Suspected spam ({len(suspected)})" in page
    assert 'aria-current="page">Suspected spam' in page
    everything = client.get("/mod/queue").text
    assert unkind_item.public_id in everything and "All open items (7)" in everything


def test_how_it_works_tells_members_about_spam_memory_and_waves(client):
    page = client.get("/how-it-works").text
    assert "cannot be turned back into the text" in page
    assert "suspend the account for 365 days" in page
