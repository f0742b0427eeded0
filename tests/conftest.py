"""Fixtures in the manner of Flask's tutorial: app, client, runner, and an auth helper.

The database and Redis are real. By default: a SQLite file built by the migrations and the
embedded Redis server. With CASEBOARD_TEST_DATABASE_URL / CASEBOARD_TEST_REDIS_URL set (as
`make test` does for its second pass): PostgreSQL and a real Redis server.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
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
                for name in SEEDED_TABLES:
                    table = db.metadata.tables[name]
                    _SEEDED_ROWS[name] = [
                        dict(row._mapping) for row in connection.execute(table.select())
                    ]
            db.engine.dispose()
        return url
    template = tmp_path_factory.mktemp("db") / "template.sqlite"
    app = create_app(base_config(f"sqlite:///{template}", redis_url))
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return template


@pytest.fixture
def database_url(migrated_database, tmp_path):
    """A clean database for one test: a fresh copy of the SQLite file, or emptied tables."""
    if not ON_POSTGRES:
        path = tmp_path / "caseboard.sqlite"
        shutil.copyfile(migrated_database, path)
        yield f"sqlite:///{path}"
        return
    yield migrated_database


# Tables whose rows the migrations insert (reason templates): emptied with the rest after a
# test on PostgreSQL, then put back as the migrations left them.
SEEDED_TABLES = ("reason_templates",)
_SEEDED_ROWS: dict[str, list[dict]] = {}


def _truncate_postgres(app) -> None:
    with app.app_context():
        db.session.remove()
        tables = ", ".join(table.name for table in db.metadata.sorted_tables)
        with db.engine.begin() as connection:
            connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
            for name, rows in _SEEDED_ROWS.items():
                if rows:
                    connection.execute(db.metadata.tables[name].insert(), rows)
        db.engine.dispose()


@pytest.fixture
def make_app(database_url, redis_url):
    """Build an app on this test's database; extra settings override the test defaults."""
    apps = []

    # Keys of this test's own, so tests (and parallel runs) sharing a Redis never collide.
    # Flask-Limiter keeps the first app's RATELIMIT_KEY_PREFIX for the whole process, but
    # takes each app's storage options: the storage's own prefix keeps each test's counts.
    limits_prefix = f"test-{uuid.uuid4().hex}"
    isolation = {
        "RATELIMIT_KEY_PREFIX": limits_prefix,
        "RATELIMIT_STORAGE_OPTIONS": {"key_prefix": limits_prefix},
        "QUEUE_NAME": f"caseboard-test-{uuid.uuid4().hex}",
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}:",
    }

    def build(**overrides):
        app = create_app({**base_config(database_url, redis_url), **isolation, **overrides})
        apps.append(app)
        return app

    yield build
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
    if ON_POSTGRES and apps:
        _truncate_postgres(apps[0])


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
