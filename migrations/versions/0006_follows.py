"""follows: members following cases; every author follows their own

Revision ID: 0006_follows
Revises: 0005_outcomes
Create Date: 2026-12-10 10:00:00

Authors were told when their case was extended or closed; those notices now go to a case's
followers, so every existing author follows their own cases (accounts deleted before this
revision excepted: they get no notices).
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_follows'
down_revision = '0005_outcomes'
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        'case_follows',
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('created_at', UTC, nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_case_follows_case_id_cases'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_case_follows_member_id_members'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('member_id', 'case_id', name=op.f('pk_case_follows')),
    )
    op.create_index('ix_case_follows_case', 'case_follows', ['case_id'])
    _authors_follow_their_cases()


def _authors_follow_their_cases():
    """One INSERT ... SELECT, however many cases there are."""
    cases = sa.table(
        'cases', sa.column('id'), sa.column('author_id'), sa.column('created_at'),
        sa.column('published_at'),
    )
    members = sa.table('members', sa.column('id'), sa.column('deleted_at'))
    follows = sa.table(
        'case_follows', sa.column('member_id'), sa.column('case_id'), sa.column('created_at')
    )
    authors = (
        sa.select(cases.c.author_id, cases.c.id, sa.func.coalesce(cases.c.published_at, cases.c.created_at))
        .join(members, members.c.id == cases.c.author_id)
        .where(members.c.deleted_at.is_(None))
    )
    op.get_bind().execute(
        follows.insert().from_select(['member_id', 'case_id', 'created_at'], authors)
    )


def downgrade():
    op.drop_index('ix_case_follows_case', table_name='case_follows')
    op.drop_table('case_follows')
