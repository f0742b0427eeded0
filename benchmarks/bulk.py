"""Bulk row writers for the seed: executemany inserts on SQLite, COPY on PostgreSQL.

Rows come with explicit ids, so nothing needs RETURNING; each batch is one transaction with
parents before children, since foreign keys are enforced on both databases.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sqlalchemy import Column, Table, insert, text
from sqlalchemy.engine import Engine

Batch = Sequence[tuple[Table, list[dict]]]


class RowWriter(Protocol):
    def write(self, batch: Batch) -> None: ...

    def finish(self, tables: Iterable[Table]) -> None: ...


def writer_for(engine: Engine) -> RowWriter:
    return CopyWriter(engine) if engine.dialect.name == "postgresql" else InsertWriter(engine)


class InsertWriter:
    """SQLAlchemy Core executemany: fast enough on SQLite, which has no COPY."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def write(self, batch: Batch) -> None:
        with self.engine.begin() as connection:
            # 512 MB of page cache, not the default 2 MB: the indexes on random keys (public
            # ids, voters) otherwise send most inserts to the disk once the tables outgrow it.
            connection.execute(text("PRAGMA cache_size = -524288"))
            for table, rows in batch:
                if rows:
                    connection.execute(insert(table), rows)

    def finish(self, tables: Iterable[Table]) -> None:
        """Fold the WAL into the file, so the first benchmark reads do not pay for it."""
        with self.engine.begin() as connection:
            connection.execute(text("PRAGMA wal_checkpoint(TRUNCATE)"))


class CopyWriter:
    """psycopg 3's COPY FROM STDIN: an order of magnitude faster than INSERTs at 1M rows."""

    def __init__(self, engine: Engine):
        self.engine = engine

    def write(self, batch: Batch) -> None:
        with self.engine.begin() as connection:
            # Only the seed's own transactions: losing the last ones in a crash costs a reseed.
            connection.execute(text("SET LOCAL synchronous_commit = off"))
            cursor = connection.connection.driver_connection.cursor()
            for table, rows in batch:
                if rows:
                    copy_rows(cursor, table, rows)

    def finish(self, tables: Iterable[Table]) -> None:
        """Move each id sequence past the explicit ids, so the app's own inserts get fresh
        ones; then VACUUM ANALYZE, so the planner knows the sizes and autovacuum does not
        wake up in the middle of a measurement."""
        with self.engine.begin() as connection:
            for table in (table for table in tables if "id" in table.c):
                connection.execute(
                    text(
                        f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                        f"coalesce(max(id), 1), max(id) IS NOT NULL) FROM {table.name}"
                    )
                )
        with self.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT")
            connection.execute(text("VACUUM (ANALYZE)"))


def copy_rows(cursor: Any, table: Table, rows: list[dict]) -> None:
    """COPY `rows` into `table`: the columns the rows carry, plus those with a Python-side
    default (which COPY, unlike a Core insert, would otherwise leave to the server)."""
    columns = [c for c in table.columns if c.name in rows[0] or c.default is not None]
    names = ", ".join(c.name for c in columns)
    with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([_value(row, column) for column in columns])


def _value(row: dict, column: Column) -> Any:
    if column.name in row:
        return row[column.name]
    default = column.default
    if default.is_callable:
        return default.arg(None)  # SQLAlchemy wraps zero-argument callables to take a context
    return default.arg
