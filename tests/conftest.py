"""Fixtures in the manner of Flask's tutorial: app, client, runner, and an auth helper.

The database and Redis are real. By default: a SQLite file built by the migrations and the
embedded Redis server. With CASEBOARD_TEST_DATABASE_URL / CASEBOARD_TEST_REDIS_URL set (as
`make test` does for its second pass): PostgreSQL and a real Redis server.
"""

from __future__ import annotations

import itertools
import os
import shutil
import sqlite3
import tempfile
import uuid
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import markupsafe
import pytest
from flask_migrate import upgrade
from sqlalchemy import create_engine, make_url, select, text

from caseboard import create_app
from caseboard.accounts import addresses
from caseboard.accounts.services import register
from caseboard.cases import services
from caseboard.extensions import db
from caseboard.models import Member
from caseboard.models.base import utcnow

TEST_SECRET_KEY = "test-secret-key-that-is-long-enough-to-pass-checks"
DATABASE_URL = os.environ.get("CASEBOARD_TEST_DATABASE_URL", "")
REDIS_URL = os.environ.get("CASEBOARD_TEST_REDIS_URL", "")
ON_POSTGRES = DATABASE_URL.startswith("postgres")
PASSWORD = "correct horse battery"


def base_config(database_url: str, redis_url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": TEST_SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "REDIS_URL": redis_url,
        "WTF_CSRF_ENABLED": False,
        "RATELIMIT_ENABLED": False,
        "PASSWORD_HASH_METHOD": "scrypt:1024:8:1",
        "YOUNG_CASE_HOURS": 0,  # tests of the shuffled young order set it themselves
        # Many tests post the same case text; the hold and near-duplicate tests turn these on.
        "NEW_MEMBER_HELD_CASES": 0,
        "DUPLICATE_WINDOW_DAYS": 0,
        # Every member counts as trusted from registration (accounts/trust.py), so tests that
        # post links, report or post quickly keep their meaning; the trust tests set these.
        "TRUST_MIN_DAYS": 0,
        "TRUST_MIN_HELPFUL": 0,
        # Windows close on time whatever their verdicts; the extension tests turn it on.
        "MIN_VERDICTS_TO_CLOSE": 0,
        # Cases are shown as soon as they are let through; the publication tests set a delay.
        "CASE_PUBLISH_DELAY_SECONDS": (0, 0),
        "SERVER_NAME": None,
        # Pages change under tests within the second; the brief-cache tests turn it on.
        "READER_PAGE_SECONDS": 0,
        # Tests send forms as a script would, at once, with no render time or proof of work:
        # the bot tests (test_form_guard.py, test_proof_of_work.py) turn these on.
        "FORM_GUARD_ENABLED": False,
        "PROOF_OF_WORK_ENABLED": False,
    }


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """A real Redis: the one named by the environment, or the embedded server."""
    if REDIS_URL:
        yield REDIS_URL
        return
    from caseboard.embedded_redis import EmbeddedRedis

    # Unix socket paths must stay short, so not under pytest's deep tmp directory.
    directory = tempfile.mkdtemp(prefix="cb-redis-")
    server = EmbeddedRedis(directory).start()
    yield server.url
    server.stop()
    shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_url():
    """A database of this run's own on the PostgreSQL server, so parallel runs never collide."""
    server = make_url(DATABASE_URL)
    name = f"caseboard_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield server.set(database=name).render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture(scope="session")
def migrated_database(request, tmp_path_factory, redis_url):
    """Build the schema once, through the migrations (never create_all)."""
    if ON_POSTGRES:
        url = request.getfixturevalue("postgres_url")
        app = create_app(base_config(url, redis_url))
        with app.app_context():
            upgrade()
            with db.engine.connect() as connection:
                _remember_migrated_state(connection)
            db.engine.dispose()
        return url
    template = tmp_path_factory.mktemp("db") / "template.sqlite"
    app = create_app(base_config(f"sqlite:///{template}", redis_url))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return template


@pytest.fixture
def database_url(request, migrated_database, tmp_path):
    """A clean database for one test: a fresh copy of the SQLite file, or emptied tables.
    A test that asks for `demo_board` gets a fresh copy of the seeded demo board instead."""
    if "demo_board" in request.fixturenames:
        demo = request.getfixturevalue("demo_template")
        with demo.copy(tmp_path) as url:
            yield url
        return
    if not ON_POSTGRES:
        path = tmp_path / "caseboard.sqlite"
        shutil.copyfile(migrated_database, path)
        yield f"sqlite:///{path}"
        return
    yield migrated_database


# PostgreSQL: what the migrations left, put back after each test once the tables are emptied
# (a fresh database has it, as every test's SQLite copy does): the rows they insert (reason
# templates), and where every sequence stood.
SEEDED_TABLES = ("reason_templates",)
_SEEDED_ROWS: dict[str, list[dict]] = {}
_SEQUENCES: dict[str, tuple[int, bool]] = {}
# Tables with triggers of their own that refuse DELETE (the append-only moderation log).
_TRIGGERED_TABLES: set[str] = set()


def _remember_migrated_state(connection) -> None:
    for name in SEEDED_TABLES:
        table = db.metadata.tables[name]
        _SEEDED_ROWS[name] = [dict(row._mapping) for row in connection.execute(table.select())]
    sequences = connection.execute(
        text("SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename) FROM pg_sequences")
    ).scalars()
    for sequence in list(sequences):
        state = connection.execute(text(f"SELECT last_value, is_called FROM {sequence}")).one()
        _SEQUENCES[sequence] = (state.last_value, state.is_called)
    _TRIGGERED_TABLES.update(
        connection.execute(
            text(
                "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal"
            )
        ).scalars()
    )


def _tables_with_rows(connection) -> set[str]:
    quote = connection.dialect.identifier_preparer.quote
    return set(
        connection.execute(
            text(
                " UNION ALL ".join(
                    f"SELECT '{table.name}' WHERE EXISTS (SELECT 1 FROM {quote(table.name)})"
                    for table in db.metadata.sorted_tables
                )
            )
        ).scalars()
    )


def _empty_postgres(app) -> None:
    """Empty every table after a test, then put back what the migrations left.

    DELETE, only where there are rows, the most dependent tables first: a few milliseconds,
    where TRUNCATE of every table took about 0.1 s a test (new files for every table and
    index). A table whose own trigger refuses DELETE is truncated. Checked: every table is
    as the migrations left it before the next test begins."""
    with app.app_context():
        db.session.remove()
        quote = db.engine.dialect.identifier_preparer.quote
        with db.engine.begin() as connection:
            occupied = _tables_with_rows(connection)
            for table in reversed(db.metadata.sorted_tables):
                if table.name not in occupied:
                    continue
                if table.name in _TRIGGERED_TABLES:
                    connection.execute(text(f"TRUNCATE {quote(table.name)} CASCADE"))
                else:
                    connection.execute(table.delete())
            for name, rows in _SEEDED_ROWS.items():
                if rows:
                    connection.execute(db.metadata.tables[name].insert(), rows)
            if _SEQUENCES:
                calls, values = [], {}
                for index, (sequence, (last_value, is_called)) in enumerate(_SEQUENCES.items()):
                    calls.append(f"setval(CAST(:s{index} AS regclass), :v{index}, :c{index})")
                    values |= {f"s{index}": sequence, f"v{index}": last_value}
                    values[f"c{index}"] = is_called
                connection.execute(text(f"SELECT {', '.join(calls)}"), values)
            seeded = {name for name, rows in _SEEDED_ROWS.items() if rows}
            left = _tables_with_rows(connection) - seeded
            assert not left, f"rows left after emptying the database: {sorted(left)}"
        db.engine.dispose()


def isolation_settings() -> dict:
    """Redis keys of a test's own, so tests (and parallel runs) sharing a Redis never collide.
    Flask-Limiter keeps the first app's RATELIMIT_KEY_PREFIX for the whole process, but
    takes each app's storage options: the storage's own prefix keeps each test's counts."""
    limits_prefix = f"test-{uuid.uuid4().hex}"
    return {
        "RATELIMIT_KEY_PREFIX": limits_prefix,
        "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": limits_prefix},
        "QUEUE_NAME": f"caseboard-test-{uuid.uuid4().hex}",
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}:",
    }


@pytest.fixture
def make_app(database_url, migrated_database, redis_url):
    """Build an app on this test's database; extra settings override the test defaults."""
    apps = []
    isolation = isolation_settings()

    def build(**overrides):
        app = create_app({**base_config(database_url, redis_url), **isolation, **overrides})
        apps.append(app)
        return app

    yield build
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    # The PostgreSQL database of the session is emptied; a demo board's copy is dropped.
    if ON_POSTGRES and apps and database_url == migrated_database:
        _empty_postgres(apps[0])


@pytest.fixture
def app(make_app):
    app = make_app()
    with app.app_context():
        yield app


@pytest.fixture
def client(app, make_app):
    """A browser-like client on its own app instance (same database), so every request gets
    a fresh app context and session, as in production, while the test's context stays put."""
    return make_app().test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class DemoTemplate:
    """The demo board as `flask seed-demo` leaves it on a fresh database under the test
    settings: seeded once in this process (an xdist worker), the first time a test asks for
    `demo_board`, and copied for each such test, so every one starts from the board as a
    fresh seed leaves it and none sees another's writes. Seeding is seconds of real service
    calls; a copy is a file copy on SQLite, CREATE DATABASE ... TEMPLATE on PostgreSQL.

    The board is dated from the moment it was seeded (cases published hours and weeks ago,
    last week's edition, this week's closings): it is seeded again when the day has changed
    since, or an hour has passed, so a copy reads as a seed made now would.

    Only the database is copied: the jobs the seed queues (window closings, a digest) and the
    cache generations it bumps stay under the template's own Redis keys, so a test with a copy
    starts with an empty queue. It is seeded under the test defaults (base_config); a test
    whose settings change what the seed writes runs seed_demo itself (as the window extension
    test in test_demo.py does)."""

    MAX_AGE = timedelta(hours=1)

    def __init__(self, migrated_database, redis_url: str, directory: Path):
        self._migrated = migrated_database
        self._redis_url = redis_url
        self._directory = directory
        self._seeds = itertools.count(1)
        self._copies = itertools.count(1)
        self._seeded_at = None
        self._source = None  # the seeded SQLite file, or the seeded PostgreSQL database's name
        self.result = None  # what `flask seed-demo` answered (exit code, output)
        if ON_POSTGRES:
            # On the server's own database: tests may end every connection to theirs.
            self._server = make_url(DATABASE_URL)
            self._name = make_url(migrated_database).database
            self._admin = create_engine(
                self._server, isolation_level="AUTOCOMMIT", pool_pre_ping=True
            )

    @contextmanager
    def copy(self, directory: Path):
        """A database URL for one test: a fresh copy of the seeded board, removed afterwards."""
        source = self._seeded()
        if not ON_POSTGRES:
            path = directory / "caseboard.sqlite"
            shutil.copyfile(source, path)
            yield f"sqlite:///{path}"
            return
        name = f"{source}_{next(self._copies)}"
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{source}"')
        try:
            yield self._server.set(database=name).render_as_string(hide_password=False)
        finally:
            self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _seeded(self):
        now = utcnow()
        seeded_at = self._seeded_at
        if seeded_at is None or seeded_at.date() != now.date() or now - seeded_at > self.MAX_AGE:
            self._drop()
            self._seed()
        return self._source

    def _seed(self) -> None:
        number = next(self._seeds)
        if ON_POSTGRES:
            source = f"{self._name}_demo{number}"
            self._execute(f'CREATE DATABASE "{source}"')
            url = self._server.set(database=source).render_as_string(hide_password=False)
        else:
            source = self._directory / f"demo-{number}.sqlite"
            shutil.copyfile(self._migrated, source)
            url = f"sqlite:///{source}"
        seeded_at = utcnow()
        # Redis keys of its own, as every test's app has (the seed queues jobs, bumps caches).
        app = create_app({**base_config(url, self._redis_url), **isolation_settings()})
        with app.app_context():
            if ON_POSTGRES:
                upgrade()
            result = app.test_cli_runner().invoke(args=["seed-demo"])
            db.session.remove()
            db.engine.dispose()
        if not ON_POSTGRES:
            # Everything into the database file itself, so a copy of the file is the board.
            connection = sqlite3.connect(source)
            try:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                connection.close()
        self._source = source
        if result.exit_code != 0 or result.exception is not None:
            raise RuntimeError(f"seed-demo failed ({result.exit_code}):\n{result.output}")
        self._seeded_at, self.result = seeded_at, result

    def _drop(self) -> None:
        if self._source is not None and ON_POSTGRES:
            self._execute(f'DROP DATABASE IF EXISTS "{self._source}" WITH (FORCE)')
        self._source = self._seeded_at = None

    def _execute(self, statement: str) -> None:
        with self._admin.connect() as connection:
            connection.execute(text(statement))

    def close(self) -> None:
        self._drop()
        if ON_POSTGRES:
            self._admin.dispose()


@pytest.fixture(scope="session")
def demo_template(migrated_database, redis_url, tmp_path_factory):
    template = DemoTemplate(migrated_database, redis_url, tmp_path_factory.mktemp("demo"))
    yield template
    template.close()


@pytest.fixture
def demo_board(database_url, demo_template):
    """The demo board: this test's database (see `database_url`) is a fresh copy of a
    database that `flask seed-demo` seeded, as DemoTemplate says. Returns that command's
    result, its exit code and output."""
    return demo_template.result


class AuthActions:
    """Register and log in members through the real pages, as a person would."""

    def __init__(self, client):
        self._client = client
        self._count = 0

    def register(self, username: str | None = None, password: str = PASSWORD, email: str = ""):
        self._count += 1
        username = username or f"member{self._count}"
        response = self._client.post(
            "/register",
            data={"username": username, "email": email, "password": password, "confirm": password},
        )
        assert response.status_code == 302, response.text
        if email:
            self.confirm_email(username)
        return username

    def confirm_email(self, username: str):
        """Follow the link the confirmation email carries (the worker would send it)."""
        member = db.session.scalar(select(Member).where(Member.username == username))
        db.session.refresh(member)
        return self._client.get(f"/confirm-email/{addresses.confirmation_token(member)}")

    def login(self, username: str, password: str = PASSWORD):
        return self._client.post("/login", data={"username": username, "password": password})

    def logout(self):
        return self._client.post("/logout")


@pytest.fixture
def auth(client):
    return AuthActions(client)


CASE_FIELDS = {
    "title": "AITA for declining to cover a colleague's on-call week?",
    "situation": (
        "A teammate asked me to take their on-call week at short notice. I had covered twice "
        "this quarter already and said no. They escalated to our manager."
    ),
    "why_wrong": "I might be in the wrong because I knew they had a family event that week.",
    "help_wanted": "Was saying no fair, and how do I repair things with them?",
    "discipline": "engineering",
    "level": "senior",
    "topic": "incidents",
    "support_kind": "specific-help",
}
REASONING = (
    "You had already covered twice this quarter, which is more than a fair share; "
    "saying no once is reasonable."
)


@pytest.fixture
def make_member(app):
    counter = iter(range(1, 10_000))

    def build(username: str | None = None, email: str | None = None):
        return register(username or f"someone{next(counter)}", PASSWORD, email)

    return build


@pytest.fixture
def make_case(app, make_member):
    def build(author=None, **fields):
        author = author or make_member()
        draft = services.CaseDraft(**{**CASE_FIELDS, **fields})
        return services.post_case(author, draft)

    return build


def pytest_report_header(config):
    database = "PostgreSQL" if ON_POSTGRES else "SQLite"
    return f"caseboard: {database} + {'Redis at ' + REDIS_URL if REDIS_URL else 'embedded Redis'}"


def pytest_collection_modifyitems(config, items):
    skip = pytest.mark.skip(reason="needs PostgreSQL (runs in the PostgreSQL pass)")
    for item in items:
        if "postgres_only" in item.keywords and not ON_POSTGRES:
            item.add_marker(skip)


ROOT = Path(__file__).resolve().parent.parent


def shown(value: str) -> str:
    """Text as it appears in a page's HTML (Jinja escapes quotes and apostrophes)."""
    return str(markupsafe.escape(value))
