"""replies by member and case: a member's replies on one case are one index range

Revision ID: 0012_replies_by_member_and_case
Revises: 0011_confirmed_email
Create Date: 2026-12-04 23:10:00

A member's case page reads what they wrote on that case in the query that logs them in,
where PostgreSQL learns the case only while running it. With an index on the member's
replies alone, it then walked every reply of the case (a busy one's 400) to find the
member's few. An index on (member, case) finds them directly, and still serves every lookup
by member alone, so it replaces the index on member.
"""
from alembic import op


revision = '0012_replies_by_member_and_case'
down_revision = '0011_confirmed_email'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('replies') as batch:
        batch.create_index('ix_replies_member_case', ['member_id', 'case_id'], unique=False)
        batch.drop_index('ix_replies_member')


def downgrade():
    with op.batch_alter_table('replies') as batch:
        batch.create_index('ix_replies_member', ['member_id'], unique=False)
        batch.drop_index('ix_replies_member_case')
