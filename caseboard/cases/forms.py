"""Forms for posting cases, following them up, giving verdicts, replying and voting."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Optional, ValidationError

from caseboard import taxonomy
from caseboard.idempotency import new_token
from caseboard.validation import normalize_text, plain_text, visible_length

TITLE_MAX = 150
SITUATION_MAX = 20_000
WHY_WRONG_MAX = 5_000
HELP_WANTED_MAX = 2_000
REASONING_MIN = 50
REASONING_MAX = 10_000
REPLY_MAX = 10_000


def _choice(vocabulary: dict[str, str], what: str) -> SelectField:
    return SelectField(
        what.capitalize(),
        choices=[SelectChoice("", f"Choose a {what}…"), *taxonomy.choices(vocabulary)],
        validators=[
            InputRequired(message=f"Choose a {what}."),
            AnyOf(list(vocabulary), message=f"Choose a {what} from the list."),
        ],
        validate_choice=False,
    )


class CaseForm(FlaskForm):
    """A new case. `action` says whether the member wants a preview or to post."""

    title = StringField(
        "Title",
        filters=[normalize_text],
        validators=[plain_text, visible_length(10, TITLE_MAX)],
        description="A one-line summary, e.g. “AITA for declining to mentor a new hire?”",
    )
    situation = TextAreaField(
        "What happened",
        filters=[normalize_text],
        validators=[plain_text, visible_length(50, SITUATION_MAX)],
        description="Markdown works. Leave out names of people and companies.",
    )
    why_wrong = TextAreaField(
        "Why I might be in the wrong",
        filters=[normalize_text],
        validators=[plain_text, visible_length(20, WHY_WRONG_MAX)],
        description="Required: the strongest case against yourself.",
    )
    help_wanted = TextAreaField(
        "What help I want",
        filters=[normalize_text],
        validators=[Optional(), plain_text, visible_length(0, HELP_WANTED_MAX)],
    )
    discipline = _choice(taxonomy.DISCIPLINES, "discipline")
    level = _choice(taxonomy.LEVELS, "level")
    topic = _choice(taxonomy.TOPICS, "topic")
    support_kind = _choice(taxonomy.SUPPORT_KINDS, "kind of support")
    action = HiddenField(default="preview")
    submission = HiddenField(default=new_token)


class UpdateForm(FlaskForm):
    """The author's follow-up after the fact."""

    body = TextAreaField(
        "How it played out",
        filters=[normalize_text],
        validators=[plain_text, visible_length(20, SITUATION_MAX)],
    )


class FollowUpForm(FlaskForm):
    """The author's answer, after the close, to "how did it play out, and did the advice
    help?". An unknown answer is the service's to refuse, with a message that says why."""

    advice_helped = RadioField(
        "Did the advice help?",
        choices=taxonomy.choices(taxonomy.ADVICE_HELPED),
        validators=[InputRequired(message="Say whether the advice helped.")],
        validate_choice=False,
    )
    body = TextAreaField(
        "How it played out",
        filters=[normalize_text],
        validators=[plain_text, visible_length(20, SITUATION_MAX)],
        id="follow-up-body",  # the update form's body is on the same page
    )


class VerdictForm(FlaskForm):
    """A verdict: one label and the reasoning behind it (reasoning is what makes it useful)."""

    label = RadioField(
        "Your verdict",
        choices=[
            SelectChoice(code, f"{code}: {words}") for code, (words, _) in taxonomy.LABELS.items()
        ],
        validators=[InputRequired(message="Choose a verdict.")],
        validate_choice=False,
    )
    reasoning = TextAreaField(
        "Your reasoning",
        filters=[normalize_text],
        validators=[plain_text, visible_length(REASONING_MIN, REASONING_MAX)],
        description=f"At least {REASONING_MIN} characters: say why, so the poster can learn.",
    )

    def validate_label(self, field) -> None:
        """Unknown labels get a clear message, not a silent default."""
        if field.data not in taxonomy.LABELS:
            raise ValidationError("Choose one of the five verdicts.")


class ReplyForm(FlaskForm):
    """A reply on the case, under a verdict, or under another reply."""

    body = TextAreaField(
        "Your reply",
        filters=[normalize_text],
        validators=[plain_text, visible_length(2, REPLY_MAX)],
    )
    verdict_id = HiddenField()
    parent_id = HiddenField()
    submission = HiddenField(default=new_token)


class VoteForm(FlaskForm):
    """A helpful / not helpful vote; the same vote again takes it back."""

    helpful = HiddenField(validators=[AnyOf(["yes", "no"], message="Vote yes or no.")])


class ConfirmForm(FlaskForm):
    """A button that changes something and needs nothing but the CSRF token."""
