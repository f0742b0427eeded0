"""The automated checks every new or edited case, verdict and reply passes through.

Each check is one module in `caseboard/moderation/checks/` with a `check(submission)`
function that returns findings. The pipeline runs them all and decides: publish, hold for a
moderator, or refuse with reasons the member can act on. Adding a check is adding a module.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from functools import cache

PUBLISH = "publish"
HOLD = "hold"
REFUSE = "refuse"


class Severity:
    """How much a finding weighs: a note is shown, a hold waits for a moderator, a refusal
    sends the text back to the member."""

    NOTE = "note"
    HOLD = "hold"
    REFUSE = "refuse"


@dataclass(frozen=True)
class Finding:
    """Something a check noticed, with where it is when it points at a span of one field."""

    check: str
    severity: str
    message: str
    kind: str = ""
    field: str = ""
    start: int | None = None
    end: int | None = None
    text: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Submission:
    """What is being checked: a case, verdict, reply or update, with its text by field.

    `case_id` is the case it belongs to (None for a new case), `editing_id` the row being
    edited (so a duplicate check does not match the text against itself). `signals`: what
    looked scripted about the form it came in (caseboard/form_guard.py).
    """

    kind: str
    author_id: int
    fields: dict[str, str]
    case_id: int | None = None
    editing_id: int | None = None
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Decision:
    """What the pipeline decided, and every finding behind it."""

    outcome: str
    findings: list[Finding] = field(default_factory=list)

    def reasons(self, severity: str) -> list[str]:
        """The distinct messages of the findings of one severity, in order."""
        return list(dict.fromkeys(f.message for f in self.findings if f.severity == severity))


Check = Callable[[Submission], list[Finding]]


@cache
def checks() -> tuple[tuple[str, Check], ...]:
    """Every module in the checks package that defines `check`, by module name."""
    # Imported when first asked: each check module imports this one for Finding and Submission.
    from caseboard.moderation import checks as package

    found = []
    for module_info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{module_info.name}")
        if callable(getattr(module, "check", None)):
            found.append((module_info.name, module.check))
    return tuple(found)


def screen(submission: Submission) -> Decision:
    """Run every check and decide: any refusal refuses, else any hold holds, else publish."""
    findings = [finding for _, check in checks() for finding in check(submission)]
    severities = {finding.severity for finding in findings}
    if Severity.REFUSE in severities:
        return Decision(REFUSE, findings)
    if Severity.HOLD in severities:
        return Decision(HOLD, findings)
    return Decision(PUBLISH, findings)
