"""Forms for the moderators' edition builder."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, HiddenField, IntegerField, StringField, TextAreaField
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp

from caseboard.curation.editions import MAX_NOTE, MAX_TEXT, MAX_TITLE
from caseboard.validation import normalize_text, plain_text

CORRECTION_LABEL = "Correction note (required once published; shown in the moderation log)"


def _version() -> IntegerField:
    # The version the form was loaded at: saving over a newer one is refused.
    return IntegerField(validators=[InputRequired(), NumberRange(min=1)])


def _note() -> TextAreaField:
    return TextAreaField(
        CORRECTION_LABEL,
        filters=[normalize_text],
        validators=[Optional(), Length(max=MAX_NOTE), plain_text],
    )


class StartEditionForm(FlaskForm):
    week = StringField(
        "ISO week",
        filters=[normalize_text],
        validators=[
            InputRequired(message="Give the week, as in 2026-W48."),
            Regexp(r"^[0-9]{4}-W[0-9]{2}$", message="Write the week as in 2026-W48."),
        ],
    )


class EditionForm(FlaskForm):
    title = StringField(
        "Title (optional)",
        filters=[normalize_text],
        validators=[Optional(), Length(max=MAX_TITLE), plain_text],
    )
    intro = TextAreaField(
        "Introduction (Markdown, optional)",
        filters=[normalize_text],
        validators=[Optional(), Length(max=MAX_TEXT), plain_text],
    )
    version = _version()
    note = _note()


class HighlightForm(FlaskForm):
    takeaway = TextAreaField(
        "Takeaway (Markdown): what a reader at this level can learn from the case",
        filters=[normalize_text],
        validators=[Optional(), Length(max=MAX_TEXT), plain_text],
    )
    questions = TextAreaField(
        "Discussion questions (Markdown, optional)",
        filters=[normalize_text],
        validators=[Optional(), Length(max=MAX_TEXT), plain_text],
    )
    version = _version()
    note = _note()


class CaseChoiceForm(FlaskForm):
    """Names a case (add, remove, move); a correction note when the edition is published."""

    case = HiddenField(validators=[InputRequired(), Length(max=16)])
    note = _note()


class PublishForm(FlaskForm):
    # The fingerprint of the preview the moderator read (editions.fingerprint).
    previewed = HiddenField(validators=[InputRequired(), Length(max=64)])


class ScheduleForm(PublishForm):
    at = DateTimeLocalField(
        "Publish at (UTC)",
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        validators=[InputRequired(message="Pick a date and time.")],
    )
