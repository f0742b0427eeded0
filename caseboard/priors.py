"""The community's outcome prior: fitted to the site's closed cases, stored, and read back.

Outcomes are worked out against a Dirichlet prior (see aggregation.py). A new board has no
history and uses the uniform prior; once it has enough closed cases, the window sweep fits
one to them at most once per OUTCOME_PRIOR_REFIT_HOURS and stores it as a new row, which the
cases closing afterwards name (so a closed case's intervals never shift under it).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select

from caseboard.aggregation import fit_prior
from caseboard.extensions import db
from caseboard.models import Case, ContentStatus, OutcomePrior
from caseboard.models.cases import label_count_column
from caseboard.taxonomy import LABEL_CODES


def latest_prior() -> OutcomePrior | None:
    """The newest fitted prior, or None while the board is too young for one."""
    return db.session.scalar(select(OutcomePrior).order_by(OutcomePrior.id.desc()).limit(1))


@dataclass(frozen=True)
class ClosingPrior:
    """The prior cases close with, as plain values: an ORM row would expire at every
    commit of the sweep and be read again for each case. No id: the uniform prior."""

    id: int | None = None
    weights: tuple[float, ...] | None = None


UNIFORM = ClosingPrior()


def prior_for_closing(now: datetime) -> ClosingPrior:
    """The prior cases closing now use: refitted first when the newest is stale."""
    prior = latest_prior()
    refit_after = timedelta(hours=current_app.config["OUTCOME_PRIOR_REFIT_HOURS"])
    if prior is None or prior.fitted_at <= now - refit_after:
        prior = refit_prior(now) or prior
    return ClosingPrior(prior.id, prior.weights) if prior is not None else UNIFORM


def refit_prior(now: datetime) -> OutcomePrior | None:
    """Fit a prior to every closed, published case and store it; None if there are too few."""
    counts = [getattr(Case, label_count_column(code)) for code in LABEL_CODES]
    tallies = db.session.execute(
        select(*counts).where(Case.status == ContentStatus.PUBLISHED, Case.closed_at.is_not(None))
    ).all()
    weights = fit_prior(tallies)
    if weights is None:
        return None
    prior = OutcomePrior(
        fitted_at=now,
        case_count=len(tallies),
        **{code.lower(): weight for code, weight in zip(LABEL_CODES, weights, strict=True)},
    )
    db.session.add(prior)
    db.session.commit()
    return prior
