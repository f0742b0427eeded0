"""The benchmark's write load: its reasonings pass the moderation checks, wrk's script output
is read right, and a run whose rows do not match what was answered is caught."""

from __future__ import annotations

import itertools

from benchmarks.load import WrkResult
from benchmarks.targets import MEMBER, targets_for
from benchmarks.writes import Rows, WriteLoad, parse_script_output, reasonings
from caseboard.cases.forms import REASONING_MAX, REASONING_MIN
from caseboard.moderation.checks import identifying, language, spam
from caseboard.moderation.pipeline import Submission

SCRIPT_OUTPUT = """\
Running 10s test @ http://127.0.0.1:40000/
sent verdict 120
sent vote 118
sent repeated 0
status 302 230
sent verdict 119
sent vote 121
sent repeated 0
status 302 229
status 422 1
"""


def test_reasonings_are_distinct_long_enough_and_pass_the_checks():
    texts = list(itertools.islice(reasonings(), 300))
    assert len(set(texts)) == len(texts)
    for text in texts:
        assert REASONING_MIN <= len(text) <= REASONING_MAX
        submission = Submission("verdict", 1, {"reasoning": text}, case_id=1)
        assert identifying.check(submission) == [], text
        assert language.check(submission) == [], text
        assert not spam._repetitive(text), text


def test_script_output_is_summed_over_threads():
    sent, statuses = parse_script_output(SCRIPT_OUTPUT)
    assert sent == {"verdict": 239, "vote": 239, "repeated": 0}
    assert statuses == {302: 459, 422: 1}


def _load(added: Rows, statuses: dict[int, int], sent: dict[str, int]) -> WriteLoad:
    result = WrkResult(50.0, 100.0, 900.0, sum(statuses.values()), 0)
    return WriteLoad(64, 10, 64, 1000, result, sent, statuses, added)


def test_landing_accepts_writes_in_flight_at_the_stop():
    load = _load(Rows(10, 0, 9), {302: 18}, {"verdict": 11, "vote": 10, "repeated": 0})
    assert load.landing_problems() == []


def test_landing_catches_answered_writes_that_did_not_land():
    load = _load(Rows(5, 0, 9), {302: 18}, {"verdict": 11, "vote": 10, "repeated": 0})
    assert "18 writes were answered OK but 14 rows landed" in load.landing_problems()


def test_landing_catches_a_plan_that_ran_out():
    load = _load(Rows(10, 0, 10), {302: 20}, {"verdict": 12, "vote": 12, "repeated": 4})
    assert any("plan ran out" in problem for problem in load.landing_problems())


def test_member_targets_have_the_design_shares():
    manifest = {"busy_public_id": "abc", "edition_key": "2026-W47"}
    targets = targets_for(manifest)
    assert len({target.key for target in targets}) == len(targets)
    members = {t.name: t.target_ratio for t in targets if t.audience == MEMBER}
    assert members["home"] == 0.3
    assert members["busy case"] == 0.15
    assert members["search"] == 0.2
    assert {"library", "new"} <= set(members)
