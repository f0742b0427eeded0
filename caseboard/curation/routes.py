"""The moderators' edition builder: start a week's edition, pick and order cases, write
takeaways, preview, then publish now or at a set time."""

from __future__ import annotations

from datetime import UTC

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    g,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_login import current_user
from sqlalchemy import func, select

from caseboard.cases.forms import ConfirmForm
from caseboard.cases.queries import get_published_case
from caseboard.curation import candidates, editions, library, weeks
from caseboard.curation.forms import (
    CaseChoiceForm,
    EditionForm,
    HighlightForm,
    PublishForm,
    ScheduleForm,
    StartEditionForm,
)
from caseboard.curation.public import TEMPLATE_HELPERS
from caseboard.errors import ServiceError
from caseboard.extensions import db
from caseboard.models import Edition, EditionStatus, Highlight
from caseboard.models.base import utcnow
from caseboard.views import moderator_required

bp = Blueprint("curate", __name__, url_prefix="/mod/highlights")

CLOSED_RANGES = {"week": "Closed in this edition’s week", "recent": "Closed in the last 4 weeks"}


@bp.get("")
@moderator_required
def editions_page():
    year, week = weeks.week_of(utcnow())
    form = StartEditionForm(formdata=None, data={"week": weeks.week_key(year, week)})
    return _render_editions(form)


def _render_editions(form: StartEditionForm, status: int = 200):
    cases = (
        select(func.count(Highlight.id))
        .where(Highlight.edition_id == Edition.id)
        .correlate(Edition)
        .scalar_subquery()
    )
    rows = db.session.execute(
        select(Edition, cases).order_by(Edition.iso_year.desc(), Edition.iso_week.desc()).limit(60)
    ).all()
    return render_template("curation/builder_editions.html", editions=rows, form=form), status


@bp.post("")
@moderator_required
def start():
    form = StartEditionForm()
    week = weeks.parse_key(form.week.data or "") if form.validate() else None
    if week is None:
        if not form.errors:
            form.week.errors = [
                f"That is not a week of the years {weeks.FIRST_YEAR} to {weeks.LAST_YEAR}, "
                "which editions are made for. Write it as in 2026-W48."
            ]
        return _render_editions(form, 422)
    edition = editions.start_edition(current_user, *week)
    return redirect(url_for("curate.builder", key=edition.key))


@bp.get("/<key>")
@moderator_required
def builder(key: str):
    return _render_builder(editions.get_edition(key))


def _render_builder(edition: Edition, status: int = 200, *, forms: dict | None = None, **extra):
    """The builder; `forms` carries a refused form (with what was typed) by its place."""
    forms = forms or {}
    edition_form = forms.get("edition") or EditionForm(
        formdata=None,
        data={"title": edition.title, "intro": edition.intro_md, "version": edition.version},
    )
    highlight_forms = {
        h.id: forms.get(h.id)
        or HighlightForm(
            formdata=None,
            prefix=_prefix(h),
            data={"takeaway": h.takeaway_md, "questions": h.questions_md, "version": h.version},
        )
        for h in edition.highlights
    }
    closed = request.args.get("closed", "week")
    if closed not in CLOSED_RANGES:
        closed = "week"
    start, end = weeks.bounds(edition.iso_year, edition.iso_week)
    if closed == "recent":
        start = end - (end - start) * 4
    found = candidates.candidates(
        start, end, g.filters, limit=current_app.config["HIGHLIGHT_CANDIDATES"]
    )
    return render_template(
        "curation/builder.html",
        edition=edition,
        edition_form=edition_form,
        highlight_forms=highlight_forms,
        candidates=found,
        closed=closed,
        closed_ranges=CLOSED_RANGES,
        problems=editions.problems(edition),
        **extra,
    ), status


@bp.post("/<key>")
@moderator_required
def save_edition(key: str):
    edition = editions.get_edition(key)
    scheduled = edition.status == EditionStatus.SCHEDULED
    form = EditionForm()
    if not form.validate():
        return _render_builder(edition, 422, forms={"edition": form})
    try:
        editions.update_edition(
            edition,
            current_user,
            title=form.title.data or "",
            intro=form.intro.data or "",
            version=form.version.data,
            note=form.note.data or "",
        )
    except ServiceError as error:
        return _refused(edition, error, "edition", form)
    flash("The edition’s title and introduction are saved.")
    _tell_if_unscheduled(edition, scheduled)
    return redirect(url_for("curate.builder", key=key, _anchor="edition"))


@bp.post("/<key>/cases")
@moderator_required
def add_case(key: str):
    edition = editions.get_edition(key)
    scheduled = edition.status == EditionStatus.SCHEDULED
    form = CaseChoiceForm()
    if not form.validate():
        abort(400, "Choose a case from the candidates.")
    case = get_published_case(form.case.data)
    try:
        highlight = editions.add_case(edition, current_user, case)
    except ServiceError as error:
        flash(error.message)
        return redirect(url_for("curate.builder", key=key, _anchor="candidates"))
    flash(f"“{case.title}” is in the edition. Write its takeaway below.")
    _tell_if_unscheduled(edition, scheduled)
    return redirect(url_for("curate.builder", key=key, _anchor=f"highlight-{highlight.id}"))


@bp.post("/<key>/cases/<public_id>")
@moderator_required
def save_highlight(key: str, public_id: str):
    edition = editions.get_edition(key)
    scheduled = edition.status == EditionStatus.SCHEDULED
    highlight = _highlight(edition, public_id)
    form = HighlightForm(prefix=_prefix(highlight))
    if not form.validate():
        return _render_builder(edition, 422, forms={highlight.id: form})
    try:
        editions.update_highlight(
            highlight,
            current_user,
            takeaway=form.takeaway.data or "",
            questions=form.questions.data or "",
            version=form.version.data,
            note=form.note.data or "",
        )
    except ServiceError as error:
        return _refused(edition, error, highlight.id, form)
    flash(f"The takeaway for “{highlight.case.title}” is saved.")
    _tell_if_unscheduled(edition, scheduled)
    return redirect(url_for("curate.builder", key=key, _anchor=f"highlight-{highlight.id}"))


def _refused(edition: Edition, error: ServiceError, place, form):
    """Show the builder again with the refused form as typed. On a conflict, the form takes
    the stored version number, so saving again (after merging) is a deliberate overwrite,
    and the page shows what the other moderator saved."""
    db.session.refresh(edition)
    theirs = None
    if isinstance(error, editions.EditConflict):
        if place == "edition":
            form.version.data = edition.version
            theirs = {"title": edition.title, "html": edition.intro_html}
        else:
            current = db.session.get(Highlight, place)
            if current is None:
                flash("That case was taken out of the edition meanwhile.")
                return redirect(url_for("curate.builder", key=edition.key))
            db.session.refresh(current)
            form.version.data = current.version
            theirs = {"html": current.takeaway_html, "questions_html": current.questions_html}
    form.form_errors.append(error.message)
    return _render_builder(
        edition, error.status, forms={place: form}, conflict={"place": place, "theirs": theirs}
    )


@bp.post("/<key>/cases/<public_id>/move")
@moderator_required
def move(key: str, public_id: str):
    edition = editions.get_edition(key)
    scheduled = edition.status == EditionStatus.SCHEDULED
    highlight = _highlight(edition, public_id)
    if not CaseChoiceForm().validate() or request.form.get("direction") not in ("up", "down"):
        abort(400, "Use the Move up or Move down button.")
    try:
        editions.move(
            edition, current_user, highlight, -1 if request.form["direction"] == "up" else 1
        )
    except ServiceError as error:
        flash(error.message)
    _tell_if_unscheduled(edition, scheduled)
    return redirect(url_for("curate.builder", key=key, _anchor=f"highlight-{highlight.id}"))


@bp.post("/<key>/cases/<public_id>/remove")
@moderator_required
def remove(key: str, public_id: str):
    edition = editions.get_edition(key)
    scheduled = edition.status == EditionStatus.SCHEDULED
    highlight = _highlight(edition, public_id)
    form = CaseChoiceForm()
    if not form.validate():
        abort(400, "Use the Remove button.")
    title = highlight.case.title
    try:
        editions.remove_case(edition, current_user, highlight, form.note.data or "")
    except ServiceError as error:
        flash(error.message)
    else:
        flash(f"“{title}” is out of the edition.")
        _tell_if_unscheduled(edition, scheduled)
    return redirect(url_for("curate.builder", key=key))


@bp.get("/<key>/preview")
@moderator_required
def preview(key: str):
    edition = editions.get_edition(key)
    return _render_preview(edition)


def _render_preview(edition: Edition, status: int = 200, schedule_form: ScheduleForm | None = None):
    previewed = editions.fingerprint(edition)
    return render_template(
        "curation/builder_preview.html",
        **TEMPLATE_HELPERS,
        edition=edition,
        examples=library.edition_examples(edition, preview=True),
        problems=editions.problems(edition),
        publish_form=PublishForm(formdata=None, data={"previewed": previewed}),
        schedule_form=schedule_form or ScheduleForm(formdata=None, data={"previewed": previewed}),
    ), status


@bp.post("/<key>/publish")
@moderator_required
def publish(key: str):
    edition = editions.get_edition(key)
    form = PublishForm()
    if not form.validate():
        abort(400, "Publish from the preview page.")
    try:
        editions.publish(edition, current_user, previewed=form.previewed.data)
    except ServiceError as error:
        flash(error.message)
        return redirect(url_for("curate.preview", key=key))
    flash(f"The {edition.key} edition is published. Members who asked for the digest get it.")
    return redirect(url_for("curation.edition", key=key))


@bp.post("/<key>/schedule")
@moderator_required
def schedule(key: str):
    edition = editions.get_edition(key)
    form = ScheduleForm()
    if not form.validate():
        return _render_preview(edition, 422, form)
    at = form.at.data.replace(tzinfo=UTC)
    try:
        editions.schedule(edition, current_user, at=at, previewed=form.previewed.data)
    except ServiceError as error:
        form.form_errors.append(error.message)
        db.session.refresh(edition)
        return _render_preview(edition, error.status, form)
    flash(f"The {edition.key} edition will be published on {at:%-d %b %Y at %H:%M} UTC.")
    return redirect(url_for("curate.builder", key=key))


@bp.post("/<key>/unschedule")
@moderator_required
def unschedule(key: str):
    edition = editions.get_edition(key)
    if not ConfirmForm().validate():
        abort(400, "Use the Cancel button.")
    try:
        editions.unschedule(edition, current_user)
    except ServiceError as error:
        flash(error.message)
    else:
        flash("The edition is a draft again; it will not be published on its own.")
    return redirect(url_for("curate.builder", key=key))


def _tell_if_unscheduled(edition: Edition, was_scheduled: bool) -> None:
    if was_scheduled and edition.status == EditionStatus.DRAFT:
        flash(
            "The edition was scheduled; this change made it a draft again so nothing unseen "
            "is published. Preview it and schedule it again."
        )


def _prefix(highlight: Highlight) -> str:
    """Each case's form on the builder has its own field names and ids."""
    return f"h{highlight.id}"


def _highlight(edition: Edition, case_public_id: str) -> Highlight:
    for highlight in edition.highlights:
        if highlight.case.public_id == case_public_id:
            return highlight
    abort(404, "That case is not in this edition.")
