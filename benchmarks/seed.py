"""Build the benchmark database through the migrations and bulk inserts; reuse it while valid."""

from __future__ import annotations

import json
import random
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
from benchmarks.generate import CaseRows, EditionRows, RowFactory, Shape
from caseboard import create_app
from caseboard.curation import weeks
from caseboard.extensions import db
from caseboard.models import Case, Edition, HelpfulVote, Highlight, Member, Reply, Verdict
from caseboard.models.base import utcnow

SEED_VERSION = 4  # bump when the generated data changes, so old databases are rebuilt
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
}
# Each query counts rows whose stored count disagrees with the rows it counts.
CONSISTENCY_CHECKS = {
    "case verdict counts": "SELECT count(*) FROM cases c WHERE verdict_count != "
    "(SELECT count(*) FROM verdicts v WHERE v.case_id = c.id)",
    "case label counts": "SELECT count(*) FROM cases WHERE verdict_count != "
    "yta_count + nta_count + esh_count + nah_count + info_count",
    "case reply counts": "SELECT count(*) FROM cases c WHERE reply_count != (SELECT count(*) "
    "FROM replies r WHERE r.case_id = c.id AND r.deleted_at IS NULL)",
    "verdict reply counts": "SELECT count(*) FROM verdicts v WHERE reply_count != (SELECT "
    "count(*) FROM replies r WHERE r.verdict_id = v.id AND r.deleted_at IS NULL)",
    "verdict helpful counts": "SELECT count(*) FROM verdicts v WHERE helpful_count != (SELECT "
    "count(*) FROM helpful_votes h WHERE h.verdict_id = v.id AND h.helpful)",
    "reply helpful counts": "SELECT count(*) FROM replies r WHERE not_helpful_count != (SELECT "
    "count(*) FROM helpful_votes h WHERE h.reply_id = r.id AND NOT h.helpful)",
    # Not a count, but as wrong: only published cases whose window closed can be featured.
    "featured open cases": "SELECT count(*) FROM highlights h JOIN cases c ON c.id = h.case_id "
    "WHERE c.closed_at IS NULL OR c.status != 'published'",
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


def prepare(database: Path, redis_url: str, plan: Plan, *, reseed: bool) -> dict:
    """The manifest of a database matching `plan`: the existing one if valid, else a new one."""
    manifest_path = database.with_suffix(".json")
    if not reseed:
        manifest = reusable_manifest(database, manifest_path, plan)
        if manifest is not None:
            print(f"Reusing the seeded database {database} (--reseed rebuilds it).")
            return manifest
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm"), manifest_path):
        path.unlink(missing_ok=True)
    app = create_app(app_config(database, redis_url))
    with app.app_context():
        upgrade()
        manifest = seed(db.engine, plan)
        with db.engine.begin() as connection:
            problems = {
                name: count
                for name, sql in CONSISTENCY_CHECKS.items()
                if (count := connection.execute(text(sql)).scalar_one())
            }
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))
        db.engine.dispose()
    if problems:
        raise RuntimeError(f"Seeded counts disagree with their rows: {problems}")
    manifest["alembic_head"] = migrations_head()
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def seed(engine: Engine, plan: Plan) -> dict:
    """Insert the member pool, the cases and the busy case, in batches under a progress bar,
    then the highlight editions featuring some of the closed cases."""
    rng = random.Random(plan.seed)
    now = utcnow()
    factory = RowFactory(rng, plan.members, now)
    # One scrypt hash for everyone: scrypt is slow on purpose, 2,000 of them would take minutes.
    password_hash = generate_password_hash("bench-password-2026", method="scrypt")
    with engine.begin() as connection:
        connection.execute(insert(TABLES["members"]), factory.members(password_hash))
    busy_id = plan.cases + 1
    batch: list[CaseRows] = []
    busy_public_id = ""
    with tqdm(total=busy_id, unit="case", desc="Seeding", dynamic_ncols=True) as bar:
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
                insert_batch(engine, batch)
                bar.update(len(batch))
                batch = []
    editions = seed_editions(engine, factory, plan)
    return {
        "version": SEED_VERSION,
        "plan": asdict(plan),
        "busy_public_id": busy_public_id,
        # The newest edition's key (2026-W47, say); None when no case could be featured.
        "edition_key": editions[0].key if editions else None,
        "seeded_at": now.isoformat(timespec="seconds"),
        "counts": table_counts(engine),
    }


def insert_batch(engine: Engine, batch: list[CaseRows]) -> None:
    """One transaction per batch, parents before children (foreign keys are enforced)."""
    with engine.begin() as connection:
        connection.execute(insert(TABLES["cases"]), [rows.case for rows in batch])
        for name, attribute in (
            ("verdicts", "verdicts"),
            ("replies", "replies"),
            ("helpful_votes", "votes"),
        ):
            values = [row for rows in batch for row in getattr(rows, attribute)]
            if values:
                connection.execute(insert(TABLES[name]), values)


def seed_editions(engine: Engine, factory: RowFactory, plan: Plan) -> list[EditionRows]:
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
        with engine.begin() as connection:
            connection.execute(insert(TABLES["editions"]), [rows.edition for rows in editions])
            connection.execute(
                insert(TABLES["highlights"]),
                [highlight for rows in editions for highlight in rows.highlights],
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


def reusable_manifest(database: Path, manifest_path: Path, plan: Plan) -> dict | None:
    """The saved manifest, if the database is there, up to date and has its row counts."""
    if not (database.exists() and manifest_path.exists()):
        return None
    manifest = json.loads(manifest_path.read_text())
    if manifest.get("version") != SEED_VERSION or manifest.get("plan") != asdict(plan):
        return None
    if manifest.get("alembic_head") != migrations_head():
        return None
    engine = create_engine(f"sqlite:///{database}")
    try:
        with engine.connect() as connection:
            version = connection.execute(text("SELECT version_num FROM alembic_version"))
            if version.scalar() != manifest["alembic_head"]:
                return None
        return manifest if table_counts(engine) == manifest.get("counts") else None
    except Exception:  # a half-written or foreign file: rebuild it
        return None
    finally:
        engine.dispose()
