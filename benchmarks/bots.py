"""`python -m benchmarks --bots-only`: scripted clients against the bot defences (issue 16).

A real server (gunicorn, the production settings, a fresh SQLite database with the demo
content, the embedded Redis) is attacked by clients with no browser, each from its own
network address, as a botnet's would be (the server trusts one proxy hop, so X-Forwarded-For
names the address and the per-address limits count each bot apart):

- blind: posts the registration and the post forms without reading them (no CSRF token);
- form-filling: reads each form and fills every field it finds, then sends it at once;
- careful: reads each form, leaves the hidden honeypot empty, waits longer than a person
  takes to fill it in, but runs no JavaScript, so sends no proof of work;
- solving (beyond the issue's plain-HTTP bots, for honesty): the careful bot that also
  solves the proof of work in Python.

Each plain-HTTP kind registers 100 accounts (the solving one 10); then, for two minutes,
every account posts links in cases, verdicts and replies in turn. The counts come from the
database afterwards: accounts made (and how many start limited), and posts by status
(published or scheduled = through; held = waiting for a moderator; the rest were refused,
with the answers counted by status). Then Chromium measures what a person pays: how long
the proof of work takes in the page, from load, while they type.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from benchmarks import ROOT
from benchmarks.servers import Server

STANCES = ("blind", "form-filling", "careful", "solving")
SECRET_KEY = "bot-benchmark-secret-key-that-is-long-enough-0123456789"
PASSWORD = "a-bot-password-2026"
# What every bot posts: links, in text varied enough to pass the repetition checks.
SPAM = (
    "Honest question about my workplace. Before you answer, look at cheap-watch-deals.example"
    "/offer and https://crypto-gains.example/join and www.easy-loans.example/apply — my "
    "manager said these sites changed her career, and the team lead agreed with her in the "
    "weekly planning meeting. I think the whole office should sign up before Friday."
)
HUMAN_WAIT_SECONDS = 11  # longer than the longest minimum time (a case: 10 s)
# Registrations per kind of bot: the issue's 100 for each plain-HTTP one, and a few that
# solve the proof of work (each costs about a second of CPU).
ACCOUNTS = {"blind": 100, "form-filling": 100, "careful": 100, "solving": 10}
# Between posts, the bots that don't wait like a person still pause this long, so the
# benchmark measures the defences and not how fast two workers can answer 300 clients.
PAUSE_SECONDS = 1.0


@dataclass
class Tally:
    """What one stance's requests got back."""

    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    solve_seconds: float = 0.0


class _Forms(HTMLParser):
    """Every form of a page: its action and fields, as a script that reads HTML sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.forms.append({"action": a.get("action", ""), "fields": [], "pow": False})
        elif not self.forms:
            return
        elif tag == "altcha-widget":
            self.forms[-1]["pow"] = True
        elif tag == "button" and a.get("name"):
            self.forms[-1]["fields"].append(("button", a))
        elif tag in ("input", "textarea") and a.get("name"):
            self.forms[-1]["fields"].append((tag, a))
        elif tag == "select" and a.get("name"):
            self._select = a["name"]
        elif tag == "option" and self._select and a.get("value"):
            self.forms[-1]["fields"].append(("select", {"name": self._select, **a}))
            self._select = None


def forms_of(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return parser.forms


class Bot:
    """One scripted client: its own cookies and its own network address."""

    def __init__(self, base: str, stance: str, number: int) -> None:
        self.base, self.stance = base, stance
        self.address = f"10.{STANCES.index(stance) + 1}.{number // 250}.{number % 250 + 1}"
        self.username = f"bot-{stance}-{number:03d}"
        self.solve_seconds = 0.0
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(
            self.base + path, data=body, headers={"X-Forwarded-For": self.address}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")

    def fill(self, form: dict, text: str) -> dict[str, str]:
        """The form's fields filled in the way this stance fills them."""
        data: dict[str, str] = {}
        for tag, a in form["fields"]:
            name, kind = a["name"], a.get("type", "text")
            if tag == "button":  # the button that sends for real, not a preview
                if name not in data or a.get("value") == "post":
                    data[name] = a.get("value", "")
            elif tag == "select" or kind in ("radio", "checkbox"):
                data.setdefault(name, a.get("value", ""))
            elif kind == "hidden":
                data[name] = a.get("value", "")
            elif kind == "password":
                data[name] = PASSWORD
            elif tag == "textarea" or kind in ("text", "email", "url", "search"):
                trap = a.get("tabindex") == "-1" or "aria-hidden" in a
                if trap and self.stance != "form-filling":
                    data[name] = ""  # the careful bots spot the honeypot
                elif name == "username":
                    data[name] = self.username
                elif kind == "email":
                    data[name] = f"{self.username}@bots.example"
                elif tag == "textarea" or name == "title":
                    data[name] = text if tag == "textarea" else "Is my manager right about this?"
                else:
                    data[name] = "https://spam.example/" + self.username
        if form["pow"] and self.stance == "solving":
            started = time.perf_counter()
            data["altcha"] = _solve(self.request("/proof-of-work/challenge")[1])
            self.solve_seconds += time.perf_counter() - started
        return data

    def send(self, page: str, pick, text: str) -> int:
        """Read `page` (unless blind), fill the form `pick` chooses, and send it."""
        if self.stance == "blind":
            action = pick(None)
            if not action:
                return 0
            time.sleep(PAUSE_SECONDS)
            return self.request(
                action,
                {
                    "username": self.username,
                    "password": PASSWORD,
                    "confirm": PASSWORD,
                    "reasoning": text,
                    "body": text,
                    "title": "Question",
                    "situation": text,
                },
            )[0]
        status, html = self.request(page)
        form = pick(forms_of(html)) if status == 200 else None
        if not form:
            return status if status != 200 else 0
        data = self.fill(form, text)
        time.sleep(PAUSE_SECONDS if self.stance == "form-filling" else HUMAN_WAIT_SECONDS)
        return self.request(form["action"], data)[0]


def _solve(challenge_json: str) -> str:
    import json

    from caseboard import proof_of_work

    return proof_of_work.solve(json.loads(challenge_json))


def _form_posting_to(pattern: str):
    """A chooser for `Bot.send`: the form whose action matches `pattern` (for a blind bot,
    the action it guesses)."""

    def pick(forms):
        if forms is None:  # a blind bot posts where such forms usually post
            return re.sub(r"\((/\w+)\|[^)]*\)", r"\1", pattern).rstrip("$")
        return next((f for f in forms if re.search(pattern, f["action"])), None)

    return pick


# What each account posts, in turn, until the time is up: (kind, page, form action).
POSTS = (
    ("case", "/cases/new", r"/cases/new$"),
    ("verdict", "/cases/{case}", r"/cases/{case}(/verdicts|#your-verdict)$"),
    ("reply", "/cases/{case}", r"/cases/{case}(/replies|#your-comment)$"),
)


def register(bot: Bot, tally: Tally) -> None:
    try:
        status = bot.send("/register", _form_posting_to(r"/register$"), "")
        tally.statuses[f"register {status}"] += 1
    except OSError:
        tally.errors += 1


def post_until(bot: Bot, case_ids: list[str], tally: Tally, deadline: float) -> None:
    """Post links in cases, verdicts and replies in turn, on the open cases in turn, until
    `deadline` (a bot without an account is refused each time, and keeps trying)."""
    turn = 0
    while time.monotonic() < deadline:
        what, page, pattern = POSTS[turn % len(POSTS)]
        case = case_ids[(turn // len(POSTS)) % len(case_ids)]
        turn += 1
        try:
            status = bot.send(
                page.format(case=case),
                _form_posting_to(pattern.format(case=case)),
                f"{SPAM} ({bot.username}, {turn})",
            )
        except OSError:
            tally.errors += 1
            continue
        tally.statuses[f"{what} {status}"] += 1
    tally.solve_seconds += bot.solve_seconds


def attack(
    base: str, case_ids: list[str], accounts: dict[str, int], seconds: float
) -> dict[str, Tally]:
    """Each stance registers its number of accounts (all at once, a thread each), then every
    account posts links for `seconds`."""
    tallies = {stance: Tally() for stance in STANCES}
    bots = [Bot(base, stance, n) for stance in STANCES for n in range(accounts[stance])]
    with ThreadPoolExecutor(max_workers=len(bots)) as pool:
        for bot in bots:
            pool.submit(register, bot, tallies[bot.stance])
    deadline = time.monotonic() + seconds
    with ThreadPoolExecutor(max_workers=len(bots)) as pool:
        for bot in bots:
            pool.submit(post_until, bot, case_ids, tallies[bot.stance], deadline)
    return tallies


def outcomes(database_url: str) -> dict[str, dict[str, int]]:
    """From the database: per stance, accounts made and limited, and posts by status."""
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    found: dict[str, dict[str, int]] = {s: Counter() for s in STANCES}
    with engine.connect() as connection:
        for stance in STANCES:
            like = {"pattern": f"bot-{stance}-%"}
            row = connection.execute(
                text(
                    "SELECT count(*), count(limited_reason) FROM members "
                    "WHERE username LIKE :pattern"
                ),
                like,
            ).one()
            found[stance]["accounts"], found[stance]["limited"] = row
            for table, kind in (("cases", "case"), ("verdicts", "verdict"), ("replies", "reply")):
                author = "author_id" if table == "cases" else "member_id"
                for status, count in connection.execute(
                    text(
                        f"SELECT t.status, count(*) FROM {table} t JOIN members m "
                        f"ON m.id = t.{author} WHERE m.username LIKE :pattern GROUP BY t.status"
                    ),
                    like,
                ):
                    found[stance][f"{kind} {status}"] = count
    engine.dispose()
    return found


# The issue's bots: plain HTTP, with and without reading the form. The solving bot is
# reported beside them, and judged on links only.
ISSUE_STANCES = ("blind", "form-filling", "careful")
THROUGH = ("published", "scheduled")


def _through(found: dict[str, int], kind: str) -> int:
    return sum(found.get(f"{kind} {status}", 0) for status in THROUGH)


def report(tallies: dict[str, Tally], found: dict[str, dict[str, int]], elapsed: float) -> str:
    lines = [
        f"Finished in {elapsed:.0f} s.",
        f"{'bot':<14}{'tried':>6}{'accounts':>10}{'limited':>9}{'free':>6}"
        f"{'cases':>13}{'verdicts':>13}{'replies':>13}   (posts: through/held/sent)",
    ]
    for stance in STANCES:
        tally, got = tallies[stance], found[stance]
        tried = sum(n for key, n in tally.statuses.items() if key.startswith("register"))
        posts = []
        for kind in ("case", "verdict", "reply"):
            sent = sum(n for key, n in tally.statuses.items() if key.startswith(kind))
            posts.append(f"{_through(got, kind)}/{got.get(kind + ' held', 0)}/{sent}")
        lines.append(
            f"{stance:<14}{tried:>6}{got['accounts']:>10}{got['limited']:>9}"
            f"{got['accounts'] - got['limited']:>6}{posts[0]:>13}{posts[1]:>13}{posts[2]:>13}"
        )
        answers = ", ".join(f"{key}: {n}" for key, n in sorted(tally.statuses.items()))
        lines.append(
            f"{'':<14}answers: {answers}" + (f"; {tally.errors} errors" if tally.errors else "")
        )
        if tally.solve_seconds:
            lines.append(f"{'':<14}CPU spent solving proofs of work: {tally.solve_seconds:.1f} s")
    tried, free, links = totals(found, tallies)
    stopped = 100 * (1 - free / tried) if tried else 100.0
    lines.append(
        f"Plain-HTTP bots: {tried} registrations tried, {free} got an account that is not "
        f"limited: {stopped:.1f}% stopped or held (target >= 99%). Posts with links that "
        f"got through, from every bot: {links} (target 0)."
    )
    return "\n".join(lines)


def totals(found: dict[str, dict[str, int]], tallies: dict[str, Tally]) -> tuple[int, int, int]:
    """Registrations the plain-HTTP bots tried, accounts of theirs not limited, and posts
    with links from any bot that got through: what the targets are about."""
    tried = sum(
        n
        for stance in ISSUE_STANCES
        for key, n in tallies[stance].statuses.items()
        if key.startswith("register")
    )
    free = sum(found[s]["accounts"] - found[s]["limited"] for s in ISSUE_STANCES)
    links = sum(_through(found[s], k) for s in STANCES for k in ("case", "verdict", "reply"))
    return tried, free, links


def targets_met(found: dict[str, dict[str, int]], tallies: dict[str, Tally]) -> bool:
    tried, free, links = totals(found, tallies)
    return links == 0 and (not tried or free / tried <= 0.01)


def browser_report(timings: list[tuple[float, float]]) -> str:
    if not timings:
        return "Chromium is not installed: the proof of work's cost in a browser was not measured."
    solving = sorted(t[0] for t in timings)
    ready = sorted(t[1] for t in timings)
    return (
        f"A person in Chromium (registration page, {len(timings)} loads): the proof of work "
        f"solved in {solving[len(solving) // 2]:.2f} s (median; max {solving[-1]:.2f} s), ready "
        f"{ready[len(ready) // 2]:.2f} s after the page loaded (max {ready[-1]:.2f} s), while they "
        f"type a username and a password. Extra waiting: none when they take longer than that "
        f"to fill the form in; at most {ready[-1]:.2f} s if they send it the moment it appears "
        f"(target: at most 2 s)."
    )


def browser_proof_of_work(base: str, loads: int = 5) -> list[tuple[float, float]]:
    """(solving, ready after load) seconds of the registration page's proof of work in
    Debian's Chromium, `loads` times; empty when Chromium or Playwright is missing."""
    if not shutil.which("chromium"):
        return []
    from playwright.sync_api import sync_playwright

    from tests.browser.test_bots_browser import TIMING_SCRIPT

    timings = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        for _ in range(loads):
            page = browser.new_page()
            page.add_init_script(TIMING_SCRIPT)
            page.goto(base + "/register")
            page.wait_for_function("() => window.__pow.verified.length > 0", timeout=20_000)
            started, verified = page.evaluate(
                "() => [window.__pow.started[0] ?? 0, window.__pow.verified[0]]"
            )
            timings.append(((verified - started) / 1000, verified / 1000))
            page.close()
        browser.close()
    return timings


def _prepare(database_url: str, redis_url: str, env: dict[str, str]) -> list[str]:
    """Migrate the empty database, load the demo content, and return open cases' ids."""
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "caseboard", *command],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as connection:
        ids = (
            connection.execute(
                text("SELECT public_id FROM cases WHERE status = 'published' AND closed_at IS NULL")
            )
            .scalars()
            .all()
        )
    engine.dispose()
    return list(ids)


def main(seconds: float = 120.0) -> int:
    from caseboard.embedded_redis import EmbeddedRedis

    work = Path(tempfile.mkdtemp(prefix="cb-bots-"))
    redis = EmbeddedRedis(str(work / "redis"))
    database_url = f"sqlite:///{work / 'bots.sqlite'}"
    server = None
    try:
        redis.start()
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": redis.url,
            "SECRET_KEY": SECRET_KEY,
            "CASEBOARD_TRUSTED_PROXY_COUNT": "1",
        }
        case_ids = _prepare(database_url, redis.url, env)
        server = Server("bots", "caseboard:create_app()", work / "server.log", env=env).start()
        server.wait_until_answering("/")
        base = server.url("")
        print(
            "Bots, each from its own address: "
            + ", ".join(f"{n} {stance}" for stance, n in ACCOUNTS.items())
            + f" registrations; then every account posts links in cases, verdicts and replies "
            f"for {seconds:.0f} s.",
            flush=True,
        )
        started = time.monotonic()
        tallies = attack(base, case_ids, ACCOUNTS, seconds)
        elapsed = time.monotonic() - started
        found = outcomes(database_url)
        print(report(tallies, found, elapsed))
        timings = browser_proof_of_work(base)
        print(browser_report(timings))
        return 0 if targets_met(found, tallies) else 1
    finally:
        if server is not None:
            server.stop()
        redis.stop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
