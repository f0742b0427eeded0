"""Public pages that explain how Caseboard works, in plain words, with the numbers this
site is configured with."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template

from caseboard import aggregation, outcome_text
from caseboard.taxonomy import LABELS

bp = Blueprint("pages", __name__)


@bp.get("/how-outcomes-work")
def how_outcomes_work():
    """The outcome method for readers: states, chances, the prior, ranges, windows, follow-ups."""
    config = current_app.config
    return render_template(
        "pages/how_outcomes_work.html",
        min_verdicts=aggregation.MIN_VERDICTS,
        decided_chance=outcome_text.chance_words(aggregation.DECIDED_CONFIDENCE),
        decided_percent=round(100 * aggregation.DECIDED_CONFIDENCE),
        credible_percent=round(100 * aggregation.CREDIBLE_MASS),
        min_cases_for_prior=aggregation.MIN_CASES_FOR_PRIOR,
        label_count=len(LABELS),
        min_verdicts_to_close=config["MIN_VERDICTS_TO_CLOSE"],
        extension_hours=config["CASE_EXTENSION_HOURS"],
        window_hours=config["CASE_WINDOW_HOURS"],
        follow_up_days=tuple(config["FOLLOW_UP_DAYS"]),
    )
