"""Building and publishing weekly highlight editions.

Several moderators may work on one edition at once. Text they write (an edition's intro, a
highlight's takeaway and questions) is guarded by optimistic locking: each form carries the
version it was loaded at, and saving over a newer version is refused with `EditConflict`
(the ORM's version check also catches a save racing between the comparison and the commit).
Adding, removing and reordering cases are small commands that cannot overwrite anyone's text.
Publishing carries a fingerprint of what the moderator previewed, so nobody publishes an
edition that changed since they last read it. Once published, every change is a correction
with a note, recorded in the public moderation log.
"""

from __future__ import annotations

import hashlib
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError

from caseboard import cache, queueing
from caseboard.cache import drop_cached_pages
from caseboard.curation import digest, weeks
from caseboard.database import insert_or_refuse
from caseboard.errors import Conflict, NotAllowed, NotFound, ServiceError
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, Edition, EditionStatus, Highlight, Member, Report
from caseboard.models.base import utcnow
from caseboard.moderation import log
from caseboard.moderation.decisions import require_moderator
from caseboard.notifications import services as notifications
from caseboard.rendering import render_markdown

MAX_TITLE = 150
MAX_TEXT = 20_000
MAX_NOTE = 1_000


class EditConflict(Conflict):
    """Someone saved this text after the form was loaded; nothing was overwritten."""


def get_edition(key: str) -> Edition:
    """The edition of an ISO week, by its key (2026-W48)."""
    edition = edition_of_key(key)
    if edition is None:
        raise NotFound("There is no edition for that week.")
    return edition


def edition_of_key(key: str) -> Edition | None:
    """The edition of the week a key names, if the key is a real week and it has one."""
    week = weeks.parse_key(key)
    return _edition_of(*week) if week is not None else None


def start_edition(moderator: Member, year: int, week: int) -> Edition:
    """The edition of an ISO week, made empty if it does not exist yet (two moderators
    starting the same week at once both get the one edition)."""
    require_moderator(moderator)
    if weeks.parse_key(weeks.week_key(year, week)) is None:
        raise ServiceError(
            f"That is not a week of the years {weeks.FIRST_YEAR} to {weeks.LAST_YEAR}, which "
            "editions are made for. Use the form 2026-W48."
        )
    existing = _edition_of(year, week)
    if existing is not None:
        return existing
    edition = Edition(iso_year=year, iso_week=week)
    db.session.add(edition)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        return _edition_of(year, week)
    return edition


def _edition_of(year: int, week: int) -> Edition | None:
    return db.session.scalar(
        select(Edition).where(Edition.iso_year == year, Edition.iso_week == week)
    )


def update_edition(
    edition: Edition, moderator: Member, *, title: str, intro: str, version: int, note: str = ""
) -> None:
    """Save the edition's title and introduction, unless someone saved them since `version`."""
    require_moderator(moderator)
    _require_length(title, MAX_TITLE, "The title")
    _require_length(intro, MAX_TEXT, "The introduction")
    _require_current(edition.version, version, "the edition's title and introduction")
    _changing(moderator, edition, None, note)
    edition.title = " ".join(title.split())  # one line: it becomes the digest's Subject
    edition.intro_md = intro
    edition.intro_html = render_markdown(intro)
    edition.updated_at = utcnow()
    _commit_or_conflict("the edition's title and introduction")
    _drop_cached_pages(edition, *(h.case_id for h in edition.highlights))  # they show its title


def add_case(edition: Edition, moderator: Member, case: Case) -> Highlight:
    """Feature a closed case in the edition, last in order."""
    require_moderator(moderator)
    _require_not_published(edition, "add cases to it; feature this case in next week's edition")
    if case.status != ContentStatus.PUBLISHED or case.closed_at is None:
        raise ServiceError("Only published cases whose window has closed can be featured.")
    if case.author_id == moderator.id:
        raise NotAllowed("You can't feature your own case; leave it to another moderator.")
    open_reports = db.session.scalar(
        select(func.count()).where(Report.case_id == case.id, Report.status == "open")
    )
    if open_reports:
        raise Conflict("This case has reports waiting in the queue; settle them first.")
    _changing(moderator, edition, case, "")
    last = db.session.scalar(
        select(func.max(Highlight.position)).where(Highlight.edition_id == edition.id)
    )
    highlight = Highlight(edition_id=edition.id, case_id=case.id, position=(last or 0) + 1)
    insert_or_refuse(highlight, Conflict("That case is already featured in an edition."))
    db.session.commit()
    _drop_cached_pages(edition, case.id)
    return highlight


def remove_case(edition: Edition, moderator: Member, highlight: Highlight, note: str = "") -> None:
    """Take a case out of the edition (in a published one, a logged correction)."""
    require_moderator(moderator)
    _require_in(edition, highlight)
    _changing(moderator, edition, highlight.case, note)
    case_id = highlight.case_id
    db.session.delete(highlight)
    db.session.commit()
    _drop_cached_pages(edition, case_id)


def move(edition: Edition, moderator: Member, highlight: Highlight, steps: int) -> None:
    """Move a case up (negative steps) or down the edition's order.

    Positions are written with plain UPDATEs, which leave the highlights' versions alone:
    reordering must not make a colleague's takeaway edit look stale.
    """
    require_moderator(moderator)
    _require_in(edition, highlight)
    _require_not_published(edition, "reorder it")
    _changing(moderator, edition, highlight.case, "")
    order = [h.id for h in edition.highlights]
    index = order.index(highlight.id)
    target = max(0, min(len(order) - 1, index + steps))
    order.insert(target, order.pop(index))
    for position, highlight_id in enumerate(order, start=1):
        db.session.execute(
            update(Highlight)
            .where(Highlight.id == highlight_id)
            .values(position=position)
            .execution_options(synchronize_session=False)
        )
    db.session.commit()
    db.session.expire(edition, ["highlights"])
    _drop_cached_pages(edition)


def update_highlight(
    highlight: Highlight,
    moderator: Member,
    *,
    takeaway: str,
    questions: str,
    version: int,
    note: str = "",
) -> None:
    """Save a case's takeaway and discussion questions (Markdown), unless someone saved them
    since `version`."""
    require_moderator(moderator)
    _require_length(takeaway, MAX_TEXT, "The takeaway")
    _require_length(questions, MAX_TEXT, "The discussion questions")
    _require_current(highlight.version, version, "this takeaway")
    edition = highlight.edition
    if edition.is_published and not takeaway.strip():
        raise ServiceError("A published highlight needs a takeaway.")
    _changing(moderator, edition, highlight.case, note)
    highlight.takeaway_md = takeaway
    highlight.takeaway_html = render_markdown(takeaway)
    highlight.questions_md = questions
    highlight.questions_html = render_markdown(questions)
    highlight.updated_at = utcnow()
    _commit_or_conflict("this takeaway")
    _drop_cached_pages(edition, highlight.case_id)


def fingerprint(edition: Edition) -> str:
    """A digest of everything an edition shows: a preview carries it, publishing checks it."""
    parts = [f"{edition.version}"]
    parts += [f"{h.id}:{h.version}:{h.position}" for h in edition.highlights]
    return hashlib.blake2b("|".join(parts).encode(), digest_size=12).hexdigest()


def problems(edition: Edition) -> list[str]:
    """What stops the edition from being published, in words a moderator can act on."""
    found = []
    shown = _shown(edition)
    if not shown:
        found.append("Feature at least one case (a case taken down by moderation doesn't count).")
    missing = [h for h in shown if not h.takeaway_md.strip()]
    if missing:
        found.append(f"Write a takeaway for every case ({len(missing)} missing).")
    return found


def publish(edition: Edition, moderator: Member, *, previewed: str) -> None:
    """Publish the edition now, as previewed; its authors hear of it and the digest goes out."""
    require_moderator(moderator)
    _require_publishable(edition, previewed)
    now = utcnow()
    _publish(edition, now)
    log.record_edition(moderator, "publish_edition", edition.key)
    _commit_or_conflict("the edition")
    _drop_cached_pages(edition, *(h.case_id for h in edition.highlights))
    digest.queue_digest(edition.id)


def schedule(edition: Edition, moderator: Member, *, at: datetime, previewed: str) -> None:
    """Publish the edition at `at`: an RQ job does it (and the periodic pass, if it is lost)."""
    require_moderator(moderator)
    _require_publishable(edition, previewed)
    if at <= utcnow():
        raise ServiceError("Pick a time in the future, or publish now.")
    edition.status = EditionStatus.SCHEDULED
    edition.publish_at = at
    _commit_or_conflict("the edition")
    queueing.schedule(publish_due_editions, at)


def unschedule(edition: Edition, moderator: Member) -> None:
    """Back to a draft: the scheduled job then finds nothing to publish."""
    require_moderator(moderator)
    if edition.status != EditionStatus.SCHEDULED:
        raise Conflict("This edition is not scheduled.")
    edition.status = EditionStatus.DRAFT
    edition.publish_at = None
    _commit_or_conflict("the edition")


def publish_due_editions() -> None:
    """The job scheduled for an edition's publishing time, and a step of the periodic pass:
    publish whatever is due (nothing, if a moderator unscheduled it), then send the digests."""
    for edition_id in publish_due():
        current_app.logger.info("published a scheduled highlight edition")
        digest.queue_digest(edition_id)


def publish_due(now: datetime | None = None) -> list[int]:
    """Publish every scheduled edition whose time has come; returns their ids.

    An edition that stopped being publishable (a featured case was removed by moderation,
    say) goes back to draft instead, for a moderator to look at.
    """
    now = now or utcnow()
    published = []
    due = db.session.scalars(
        select(Edition).where(Edition.status == EditionStatus.SCHEDULED, Edition.publish_at <= now)
    ).all()
    for edition in due:
        if problems(edition):
            edition.status = EditionStatus.DRAFT
            edition.publish_at = None
        else:
            _publish(edition, now)
            published.append(edition.id)
        try:
            db.session.commit()
        except StaleDataError:  # a moderator changed or published it meanwhile
            db.session.rollback()
            published = [i for i in published if i != edition.id]
        else:
            _drop_cached_pages(edition, *(h.case_id for h in edition.highlights))
    return published


def _shown(edition: Edition) -> list[Highlight]:
    """The highlights readers will see: those whose case moderation has not taken down."""
    return [h for h in edition.highlights if h.case.status == ContentStatus.PUBLISHED]


def _publish(edition: Edition, now: datetime) -> None:
    edition.status = EditionStatus.PUBLISHED
    edition.published_at = now
    edition.publish_at = None
    for highlight in _shown(edition):
        case = highlight.case
        notifications.notify(
            case.author_id,
            "featured",
            f"Your case “{case.title}” is featured in the highlights of {edition.key}. "
            "Thank you for sharing it: it now helps others as a teaching example.",
            case,
        )


def _drop_cached_pages(edition: Edition, *case_ids: int) -> None:
    """A change readers can see drops the cached lists (the highlights, the library and the
    feeds are cached with them) and the featured cases' pages."""
    if not edition.is_published:
        return
    for case_id in case_ids:
        drop_cached_pages(case_id, lists=False)
    cache.invalidate(cache.LISTS)


def _require_publishable(edition: Edition, previewed: str) -> None:
    if edition.is_published:
        raise Conflict("This edition is already published.")
    if previewed != fingerprint(edition):
        raise EditConflict(
            "The edition changed since you previewed it (another moderator saved something). "
            "Nothing was published: preview it again, then publish."
        )
    found = problems(edition)
    if found:
        raise ServiceError("Not published yet. " + " ".join(found))


def _changing(moderator: Member, edition: Edition, case: Case | None, note: str) -> None:
    """Every change to an edition goes through here. A published edition's change is a
    correction (noted and logged); a scheduled edition goes back to draft, so nothing is
    published that no moderator previewed since."""
    if edition.is_published:
        _record_correction(moderator, edition, case, note)
    elif edition.status == EditionStatus.SCHEDULED:
        edition.status = EditionStatus.DRAFT
        edition.publish_at = None


def _require_not_published(edition: Edition, what: str) -> None:
    if edition.is_published:
        raise Conflict(f"This edition is published, so you can't {what}.")


def _record_correction(moderator: Member, edition: Edition, case: Case | None, note: str) -> None:
    """A change to a published edition is a correction: it needs a note, and it is logged."""
    note = (note or "").strip()
    if not note:
        raise ServiceError(
            "This edition is published, so this change is a correction: say what you "
            "corrected and why in the correction note (it appears in the moderation log)."
        )
    _require_length(note, MAX_NOTE, "The correction note")
    log.record_edition(
        moderator,
        "correct_edition",
        edition.key,
        case_public_id=case.public_id if case is not None else None,
        reason_text=note,
    )


def _require_in(edition: Edition, highlight: Highlight) -> None:
    if highlight.edition_id != edition.id:
        raise NotFound("That case is not in this edition.")


def _require_current(stored: int, loaded: int, what: str) -> None:
    if stored != loaded:
        raise EditConflict(
            f"Another moderator saved {what} after you opened it, so yours was not saved. "
            "Their version is shown now; your text is in the form below to merge and save."
        )


def _commit_or_conflict(what: str) -> None:
    try:
        db.session.commit()
    except StaleDataError:
        db.session.rollback()
        raise EditConflict(
            f"Another moderator saved {what} at the same moment, so yours was not saved. "
            "Reload to see theirs; your text is below."
        ) from None


def _require_length(text: str, limit: int, what: str) -> None:
    if len(text) > limit:
        raise ServiceError(f"{what} is {len(text):,} characters; the limit is {limit:,}.")
    if "\x00" in text:
        raise ServiceError(f"{what} contains a NUL character; remove it and save again.")
