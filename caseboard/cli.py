"""Flask commands: demo content, the background worker, recounting, closing case windows,
asking follow-up questions."""

from __future__ import annotations

import click
from flask import Flask
from sqlalchemy import select

from caseboard.cache import drop_cached_pages
from caseboard.cases.counts import recount_case
from caseboard.demo import seed_demo
from caseboard.extensions import db
from caseboard.follow_ups import ask_due_follow_ups
from caseboard.lifecycle import close_expired_windows
from caseboard.models import Case
from caseboard.moderation.cli import create_admin_command, moderation_cli
from caseboard.worker import run_worker


@click.command("seed-demo")
def seed_demo_command() -> None:
    """Load the demo members, cases, verdicts, replies and votes (safe to run twice)."""
    created = seed_demo()
    click.echo(f"Demo content: {created} cases added." if created else "Demo content is there.")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker_command(burst: bool) -> None:
    """Run an RQ worker for Caseboard's queue, inside the app context."""
    run_worker(burst=burst)


@click.command("recount")
def recount_command() -> None:
    """Recompute every stored count from the rows, and report how many had drifted."""
    case_ids = list(db.session.scalars(select(Case.id).order_by(Case.id)))
    drifted = 0
    for case_id in case_ids:
        if recount_case(case_id):
            drifted += 1
            db.session.commit()
            drop_cached_pages(case_id)
    click.echo(f"{drifted} of {len(case_ids)} cases had counts that drifted; all are right now.")


@click.command("close-windows")
def close_windows_command() -> None:
    """Close every case whose window has passed and store its outcome (safe to run in cron)."""
    click.echo(f"Closed {close_expired_windows()} case windows.")


@click.command("ask-follow-ups")
def ask_follow_ups_command() -> None:
    """Ask the authors of cases closed 30 or 90 days ago how it played out (safe in cron)."""
    click.echo(f"Asked {ask_due_follow_ups()} follow-up questions.")


def init_app(app: Flask) -> None:
    """Register the commands on `flask --app caseboard`."""
    for command in (
        seed_demo_command,
        worker_command,
        recount_command,
        close_windows_command,
        ask_follow_ups_command,
        create_admin_command,
        moderation_cli,
    ):
        app.cli.add_command(command)
