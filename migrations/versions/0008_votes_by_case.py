"""votes by case: each helpful vote names the case it was given on

Revision ID: 0008_votes_by_case
Revises: 0007_search_filters
Create Date: 2026-12-04 18:00:00

A member's case page asks which of the page's verdicts and replies they voted on. Without the
case on the vote, that meant a loop over every verdict and reply of the case (a busy one's
600) or over every vote the member ever gave: about a millisecond on PostgreSQL at 100,000
cases, the most expensive statement of a member's page. With the case on the vote and an
index on (member, case), it is one short index range.
"""
import sqlalchemy as sa
from alembic import op


revision = '0008_votes_by_case'
down_revision = '0007_search_filters'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('helpful_votes') as batch:
        batch.add_column(sa.Column('case_id', sa.Integer(), nullable=True))
    op.execute(
        'UPDATE helpful_votes SET case_id = '
        '(SELECT verdicts.case_id FROM verdicts WHERE verdicts.id = helpful_votes.verdict_id) '
        'WHERE verdict_id IS NOT NULL'
    )
    op.execute(
        'UPDATE helpful_votes SET case_id = '
        '(SELECT replies.case_id FROM replies WHERE replies.id = helpful_votes.reply_id) '
        'WHERE reply_id IS NOT NULL'
    )
    with op.batch_alter_table('helpful_votes') as batch:
        batch.alter_column('case_id', existing_type=sa.Integer(), nullable=False)
        batch.create_foreign_key(
            'fk_helpful_votes_case_id_cases', 'cases', ['case_id'], ['id'], ondelete='CASCADE'
        )
        batch.create_index('ix_helpful_votes_member_case', ['member_id', 'case_id'])


def downgrade():
    with op.batch_alter_table('helpful_votes') as batch:
        batch.drop_index('ix_helpful_votes_member_case')
        batch.drop_constraint('fk_helpful_votes_case_id_cases', type_='foreignkey')
        batch.drop_column('case_id')
