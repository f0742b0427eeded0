"""curation: highlight editions, teaching examples, email preferences, batched notices

Revision ID: 0004_curation
Revises: 0003_moderation
Create Date: 2026-11-25 08:30:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0004_curation'
down_revision = '0003_moderation'
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)


def upgrade():
    op.create_table(
        'editions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('iso_year', sa.Integer(), nullable=False),
        sa.Column('iso_week', sa.Integer(), nullable=False),
        sa.Column('title', sa.String(150), nullable=False),
        sa.Column('intro_md', sa.Text(), nullable=False),
        sa.Column('intro_html', sa.Text(), nullable=False),
        sa.Column('status', sa.String(12), nullable=False),
        sa.Column('publish_at', UTC, nullable=True),
        sa.Column('published_at', UTC, nullable=True),
        sa.Column('created_at', UTC, nullable=False),
        sa.Column('updated_at', UTC, nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_editions')),
        sa.UniqueConstraint('iso_year', 'iso_week', name='uq_editions_week'),
    )
    op.create_index('ix_editions_status_published', 'editions', ['status', 'published_at'])

    op.create_table(
        'highlights',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('edition_id', sa.Integer(), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('position', sa.Integer(), nullable=False),
        sa.Column('takeaway_md', sa.Text(), nullable=False),
        sa.Column('takeaway_html', sa.Text(), nullable=False),
        sa.Column('questions_md', sa.Text(), nullable=False),
        sa.Column('questions_html', sa.Text(), nullable=False),
        sa.Column('added_at', UTC, nullable=False),
        sa.Column('updated_at', UTC, nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['edition_id'], ['editions.id'], name=op.f('fk_highlights_edition_id_editions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_highlights_case_id_cases'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_highlights')),
        sa.UniqueConstraint('case_id', name='uq_highlights_case'),
    )
    op.create_index('ix_highlights_edition_position', 'highlights', ['edition_id', 'position'])

    op.create_table(
        'email_preferences',
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(24), nullable=False),
        sa.Column('created_at', UTC, nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_email_preferences_member_id_members'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('member_id', 'kind', name=op.f('pk_email_preferences')),
    )

    op.create_table(
        'digest_deliveries',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('edition_id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('sent_at', UTC, nullable=False),
        sa.ForeignKeyConstraint(['edition_id'], ['editions.id'], name=op.f('fk_digest_deliveries_edition_id_editions'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_digest_deliveries_member_id_members'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_digest_deliveries')),
        sa.UniqueConstraint('edition_id', 'member_id', name='uq_digest_deliveries_once'),
    )

    # The moderators' dashboard counts verdicts per week.
    op.create_index('ix_verdicts_status_created', 'verdicts', ['status', 'created_at'])

    op.add_column('members', sa.Column('mail_key', sa.String(24), nullable=True))
    op.create_index('uq_members_mail_key', 'members', ['mail_key'], unique=True)

    op.add_column('notifications', sa.Column('batch_key', sa.String(64), nullable=True))
    op.add_column('notifications', sa.Column('count', sa.Integer(), nullable=False, server_default='1'))
    op.create_index(
        'uq_notifications_unread_batch', 'notifications', ['member_id', 'batch_key'], unique=True,
        sqlite_where=sa.text('read_at IS NULL AND batch_key IS NOT NULL'),
        postgresql_where=sa.text('read_at IS NULL AND batch_key IS NOT NULL'),
    )


def downgrade():
    op.drop_index('uq_notifications_unread_batch', table_name='notifications')
    with op.batch_alter_table('notifications') as batch:
        batch.drop_column('count')
        batch.drop_column('batch_key')
    op.drop_index('ix_verdicts_status_created', table_name='verdicts')
    op.drop_index('uq_members_mail_key', table_name='members')
    with op.batch_alter_table('members') as batch:
        batch.drop_column('mail_key')
    op.drop_table('digest_deliveries')
    op.drop_table('email_preferences')
    op.drop_table('highlights')
    op.drop_table('editions')
