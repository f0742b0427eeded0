"""The inbox: batched verdict notices, closings, replies, features, decisions; optional
email per kind (off by default, queued after commit); the header badge kept fresh by htmx."""

import email
import threading
from email import policy
from pathlib import Path

import pytest
from rq import Worker
from sqlalchemy import select

from caseboard.cases import services
from caseboard.extensions import db, redis_connection
from caseboard.identity import pseudonym
from caseboard.models import Case, ItemKind, Member, ModerationItem, Notification
from caseboard.moderation import decisions, queue
from caseboard.notifications import services as notifications
from caseboard.notifications.forms import MarkReadForm
from tests.conftest import CASE_FIELDS, REASONING
from tests.functional.curation_helpers import close_case, closed_case, moderator, published_edition

HTMX = {"HX-Request": "true"}
HELD_REASONING = "Write to me at casey.judge@example.com and I will explain my reasoning."


def _notices(member_id: int) -> list[Notification]:
    db.session.expire_all()
    return db.session.scalars(
        select(Notification).where(Notification.member_id == member_id).order_by(Notification.id)
    ).all()


def _member(username: str) -> Member:
    return db.session.scalar(select(Member).where(Member.username == username))


def _own_case(client, auth, *, email: str = "") -> tuple[Member, Case]:
    """The client's member posts a case through the page, as a person would."""
    name = auth.register(email=email)
    client.post("/cases/new", data={**CASE_FIELDS, "action": "post"})
    db.session.expire_all()
    author = _member(name)
    return author, db.session.scalars(select(Case).where(Case.author_id == author.id)).one()


def _run_worker() -> None:
    Worker([redis_connection.queue()], connection=redis_connection.client).work(burst=True)


def _outbox(app, tmp_path) -> Path:
    outbox = tmp_path / "outbox"
    app.config["MAIL_OUTBOX"] = str(outbox)
    return outbox


def _emails(outbox: Path) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(path.read_bytes(), policy=policy.default)
        for path in sorted(outbox.glob("*.eml"))
    ]


# -- what tells whom -----------------------------------------------------------------------


def test_three_verdicts_make_one_unread_notice_with_count_three(make_case, make_member):
    case = make_case()
    for _ in range(3):
        services.give_verdict(case, make_member(), "NTA", REASONING)
    [notice] = _notices(case.author_id)
    assert notice.kind == "verdicts" and notice.count == 3
    assert notice.message == f"3 new verdicts on your case “{case.title}”"


def test_the_first_verdict_reads_as_one_new_verdict(make_case, make_member):
    case = make_case()
    services.give_verdict(case, make_member(), "NTA", REASONING)
    [notice] = _notices(case.author_id)
    assert notice.count == 1 and notice.message == f"A new verdict on your case “{case.title}”"


def test_after_reading_the_next_verdict_starts_a_new_notice(client, auth, make_member):
    author, case = _own_case(client, auth)
    services.give_verdict(case, make_member(), "NTA", REASONING)
    services.give_verdict(case, make_member(), "YTA", REASONING)
    assert client.post("/inbox/read").status_code == 302
    services.give_verdict(case, make_member(), "ESH", REASONING)
    old, new = _notices(author.id)
    assert old.count == 2 and old.read_at is not None
    assert new.count == 1 and new.read_at is None and new.message.startswith("A new verdict")


@pytest.mark.postgres_only
def test_concurrent_verdicts_never_make_two_rows_or_lose_a_count(make_app, make_case, make_member):
    case = make_case()
    case_id, writers = case.id, [make_member().id for _ in range(12)]
    worker_app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 16, "pool_pre_ping": True})
    barrier = threading.Barrier(len(writers))
    errors: list[BaseException] = []

    def judge(member_id: int) -> None:
        with worker_app.app_context():
            try:
                member, target = db.session.get(Member, member_id), db.session.get(Case, case_id)
                barrier.wait(timeout=30)
                services.give_verdict(target, member, "NTA", REASONING)
            except BaseException as error:  # reported below, in the test's thread
                errors.append(error)

    threads = [threading.Thread(target=judge, args=(member_id,)) for member_id in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    [notice] = _notices(case.author_id)
    assert notice.count == len(writers)
    assert notice.message.startswith(f"{len(writers)} new verdicts")


def test_closing_the_window_tells_the_author_the_outcome_in_words(make_case, make_member):
    case = closed_case(make_case, make_member, labels=("NTA",) * 5 + ("YTA",))
    closed = [note for note in _notices(case.author_id) if note.kind == "closed"]
    assert [note.message for note in closed] == [
        f"Your case “{case.title}” has closed. 6 verdicts. Decided: not in the wrong — about "
        "9 in 10 chance a much larger group would say the same."
    ]
    assert closed[0].subject_public_id == case.public_id


def test_closing_a_case_with_too_few_verdicts_says_so(make_case, make_member):
    case = closed_case(make_case, make_member, labels=("NTA", "YTA"))
    [closed] = [note for note in _notices(case.author_id) if note.kind == "closed"]
    assert "2 verdicts. Too few verdicts — fewer than 3" in closed.message


def test_closing_a_split_case_names_the_tied_labels(make_case, make_member):
    case = closed_case(make_case, make_member, labels=("NTA", "YTA", "NTA", "YTA"))
    [closed] = [note for note in _notices(case.author_id) if note.kind == "closed"]
    assert "Split: you're in the wrong or not in the wrong" in closed.message


def test_closing_a_case_twice_tells_the_author_once(make_case, make_member):
    case = closed_case(make_case, make_member, labels=())
    close_case(case)
    closed = [note for note in _notices(case.author_id) if note.kind == "closed"]
    assert len(closed) == 1 and "No verdicts were given" in closed[0].message


def test_a_reply_to_my_verdict_tells_me(make_case, make_member):
    case, judge = make_case(), make_member()
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    services.add_reply(case, make_member(), "Why do you think so?", verdict=verdict)
    services.add_reply(case, make_member(), "I agree with this.", verdict=verdict)
    [notice] = _notices(judge.id)
    assert notice.kind == "reply" and notice.count == 2
    assert notice.message == f"2 new replies to your verdict on the case “{case.title}”"


def test_a_reply_to_my_reply_tells_me_not_the_verdict_author(make_case, make_member):
    case, judge, replier = make_case(), make_member(), make_member()
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    mine = services.add_reply(case, replier, "Fair point.", verdict=verdict)
    services.add_reply(case, make_member(), "Not so sure.", verdict=verdict, parent=mine)
    [notice] = _notices(replier.id)
    assert notice.message == f"A new reply to your reply on the case “{case.title}”"
    assert len(_notices(judge.id)) == 1  # the first reply only


def test_a_reply_on_my_case_tells_me_but_my_own_does_not(make_case, make_member):
    case = make_case()
    services.add_reply(case, make_member(), "Did you talk to them first?")
    author = db.session.get(Member, case.author_id)
    services.add_reply(case, author, "Yes, twice.")
    [notice] = _notices(case.author_id)
    assert notice.kind == "reply" and notice.count == 1
    assert notice.message == f"A new reply on your case “{case.title}”"


def test_replying_to_myself_tells_nobody(make_case, make_member):
    case, judge = make_case(), make_member()
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    mine = services.add_reply(case, judge, "To add to my verdict:", verdict=verdict)
    services.add_reply(case, judge, "And one more thing.", verdict=verdict, parent=mine)
    assert _notices(judge.id) == []


def test_a_held_verdict_tells_the_author_only_once_approved(make_case, make_member):
    case, mod = make_case(), moderator(make_member)
    verdict = services.give_verdict(case, make_member(), "NTA", HELD_REASONING)
    assert verdict.status == "held" and _notices(case.author_id) == []
    item = db.session.scalar(
        select(ModerationItem).where(
            ModerationItem.verdict_id == verdict.id, ModerationItem.kind == ItemKind.HELD
        )
    )
    decisions.decide(item, mod, "approve", reason_code="")
    [notice] = _notices(case.author_id)
    assert notice.kind == "verdicts" and notice.message.startswith("A new verdict")


def test_a_held_reply_tells_the_verdict_author_only_once_approved(make_case, make_member):
    case, judge, mod = make_case(), make_member(), moderator(make_member)
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    reply = services.add_reply(case, make_member(), HELD_REASONING, verdict=verdict)
    assert reply.status == "held" and _notices(judge.id) == []
    item = db.session.scalar(select(ModerationItem).where(ModerationItem.reply_id == reply.id))
    decisions.decide(item, mod, "approve", reason_code="")
    assert [note.kind for note in _notices(judge.id)] == ["reply"]


def test_featuring_a_case_in_an_edition_tells_its_author(make_case, make_member):
    case = closed_case(make_case, make_member)
    published_edition(moderator(make_member), [case])
    [featured] = [note for note in _notices(case.author_id) if note.kind == "featured"]
    assert case.title in featured.message


def test_a_moderation_decision_tells_the_author(client, auth, make_case, make_member):
    case, judge = make_case(), make_member()
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    decisions.act(verdict, moderator(make_member), "remove", reason_code="unkind")
    [notice] = _notices(judge.id)
    assert notice.kind == "moderation" and "A moderator removed your verdict" in notice.message


def test_notices_never_name_who_did_it(client, auth, make_member):
    author, case = _own_case(client, auth)
    judge = make_member("pat.verdict", "pat.verdict@example.com")
    verdict = services.give_verdict(case, judge, "NTA", REASONING)
    mine = services.add_reply(case, author, "Thanks, that helps.", verdict=verdict)
    services.add_reply(case, make_member("sam.reply", "sam@example.com"), "+1", parent=mine)
    mod = moderator(make_member, "morgan.mod")
    decisions.act(case, mod, "lock", reason_code="other", reason_text="Cooling down.")
    aliases = [pseudonym(member.id, case.id, author.id) for member in (judge, _member("sam.reply"))]
    inbox = client.get("/inbox").text
    for identity in ("pat.verdict", "sam.reply", "sam@example.com", "morgan.mod", *aliases):
        assert identity not in inbox
    assert len(_notices(author.id)) == 3  # a verdict, a reply, a lock


# -- email, off by default -----------------------------------------------------------------


def test_no_email_is_sent_unless_the_member_turned_it_on(app, client, auth, tmp_path):
    outbox = _outbox(app, tmp_path)
    author, case = _own_case(client, auth, email="author@example.com")
    services.give_verdict(case, _member_made("judge"), "NTA", REASONING)
    _run_worker()
    assert _notices(author.id) and not list(outbox.glob("*.eml"))


def _member_made(username: str) -> Member:
    from caseboard.accounts.services import register

    return register(username, "correct horse battery", "")


def test_an_opted_in_kind_is_emailed_through_the_worker(app, client, auth, tmp_path):
    outbox = _outbox(app, tmp_path)
    author, case = _own_case(client, auth, email="author@example.com")
    assert client.post("/account/email", data={"kinds": ["verdicts"]}).status_code == 302
    services.give_verdict(case, _member_made("pat.verdict"), "NTA", REASONING)
    _run_worker()
    [message] = _emails(outbox)
    assert message["To"] == "author@example.com"
    body = message.get_content()
    assert f"A new verdict on your case “{case.title}”" in body
    assert "http://127.0.0.1:5000/inbox" in body
    unsubscribe = message["List-Unsubscribe"].strip("<>")
    assert unsubscribe in body and "/unsubscribe/" in unsubscribe
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "pat.verdict" not in message.as_string()


def test_a_growing_batch_is_emailed_once(app, client, auth, tmp_path):
    outbox = _outbox(app, tmp_path)
    _, case = _own_case(client, auth, email="author@example.com")
    client.post("/account/email", data={"kinds": ["verdicts"]})
    for name in ("one", "two", "three"):
        services.give_verdict(case, _member_made(name), "NTA", REASONING)
    _run_worker()
    assert len(_emails(outbox)) == 1


def test_moderation_email_covers_sanctions(app, client, auth, make_member, tmp_path):
    outbox = _outbox(app, tmp_path)
    author, case = _own_case(client, auth, email="author@example.com")
    client.post("/account/email", data={"kinds": ["moderation"]})
    item = queue.open_item(ItemKind.REPORTED, case)
    db.session.commit()
    mod = moderator(make_member)
    decisions.decide(item, mod, "remove", reason_code="unkind", sanction="warn")
    _run_worker()
    subjects = sorted(message["Subject"] for message in _emails(outbox))
    assert subjects == ["A moderator's decision about what you wrote"] * 2


def test_the_email_job_is_queued_only_once_the_notice_is_committed(client, auth):
    author, _ = _own_case(client, auth, email="author@example.com")
    client.post("/account/email", data={"kinds": ["closed"]})
    queue = redis_connection.queue()
    queue.empty()  # the address's confirmation email, queued at registration
    notifications.notify(author.id, "closed", "Your case closed.")
    assert queue.count == 0  # written, not committed: no worker may look for it yet
    db.session.rollback()
    db.session.commit()
    assert queue.count == 0  # rolled back: nothing to send
    notifications.notify(author.id, "closed", "Your case closed.")
    db.session.commit()
    assert queue.count == 1


def test_a_member_who_turned_email_off_meanwhile_gets_none(app, client, auth, tmp_path):
    outbox = _outbox(app, tmp_path)
    author, case = _own_case(client, auth, email="author@example.com")
    client.post("/account/email", data={"kinds": ["verdicts"]})
    services.give_verdict(case, _member_made("judge"), "NTA", REASONING)
    client.post("/account/email", data={})  # before the worker gets to it
    _run_worker()
    assert not list(outbox.glob("*.eml"))


# -- the settings page ---------------------------------------------------------------------


def test_email_settings_start_with_everything_off(client, auth):
    auth.register(email="me@example.com")
    page = client.get("/account/email").text
    assert page.count('type="checkbox"') == 8 and "checked" not in page
    assert "Weekly highlights digest" in page and "has no email address" not in page


def test_email_settings_are_saved_and_shown_again(client, auth):
    name = auth.register(email="me@example.com")
    response = client.post("/account/email", data={"kinds": ["digest", "reply"]})
    assert response.status_code == 302
    assert notifications.email_preferences(_member(name).id) == {"digest", "reply"}
    assert client.get("/account/email").text.count("checked") == 2
    client.post("/account/email", data={"kinds": ["reply"]})
    assert notifications.email_preferences(_member(name).id) == {"reply"}


def test_an_unknown_email_kind_is_refused(client, auth):
    name = auth.register(email="me@example.com")
    assert client.post("/account/email", data={"kinds": ["everything"]}).status_code == 422
    assert notifications.email_preferences(_member(name).id) == set()


def test_members_without_an_address_are_told_they_need_one(client, auth):
    auth.register()
    assert "has no email address" in client.get("/account/email").text


def test_the_account_page_links_to_email_settings(client, auth):
    auth.register()
    assert 'href="/account/email"' in client.get("/account").text


def test_email_settings_need_an_account(client):
    assert client.get("/account/email").status_code == 302


# -- the inbox and its badge ---------------------------------------------------------------


def test_viewing_the_inbox_does_not_mark_anything_read(client, auth, make_member):
    author, case = _own_case(client, auth)
    services.give_verdict(case, make_member(), "NTA", REASONING)
    client.get("/inbox")
    page = client.get("/inbox").text
    assert "Mark all as read" in page and 'class="notification unread"' in page


def test_mark_all_as_read_without_javascript_redirects_to_the_inbox(client, auth, make_member):
    author, case = _own_case(client, auth)
    services.give_verdict(case, make_member(), "NTA", REASONING)
    response = client.post("/inbox/read", follow_redirects=True)
    assert "Your notices are marked as read." in response.text
    assert 'class="notification unread"' not in response.text
    assert all(note.read_at for note in _notices(author.id))


def test_mark_all_as_read_with_htmx_swaps_the_list_and_the_badge(client, auth, make_member):
    author, case = _own_case(client, auth)
    services.give_verdict(case, make_member(), "NTA", REASONING)
    response = client.post("/inbox/read", headers=HTMX)
    assert response.status_code == 200 and "<html" not in response.text
    assert 'id="inbox"' in response.text and 'hx-swap-oob="true"' in response.text
    assert 'class="badge"' not in response.text.split('id="inbox-badge"')[1]


def test_mark_all_as_read_leaves_news_newer_than_the_page(client, auth, make_member):
    author, case = _own_case(client, auth)
    services.give_verdict(case, make_member(), "NTA", REASONING)
    [shown] = _notices(author.id)
    notifications.notify(author.id, "closed", "Your case closed.", case)
    db.session.commit()
    client.post("/inbox/read", data={"through": MarkReadForm.stamp(shown.created_at)})
    assert [note.read_at is None for note in _notices(author.id)] == [False, True]


def test_mark_all_as_read_leaves_a_batch_that_grew_since_the_page(client, auth, make_member):
    author, case = _own_case(client, auth)
    services.give_verdict(case, make_member(), "NTA", REASONING)
    [shown] = _notices(author.id)
    page_stamp = MarkReadForm.stamp(shown.created_at)
    services.give_verdict(case, make_member(), "YTA", REASONING)  # the batch grows to 2
    client.post("/inbox/read", data={"through": page_stamp})
    [batch] = _notices(author.id)
    assert batch.count == 2 and batch.read_at is None


def test_a_damaged_mark_as_read_is_refused(client, auth):
    auth.register()
    assert client.post("/inbox/read", data={"through": "1; drop"}).status_code == 400


def test_the_inbox_links_each_notice_to_its_case(client, auth, make_member):
    _, case = _own_case(client, auth)
    services.give_verdict(case, make_member(), "NTA", REASONING)
    assert f'href="/cases/{case.public_id}"' in client.get("/inbox").text


def test_the_header_badge_polls_for_members(client, auth, make_member):
    _, case = _own_case(client, auth)
    services.give_verdict(case, make_member(), "NTA", REASONING)
    page = client.get("/").text
    assert 'aria-live="polite"' in page
    assert 'hx-get="/inbox/unread?shown=1"' in page and 'hx-trigger="every 60s"' in page
    assert '<span class="badge">1<span class="visually-hidden"> unread</span>' in page


def test_readers_without_an_account_get_no_badge(client):
    assert "inbox-badge" not in client.get("/").text
    response = client.get("/inbox/unread", headers=HTMX)
    assert response.status_code == 204


def test_the_badge_endpoint_answers_only_when_the_count_changed(client, auth, make_member):
    _, case = _own_case(client, auth)
    assert client.get("/inbox/unread?shown=0", headers=HTMX).status_code == 204
    services.give_verdict(case, make_member(), "NTA", REASONING)
    response = client.get("/inbox/unread?shown=0", headers=HTMX)
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    assert '<span class="badge">1<span class="visually-hidden"> unread</span>' in response.text
    assert 'hx-get="/inbox/unread?shown=1"' in response.text and "<html" not in response.text
    assert client.get("/inbox/unread?shown=1", headers=HTMX).status_code == 204
    assert client.get("/inbox/unread?shown=%00", headers=HTMX).status_code == 200
