"""Browser fixtures: the real app on a real port, and Debian's Chromium driven by Playwright.

The app is built by the suite's `make_app` (a fresh migrated database and a real Redis per test)
but with CSRF protection on, as in production, so every form and htmx request must carry its
token. Playwright cannot download browsers here, so it always drives /usr/bin/chromium.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from werkzeug.serving import make_server

HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROOT = HERE.parent.parent
AXE_SCRIPT = HERE / "vendor" / "axe.min.js"
TIMEOUT_MS = 10_000


def pytest_collection_modifyitems(config, items):
    """Everything in this folder drives a browser, whether or not its module says so."""
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


def unavailable(reason: str):
    """Skip on a developer's machine; fail on CI, where a skipped browser suite hides bugs."""
    if os.environ.get("CI"):
        pytest.fail(f"CI must run the browser tests: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    unavailable("Chromium is not installed (/usr/bin/chromium or `chromium` on PATH)")


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One Chromium for the session; each test gets its own contexts (separate cookie jars)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_app(make_app):
    """The app with real CSRF protection, on this test's fresh database."""
    return make_app(WTF_CSRF_ENABLED=True)


@pytest.fixture
def live_server(live_app) -> Iterator[str]:
    """Serve the app on a free local port in a background thread; yields the base URL."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture
def new_context(browser, live_server) -> Iterator[Callable]:
    """Make a browser context (one person) pointed at the live server; all closed afterwards."""
    contexts = []

    def build(**options):
        context = browser.new_context(base_url=live_server, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield build
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    return new_context().new_page()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe.min.js, pinned and integrity-checked by scripts/fetch_vendor.py (`make install`)."""
    if not AXE_SCRIPT.exists():
        try:
            subprocess.run(
                [sys.executable, str(ROOT / "scripts" / "fetch_vendor.py")],
                check=True,
                capture_output=True,
                text=True,
                timeout=180,
            )
        except (subprocess.SubprocessError, OSError) as error:
            unavailable(f"axe-core could not be fetched from the npm registry: {error}")
    return AXE_SCRIPT.read_text(encoding="utf-8")
