"""case lifecycle: outcome, divisiveness

Revision ID: 0002_case_lifecycle
Revises: 0001_core_loop
Create Date: 2026-11-25 05:04:32.319801

Plain ALTER TABLE, not batch mode: rebuilding `cases` on SQLite would drop its FTS5 triggers.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002_case_lifecycle'
down_revision = '0001_core_loop'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('cases', sa.Column('divisiveness', sa.Float(), nullable=False, server_default='0'))
    op.add_column('cases', sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True))
    op.add_column('cases', sa.Column('outcome_label', sa.String(length=4), nullable=True))
    op.add_column('cases', sa.Column('outcome_confidence', sa.Float(), nullable=True))
    op.create_index('ix_cases_status_closes', 'cases', ['status', 'closes_at'], unique=False)
    op.create_index('ix_cases_status_divisiveness', 'cases', ['status', 'divisiveness'], unique=False)
    op.create_index('ix_cases_status_needs_verdicts', 'cases', ['status', 'verdict_count', 'published_at'], unique=False)


def downgrade():
    op.drop_index('ix_cases_status_needs_verdicts', table_name='cases')
    op.drop_index('ix_cases_status_divisiveness', table_name='cases')
    op.drop_index('ix_cases_status_closes', table_name='cases')
    with op.batch_alter_table('cases') as batch_op:
        batch_op.drop_column('outcome_confidence')
        batch_op.drop_column('outcome_label')
        batch_op.drop_column('closed_at')
        batch_op.drop_column('divisiveness')
