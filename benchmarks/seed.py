"""Build a benchmark database through the migrations and bulk loads; reuse it while valid."""

from __future__ import annotations

import json
import random
import time
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path

from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import Engine
from tqdm import tqdm
from werkzeug.security import generate_password_hash

from benchmarks import ROOT, app_config
from benchmarks.bulk import RowWriter, writer_for
from benchmarks.consistency import check_counts, problems
from benchmarks.content import COMMON_WORD
from benchmarks.databases import BenchDatabase, recreate_postgresql
from benchmarks.generate import CaseRows, EditionRows, RowFactory, Shape
from caseboard import create_app
from caseboard.cases.queries import search_page
from caseboard.curation import weeks
from caseboard.database import refresh_planner_statistics
from caseboard.extensions import db
from caseboard.models import (
    Case,
    CaseFollow,
    Edition,
    HelpfulVote,
    Highlight,
    Member,
    Reply,
    Verdict,
)
from caseboard.models.base import utcnow
from caseboard.search import parse_query

SEED_VERSION = 5  # bump when the generated data changes, so old databases are rebuilt
BATCH_CASES = 250
SPREAD = timedelta(days=60)
# Moderators feature cases with a discussion to learn from, not ones nobody judged.
MIN_FEATURED_VERDICTS = 3
BUSY_SHAPE = Shape(
    verdicts=200,
    replies=400,
    case_reply_share=0.0,
    nested_share=0.35,
    deleted_share=0.0,
    verdict_votes=8,
    reply_votes=1.5,
    replies_follow_votes=True,
)
TABLES = {
    "members": Member.__table__,
    "cases": Case.__table__,
    "verdicts": Verdict.__table__,
    "replies": Reply.__table__,
    "helpful_votes": HelpfulVote.__table__,
    "editions": Edition.__table__,
    "highlights": Highlight.__table__,
    "case_follows": CaseFollow.__table__,
}


@dataclass(frozen=True)
class Plan:
    """What to seed: ordinary cases (the busy one comes on top), the member pool, the weekly
    highlight editions going back from last week and the cases each features, the RNG seed."""

    cases: int = 10_000
    members: int = 2_000
    editions: int = 52
    highlights_per_edition: int = 5
    seed: int = 2026


def prepare(database: BenchDatabase, redis_url: str, plan: Plan, *, reseed: bool) -> dict:
    """The manifest of a database matching `plan`: the existing one if valid, else a new one
    built through the migrations, checked (stored counts, search) and timed."""
    if not reseed:
        manifest = reusable_manifest(database, plan)
        if manifest is not None:
            print(f"Reusing the seeded {database.kind} database {database.name}.")
            return manifest
    started = time.perf_counter()
    _start_empty(database)
    app = create_app(app_config(database.url, redis_url))
    with app.app_context():
        upgrade()
        writer = writer_for(db.engine)
        manifest = seed(db.engine, writer, plan, desc=f"Seeding {database.kind}")
        writer.finish(TABLES.values())
        # What the app's sweep job keeps doing on a live board (SQLite; PostgreSQL's writer
        # has analyzed already).
        refresh_planner_statistics()
        found = check_counts(db.engine)
        matches = len(search_page(parse_query(COMMON_WORD), {}, page=1, per_page=5).items)
        db.session.remove()
        db.engine.dispose()
    if problems(found):
        raise RuntimeError(f"Seeded counts disagree with their rows: {problems(found)}")
    if not matches:
        raise RuntimeError(f"A search for {COMMON_WORD!r} finds nothing: the index missed the rows")
    manifest["alembic_head"] = migrations_head()
    manifest["seed_seconds"] = round(time.perf_counter() - started, 1)
    database.manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    print(
        f"Seeded {database.kind} with {plan.cases:,} cases in {manifest['seed_seconds']:.0f} s; "
        f"a search for {COMMON_WORD!r} finds them."
    )
    return manifest


def _start_empty(database: BenchDatabase) -> None:
    """No database and no manifest: a half-seeded database is never mistaken for a whole one."""
    database.manifest_path.unlink(missing_ok=True)
    if database.kind == "postgresql":
        recreate_postgresql(database)
        return
    path = database.sqlite_path
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)


def seed(engine: Engine, writer: RowWriter, plan: Plan, desc: str = "Seeding") -> dict:
    """Insert the member pool, the cases and the busy case, in batches under a progress bar,
    then the highlight editions featuring some of the closed cases."""
    rng = random.Random(plan.seed)
    now = utcnow()
    factory = RowFactory(rng, plan.members, now)
    # One scrypt hash for everyone: scrypt is slow on purpose, 2,000 of them would take minutes.
    password_hash = generate_password_hash("bench-password-2026", method="scrypt")
    writer.write([(TABLES["members"], factory.members(password_hash))])
    busy_id = plan.cases + 1
    batch: list[CaseRows] = []
    busy_public_id = ""
    with tqdm(total=busy_id, unit="case", desc=desc, dynamic_ncols=True) as bar:
        for case_id in range(1, busy_id + 1):
            if case_id == busy_id:
                rows = factory.case(case_id, now - timedelta(hours=20), BUSY_SHAPE)
                busy_public_id = rows.case["public_id"]
            else:
                published_at = now - timedelta(seconds=rng.uniform(0, SPREAD.total_seconds()))
                shape = Shape(verdicts=rng.randint(0, 20), replies=rng.randint(0, 6))
                rows = factory.case(case_id, published_at, shape)
            batch.append(rows)
            if len(batch) == BATCH_CASES or case_id == busy_id:
                writer.write(
                    [
                        (TABLES["cases"], [rows.case for rows in batch]),
                        (TABLES["verdicts"], [row for rows in batch for row in rows.verdicts]),
                        (TABLES["replies"], [row for rows in batch for row in rows.replies]),
                        (TABLES["helpful_votes"], [row for rows in batch for row in rows.votes]),
                    ]
                )
                bar.update(len(batch))
                batch = []
    with engine.begin() as connection:  # as posting a case does (and migration 0006 did)
        connection.execute(
            insert(CaseFollow).from_select(
                ["member_id", "case_id", "created_at"],
                select(Case.author_id, Case.id, Case.published_at),
            )
        )
    editions = seed_editions(engine, writer, factory, plan)
    return {
        "version": SEED_VERSION,
        "plan": asdict(plan),
        "busy_public_id": busy_public_id,
        # The newest edition's key (2026-W47, say); None when no case could be featured.
        "edition_key": editions[0].key if editions else None,
        "seeded_at": now.isoformat(timespec="seconds"),
        "counts": table_counts(engine),
    }


def seed_editions(
    engine: Engine, writer: RowWriter, factory: RowFactory, plan: Plan
) -> list[EditionRows]:
    """One published edition per ISO week, newest (last week's) first, each featuring distinct
    closed cases that had closed by the time the newest edition came out.

    The seeded cases span only SPREAD, so older editions feature cases younger than they
    are; nothing a reader's page does depends on that.
    """
    year, week = weeks.week_of(factory.now)
    keys = [weeks.shift(year, week, -back) for back in range(1, plan.editions + 1)]
    newest_published = min(weeks.bounds(*keys[0])[1] + timedelta(hours=9), factory.now)
    closed = (
        select(Case.id, Case.closed_at)
        .where(
            Case.status == "published",
            Case.closed_at.is_not(None),
            Case.closed_at < newest_published,
            Case.verdict_count >= MIN_FEATURED_VERDICTS,
        )
        .order_by(Case.id)
    )
    with engine.connect() as connection:
        candidates = connection.execute(closed).all()
    per_edition = plan.highlights_per_edition
    count = min(len(keys), len(candidates) // per_edition) if per_edition else 0
    picked = factory.rng.sample(candidates, count * per_edition)
    # The latest cases in the newest editions, as moderators pick from the week just closed.
    featured = [case_id for case_id, _ in sorted(picked, key=lambda row: row[1], reverse=True)]
    editions = [
        factory.edition(*keys[n], featured[n * per_edition : (n + 1) * per_edition])
        for n in range(count)
    ]
    if editions:
        writer.write(
            [
                (TABLES["editions"], [rows.edition for rows in editions]),
                (TABLES["highlights"], [row for rows in editions for row in rows.highlights]),
            ]
        )
    return editions


def table_counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            name: connection.execute(text(f"SELECT count(*) FROM {name}")).scalar_one()
            for name in TABLES
        }


def migrations_head() -> str:
    return ScriptDirectory(str(ROOT / "migrations")).get_current_head() or ""


def reusable_manifest(database: BenchDatabase, plan: Plan) -> dict | None:
    """The saved manifest, if the database is there, up to date, has its row counts and the
    busy case the manifest names (public ids are random: a reseed elsewhere would not)."""
    path = database.manifest_path
    if not path.exists() or (database.kind == "sqlite" and not database.sqlite_path.exists()):
        return None
    manifest = json.loads(path.read_text())
    if manifest.get("version") != SEED_VERSION or manifest.get("plan") != asdict(plan):
        return None
    if manifest.get("alembic_head") != migrations_head():
        return None
    engine = create_engine(database.url)
    try:
        with engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            if version.scalar() != manifest["alembic_head"]:
                return None
            busy = connection.execute(
                select(Case.id).where(Case.public_id == manifest["busy_public_id"])
            )
            if busy.first() is None:
                return None
        return manifest if table_counts(engine) == manifest.get("counts") else None
    except Exception:  # a half-written, foreign or missing database: rebuild it
        return None
    finally:
        engine.dispose()
