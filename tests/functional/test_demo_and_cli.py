from sqlalchemy import func, select

from caseboard import taxonomy
from caseboard.extensions import db
from caseboard.models import Case, HelpfulVote, Reply, Verdict


def _count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_seed_demo_writes_varied_dilemmas_with_discussion(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert _count(Case) >= 40
    assert _count(Verdict) >= 120 and _count(Reply) >= 100 and _count(HelpfulVote) >= 100
    for column, vocabulary in (
        (Case.discipline, taxonomy.DISCIPLINES),
        (Case.level, taxonomy.LEVELS),
        (Case.topic, taxonomy.TOPICS),
        (Case.support_kind, taxonomy.SUPPORT_KINDS),
    ):
        assert set(db.session.scalars(select(column).distinct())) == set(vocabulary)
    assert set(db.session.scalars(select(Verdict.label).distinct())) == set(taxonomy.LABELS)


def test_seed_demo_is_idempotent(runner, demo_board):
    counts = (_count(Case), _count(Verdict), _count(Reply))
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0
    assert "Demo content is there." in result.output
    assert (_count(Case), _count(Verdict), _count(Reply)) == counts


def test_seeded_counts_match_the_rows(app, demo_board):
    for case in db.session.scalars(select(Case)):
        verdicts = _count_where(Verdict, Verdict.case_id == case.id)
        replies = _count_where(Reply, (Reply.case_id == case.id) & Reply.deleted_at.is_(None))
        assert (case.verdict_count, case.reply_count) == (verdicts, replies)
        assert sum(case.tally.values()) == verdicts


def _count_where(model, condition) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(condition))


def test_seed_demo_publishes_last_weeks_edition_and_leaves_candidates(app, demo_board):
    from caseboard.curation import candidates, weeks
    from caseboard.models import Edition, Highlight
    from caseboard.models.base import utcnow

    edition = db.session.scalar(select(Edition))
    assert edition.is_published and (edition.iso_year, edition.iso_week) == weeks.shift(
        *weeks.week_of(utcnow()), -1
    )
    assert all(h.takeaway_md for h in edition.highlights) and len(edition.highlights) == 3
    assert _count(Highlight) == 3
    start, end = weeks.bounds(*weeks.week_of(utcnow()))
    assert len(candidates.candidates(start, end, {}, limit=50)) >= 10
