"""outcomes: states, fitted priors, extended windows, follow-ups

Revision ID: 0005_outcomes
Revises: 0004_curation
Create Date: 2026-12-03 10:00:00

Plain ALTER TABLE on `cases` (batch mode would drop its FTS5 triggers on SQLite).
"""
from alembic import op
import sqlalchemy as sa


revision = '0005_outcomes'
down_revision = '0004_curation'
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)
LABELS = ('yta', 'nta', 'esh', 'nah', 'info')


def upgrade():
    op.create_table(
        'outcome_priors',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('fitted_at', UTC, nullable=False),
        sa.Column('case_count', sa.Integer(), nullable=False),
        *(sa.Column(label, sa.Float(), nullable=False) for label in LABELS),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_outcome_priors')),
    )
    op.add_column('cases', sa.Column('outcome_state', sa.String(8), nullable=True))
    if op.get_bind().dialect.name == 'sqlite':
        # SQLite takes a REFERENCES clause in ADD COLUMN; Alembic would want batch mode.
        op.execute(
            'ALTER TABLE cases ADD COLUMN outcome_prior_id INTEGER REFERENCES outcome_priors (id)'
        )
    else:
        op.add_column('cases', sa.Column('outcome_prior_id', sa.Integer(), nullable=True))
        op.create_foreign_key(
            op.f('fk_cases_outcome_prior_id_outcome_priors'),
            'cases', 'outcome_priors', ['outcome_prior_id'], ['id'],
        )
    op.add_column('cases', sa.Column('extended_at', UTC, nullable=True))
    op.add_column(
        'cases', sa.Column('follow_up_asks', sa.Integer(), nullable=False, server_default='0')
    )
    op.add_column('cases', sa.Column('followed_up_at', UTC, nullable=True))
    op.add_column('cases', sa.Column('advice_helped', sa.String(12), nullable=True))
    op.create_index('ix_cases_follow_up_due', 'cases', ['follow_up_asks', 'closed_at'])
    with op.batch_alter_table('case_updates') as batch:
        batch.add_column(sa.Column('advice_helped', sa.String(12), nullable=True))
    _restate_closed_cases()
    # Cases closed a month or more before follow-ups existed are not asked about now, out of
    # the blue: both questions (FOLLOW_UP_DAYS) count as asked, the 90-day one included.
    from datetime import datetime, timedelta, timezone

    long_ago = datetime.now(timezone.utc) - timedelta(days=30)
    cases = sa.table('cases', sa.column('closed_at', UTC), sa.column('follow_up_asks'))
    op.get_bind().execute(
        sa.update(cases).where(cases.c.closed_at < long_ago).values(follow_up_asks=2)
    )


def _restate_closed_cases():
    """Give every case closed before this revision its state, label and confidence under the
    rules of this revision (uniform prior), from its frozen tally: one UPDATE per distinct
    tally, not per case. (It runs aggregation.summarize as it is when migrating.)"""
    from caseboard.aggregation import LABEL_ORDER, summarize

    bind = op.get_bind()
    counts = [sa.column(f'{label}_count') for label in LABELS]
    cases = sa.table(
        'cases', sa.column('closed_at'), sa.column('outcome_state'),
        sa.column('outcome_label'), sa.column('outcome_confidence'), *counts,
    )
    tallies = bind.execute(
        sa.select(*counts).where(cases.c.closed_at.is_not(None)).distinct()
    ).all()
    for tally in tallies:
        outcome = summarize(dict(zip(LABEL_ORDER, tally)))
        bind.execute(
            sa.update(cases)
            .where(cases.c.closed_at.is_not(None))
            .where(*(column == count for column, count in zip(counts, tally)))
            .values(
                outcome_state=outcome.state,
                outcome_label=outcome.leading,
                outcome_confidence=outcome.confidence,
            )
        )


def downgrade():
    with op.batch_alter_table('case_updates') as batch:
        batch.drop_column('advice_helped')
    op.drop_index('ix_cases_follow_up_due', table_name='cases')
    if op.get_bind().dialect.name != 'sqlite':
        op.drop_constraint(
            op.f('fk_cases_outcome_prior_id_outcome_priors'), 'cases', type_='foreignkey'
        )
    for column in ('advice_helped', 'followed_up_at', 'follow_up_asks', 'extended_at',
                   'outcome_prior_id', 'outcome_state'):
        op.drop_column('cases', column)
    op.drop_table('outcome_priors')
