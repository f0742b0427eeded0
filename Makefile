# Caseboard: `make run` serves the app, `make test` runs the whole suite. Both set up first.
VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
SECRET := instance/secret_key

.PHONY: install vendor run test lint bench browser clean

install: $(INSTALLED) vendor $(SECRET)

$(PY):
	python3 -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

# Pinned front-end files from the npm registry (htmx, the ALTCHA widget; axe-core for the
# tests). Idempotent.
vendor: | $(PY)
	$(PY) scripts/fetch_vendor.py

$(SECRET): | $(INSTALLED)
	$(PY) -c "from caseboard.config import generate_secret_key; generate_secret_key('instance')"

run: install
	$(PY) -m caseboard.launcher

# Debian's Chromium for the browser tests; Playwright cannot download browsers here.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is not installed and cannot be: browser tests will skip"; fi; }

test: install browser
	scripts/run_tests.sh

lint: install
	$(VENV)/bin/ruff check .

# SQLite, and PostgreSQL + the Redis server on 127.0.0.1 when they answer (else SQLite only).
# Options pass through: make bench BENCH_ARGS="--cases 100000" (see python -m benchmarks -h).
bench: install
	@command -v wrk >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(VENV) caseboard/static/vendor *.egg-info
