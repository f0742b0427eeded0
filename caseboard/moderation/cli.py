"""Moderation commands: the first admin, moderators, the log export, and the one audited
way to learn which account wrote something."""

from __future__ import annotations

import logging
import sys

import click
from flask.cli import AppGroup

log = logging.getLogger("caseboard.audit")

moderation_cli = AppGroup("moderation", help="Moderators, the moderation log, audited lookups.")


@click.command("create-admin")
@click.argument("username")
@click.option("--email", default=None, help="Optional email for the new account.")
@click.password_option(help="Password for a new account (asked for if not given).")
def create_admin_command(username: str, email: str | None, password: str) -> None:
    """Make USERNAME an admin: a new account, or an existing member promoted."""
    from sqlalchemy import select

    from caseboard.accounts import services as accounts
    from caseboard.errors import ServiceError
    from caseboard.extensions import db
    from caseboard.models import Member, Role

    member = db.session.scalar(select(Member).where(Member.username == username))
    if member is None:
        try:
            member = accounts.register(username, password, email)
        except ServiceError as error:  # a guessable password, or a taken email
            raise click.ClickException(error.message) from None
        created = True
    else:
        created = False
    member.role = Role.ADMIN
    db.session.commit()
    click.echo(f"{'Created' if created else 'Promoted'} admin account {username!r}.")


@moderation_cli.command("grant")
@click.argument("username")
@click.option("--revoke", is_flag=True, help="Take the moderator role away instead.")
def grant_command(username: str, revoke: bool) -> None:
    """Make USERNAME a moderator (or, with --revoke, a member again)."""
    from caseboard.extensions import db
    from caseboard.models import Role
    from caseboard.moderation.roles import find_member

    member = find_member(username)
    if member.is_admin:
        raise click.ClickException("That account is an admin; admins moderate already.")
    member.role = Role.MEMBER if revoke else Role.MODERATOR
    db.session.commit()
    click.echo(f"{username!r} is now a {member.role}.")


@moderation_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default="-",
    help="File to write (default: standard output).",
)
def export_command(fmt: str, output: str) -> None:
    """Write the whole moderation log, oldest first, as CSV or JSON."""
    from caseboard.moderation.log import export

    if output == "-":
        count = export(sys.stdout, fmt)
    else:
        with open(output, "w", encoding="utf-8", newline="") as stream:
            count = export(stream, fmt)
    click.echo(f"{count} log entries written.", err=True)


@moderation_cli.command("identify")
@click.argument("kind", type=click.Choice(["case", "verdict", "reply"]))
@click.argument("public_id")
@click.option("--admin", "admin_name", required=True, help="Your own admin username.")
@click.option("--reason", required=True, help="Why this lookup is needed; it is logged.")
@click.password_option(
    "--password",
    prompt="Your admin password",
    confirmation_prompt=False,
    help="Your own password: the log names who looked, so it must be you.",
)
def identify_command(
    kind: str, public_id: str, admin_name: str, reason: str, password: str
) -> None:
    """Show which account wrote a case, verdict or reply. Admins only; every lookup is
    recorded in the moderation log (without its answer) and in the audit log."""
    from caseboard.errors import NotFound
    from caseboard.extensions import db
    from caseboard.identity import moderator_alias
    from caseboard.models import Member
    from caseboard.moderation import log as modlog
    from caseboard.moderation import subjects
    from caseboard.moderation.roles import find_member

    try:
        admin = find_member(admin_name)
        subject = subjects.by_public_id(kind, public_id)
    except NotFound as error:
        raise click.ClickException(error.message) from None
    if not admin.is_admin or not admin.check_password(password):
        raise click.ClickException("Only an admin, with their own password, can look this up.")
    if len(reason.strip()) < 10:
        raise click.ClickException("Give a real reason (at least 10 characters); it is logged.")
    author = db.session.get(Member, subjects.author_id(subject))
    # Marked identifying: the public log shows that a lookup happened, not what or why.
    modlog.record(admin, "identity_lookup", subject, reason_text=reason.strip(), identifying=True)
    db.session.commit()
    log.warning(
        "identity lookup: %s looked up the author of %s %s; reason: %s",
        moderator_alias(admin.id),
        kind,
        public_id,
        reason.strip(),
    )
    click.echo(f"username: {author.username}")
    click.echo(f"email: {author.email or '(none)'}")
    if author.deleted_at is not None:
        click.echo("This account has been deleted.")
