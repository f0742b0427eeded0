"""member sessions: each login is a row, so a session can be ended from the server

Revision ID: 0010_member_sessions
Revises: 0009_emails_at_least_once
Create Date: 2026-12-04 21:00:00

The session was a signed cookie and nothing more: a copied cookie kept working after logout
and after a password change on another device. Now the cookie names a row here by a random
key (only its hash is stored), and ending the row ends the session. Members signed in before
this migration are signed out once: their cookies carry no key.
"""
import sqlalchemy as sa
from alembic import op


revision = '0010_member_sessions'
down_revision = '0009_emails_at_least_once'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'member_sessions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('key_hash', sa.String(length=64), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_member_sessions_member_id_members'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_member_sessions')),
        sa.UniqueConstraint('key_hash', name=op.f('uq_member_sessions_key_hash')),
    )
    op.create_index('ix_member_sessions_member_id', 'member_sessions', ['member_id'])


def downgrade():
    op.drop_index('ix_member_sessions_member_id', table_name='member_sessions')
    op.drop_table('member_sessions')
