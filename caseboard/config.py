"""Default settings, and the rules for overriding them from instance/ and the environment."""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from urllib.parse import urlsplit

from flask import Flask

# Values that must never be accepted as a production SECRET_KEY.
WEAK_SECRET_KEYS = {"", "dev", "secret", "changeme", "change-me", "development"}
MIN_SECRET_KEY_LENGTH = 32


class Defaults:
    """Settings that hold unless instance/config.py or the environment says otherwise."""

    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None  # filled in from instance/ when unset
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}  # load() adds pool_pre_ping for a database server
    REDIS_URL: str | None = None  # unset: the embedded Redis socket in instance/

    MAX_CONTENT_LENGTH = 1024 * 1024  # a request body over 1 MB gets a 413 page
    # None: Secure exactly when PUBLIC_URL is https (see use_https_if_public), so a session,
    # and the CSRF token in it, never travels unencrypted; the local http default sends them.
    SESSION_COOKIE_SECURE: bool | None = None
    REMEMBER_COOKIE_SECURE: bool | None = None
    # Sent on every answer when PUBLIC_URL is https: browsers then use https only, for a
    # year (what browsers' preload lists ask for; renewed on every visit), on the site's host
    # and its subdomains, so a network attacker can't serve a plain http subdomain to plant
    # a cookie for the site. No "preload": being listed is an operator's decision, slow to undo.
    STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    # A login lasts this long at most, on the server (accounts/sessions.py), wherever its
    # cookie is; logging out, a password change elsewhere, a role change or a suspension
    # end it sooner.
    SESSION_DAYS = 30
    # A member may take hours to write a case: the CSRF token lives as long as the session.
    WTF_CSRF_TIME_LIMIT = None

    # Werkzeug's scrypt (n=2**15, r=8, p=1); tests lower n to stay quick.
    PASSWORD_HASH_METHOD = "scrypt"

    # How many proxies (load balancers) stand in front: their X-Forwarded-For is trusted so
    # rate limits count per visitor, not per proxy. 0 when the app faces clients directly.
    TRUSTED_PROXY_COUNT = 0

    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = False
    LOGIN_RATE_LIMIT = "10 per minute;50 per hour"
    # Per account, wrong passwords only, from whatever addresses: each tier waits longer.
    # A browser that logged in to the account before is exempt, so a stranger guessing
    # cannot lock the member out.
    LOGIN_ACCOUNT_RATE_LIMIT = "5 per 10 minutes;10 per hour;20 per day"
    # Password reset links asked for: per network address, and per email address.
    FORGOT_PASSWORD_RATE_LIMIT = "10 per hour"
    FORGOT_PASSWORD_ADDRESS_RATE_LIMIT = "3 per hour"
    # Registration. Per address: enough accounts for an office trying Caseboard out together
    # (only accounts made count), and a ceiling on all tries, refused ones too, which bounds
    # guessing at taken usernames. Per browser session and per username tried: room for one
    # person's typing mistakes, not for a script's.
    REGISTER_RATE_LIMIT = "30 per hour"
    REGISTER_ATTEMPT_RATE_LIMIT = "100 per hour"
    REGISTER_SESSION_RATE_LIMIT = "10 per hour"
    REGISTER_USERNAME_RATE_LIMIT = "10 per hour"
    # Per member, on Redis: generous for people, tight for scripts.
    POST_CASE_RATE_LIMIT = "3 per 10 minutes;10 per day"
    VERDICT_RATE_LIMIT = "10 per 10 minutes;60 per day"
    REPLY_RATE_LIMIT = "20 per 10 minutes;200 per day"
    REPORT_RATE_LIMIT = "10 per hour;40 per day"
    VOTE_RATE_LIMIT = "60 per minute;1000 per day"
    # Updates, revisions of held cases and appeals: rare for people, so tight.
    EDIT_RATE_LIMIT = "10 per 10 minutes;50 per day"

    # Rendered lists live in Redis this long at most; writes drop them sooner (caseboard/cache.py).
    FRAGMENT_CACHE_SECONDS = 60
    # How long each worker answers a reader's page from its own memory (cache.kept_briefly).
    READER_PAGE_SECONDS = 1
    CACHE_KEY_PREFIX = "caseboard:"
    # The worker's periodic pass (caseboard/worker.py) does whatever the database says is due
    # at least this often, and each worker looks whether one is due every PERIODIC_CHECK_SECONDS.
    PERIODIC_PASS_SECONDS = 300
    PERIODIC_CHECK_SECONDS = 60

    CASE_WINDOW_HOURS = 72  # how long a case is open for verdicts
    # A case let through appears a random number of seconds in this range later, so the time
    # it shows does not match the moment its author wrote it or a moderator approved it.
    CASE_PUBLISH_DELAY_SECONDS = (120, 600)
    # The preview warns when fewer than this many cases by others in the last so many days
    # share a case's discipline, level and topic (cases/rare_context.py).
    RARE_CONTEXT_MIN_CASES = 5
    RARE_CONTEXT_DAYS = 90
    # A case that reaches its closing time with fewer verdicts than this is extended once,
    # by CASE_EXTENSION_HOURS, and goes to the top of "needs verdicts" (0: never extended).
    MIN_VERDICTS_TO_CLOSE = 5
    CASE_EXTENSION_HOURS = 48
    # How often the outcome prior is refitted to the closed cases (caseboard/priors.py).
    OUTCOME_PRIOR_REFIT_HOURS = 24
    # Days after the close at which the author is asked how it played out.
    FOLLOW_UP_DAYS = (30, 90)
    # For this long after publication verdicts are shown in a per-reader shuffled order, not
    # by helpful votes, so the first verdicts don't snowball.
    YOUNG_CASE_HOURS = 6
    CASES_PER_PAGE = 25
    VERDICTS_PER_PAGE = 20
    # The case page shows the start of each thread; the rest is one click (or htmx) away.
    THREAD_REPLIES_SHOWN = 1
    CASE_COMMENTS_SHOWN = 10

    # Moderation (caseboard/moderation/).
    NEW_MEMBER_HELD_CASES = 1  # a member's first cases wait for a moderator
    DUPLICATE_WINDOW_DAYS = 30  # new cases are compared with the cases of this many days
    SPAM_MAX_LINKS = 3  # more links than this and a moderator reads it first
    SPAM_MAX_REPEATS = 3  # the same verdict or reply text pasted this often in a day is refused
    # Reports hide an item once the weights of distinct reporters add up to this; a member
    # with no judged reports weighs 1, times their trust level's factor below (a new
    # member's report weighs 0.5).
    REPORT_HIDE_THRESHOLD = 3.0
    # Trust levels (accounts/trust.py), worked out when a member posts, reports or opens
    # their account page, never stored. A member is new until their account is
    # TRUST_MIN_DAYS old and TRUST_MIN_HELPFUL of their verdicts were marked helpful by
    # others; one item with a report upheld in the last TRUST_REPORT_DAYS makes them new
    # again, TRUST_LIMITED_AFTER_UPHELD such items limit them. New and limited members can't
    # post links and report with less weight (a factor on their usual weight); a limited
    # member's posts wait for a moderator. Their posting limits are the NEW_MEMBER_ ones.
    TRUST_MIN_DAYS = 3
    TRUST_MIN_HELPFUL = 2
    TRUST_REPORT_DAYS = 90
    TRUST_LIMITED_AFTER_UPHELD = 2
    TRUST_NEW_REPORT_WEIGHT = 0.5
    TRUST_LIMITED_REPORT_WEIGHT = 0.25
    NEW_MEMBER_POST_CASE_RATE_LIMIT = "1 per 10 minutes;3 per day"
    NEW_MEMBER_VERDICT_RATE_LIMIT = "5 per 10 minutes;20 per day"
    NEW_MEMBER_REPLY_RATE_LIMIT = "10 per 10 minutes;50 per day"
    # Slow mode: with reports on a case, this long between one's replies, doubling per report.
    SLOW_MODE_BASE_SECONDS = 60
    SLOW_MODE_MAX_SECONDS = 3600
    # A claim on a queue item lapses after this long, so an abandoned item is not stuck.
    CLAIM_MINUTES = 30

    # Bots (issue 16): cheap signals on the forms that make accounts and posts
    # (caseboard/form_guard.py), and a proof of work (caseboard/proof_of_work.py). A post with
    # a signal is held for a moderator; an account registered with one starts limited.
    FORM_GUARD_ENABLED = True
    # Sent sooner than this many seconds after the form was shown: faster than people type.
    # Registrations, and the posts of a member whose account is younger than TRUST_MIN_DAYS
    # or limited (accounts/trust.py needs_proof_of_work), carry the proof of work.
    FORM_GUARD_MIN_SECONDS = {"register": 3, "case": 10, "verdict": 5, "reply": 3}
    PROOF_OF_WORK_ENABLED = True
    # The work: PBKDF2/SHA-256 at this many iterations per try, for a counter drawn up to the
    # maximum (the browser tries 0, 1, 2… on its workers). Measured in Chromium on a 2-core
    # machine (tests/browser/test_bots_browser.py): about a quarter of a second on average.
    PROOF_OF_WORK_COST = 5000
    PROOF_OF_WORK_MAX_COUNTER = 200
    # A challenge must be solved and sent within this long: long enough to write a case.
    PROOF_OF_WORK_EXPIRES_SECONDS = 3 * 3600
    # Challenges handed out per network address: a page with guarded forms asks for one (a
    # second form's only once it is used), and an office may share one address.
    PROOF_OF_WORK_CHALLENGE_RATE_LIMIT = "120 per minute;3000 per hour"

    # Spam memory and spam waves (moderation/spam_memory.py, spam_wave.py). Text removed as
    # spam is remembered by its MinHash signature; a new text whose estimated similarity to
    # one reaches the threshold is held. Texts under MIN_WORDS words never match.
    SPAM_MEMORY_THRESHOLD = 0.5
    SPAM_MEMORY_MIN_WORDS = 8
    # "Remove everything by the author as spam" suspends the author this many days (0: for
    # good). Not for good by default: a wave cannot be appealed, and a mistake must end.
    SPAM_WAVE_SUSPEND_DAYS = 365

    # Curation (caseboard/curation/).
    HIGHLIGHT_CANDIDATES = 50  # how many ranked candidates the edition builder shows
    # Each teaching example shows its takeaway and two verdicts in full: fifteen is a long read.
    LIBRARY_PER_PAGE = 15
    # A case's similar cases are worked out once and kept in Redis this long (0: never kept).
    SIMILAR_CASES_CACHE_SECONDS = 3600
    # Email. With no MAIL_SERVER, emails are written as .eml files into MAIL_OUTBOX
    # (default instance/outbox/) instead of being sent.
    MAIL_SERVER: str | None = None
    MAIL_PORT = 587
    MAIL_USE_TLS = True
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_FROM = "Caseboard <no-reply@caseboard.localhost>"
    MAIL_MESSAGE_ID_DOMAIN = "caseboard.localhost"
    # A claim on an email older than this, with nothing sent, is a sender's that died: another
    # sender takes it over (longer than an SMTP conversation can take: mail.send's timeout).
    MAIL_CLAIM_SECONDS = 300
    MAIL_OUTBOX: str | None = None
    # The address links in emails and feeds point to (jobs have no request to read it from).
    PUBLIC_URL = "http://127.0.0.1:5000"

    # Used by the launcher and the queue: the RQ queue every job goes on.
    QUEUE_NAME = "caseboard"


DATABASE_CONNECT_SECONDS = 5


def database_url_from_environment(value: str) -> str:
    """Accept the usual postgres:// spellings and use psycopg 3 for them."""
    for prefix in ("postgres://", "postgresql://"):
        if value.startswith(prefix):
            return "postgresql+psycopg://" + value[len(prefix) :]
    return value


def load(app: Flask, test_config: dict | None) -> None:
    """Fill app.config: defaults, then instance/config.py and the environment, or the test dict."""
    app.config.from_object(Defaults)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("CASEBOARD")
        for name in ("SECRET_KEY", "REDIS_URL"):
            if os.environ.get(name):
                app.config[name] = os.environ[name]
        if os.environ.get("DATABASE_URL"):
            app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
        if not app.config["SECRET_KEY"]:
            app.config["SECRET_KEY"] = read_generated_secret_key(app.instance_path)
    else:
        app.config.update(test_config)

    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///" + os.path.join(
            app.instance_path, "caseboard.sqlite"
        )
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url_from_environment(
        app.config["SQLALCHEMY_DATABASE_URI"]
    )
    # A database server can restart under a pooled connection, so the pool tests each one
    # before use; a SQLite file cannot, and the test would cost every request for nothing.
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True, **options}
    # A PostgreSQL host that drops packets, rather than refusing them, would hold a request
    # until the kernel gives up (minutes); a few seconds, then the 503 page, is better.
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        options = app.config["SQLALCHEMY_ENGINE_OPTIONS"]
        connect_args = {"connect_timeout": DATABASE_CONNECT_SECONDS}
        connect_args.update(options.get("connect_args", {}))
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {**options, "connect_args": connect_args}
    if not app.config["REDIS_URL"]:
        app.config["REDIS_URL"] = embedded_redis_url(app.instance_path)
    use_https_if_public(app)
    require_real_secret_key(app)


def served_over_https(app: Flask) -> bool:
    """Whether the site's public address (PUBLIC_URL) is https."""
    return urlsplit(app.config["PUBLIC_URL"] or "").scheme == "https"


def use_https_if_public(app: Flask) -> None:
    """Mark the session and remember cookies Secure when the site is served over https,
    unless a setting says otherwise explicitly (the security headers add HSTS then)."""
    for name in ("SESSION_COOKIE_SECURE", "REMEMBER_COOKIE_SECURE"):
        if app.config.get(name) is None:
            app.config[name] = served_over_https(app)


def embedded_redis_url(instance_path: str) -> str:
    """Where the embedded Redis server listens: a Unix socket inside instance/."""
    return "unix://" + os.path.join(instance_path, "redis", "redis.sock")


def secret_key_path(instance_path: str) -> Path:
    return Path(instance_path) / "secret_key"


def read_generated_secret_key(instance_path: str) -> str | None:
    """The key `make run` generated on first start, if there is one."""
    path = secret_key_path(instance_path)
    return path.read_text().strip() if path.exists() else None


def generate_secret_key(instance_path: str) -> Path:
    """Write a random SECRET_KEY into instance/ unless one is there (the default run's key)."""
    path = secret_key_path(instance_path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(48))
    return path


def require_real_secret_key(app: Flask) -> None:
    """Refuse to start with a missing or guessable key: it signs sessions and keys pseudonyms."""
    key = app.config.get("SECRET_KEY") or ""
    if app.testing:
        return
    if key.lower() in WEAK_SECRET_KEYS or len(key) < MIN_SECRET_KEY_LENGTH:
        raise RuntimeError(
            "Caseboard needs a real SECRET_KEY (at least 32 random characters). Set the "
            "SECRET_KEY environment variable, or run `make run` once to generate "
            "instance/secret_key for local use."
        )
