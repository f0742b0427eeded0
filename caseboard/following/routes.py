"""Following pages: follow or unfollow a case, and the member's private "My activity"."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user, login_required

from caseboard.cases import queries
from caseboard.cases.forms import ConfirmForm
from caseboard.extensions import htmx, limiter, member_key
from caseboard.following import services
from caseboard.following.activity import LOADERS, SECTIONS
from caseboard.models.base import utcnow
from caseboard.web import page_number

bp = Blueprint("following", __name__)

# Personal pages: never kept by a browser, a proxy or the back-forward cache.
NO_STORE = {"Cache-Control": "private, no-store"}
OVERVIEW_SIZE = 10  # entries per section on the overview; each section has its own pages
SECTION_SIZE = 30

FOLLOWED = (
    "You follow this case: you'll get a notice when it is updated, extended or closed. "
    "Nobody else can see that you follow it."
)
UNFOLLOWED = "You no longer follow this case."


# Following writes a row each time, like a helpful vote: the same generous allowance.
_limited = limiter.shared_limit(
    lambda: current_app.config["VOTE_RATE_LIMIT"], scope="follow", key_func=member_key
)


@bp.post("/cases/<public_id>/follow")
@login_required
@_limited
def follow(public_id: str):
    return _follow(public_id, True)


@bp.post("/cases/<public_id>/unfollow")
@login_required
@_limited
def unfollow(public_id: str):
    return _follow(public_id, False)


def _follow(public_id: str, following: bool):
    """Follow or unfollow (doing it twice is fine); htmx gets the button back, a plain form
    goes back to the case. A case the member cannot see is a 404 either way."""
    case = queries.get_published_case(public_id, current_user)
    if not ConfirmForm().validate():
        abort(400, "That request was damaged. Reload the case and try again.")
    if following:
        services.follow(current_user, case)
    else:
        services.unfollow(current_user, case)
    if htmx:
        return render_template(
            "cases/_follow_button.html", case=case, following=following
        ), NO_STORE
    flash(FOLLOWED if following else UNFOLLOWED)
    return redirect(url_for("cases.show", public_id=case.public_id))


@bp.get("/activity")
@login_required
def activity():
    """The member's cases, verdicts and follows: the newest of each, or one section's pages
    (`?show=verdicts`)."""
    show = request.args.get("show", "")
    if show in LOADERS:
        sections = {show: LOADERS[show](current_user.id, page=page_number(), per_page=SECTION_SIZE)}
    else:
        show = ""
        sections = {
            name: load(current_user.id, page=1, per_page=OVERVIEW_SIZE)
            for name, load in LOADERS.items()
        }
    return render_template(
        "following/activity.html",
        sections=sections,
        show=show,
        titles=SECTIONS,
        now=utcnow(),
    ), NO_STORE
