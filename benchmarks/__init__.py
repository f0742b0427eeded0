"""`make bench`: seed SQLite and PostgreSQL, then load Caseboard and the floor with wrk."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench-results"
# 40+ characters, so the app's production key check passes with TESTING off.
SECRET_KEY = "benchmark-secret-key-not-for-production-use-0123456789"


def app_config(database_url: str, redis_url: str) -> dict:
    """Settings for an in-process Caseboard on a benchmark database (not a test app)."""
    return {
        "SECRET_KEY": SECRET_KEY,
        "SQLALCHEMY_DATABASE_URI": database_url,
        "REDIS_URL": redis_url,
    }
