"""Forms for the inbox and the email settings."""

from __future__ import annotations

from datetime import UTC, datetime

from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Optional, Regexp, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from caseboard.notifications.kinds import EMAIL_KINDS


class MarkReadForm(FlaskForm):
    """Mark all as read, up to the newest news the page showed (as microseconds since the
    epoch): news that arrived after the member looked, or a batch that grew, stays unread."""

    through = HiddenField(validators=[Optional(), Regexp(r"^[0-9]{1,18}$")])

    @staticmethod
    def stamp(moment: datetime) -> str:
        return str(round(moment.timestamp() * 1_000_000))

    def through_time(self) -> datetime | None:
        # Blank (spaces too, which Optional lets through unchecked) means no stamp.
        if not (self.through.data or "").strip():
            return None
        return datetime.fromtimestamp(int(self.through.data) / 1_000_000, UTC)

    def validate_through(self, field: HiddenField) -> None:
        """A moment of the calendar: 18 digits reach far past the year 9999."""
        try:
            self.through_time()
        except (ValueError, OverflowError, OSError):
            raise ValidationError("Not a moment this page could have shown.") from None


class EmailSettingsForm(FlaskForm):
    """One checkbox per kind of email; none is ticked until the member ticks it."""

    kinds = SelectMultipleField(
        "Email me about",
        choices=[SelectChoice(code, kind.label) for code, kind in EMAIL_KINDS.items()],
        widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
        validate_choice=True,
    )
