"""Database connection settings that SQLAlchemy's URL cannot carry, and inserting a row
that a constraint may refuse or that may already be there."""

from __future__ import annotations

import os
import sqlite3

from flask import Flask
from sqlalchemy import Table, event, exc
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

# The models, so Alembic and the app see the same metadata.
import caseboard.models  # noqa: F401
from caseboard.errors import ServiceError
from caseboard.extensions import db


@event.listens_for(Engine, "connect")
def _remember_process(dbapi_connection, connection_record) -> None:
    connection_record.info["pid"] = os.getpid()


@event.listens_for(Engine, "checkout")
def _refuse_inherited_connections(dbapi_connection, connection_record, connection_proxy) -> None:
    """An RQ work horse is a fork of its worker: a pooled connection it inherited belongs to
    the parent, and sharing one server session corrupts both (PostgreSQL refuses duplicate
    prepared statements). The child opens its own instead (SQLAlchemy's multiprocessing recipe).
    """
    if connection_record.info.get("pid") != os.getpid():
        connection_record.dbapi_connection = connection_proxy.dbapi_connection = None
        raise exc.DisconnectionError("connection inherited from a parent process; reconnecting")


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record) -> None:
    """SQLite: enforce foreign keys, and let readers and one writer work side by side."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.execute("PRAGMA busy_timeout = 10000")
    cursor.close()


def insert_or_refuse(row, refusal: ServiceError) -> None:
    """Add a row now; if the database refuses it (a constraint), undo and say why."""
    db.session.add(row)
    try:
        db.session.flush()
    except exc.IntegrityError:
        db.session.rollback()
        raise refusal from None


def upsert(table: Table):
    """An INSERT on `table` with ON CONFLICT clauses (`on_conflict_do_nothing` / `_update`),
    in the dialect of the database in use: SQLite and PostgreSQL spell them alike."""
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(table)


# Rows ANALYZE samples per index on SQLite: enough for the planner to tell a selective index
# from a broad one, in milliseconds however large the tables grow.
SQLITE_ANALYSIS_LIMIT = 1000


def refresh_planner_statistics() -> None:
    """Keep SQLite's query planner told how large the tables are. Without statistics it can
    pick a plan that is fine on a small board and takes seconds on a large one (the library's
    top verdicts per case did, at 100,000 cases). PostgreSQL's autovacuum does this itself."""
    connection = db.session.connection()
    if connection.dialect.name != "sqlite":
        return
    connection.exec_driver_sql(f"PRAGMA analysis_limit = {SQLITE_ANALYSIS_LIMIT}")
    connection.exec_driver_sql("ANALYZE")
    db.session.commit()


def init_app(app: Flask) -> None:
    """End each request's session even when its connection died under it."""
    app.teardown_appcontext(_close_session)


def _close_session(error: BaseException | None) -> None:
    """Close the request's session before Flask-SQLAlchemy's own teardown does (teardowns run
    last registered first). A connection the database dropped since the request's last
    statement (a restart, a failover) cannot roll back; SQLAlchemy has invalidated it by the
    time that fails, so closing again releases it, and a page already rendered is not
    turned into a 500."""
    try:
        db.session.remove()
    except exc.DBAPIError as failure:
        if not failure.connection_invalidated:
            raise
        db.session.remove()
