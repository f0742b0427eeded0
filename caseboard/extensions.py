"""Every Flask extension Caseboard uses, created unbound here and bound in create_app."""

from __future__ import annotations

import os

import redis
import rq
from flask import Flask, current_app, request
from flask_htmx import HTMX
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager, current_user
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

from caseboard import reading

# Named constraints make Alembic migrations deterministic on SQLite and PostgreSQL alike.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base for every model, sharing one metadata with the naming convention."""

    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base, session_options={"class_": reading.Session})
migrate = Migrate(render_as_batch=True, compare_type=True)
login_manager = LoginManager()
csrf = CSRFProtect()
htmx = HTMX()
limiter = Limiter(key_func=get_remote_address)

# Methods that only read: no rate limit applies to them (each is declared on a write)...
READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# ...but for these reads, which cost the server work a script could ask for in bulk.
LIMITED_READS = frozenset({"bots.challenge"})


@limiter.request_filter
def _reading() -> bool:
    """Skip the limiter's lookups on reads: every limit Caseboard sets is on a write, and
    finding that none applies cost each page about a tenth of a millisecond. A limit on
    reads is exempted from this filter in LIMITED_READS."""
    return request.method in READING_METHODS and request.endpoint not in LIMITED_READS


def member_key() -> str:
    """Rate-limit members' actions per account (an office shares one address), visitors per
    address. The key lives only in Redis, never in a page or a log."""
    if current_user.is_authenticated:
        return f"member:{current_user.id}"  # not get_id(): one count across their devices
    return get_remote_address()


class RedisConnection:
    """One Redis client per app, from REDIS_URL; the job queue and caches share it."""

    def init_app(self, app: Flask) -> None:
        client = redis.Redis.from_url(
            app.config["REDIS_URL"], socket_connect_timeout=2, socket_timeout=5
        )
        app.extensions["caseboard.redis"] = client

    @property
    def client(self) -> redis.Redis:
        return current_app.extensions["caseboard.redis"]

    def queue(self) -> rq.Queue:
        """The RQ queue background jobs go on."""
        return rq.Queue(current_app.config["QUEUE_NAME"], connection=self.client)


redis_connection = RedisConnection()


def limiter_storage_uri(redis_url: str) -> str:
    """Flask-Limiter spells a Unix-socket Redis URL differently from redis-py."""
    if redis_url.startswith("unix://"):
        return "redis+unix://" + redis_url[len("unix://") :]
    return redis_url


def init_app(app: Flask) -> None:
    """Bind every extension to the app."""
    db.init_app(app)
    migrations = os.path.join(os.path.dirname(app.root_path), "migrations")
    migrate.init_app(app, db, directory=app.config.get("MIGRATIONS_DIRECTORY", migrations))
    login_manager.init_app(app)
    csrf.init_app(app)
    htmx.init_app(app)
    app.config.setdefault("RATELIMIT_STORAGE_URI", limiter_storage_uri(app.config["REDIS_URL"]))
    # A Redis outage must not lock members out: fall back to per-process counting.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    limiter.init_app(app)
    redis_connection.init_app(app)
