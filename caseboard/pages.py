"""Public pages that explain how Caseboard works, in plain words, with the numbers this
site is configured with; and the first-visit welcome above every page (caseboard/welcome.py)."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, url_for

from caseboard import aggregation, outcome_text, welcome
from caseboard.cases.forms import REASONING_MIN
from caseboard.extensions import csrf
from caseboard.moderation.reports import REASONS, reporters_to_hide
from caseboard.taxonomy import LABELS
from caseboard.web import local_path

bp = Blueprint("pages", __name__)
bp.app_context_processor(welcome.template_context)


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


@bp.get("/how-it-works")
def how_it_works():
    """Anonymity and what moderators see, the labels, blind mode, windows and outcomes,
    moderation and appeals: what a newcomer needs, true to this site's settings."""
    config = current_app.config
    return render_template(
        "pages/how_it_works.html",
        window_hours=config["CASE_WINDOW_HOURS"],
        min_verdicts_to_close=config["MIN_VERDICTS_TO_CLOSE"],
        extension_hours=config["CASE_EXTENSION_HOURS"],
        young_case_hours=config["YOUNG_CASE_HOURS"],
        reasoning_min=REASONING_MIN,
        held_cases=config["NEW_MEMBER_HELD_CASES"],
        max_links=config["SPAM_MAX_LINKS"],
        duplicate_days=config["DUPLICATE_WINDOW_DAYS"],
        spam_wave_days=config["SPAM_WAVE_SUSPEND_DAYS"],
        reporters_to_hide=reporters_to_hide(config["REPORT_HIDE_THRESHOLD"]),
        report_reasons=REASONS.values(),
        trust_days=config["TRUST_MIN_DAYS"],
        trust_helpful=config["TRUST_MIN_HELPFUL"],
        trust_report_days=config["TRUST_REPORT_DAYS"],
        trust_limited_after=config["TRUST_LIMITED_AFTER_UPHELD"],
        form_guard=config["FORM_GUARD_ENABLED"],
        proof_of_work=config["PROOF_OF_WORK_ENABLED"],
    )


@bp.post("/welcome/dismiss")
@csrf.exempt
def dismiss_welcome():
    """Hide the welcome for this browser, then go back to the page it was hidden on.

    Exempt from CSRF on purpose: a reader without an account has no session, so no token,
    and giving them one would be the cookie they have not asked for. A forged request can do
    no more than hide the welcome (the only thing this sets is that preference cookie, and it
    changes no data), so members need no token for it either. Only local paths are followed.
    """
    back = local_path(request.form.get("next"), url_for("cases.home"))
    return welcome.remember_dismissal(redirect(back, 303))
