"""Building, publishing, scheduling and correcting highlight editions (issue 5, points 1-2)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from rq import Worker
from sqlalchemy import select

from caseboard.cases import services
from caseboard.curation import candidates, editions, scoring, weeks
from caseboard.errors import Conflict, NotAllowed, ServiceError
from caseboard.extensions import db, redis_connection
from caseboard.models import Edition, EditionStatus, Highlight, ModAction, Notification
from caseboard.models.base import utcnow
from caseboard.moderation import reports
from tests.functional.curation_helpers import (
    closed_case,
    moderator,
    published_edition,
)
from tests.functional.moderation_helpers import become_moderator


def _this_week():
    return weeks.week_of(utcnow())


def _edition(mod):
    return editions.start_edition(mod, *_this_week())


def _ranked(filters=None):
    start, end = weeks.bounds(*_this_week())
    return candidates.candidates(start, end, filters or {}, limit=50)


def _ready_edition(mod, case):
    edition = _edition(mod)
    highlight = editions.add_case(edition, mod, case)
    editions.update_highlight(
        highlight, mod, takeaway="Learn", questions="", version=highlight.version
    )
    db.session.refresh(edition)
    return edition, highlight


# -- candidates ------------------------------------------------------------------------------


def test_candidates_rank_a_reasoned_clear_case_above_a_thin_one(app, make_case, make_member):
    thin = closed_case(make_case, make_member, labels=("NTA",), title="A thin case, one verdict")
    rich = closed_case(
        make_case, make_member, labels=("NTA",) * 6, title="A rich case, six reasoned verdicts"
    )
    ranked = [c.case.id for c in _ranked()]
    assert ranked.index(rich.id) < ranked.index(thin.id)


def test_an_author_update_raises_a_candidates_value(app, make_case, make_member):
    author = make_member()
    case = closed_case(make_case, make_member, author=author)
    before = next(c.value for c in _ranked() if c.case.id == case.id)
    services.add_update(
        case, author, "How it played out: we talked and it was fine.", moderate=False
    )
    after = next(c.value for c in _ranked() if c.case.id == case.id)
    assert after == pytest.approx(before + scoring.WEIGHTS["update"])


def test_candidates_with_open_reports_are_not_ranked(app, make_case, make_member):
    reported = closed_case(make_case, make_member)
    closed_case(make_case, make_member, title="A case nobody reported")
    reports.report(make_member(), reported, "fake", "")
    found = _ranked()
    assert found[-1].case.id == reported.id and found[-1].value is None
    assert found[-1].signals.open_reports == 1


def test_candidates_leave_out_open_and_already_featured_cases(app, make_case, make_member):
    open_case = make_case(title="Still open for verdicts")
    featured = closed_case(make_case, make_member, title="Featured already")
    mod = moderator(make_member)
    editions.add_case(_edition(mod), mod, featured)
    ids = {c.case.id for c in _ranked()}
    assert open_case.id not in ids and featured.id not in ids


def test_candidates_filter_by_level_and_topic(app, make_case, make_member):
    senior = closed_case(make_case, make_member, level="senior", topic="incidents")
    manager = closed_case(make_case, make_member, level="first-time-manager", topic="feedback")
    assert [c.case.id for c in _ranked({"level": "first-time-manager"})] == [manager.id]
    assert [c.case.id for c in _ranked({"topic": "incidents"})] == [senior.id]


def test_candidates_are_the_weeks_closed_cases(app, make_case, make_member):
    last_week = closed_case(make_case, make_member, closed_at=utcnow() - timedelta(days=8))
    this_week = closed_case(make_case, make_member)
    ids = {c.case.id for c in _ranked()}
    assert this_week.id in ids and last_week.id not in ids


def test_instructive_value_never_falls_when_a_signal_grows():
    base = scoring.Signals(3, 2, 3, True, 0.85, 0.1, False)
    grown = [
        scoring.Signals(4, 2, 4, True, 0.85, 0.1, False),
        scoring.Signals(3, 5, 3, True, 0.85, 0.1, False),
        scoring.Signals(3, 2, 3, True, 0.95, 0.1, False),
        scoring.Signals(3, 2, 3, True, 0.85, 0.1, True),
    ]
    assert all(scoring.instructive_value(g) > scoring.instructive_value(base) for g in grown)


# -- building and publishing -----------------------------------------------------------------


def test_publishing_needs_a_takeaway_for_every_case(app, make_case, make_member):
    mod = moderator(make_member)
    edition = _edition(mod)
    editions.add_case(edition, mod, closed_case(make_case, make_member))
    db.session.refresh(edition)
    with pytest.raises(ServiceError, match="takeaway for every case"):
        editions.publish(edition, mod, previewed=editions.fingerprint(edition))
    assert edition.status == EditionStatus.DRAFT


def test_publishing_refuses_an_edition_changed_since_the_preview(app, make_case, make_member):
    mod = moderator(make_member)
    edition = _edition(mod)
    highlight = editions.add_case(edition, mod, closed_case(make_case, make_member))
    editions.update_highlight(
        highlight, mod, takeaway="First", questions="", version=highlight.version
    )
    db.session.refresh(edition)
    previewed = editions.fingerprint(edition)
    other = moderator(make_member)
    editions.update_highlight(
        highlight, other, takeaway="Changed", questions="", version=highlight.version
    )
    with pytest.raises(editions.EditConflict, match="changed since you previewed"):
        editions.publish(edition, mod, previewed=previewed)


def test_publishing_tells_each_featured_author(app, make_case, make_member):
    author = make_member()
    case = closed_case(make_case, make_member, author=author)
    published_edition(moderator(make_member), [case])
    notice = db.session.scalar(
        select(Notification).where(
            Notification.member_id == author.id, Notification.kind == "featured"
        )
    )
    assert notice is not None and case.title in notice.message


def test_a_moderator_cannot_feature_their_own_case(app, make_case, make_member):
    mod = moderator(make_member)
    case = closed_case(make_case, make_member, author=mod)
    with pytest.raises(NotAllowed):
        editions.add_case(_edition(mod), mod, case)


def test_a_case_is_featured_only_once(app, make_case, make_member):
    mod = moderator(make_member)
    case = closed_case(make_case, make_member)
    editions.add_case(_edition(mod), mod, case)
    later = editions.start_edition(mod, *weeks.shift(*_this_week(), 1))
    with pytest.raises(Conflict, match="already featured"):
        editions.add_case(later, mod, case)


def test_open_cases_cannot_be_featured(app, make_case, make_member):
    mod = moderator(make_member)
    with pytest.raises(ServiceError, match="window has closed"):
        editions.add_case(_edition(mod), mod, make_case())


def test_members_cannot_build_editions(app, make_member):
    with pytest.raises(NotAllowed):
        editions.start_edition(make_member(), *_this_week())


def test_moving_a_case_changes_the_order(app, make_case, make_member):
    mod = moderator(make_member)
    edition = _edition(mod)
    first, second = (closed_case(make_case, make_member) for _ in range(2))
    editions.add_case(edition, mod, first)
    moved = editions.add_case(edition, mod, second)
    editions.move(edition, mod, moved, -1)
    assert [h.case_id for h in edition.highlights] == [second.id, first.id]


# -- optimistic locking ----------------------------------------------------------------------


def test_saving_a_stale_takeaway_is_refused_and_keeps_the_other(app, make_case, make_member):
    first, second = moderator(make_member), moderator(make_member)
    highlight = editions.add_case(_edition(first), first, closed_case(make_case, make_member))
    loaded = highlight.version
    editions.update_highlight(
        highlight, first, takeaway="First's words", questions="", version=loaded
    )
    with pytest.raises(editions.EditConflict, match="Another moderator saved"):
        editions.update_highlight(
            highlight, second, takeaway="Second's words", questions="", version=loaded
        )
    db.session.expire_all()
    assert db.session.get(Highlight, highlight.id).takeaway_md == "First's words"


def test_reordering_does_not_make_a_takeaway_edit_stale(app, make_case, make_member):
    mod = moderator(make_member)
    edition = _edition(mod)
    first = editions.add_case(edition, mod, closed_case(make_case, make_member))
    second = editions.add_case(edition, mod, closed_case(make_case, make_member))
    loaded = first.version
    editions.move(edition, mod, second, -1)
    editions.update_highlight(first, mod, takeaway="Still saved", questions="", version=loaded)
    assert first.takeaway_md == "Still saved"


def test_a_conflict_over_http_shows_both_versions(client, auth, app, make_case, make_member):
    case = closed_case(make_case, make_member)
    become_moderator(client, auth)
    key = weeks.week_key(*_this_week())
    client.post("/mod/highlights", data={"week": key})
    client.post(f"/mod/highlights/{key}/cases", data={"case": case.public_id})
    highlight = db.session.scalar(select(Highlight).where(Highlight.case_id == case.id))
    prefix = f"h{highlight.id}-"
    loaded = highlight.version
    saved = client.post(
        f"/mod/highlights/{key}/cases/{case.public_id}",
        data={prefix + "takeaway": "Mine came first", prefix + "version": loaded},
    )
    assert saved.status_code == 302
    stale = client.post(
        f"/mod/highlights/{key}/cases/{case.public_id}",
        data={prefix + "takeaway": "Yours came second", prefix + "version": loaded},
    )
    assert stale.status_code == 409
    assert "Mine came first" in stale.text and "Yours came second" in stale.text
    assert "Another moderator saved" in stale.text


# -- scheduling and corrections --------------------------------------------------------------


def test_a_scheduled_edition_is_published_by_the_rq_worker(app, make_case, make_member):
    mod = moderator(make_member)
    edition, _ = _ready_edition(mod, closed_case(make_case, make_member))
    editions.schedule(
        edition, mod, at=utcnow() + timedelta(seconds=1), previewed=editions.fingerprint(edition)
    )
    assert edition.status == EditionStatus.SCHEDULED
    time.sleep(1.2)
    Worker([redis_connection.queue()], connection=redis_connection.client).work(
        burst=True, with_scheduler=True
    )
    db.session.expire_all()
    assert db.session.get(Edition, edition.id).status == EditionStatus.PUBLISHED


def test_scheduling_in_the_past_is_refused(app, make_case, make_member):
    mod = moderator(make_member)
    edition, _ = _ready_edition(mod, closed_case(make_case, make_member))
    with pytest.raises(ServiceError, match="in the future"):
        editions.schedule(
            edition, mod, at=utcnow() - timedelta(hours=1), previewed=editions.fingerprint(edition)
        )


def test_a_due_edition_whose_case_was_taken_down_goes_back_to_draft(app, make_case, make_member):
    from caseboard.models import Case, ContentStatus

    mod = moderator(make_member)
    case = closed_case(make_case, make_member)
    edition, _ = _ready_edition(mod, case)
    editions.schedule(
        edition, mod, at=utcnow() + timedelta(minutes=5), previewed=editions.fingerprint(edition)
    )
    db.session.get(Case, case.id).status = ContentStatus.REMOVED
    db.session.commit()
    assert editions.publish_due(utcnow() + timedelta(minutes=6)) == []
    assert edition.status == EditionStatus.DRAFT


def test_a_correction_to_a_published_edition_needs_a_note(app, make_case, make_member):
    mod = moderator(make_member)
    edition = published_edition(mod, [closed_case(make_case, make_member)])
    highlight = edition.highlights[0]
    with pytest.raises(ServiceError, match="correction note"):
        editions.update_highlight(
            highlight, mod, takeaway="Better", questions="", version=highlight.version
        )


def test_corrections_appear_in_the_public_moderation_log(client, app, make_case, make_member):
    mod = moderator(make_member)
    edition = published_edition(mod, [closed_case(make_case, make_member)])
    highlight = edition.highlights[0]
    editions.update_highlight(
        highlight,
        mod,
        takeaway="Better",
        questions="",
        version=highlight.version,
        note="Fixed a misleading sentence about on-call rules.",
    )
    entry = db.session.scalars(select(ModAction).order_by(ModAction.id.desc())).first()
    assert (entry.action, entry.subject_public_id) == ("correct_edition", edition.key)
    page = client.get("/moderation-log").text
    assert "Fixed a misleading sentence about on-call rules." in page
    assert f"/highlights/{edition.key}" in page


# -- the builder over HTTP -------------------------------------------------------------------


def test_the_builder_is_for_moderators_only(client, auth):
    auth.register()
    assert client.get("/mod/highlights").status_code == 403
    auth.logout()
    assert client.get("/mod/highlights").status_code == 302


def test_a_moderator_builds_previews_and_publishes_over_http(
    client, auth, app, make_case, make_member
):
    case = closed_case(make_case, make_member, title="Saying no to a third on-call week")
    become_moderator(client, auth)
    key = weeks.week_key(*_this_week())
    assert client.post("/mod/highlights", data={"week": key}).status_code == 302
    builder = client.get(f"/mod/highlights/{key}")
    assert "Saying no to a third on-call week" in builder.text
    client.post(f"/mod/highlights/{key}/cases", data={"case": case.public_id})
    highlight = db.session.scalar(select(Highlight).where(Highlight.case_id == case.id))
    prefix = f"h{highlight.id}-"
    client.post(
        f"/mod/highlights/{key}/cases/{case.public_id}",
        data={
            prefix + "takeaway": "Saying **no** once is fine.",
            prefix + "questions": "- Would you have said yes?",
            prefix + "version": highlight.version,
        },
    )
    preview = client.get(f"/mod/highlights/{key}/preview")
    assert "<strong>no</strong>" in preview.text and "Publish now" in preview.text
    db.session.expire_all()
    edition = editions.get_edition(key)
    published = client.post(
        f"/mod/highlights/{key}/publish", data={"previewed": editions.fingerprint(edition)}
    )
    assert published.status_code == 302 and published.location.endswith(f"/highlights/{key}")
    db.session.expire_all()
    assert editions.get_edition(key).is_published


@pytest.mark.parametrize("week", ["2026-W54", "2026-W00", "26-W1", "<script>", "2026-W48\x00"])
def test_starting_an_edition_for_a_week_that_does_not_exist_is_refused(client, auth, week):
    become_moderator(client, auth)
    response = client.post("/mod/highlights", data={"week": week})
    assert response.status_code == 422
    assert "2026-W48" in response.text  # says how to write it


@pytest.mark.parametrize("key", ["2026-W99", "x", "2026-W48%00", "..%2Fetc"])
def test_unknown_edition_addresses_are_not_found(client, auth, key):
    become_moderator(client, auth)
    assert client.get(f"/mod/highlights/{key}").status_code == 404


def test_an_oversized_takeaway_is_refused_with_the_text_kept(
    client, auth, app, make_case, make_member
):
    case = closed_case(make_case, make_member)
    become_moderator(client, auth)
    key = weeks.week_key(*_this_week())
    client.post("/mod/highlights", data={"week": key})
    client.post(f"/mod/highlights/{key}/cases", data={"case": case.public_id})
    highlight = db.session.scalar(select(Highlight).where(Highlight.case_id == case.id))
    text = "Long takeaway. " * 2000
    response = client.post(
        f"/mod/highlights/{key}/cases/{case.public_id}",
        data={f"h{highlight.id}-takeaway": text, f"h{highlight.id}-version": highlight.version},
    )
    assert response.status_code == 422
    assert "Long takeaway. Long takeaway." in response.text


def test_changing_a_scheduled_edition_makes_it_a_draft_again(app, make_case, make_member):
    mod = moderator(make_member)
    edition, highlight = _ready_edition(mod, closed_case(make_case, make_member))
    editions.schedule(
        edition, mod, at=utcnow() + timedelta(hours=1), previewed=editions.fingerprint(edition)
    )
    editions.update_highlight(
        highlight, mod, takeaway="Changed after scheduling", questions="", version=highlight.version
    )
    assert edition.status == EditionStatus.DRAFT and edition.publish_at is None
    assert editions.publish_due(utcnow() + timedelta(hours=2)) == []


def test_a_case_taken_down_by_moderation_does_not_count_towards_publishing(
    app, make_case, make_member
):
    from caseboard.models import Case, ContentStatus

    author = make_member()
    mod = moderator(make_member)
    case = closed_case(make_case, make_member, author=author)
    edition, _ = _ready_edition(mod, case)
    db.session.get(Case, case.id).status = ContentStatus.REMOVED
    db.session.commit()
    assert editions.problems(edition) == [
        "Feature at least one case (a case taken down by moderation doesn't count)."
    ]
    with pytest.raises(ServiceError):
        editions.publish(edition, mod, previewed=editions.fingerprint(edition))
    featured = select(Notification).where(
        Notification.member_id == author.id, Notification.kind == "featured"
    )
    assert db.session.scalar(featured) is None


def test_a_published_edition_takes_no_new_cases_and_keeps_its_order(app, make_case, make_member):
    mod = moderator(make_member)
    edition = published_edition(
        mod, [closed_case(make_case, make_member), closed_case(make_case, make_member)]
    )
    with pytest.raises(Conflict, match="published"):
        editions.add_case(edition, mod, closed_case(make_case, make_member))
    with pytest.raises(Conflict, match="published"):
        editions.move(edition, mod, edition.highlights[1], -1)


def test_an_edition_title_is_kept_on_one_line(app, make_member):
    mod = moderator(make_member)
    edition = _edition(mod)
    editions.update_edition(
        edition,
        mod,
        title="Speaking up\nBcc: everyone@example.org",
        intro="",
        version=edition.version,
    )
    assert edition.title == "Speaking up Bcc: everyone@example.org"
