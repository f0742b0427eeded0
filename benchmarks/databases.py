"""Where a benchmark's data lives: a SQLite file, or a PostgreSQL database of its own.

PostgreSQL databases are created, dropped and copied here, so every such statement checks
first that the name is one of the benchmark's (never `test`, never anyone's real data).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import psycopg
import redis
from sqlalchemy.engine import make_url

BENCH_PREFIX = "caseboard_bench"
DEFAULT_POSTGRESQL_URL = f"postgresql+psycopg://postgres@127.0.0.1:5432/{BENCH_PREFIX}"
# The real Redis server, on a database number nobody else here uses (the tests use 15).
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"


@dataclass(frozen=True)
class BenchDatabase:
    """One database to seed and measure, and where its manifest (what was seeded) is kept."""

    kind: str  # "sqlite" or "postgresql"
    url: str  # as SQLAlchemy and DATABASE_URL take it
    manifest_path: Path

    @property
    def name(self) -> str:
        """The file's or the database's name, for messages."""
        return make_url(self.url).database or ""

    @property
    def sqlite_path(self) -> Path:
        return Path(self.name)


def sqlite_database(path: Path) -> BenchDatabase:
    return BenchDatabase("sqlite", f"sqlite:///{path}", path.with_suffix(".json"))


def postgresql_database(url: str, results: Path) -> BenchDatabase:
    """A PostgreSQL benchmark database; its manifest lives with the results, not in it."""
    url = make_url(url).set(drivername="postgresql+psycopg").render_as_string(False)
    database = BenchDatabase("postgresql", url, Path())
    _require_bench_name(database.name)
    return BenchDatabase("postgresql", url, results / f"{database.name}.postgresql.json")


def _require_bench_name(name: str) -> None:
    if not name.startswith(BENCH_PREFIX):
        raise ValueError(
            f"refusing to touch the PostgreSQL database {name!r}: benchmark databases are "
            f"named {BENCH_PREFIX}*, so the test database and real data stay out of reach"
        )


def _admin(database: BenchDatabase) -> psycopg.Connection:
    """An autocommit connection to the server's maintenance database, for CREATE/DROP."""
    url = make_url(database.url).set(drivername="postgresql", database="postgres")
    return psycopg.connect(url.render_as_string(False), autocommit=True, connect_timeout=3)


def postgresql_unreachable(database: BenchDatabase) -> str | None:
    """Why the PostgreSQL server cannot be used, or None when it answers."""
    try:
        with _admin(database) as connection:
            connection.execute("SELECT 1")
    except psycopg.Error as error:
        return f"PostgreSQL is not reachable ({str(error).strip().splitlines()[0]})"
    return None


def redis_unreachable(url: str) -> str | None:
    """Why the Redis server at `url` cannot be used, or None when it answers."""
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
    try:
        client.ping()
    except redis.RedisError as error:
        return f"the Redis server at {url} is not reachable ({error})"
    finally:
        client.close()
    return None


def postgresql_exists(database: BenchDatabase) -> bool:
    with _admin(database) as connection:
        found = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (database.name,)
        ).fetchone()
    return found is not None


def recreate_postgresql(database: BenchDatabase, template: BenchDatabase | None = None) -> None:
    """Drop the database if it is there (closing its sessions) and create it again, empty
    or as a file copy of `template` (which must have no sessions open)."""
    _require_bench_name(database.name)
    with _admin(database) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')
        create = f'CREATE DATABASE "{database.name}"'
        if template is not None:
            _require_bench_name(template.name)
            # A template must have no sessions: end any this benchmark left open on it.
            connection.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE datname = %s AND pid <> pg_backend_pid()",
                (template.name,),
            )
            # A file copy takes seconds where the default (WAL-logged) copy takes minutes.
            strategy = " STRATEGY = FILE_COPY" if connection.info.server_version >= 150000 else ""
            create += f' TEMPLATE "{template.name}"{strategy}'
        connection.execute(create)


def drop_postgresql(database: BenchDatabase) -> None:
    _require_bench_name(database.name)
    with _admin(database) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{database.name}" WITH (FORCE)')


def postgresql_copy(database: BenchDatabase, suffix: str) -> BenchDatabase:
    """The same server's database named after this one plus `suffix` (not created here)."""
    url = make_url(database.url).set(database=database.name + suffix)
    return BenchDatabase("postgresql", url.render_as_string(False), Path())


def flush_redis(url: str) -> None:
    """Empty the benchmark's own Redis database: caches and rate-limit counts start afresh."""
    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()
