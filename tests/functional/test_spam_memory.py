"""Spam memory: text a moderator took down as spam is remembered by its signature only, and
a near-copy of it (words changed, sentences reordered, other case and punctuation) waits for
a moderator wherever it is posted; unrelated and short texts pass."""

import pytest
from sqlalchemy import func, inspect, select

from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import (
    Case,
    ContentStatus,
    Reply,
    SpamFingerprint,
    SpamFingerprintBand,
    Verdict,
)
from caseboard.moderation import queue, spam_memory
from tests.conftest import CASE_FIELDS, REASONING
from tests.functional.moderation_helpers import become_moderator, open_item_for, post_case
from tests.functional.test_query_counts import counting_queries

SPAM = (
    "Tired of your boss? Earn 5000 dollars a week from home with our proven system. "
    "Visit cheap-income.example today and claim your free starter kit before the offer ends."
)
# The same advert: sentences in another order, three words changed, shouted, other punctuation.
NEAR_COPY = (
    "EARN 5000 DOLLARS A WEEK FROM HOME WITH OUR TESTED SYSTEM!!! VISIT CHEAP-INCOME.EXAMPLE "
    "NOW AND CLAIM YOUR FREE STARTER KIT BEFORE THE DEAL ENDS... TIRED OF YOUR BOSS???"
)
VARIANTS = {
    "sentences reordered": (
        "Visit cheap-income.example today and claim your free starter kit before the offer "
        "ends. Earn 5000 dollars a week from home with our proven system. Tired of your boss?"
    ),
    "words changed": (
        "Tired of your manager? Earn 5000 dollars every week from home with our proven method. "
        "Visit cheap-income.example today and claim your free starter kit before the offer ends."
    ),
    "case and punctuation": (
        "tired of your boss -- earn 5000 dollars a week from home, with our proven system; "
        "VISIT CHEAP-INCOME.EXAMPLE TODAY AND CLAIM YOUR FREE STARTER KIT BEFORE THE OFFER ENDS"
    ),
}


@pytest.fixture
def remembered(app):
    spam_memory.remember(SPAM, "reply:999")
    db.session.commit()


def _spam_reply(make_case, make_member, body=SPAM) -> Reply:
    return services.add_reply(make_case(), make_member(), body)


def _remove(client, reply: Reply, reason_code: str):
    return client.post(
        f"/mod/content/reply/{reply.public_id}/act",
        data={"action": "remove", "reason_code": reason_code},
    )


def _fingerprints() -> int:
    return db.session.scalar(select(func.count()).select_from(SpamFingerprint))


def test_removing_a_reply_as_spam_remembers_it(client, auth, make_case, make_member):
    reply = _spam_reply(make_case, make_member)
    become_moderator(client, auth)
    assert _remove(client, reply, "spam").status_code == 302
    fingerprint = db.session.scalars(select(SpamFingerprint)).one()
    assert fingerprint.source_key == f"reply:{reply.id}"
    assert spam_memory.near_copy_of(NEAR_COPY).fingerprint_id == fingerprint.id


def test_only_the_signature_is_stored_never_the_text(client, auth, make_case, make_member):
    reply = _spam_reply(make_case, make_member)
    become_moderator(client, auth)
    _remove(client, reply, "spam")
    for model in (SpamFingerprint, SpamFingerprintBand):
        columns = [column.key for column in inspect(model).columns]
        for row in db.session.scalars(select(model)):
            for name in columns:
                value = getattr(row, name)
                stored = (value if isinstance(value, bytes) else str(value).encode()).lower()
                for words in ("tired of your", "5000 dollars", "cheap-income", "starter kit"):
                    assert words.encode() not in stored, (model.__tablename__, name)
    assert len(db.session.scalars(select(SpamFingerprint)).one().signature) == 4 * 128
    assert db.session.scalar(select(func.count()).select_from(SpamFingerprintBand)) == 42


def test_removing_for_another_reason_remembers_nothing(client, auth, make_case, make_member):
    reply = _spam_reply(make_case, make_member)
    become_moderator(client, auth)
    _remove(client, reply, "unkind")
    assert _fingerprints() == 0


def test_restoring_removed_spam_forgets_it(client, auth, make_case, make_member):
    reply = _spam_reply(make_case, make_member)
    become_moderator(client, auth)
    _remove(client, reply, "spam")
    client.post(f"/mod/content/reply/{reply.public_id}/act", data={"action": "restore"})
    assert _fingerprints() == 0
    assert spam_memory.near_copy_of(NEAR_COPY) is None


@pytest.mark.parametrize("variant", VARIANTS)
def test_a_near_copy_is_recognised(remembered, variant):
    match = spam_memory.near_copy_of(VARIANTS[variant])
    assert match is not None and match.source_key == "reply:999"


def test_a_near_copy_posted_as_a_case_is_held(client, auth, remembered):
    auth.register()
    response = post_case(client, situation=NEAR_COPY)
    assert response.status_code == 302
    case = db.session.scalars(select(Case)).one()
    assert case.status == ContentStatus.HELD
    findings = queue.findings_of(open_item_for(f"case:{case.id}"))
    assert [finding.check for finding in findings] == ["spam_memory"]
    page = client.get(f"/cases/{case.public_id}").text
    assert "very like text that moderators removed as spam" in page


def test_a_near_copy_given_as_a_verdict_is_held_out_of_the_tally(
    client, auth, make_case, remembered
):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": NEAR_COPY})
    assert db.session.scalars(select(Verdict)).one().status == ContentStatus.HELD
    db.session.expire_all()
    assert db.session.get(Case, case.id).verdict_count == 0


def test_a_near_copy_sent_as_a_reply_is_held(client, auth, make_case, remembered):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/replies", data={"body": NEAR_COPY})
    reply = db.session.scalars(select(Reply)).one()
    assert reply.status == ContentStatus.HELD
    assert "spam_memory" in open_item_for(f"reply:{reply.id}").findings_json


def test_a_near_copy_as_an_update_is_refused_with_the_reason(client, auth, remembered):
    auth.register()
    post_case(client)
    case = db.session.scalars(select(Case)).one()
    response = client.post(f"/cases/{case.public_id}/updates", data={"body": NEAR_COPY})
    assert response.status_code == 422
    assert "can&#39;t be added as an update" in response.text
    assert NEAR_COPY.split("!!!")[0] in response.text  # what was typed comes back


def test_unrelated_text_is_published(client, auth, make_case, remembered):
    case = make_case()
    auth.register()
    client.post(f"/cases/{case.public_id}/verdicts", data={"label": "NTA", "reasoning": REASONING})
    client.post(f"/cases/{case.public_id}/replies", data={"body": CASE_FIELDS["situation"]})
    assert db.session.scalars(select(Verdict)).one().status == ContentStatus.PUBLISHED
    assert db.session.scalars(select(Reply)).one().status == ContentStatus.PUBLISHED


def test_short_texts_are_never_remembered_nor_matched(client, auth, make_case, make_member):
    short = _spam_reply(make_case, make_member, body="Agreed, totally agreed.")
    become_moderator(client, auth)
    _remove(client, short, "spam")
    assert _fingerprints() == 0
    spam_memory.remember(SPAM, "reply:999")
    db.session.commit()
    for text in ("Agreed.", "Agreed, totally agreed.", "Tired of your boss? Earn 5000 dollars"):
        assert spam_memory.near_copy_of(text) is None


def test_restoring_one_removed_copy_keeps_the_others_remembered(
    client, auth, make_case, make_member
):
    first = _spam_reply(make_case, make_member)
    later = _spam_reply(make_case, make_member, SPAM.upper())  # the same advert, shouted
    become_moderator(client, auth)
    _remove(client, first, "spam")
    _remove(client, later, "spam")
    client.post(f"/mod/content/reply/{first.public_id}/act", data={"action": "restore"})
    match = spam_memory.near_copy_of(NEAR_COPY)
    assert match is not None and match.source_key == f"reply:{later.id}"


def test_a_case_removed_as_spam_holds_its_story_sent_as_a_reply(
    client, auth, make_case, make_member
):
    spam_case = make_case(
        title="Make money from home while your boss is not looking, guaranteed",
        situation=SPAM,
        why_wrong="Because everyone else is already earning with the starter kit.",
        help_wanted="Sign up today at cheap-income.example, it takes one minute.",
    )
    become_moderator(client, auth)
    client.post(
        f"/mod/content/case/{spam_case.public_id}/act",
        data={"action": "remove", "reason_code": "spam"},
    )
    reply = services.add_reply(make_case(), make_member(), NEAR_COPY)
    assert reply.status == ContentStatus.HELD


def test_checking_against_spam_memory_is_one_query_per_post(remembered):
    fields = [CASE_FIELDS[name] for name in ("title", "situation", "why_wrong", "help_wanted")]
    with counting_queries() as statements:
        assert spam_memory.near_copy_of(fields) is None
        assert spam_memory.near_copy_of(NEAR_COPY) is not None
    assert len(statements) == 2


def test_a_granted_appeal_forgets_the_spam(make_case, make_member):
    from caseboard.models import ItemKind, ModAction, Role
    from caseboard.moderation import appeals, decisions

    author, first, second = make_member(), make_member(), make_member()
    first.role = second.role = Role.MODERATOR
    links = " ".join(f"My guide https://site{i}.example/read explains it well." for i in range(5))
    reply = services.add_reply(make_case(), author, SPAM + " " + links)  # held for its links
    decisions.decide(open_item_for(f"reply:{reply.id}"), first, "reject", reason_code="spam")
    assert _fingerprints() == 1
    rejection = db.session.scalars(select(ModAction)).one()
    appeals.appeal(rejection, author, "It is my own honest advice, not an advert.")
    appeal = queue.find_open(ItemKind.APPEAL, f"reply:{reply.id}")
    decisions.decide(appeal, second, "grant", reason_code="")
    assert _fingerprints() == 0
