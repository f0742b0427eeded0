"""Per page, in-process: SQL queries and their time, Redis commands, size and request time."""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

import redis
from sqlalchemy import event
from sqlalchemy.engine import Engine

from benchmarks import app_config
from benchmarks.sessions import USER_AGENT, logged_in, member_session
from caseboard import create_app
from caseboard.extensions import db


@dataclass
class PageProfile:
    status: int
    queries: int
    sql_ms: float
    request_ms: float  # median over the timed calls, test client overhead included
    redis_commands: int
    kilobytes: float  # of the HTML
    sets_cookie: bool  # an anonymous page that sets a cookie cannot be cached by a proxy
    statements: list[str] = field(default_factory=list)
    # The first call, before anything was cached: what a reader gets after every write.
    cold_queries: int = 0
    cold_statements: list[str] = field(default_factory=list)


class QueryCounter:
    """Listens on the engine: every statement the app sends, and the time it spends in them."""

    def __init__(self) -> None:
        self.statements: list[str] = []
        self.seconds = 0.0
        self._started = 0.0

    def before(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.statements.append(" ".join(statement.split()))
        self._started = time.perf_counter()

    def after(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.seconds += time.perf_counter() - self._started

    def reset(self) -> None:
        self.statements.clear()
        self.seconds = 0.0


def _commands_processed(client: redis.Redis) -> int:
    return int(client.info("stats")["total_commands_processed"])


def profile_pages(
    database_url: str,
    redis_url: str,
    paths: dict[str, str],
    member_id: int | None = None,
    timed_calls: int = 20,
) -> dict[str, PageProfile]:
    """Call each page once cold (Redis is emptied first, so nothing is cached yet), once
    warm, both counting, then `timed_calls` times for timing; as an anonymous reader, or as
    the member `member_id` when given (whose pages must show them logged in)."""
    app = create_app(app_config(database_url, redis_url))
    with app.app_context():
        engine = db.engine
    # The same headers wrk sends: no cookie but the member's, so no call sees an earlier one's.
    headers = member_session(app, member_id).headers if member_id else {"User-Agent": USER_AGENT}
    counter = QueryCounter()
    # Every engine's: on PostgreSQL, reading pages use one of their own (caseboard.reading).
    event.listen(Engine, "before_cursor_execute", counter.before)
    event.listen(Engine, "after_cursor_execute", counter.after)
    client = app.test_client(use_cookies=False)
    redis_client = redis.Redis.from_url(redis_url)
    redis_client.flushdb()
    profiles = {}
    try:
        for name, path in paths.items():
            counter.reset()
            client.get(path, headers=headers)
            cold_statements = list(counter.statements)
            counter.reset()
            commands_before = _commands_processed(redis_client)
            response = client.get(path, headers=headers)
            if member_id and response.status_code == 200 and not logged_in(response.text):
                raise RuntimeError(f"{name} at {path} does not show member {member_id} logged in")
            # The second INFO counts the first one too.
            redis_commands = _commands_processed(redis_client) - commands_before - 1
            profile = PageProfile(
                status=response.status_code,
                queries=len(counter.statements),
                sql_ms=counter.seconds * 1000,
                request_ms=0.0,
                redis_commands=redis_commands,
                kilobytes=len(response.data) / 1024,
                sets_cookie="Set-Cookie" in response.headers,
                statements=list(counter.statements),
                cold_queries=len(cold_statements),
                cold_statements=cold_statements,
            )
            durations = []
            # An error page is not worth timing: it only logs the same traceback again.
            for _ in range(timed_calls if response.status_code == 200 else 0):
                started = time.perf_counter()
                client.get(path, headers=headers)
                durations.append(time.perf_counter() - started)
            profile.request_ms = statistics.median(durations) * 1000 if durations else 0.0
            profiles[name] = profile
    finally:
        event.remove(Engine, "before_cursor_execute", counter.before)
        event.remove(Engine, "after_cursor_execute", counter.after)
        engine.dispose()
        redis_client.close()
    return profiles
