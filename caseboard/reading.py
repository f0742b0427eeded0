"""Views that only read: on PostgreSQL their statements run outside a transaction, on
connections that are not pinged first.

A transaction costs a request two round trips to PostgreSQL that a page which only reads
does not need (BEGIN before its first statement, ROLLBACK when the session closes), and the
pool's ping before each checkout a third, on top of one per statement: with three
statements, half of a member's page's database time. Outside a transaction each statement
sees the latest committed rows, which is what READ COMMITTED gives each statement inside one
anyway, so the page shows exactly what it did. Instead of a ping, a reading view whose
connection turns out dead (PostgreSQL restarted) runs once more on a fresh one: it wrote
nothing, so running it again is safe. Views that write keep their transactions and pings.
SQLite's BEGIN costs no round trip and it has nothing to ping, so it keeps its transactions.

A view marked `reads_only` must not write: a flush in one raises (it would commit statement
by statement, not all or nothing).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from weakref import WeakKeyDictionary

from flask import current_app, g, has_request_context
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

_reading_engines: WeakKeyDictionary[Engine, Engine] = WeakKeyDictionary()
_creating = threading.Lock()


def reads_only(view: Callable) -> Callable:
    """Mark a view that only reads (see the module's docstring). Put it outermost, so the
    request's first statement (often the member's login) already runs outside a transaction."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        g.reads_only = True
        try:
            return view(*args, **kwargs)
        except DBAPIError as error:
            if not error.connection_invalidated:
                raise
            # The pool has dropped its connections from before the restart: start afresh.
            current_app.extensions["sqlalchemy"].session.rollback()
            return view(*args, **kwargs)

    return wrapper


def _reading_only() -> bool:
    return has_request_context() and g.get("reads_only", False)


def _reading_engine(engine: Engine) -> Engine:
    """The engine's twin for reading views: the same database and settings, outside a
    transaction and without pings, with a pool of its own (a pool pings all or none)."""
    twin = _reading_engines.get(engine)
    if twin is None:
        with _creating:  # threads of one worker share the twin
            twin = _reading_engines.get(engine)
            if twin is None:
                options = dict(current_app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
                options.update(isolation_level="AUTOCOMMIT", pool_pre_ping=False)
                twin = _reading_engines[engine] = create_engine(engine.url, **options)
    return twin


@event.listens_for(Engine, "engine_disposed")
def _dispose_reading_engine(engine: Engine) -> None:
    """Close the twin's connections with its engine's (tests dispose of an engine per app)."""
    twin = _reading_engines.pop(engine, None)
    if twin is not None:
        twin.dispose()


class Session(FlaskSession):
    """Flask-SQLAlchemy's session, bound to the reading engine in a reads_only view on
    PostgreSQL."""

    def get_bind(self, mapper=None, clause=None, bind=None, **kwargs):
        engine = super().get_bind(mapper=mapper, clause=clause, bind=bind, **kwargs)
        if bind is None and engine.dialect.name == "postgresql" and _reading_only():
            return _reading_engine(engine)
        return engine


@event.listens_for(Session, "before_flush")
def _refuse_writes_while_reading(session, flush_context, instances) -> None:
    if _reading_only():
        raise RuntimeError("a view marked reads_only tried to write")
