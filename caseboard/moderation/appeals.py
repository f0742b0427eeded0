"""Appeals: the author of rejected or removed content asks once for another look, and a
different moderator than the one who acted decides."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from caseboard.errors import Conflict, NotFound, ServiceError
from caseboard.extensions import db
from caseboard.models import ItemKind, Member, ModAction, ModerationItem
from caseboard.models.base import is_public_id
from caseboard.moderation import subjects
from caseboard.moderation.queries import APPEALABLE, APPEALED_STATUSES, appeal_of

MAX_APPEAL = 2000


def appealable(action: ModAction, member: Member) -> subjects.Subject:
    """The subject of a decision the member may appeal; refuses anything else."""
    if action.action not in APPEALABLE or action.subject_kind is None:
        raise NotFound("Only a rejection or a removal can be appealed.")
    subject = subjects.by_public_id(action.subject_kind, action.subject_public_id)
    if subjects.author_id(subject) != member.id:
        raise NotFound("Only the author of the content can appeal this decision.")
    if subject.status not in APPEALED_STATUSES:
        raise Conflict("This decision no longer stands, so there is nothing to appeal.")
    if appeal_of(action) is not None:
        raise Conflict("You have already appealed this decision; each one can be appealed once.")
    return subject


def appeal(action: ModAction, member: Member, text: str) -> ModerationItem:
    """File the member's one appeal of a decision; it goes into the queue."""
    subject = appealable(action, member)
    text = text.strip()
    if not text:
        raise ServiceError("Say why the decision should change: a moderator reads it.")
    if len(text) > MAX_APPEAL:
        raise ServiceError(f"Keep the appeal under {MAX_APPEAL} characters.")
    item = ModerationItem(
        kind=ItemKind.APPEAL,
        subject_key=subjects.key_of(subject),
        appeal_text=text,
        appealed_action_id=action.id,
        acted_by_id=action.moderator_id,
        **subjects.columns(subject),
    )
    db.session.add(item)
    try:
        db.session.commit()
    except IntegrityError:  # the unique appeal per decision, filed twice at once
        db.session.rollback()
        raise Conflict("You have already appealed this decision.") from None
    return item


def get_action(public_id: str) -> ModAction:
    action = None
    if is_public_id(public_id):
        action = db.session.scalar(select(ModAction).where(ModAction.public_id == public_id))
    if action is None:
        raise NotFound("There is no such decision.")
    return action
