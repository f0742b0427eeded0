"""Sending email: through SMTP when MAIL_SERVER is set, else into instance/outbox/ as .eml files.

Only background jobs send (never a request), and every message is built by the caller as an
`email.message.EmailMessage`; this module only delivers it.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import smtplib
import uuid
from datetime import datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.utils import formatdate
from pathlib import Path

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

log = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "caseboard-unsubscribe"
# Headers may run to RFC 5322's 998 characters: folding a long List-Unsubscribe URL into
# encoded words would hide it from the mail programs that offer the one-click button.
HEADER_POLICY = policy.default.clone(max_line_length=998)


def new_message(
    to: str, subject: str, text: str, html: str | None = None, *, identity: tuple
) -> EmailMessage:
    """A message from Caseboard with a plain-text body and, if given, an HTML alternative.

    `identity` names what the message is (("digest", edition, member), say): a message sent
    again after a crash keeps its Message-ID, so mail programs can tell it is the same one.
    """
    message = EmailMessage(policy=HEADER_POLICY)
    message["From"] = current_app.config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = stable_message_id(*identity)
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    return message


def stable_message_id(*identity) -> str:
    """The same Message-ID for the same message every time it is sent, which says nothing
    of the member it is for (a keyed hash: ids in it would number the accounts)."""
    key = current_app.config["SECRET_KEY"].encode()
    name = "/".join(str(part) for part in identity).encode()
    digest = hmac.new(key, b"message-id:" + name, hashlib.sha256).hexdigest()[:40]
    return f"<{digest}@{current_app.config['MAIL_MESSAGE_ID_DOMAIN']}>"


def claim_lapsed_before(now) -> datetime:
    """Claims made before this moment belong to senders that died (MAIL_CLAIM_SECONDS)."""
    return now - timedelta(seconds=current_app.config["MAIL_CLAIM_SECONDS"])


def add_unsubscribe(message: EmailMessage, url: str) -> None:
    """RFC 8058 one-click unsubscribe: mail programs show their own button, which POSTs here."""
    message["List-Unsubscribe"] = f"<{url}>"
    message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"


class MailError(OSError):
    """Sending failed. It names only the kind of failure: an SMTP error's own message can
    carry the recipient's address, and job tracebacks end up in logs."""


def send(message: EmailMessage) -> str:
    """Deliver one message; returns where it went (the SMTP server, or the .eml file)."""
    config = current_app.config
    if config["MAIL_SERVER"]:
        try:
            with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
                if config["MAIL_USE_TLS"]:
                    smtp.starttls()
                if config["MAIL_USERNAME"]:
                    smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"] or "")
                smtp.send_message(message)
        except (smtplib.SMTPException, OSError) as error:
            raise MailError(f"the mail server refused or failed: {type(error).__name__}") from None
        return config["MAIL_SERVER"]
    return str(write_to_outbox(message))


def outbox_path() -> Path:
    """Where unsent mail is written: MAIL_OUTBOX, or instance/outbox/."""
    configured = current_app.config["MAIL_OUTBOX"]
    return Path(configured or os.path.join(current_app.instance_path, "outbox"))


def write_to_outbox(message: EmailMessage) -> Path:
    """Write the message as an .eml file (written aside, then renamed: never half a file)."""
    outbox = outbox_path()
    outbox.mkdir(parents=True, exist_ok=True)
    name = f"{uuid.uuid4().hex}.eml"
    partial = outbox / f".{name}.tmp"
    partial.write_bytes(message.as_bytes())
    final = outbox / name
    partial.replace(final)
    log.info("wrote an email to the outbox")  # never the address: logs must not name members
    return final


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(mail_key: str, kind: str) -> str:
    """A signed token that turns off one kind of email for one member, without logging in.

    It names the member by their mail key (Member.ensure_mail_key), never the account id,
    and does not expire: an unsubscribe link in an old email must still work.
    """
    return _serializer().dumps([mail_key, kind])


def read_unsubscribe_token(token: str) -> tuple[str, str] | None:
    """The (mail key, kind) a token names, or None for a forged or damaged token."""
    try:
        mail_key, kind = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(mail_key, str) or not isinstance(kind, str):
        return None
    return mail_key, kind
