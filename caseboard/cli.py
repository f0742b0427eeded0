"""Flask commands: seed the demo content, run a background worker."""

from __future__ import annotations

import click
from flask import Flask


@click.command("seed-demo")
def seed_demo_command() -> None:
    """Load the demo members, cases, verdicts, replies and votes (safe to run twice)."""
    from caseboard.demo import seed_demo

    created = seed_demo()
    click.echo(f"Demo content: {created} cases added." if created else "Demo content is there.")


@click.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker_command(burst: bool) -> None:
    """Run an RQ worker for Caseboard's queue, inside the app context."""
    from caseboard.jobs import run_worker

    run_worker(burst=burst)


def init_app(app: Flask) -> None:
    """Register the commands on `flask --app caseboard`."""
    app.cli.add_command(seed_demo_command)
    app.cli.add_command(worker_command)
