"""Forms for reports, appeals and moderators' decisions."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from caseboard.moderation.appeals import MAX_APPEAL
from caseboard.moderation.reports import MAX_DETAILS, REASONS
from caseboard.validation import normalize_text, plain_text

ACTION_LABELS = {
    "approve": "Approve: show it",
    "reject": "Reject: never show it",
    "return": "Return to the author for edits",
    "remove": "Remove it",
    "grant": "Grant the appeal: put it back up",
    "deny": "Deny the appeal: the decision stands",
}
SANCTION_CHOICES = [
    SelectChoice("", "No sanction"),
    SelectChoice("warn", "Warn the author"),
    SelectChoice("suspend", "Suspend the author for some days"),
    SelectChoice("ban", "Suspend the author permanently"),
]


class ReportForm(FlaskForm):
    reason = RadioField(
        "What is wrong with it?",
        choices=[SelectChoice(code, words) for code, words in REASONS.items()],
        validators=[InputRequired(message="Choose a reason.")],
    )
    details = TextAreaField(
        "Details (needed for “something else”)",
        filters=[normalize_text],
        validators=[Optional(), Length(max=MAX_DETAILS), plain_text],
    )


class AppealForm(FlaskForm):
    text = TextAreaField(
        "Why should the decision change?",
        filters=[normalize_text],
        validators=[InputRequired(message="Say why."), Length(max=MAX_APPEAL), plain_text],
    )


class DecisionForm(FlaskForm):
    """A decision on a queue item; `action` choices are set per item kind."""

    action = RadioField("Decision", validators=[InputRequired(message="Choose a decision.")])
    reason_code = SelectField("Reason (the author is told)", validate_choice=False)
    reason_text = TextAreaField(
        "Note to the author (optional; also shown in the public moderation log unless the "
        "reason is identifying information)",
        filters=[normalize_text],
        validators=[Optional(), Length(max=2000), plain_text],
    )
    sanction = SelectField("Sanction", choices=SANCTION_CHOICES, validate_choice=False)
    suspend_days = IntegerField(
        "Days of suspension", validators=[Optional(), NumberRange(min=1, max=365)]
    )


class ActForm(FlaskForm):
    """Remove, restore, lock or unlock content outside the queue."""

    action = StringField(validators=[InputRequired()])
    reason_code = SelectField("Reason", validate_choice=False)
    reason_text = TextAreaField(
        "Note (optional; shown in the public moderation log)",
        filters=[normalize_text],
        validators=[Optional(), Length(max=2000), plain_text],
    )


class SpamWaveForm(FlaskForm):
    """Take down everything by the author of an item as spam: the box is the confirm step."""

    confirm = BooleanField(
        "I have read it: the author of this item is posting spam",
        validators=[InputRequired(message="Tick the box to confirm it is spam.")],
    )


class ReasonTemplateForm(FlaskForm):
    title = StringField(
        "Title", filters=[normalize_text], validators=[InputRequired(), Length(max=80), plain_text]
    )
    body = TextAreaField(
        "Text the author reads",
        filters=[normalize_text],
        validators=[InputRequired(), Length(max=2000), plain_text],
    )


class ModeratorForm(FlaskForm):
    username = StringField(
        "Username", filters=[normalize_text], validators=[InputRequired(), plain_text]
    )
    grant = RadioField(
        "Change",
        choices=[
            SelectChoice("grant", "Make moderator"),
            SelectChoice("revoke", "Remove moderator role"),
        ],
        default="grant",
    )
