"""Forms for registering, logging in and managing one's account."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import EqualTo, InputRequired, Length, Optional, Regexp

from caseboard.validation import normalize_text, plain_text


def _lowercase(value: str | None) -> str | None:
    value = normalize_text(value)
    return value.lower() if value else value


PASSWORD_RULES = [
    InputRequired(message="Choose a password."),
    Length(min=10, max=200, message="Use 10 to 200 characters for your password."),
]


EMAIL_RULES = [
    plain_text,
    Length(max=254, message="Use at most 254 characters."),
    Regexp(r"^[^@\s]+@[^@\s]+\.[^@\s]+$", message="That doesn't look like an email."),
]


class RegisterForm(FlaskForm):
    """A new account; the username is private, so it can be anything memorable."""

    username = StringField(
        "Username",
        filters=[_lowercase],
        validators=[
            InputRequired(message="Choose a username."),
            Length(min=3, max=30, message="Use 3 to 30 characters."),
            Regexp(
                r"^[a-z0-9_.-]+$",
                message="Use only letters, digits, dots, dashes and underscores.",
            ),
        ],
        description="Only you see it. Others see you as “OP” or a per-case alias.",
    )
    email = EmailField(
        "Email (optional)",
        filters=[_lowercase],
        validators=[Optional(), *EMAIL_RULES],
        description=(
            "Never shown. Used once you confirm it, for the emails you turn on and to reset "
            "your password. Without one, a forgotten password cannot be recovered."
        ),
    )
    password = PasswordField("Password", validators=PASSWORD_RULES)
    confirm = PasswordField(
        "Repeat the password",
        validators=[EqualTo("password", message="The two passwords are different.")],
    )


class LoginForm(FlaskForm):
    username = StringField(
        "Username", filters=[_lowercase], validators=[InputRequired(), plain_text, Length(max=30)]
    )
    password = PasswordField("Password", validators=[InputRequired(), Length(max=200)])


class ChangePasswordForm(FlaskForm):
    current = PasswordField("Current password", validators=[InputRequired()])
    password = PasswordField("New password", validators=PASSWORD_RULES)
    confirm = PasswordField(
        "Repeat the new password",
        validators=[EqualTo("password", message="The two passwords are different.")],
    )


class DeleteAccountForm(FlaskForm):
    content = RadioField(
        "What happens to what you wrote",
        choices=[
            SelectChoice("keep", "Keep my cases, verdicts and replies, under their pseudonyms"),
            SelectChoice("remove", "Remove my cases, verdicts and replies"),
        ],
        validators=[InputRequired(message="Choose what happens to what you wrote.")],
    )
    password = PasswordField("Your password, to confirm", validators=[InputRequired()])


class AddressForm(FlaskForm):
    """A new address for the account: the password, since the address can reset it."""

    email = EmailField(
        "Email address",
        filters=[_lowercase],
        validators=[InputRequired(message="Give an email address."), *EMAIL_RULES],
    )
    password = PasswordField("Your password, to confirm", validators=[InputRequired()])


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        "Your account's email address",
        filters=[_lowercase],
        validators=[InputRequired(message="Give your email address."), *EMAIL_RULES],
    )


class ResetPasswordForm(FlaskForm):
    password = PasswordField("New password", validators=PASSWORD_RULES)
    confirm = PasswordField(
        "Repeat the new password",
        validators=[EqualTo("password", message="The two passwords are different.")],
    )
