#!/usr/bin/env bash
# The whole suite twice: SQLite with the embedded Redis, then PostgreSQL with a Redis server.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
PG_URL=${CASEBOARD_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
REDIS_SERVER_URL=${CASEBOARD_REDIS_SERVER_URL:-redis://127.0.0.1:6379/15}
# Two pytest-xdist workers (the machine's two cores): each pass takes about half as long.
# CASEBOARD_TEST_WORKERS=0 runs in one process (easier to debug). Work stealing: a worker
# that has run out of tests takes half of the other's queue, so neither waits idle at the
# end while the other still has long tests queued (with --dist load it did, 30 s a pass).
WORKERS=(-n "${CASEBOARD_TEST_WORKERS:-2}" --dist worksteal)

echo "== pass 1: SQLite + embedded Redis"
env -u CASEBOARD_TEST_DATABASE_URL -u CASEBOARD_TEST_REDIS_URL "$PY" -m pytest "${WORKERS[@]}" "$@"

if "$PY" scripts/services_up.py; then
    echo "== pass 2: PostgreSQL + Redis server"
    CASEBOARD_TEST_DATABASE_URL="$PG_URL" CASEBOARD_TEST_REDIS_URL="$REDIS_SERVER_URL" \
        "$PY" -m pytest "${WORKERS[@]}" "$@"
elif [ -n "${CI:-}" ]; then
    echo "CI: PostgreSQL (127.0.0.1:5432) or Redis (127.0.0.1:6379) is not reachable" >&2
    exit 1
else
    echo "== pass 2 skipped: PostgreSQL or Redis is not reachable on 127.0.0.1"
fi
