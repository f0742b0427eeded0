"""The typed SQLAlchemy models, one module per area; import them from here."""

from caseboard.models.accounts import Member
from caseboard.models.cases import Case, CaseStatus, CaseUpdate, HelpfulVote, Reply, Verdict

__all__ = ["Case", "CaseStatus", "CaseUpdate", "HelpfulVote", "Member", "Reply", "Verdict"]
