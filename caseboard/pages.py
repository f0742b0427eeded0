"""Public pages that explain how Caseboard works, in plain words.

They hold no reader's data: a reader without an account gets them with no cookie and may
cache them (a member's copy has their own header, so it is private to them).
"""

from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_login import current_user

from caseboard import aggregation, outcome_text
from caseboard.taxonomy import LABELS

bp = Blueprint("pages", __name__)

PUBLIC_MAX_AGE = 3600


@bp.get("/how-outcomes-work")
def how_outcomes_work():
    config = current_app.config
    response = current_app.make_response(
        render_template(
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
    )
    if current_user.is_authenticated:
        response.cache_control.private = True
    else:
        response.cache_control.public = True
        response.cache_control.max_age = PUBLIC_MAX_AGE
    response.vary.add("Cookie")
    return response
