"""Build the benchmark database through the migrations and bulk inserts; reuse it while valid."""

from __future__ import annotations

import json
import random
from dataclasses import asdict, dataclass
from datetime import timedelta
from pathlib import Path

from alembic.script import ScriptDirectory
from flask_migrate import upgrade
from sqlalchemy import create_engine, insert, text
from sqlalchemy.engine import Engine
from tqdm import tqdm
from werkzeug.security import generate_password_hash

from benchmarks import ROOT, app_config
from benchmarks.generate import CaseRows, RowFactory, Shape
from caseboard import create_app
from caseboard.extensions import db
from caseboard.models import Case, HelpfulVote, Member, Reply, Verdict
from caseboard.models.base import utcnow

SEED_VERSION = 3  # bump when the generated data changes, so old databases are rebuilt
BATCH_CASES = 250
SPREAD = timedelta(days=60)
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
}


@dataclass(frozen=True)
class Plan:
    """What to seed: ordinary cases (the busy one comes on top), the member pool, the RNG seed."""

    cases: int = 10_000
    members: int = 2_000
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
    """Insert the member pool, the cases and the busy case, in batches under a progress bar."""
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
    return {
        "version": SEED_VERSION,
        "plan": asdict(plan),
        "busy_public_id": busy_public_id,
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
