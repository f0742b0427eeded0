"""The typed SQLAlchemy models, one module per area; import them from here."""

from caseboard.models.accounts import Member, MemberSession, Role
from caseboard.models.cases import (
    Case,
    CaseUpdate,
    ContentStatus,
    HelpfulVote,
    OutcomePrior,
    Reply,
    Verdict,
)
from caseboard.models.curation import (
    DigestDelivery,
    Edition,
    EditionStatus,
    EmailPreference,
    Highlight,
)
from caseboard.models.following import CaseFollow
from caseboard.models.moderation import (
    ItemKind,
    ModAction,
    ModerationItem,
    Notification,
    ReasonTemplate,
    Report,
    Sanction,
    SpamFingerprint,
    SpamFingerprintBand,
)

__all__ = [
    "Case",
    "CaseFollow",
    "CaseUpdate",
    "ContentStatus",
    "DigestDelivery",
    "Edition",
    "EditionStatus",
    "EmailPreference",
    "Highlight",
    "HelpfulVote",
    "ItemKind",
    "Member",
    "MemberSession",
    "ModAction",
    "ModerationItem",
    "Notification",
    "OutcomePrior",
    "ReasonTemplate",
    "Report",
    "Role",
    "Sanction",
    "SpamFingerprint",
    "SpamFingerprintBand",
    "Reply",
    "Verdict",
]
