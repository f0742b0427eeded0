"""The moderators' dashboard: the queue, posting and outcomes, week by week, as charts drawn
on the server with a table of the same numbers under each."""

from __future__ import annotations

from flask import Blueprint, render_template, request
from markupsafe import Markup

from caseboard.curation import charts
from caseboard.curation import dashboard as figures
from caseboard.taxonomy import ADVICE_HELPED
from caseboard.views import moderator_required

bp = Blueprint("dashboard", __name__)


@bp.get("/mod/dashboard")
@moderator_required
def dashboard():
    data = figures.dashboard(figures.parse_weeks(request.args.get("weeks")))
    return render_template(
        "curation/dashboard.html",
        data=data,
        charts=_charts(data),
        outcomes=figures.OUTCOMES,
        advice_helped=ADVICE_HELPED,
        week_choices=figures.WEEK_CHOICES,
    )


def _charts(data: figures.Dashboard) -> dict[str, Markup]:
    """The page's five charts; their descriptions say the span, the table says the rest."""
    labels = [week.short for week in data.series]
    span = f"ISO weeks {data.first} to {data.last}, the current week unfinished."
    series = data.series
    return {
        "queue": charts.bar_chart(
            "chart-queue",
            "Moderation queue per week",
            f"Items that entered the queue and items decided, per week, with the open queue "
            f"at the end of each week. {span}",
            labels,
            [
                charts.Series("Entered", [week.entered for week in series]),
                charts.Series("Decided", [week.decided for week in series]),
            ],
            line=charts.Series("Open at week's end", [week.open_at_end for week in series]),
            y_title="Items",
        ),
        "decision_time": charts.line_chart(
            "chart-decision-time",
            "Time to decision per week",
            f"Hours from entering the queue to a decision, for the items decided each week: "
            f"the median and the 90th percentile. {span}",
            labels,
            [
                charts.Series("Median", [week.median_hours for week in series]),
                charts.Series("90th percentile", [week.p90_hours for week in series]),
            ],
            y_title="Hours",
            unit="hours",
        ),
        "activity": charts.bar_chart(
            "chart-activity",
            "Cases and verdicts per week",
            f"Cases published and verdicts given, per week. {span}",
            labels,
            [
                charts.Series("Cases", [week.cases for week in series]),
                charts.Series("Verdicts", [week.verdicts for week in series]),
            ],
            y_title="Count",
        ),
        "outcomes": charts.share_chart(
            "chart-outcomes",
            "Outcome per discipline",
            f"How the cases that closed in ISO weeks {data.first} to {data.last} came out, "
            f"as shares of each discipline's closed cases (n is their number).",
            [(row.name, list(row.counts.values())) for row in data.outcomes],
            list(figures.OUTCOMES.values()),
            x_title="Share of closed cases",
        ),
        "follow_ups": _follow_ups_chart(data),
    }


# Helped, partly, didn't help, no follow-up: green for helped and grey for no answer, so the
# colours agree with the words; the patterns tell them apart without colour.
FOLLOW_UP_STYLES = (
    charts.SHARE_STYLES[3],
    charts.SHARE_STYLES[1],
    charts.SHARE_STYLES[2],
    charts.SHARE_STYLES[5],
)


def _follow_ups_chart(data: figures.Dashboard) -> Markup:
    follow_ups = data.follow_ups
    asked_by = follow_ups.asked_by.strftime("%-d %b %Y")
    return charts.share_chart(
        "chart-follow-ups",
        "What happened next, per outcome state",
        f"For the cases that closed in ISO weeks {data.first} to {data.last} by {asked_by}, "
        f"and so were asked {follow_ups.days} days after closing: what their authors said "
        f"about the advice, as shares of each state's cases asked (n is their number).",
        [(row.name, [*row.answers.values(), row.not_followed_up]) for row in follow_ups.states],
        [*ADVICE_HELPED.values(), "No follow-up"],
        x_title="Share of the cases asked",
        empty="None asked yet",
        styles=FOLLOW_UP_STYLES,
    )
