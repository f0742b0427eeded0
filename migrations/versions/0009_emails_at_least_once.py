"""emails at least once: a delivery counts as sent once the mail server took it

Revision ID: 0009_emails_at_least_once
Revises: 0008_votes_by_case
Create Date: 2026-12-04 20:00:00

A digest delivery was recorded before its SMTP conversation, so a worker that died mid-send
lost that member's digest; a notice's email lived only as a job in Redis, so one skipped
while Redis was down, or lost with a killed worker, was never sent. Now the database says
what is owed: a digest delivery is claimed (`claimed_at`) before the send and counts as sent
(`sent_at`) only after it; a notice owes an email from `email_due_at` until `emailed_at`, and
`email_claimed_at` keeps two senders off the same one. A claim older than a few minutes
belongs to a sender that died, and the worker's periodic pass takes it over.
"""
import sqlalchemy as sa
from alembic import op


revision = '0009_emails_at_least_once'
down_revision = '0008_votes_by_case'
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)
OWED = 'email_due_at IS NOT NULL AND emailed_at IS NULL'


def upgrade():
    with op.batch_alter_table('digest_deliveries') as batch:
        batch.add_column(sa.Column('claimed_at', UTC, nullable=True))
    # Deliveries recorded so far were all claimed when recorded (and, as far as anyone
    # knows, sent then).
    op.execute('UPDATE digest_deliveries SET claimed_at = sent_at')
    with op.batch_alter_table('digest_deliveries') as batch:
        batch.alter_column('claimed_at', existing_type=UTC, nullable=False)
        batch.alter_column('sent_at', existing_type=UTC, nullable=True)
    with op.batch_alter_table('notifications') as batch:
        batch.add_column(sa.Column('email_due_at', UTC, nullable=True))
        batch.add_column(sa.Column('email_claimed_at', UTC, nullable=True))
        batch.add_column(sa.Column('emailed_at', UTC, nullable=True))
    op.create_index(
        'ix_notifications_email_owed',
        'notifications',
        ['email_due_at'],
        sqlite_where=sa.text(OWED),
        postgresql_where=sa.text(OWED),
    )


def downgrade():
    op.drop_index('ix_notifications_email_owed', table_name='notifications')
    with op.batch_alter_table('notifications') as batch:
        batch.drop_column('emailed_at')
        batch.drop_column('email_claimed_at')
        batch.drop_column('email_due_at')
    op.execute('DELETE FROM digest_deliveries WHERE sent_at IS NULL')
    with op.batch_alter_table('digest_deliveries') as batch:
        batch.alter_column('sent_at', existing_type=UTC, nullable=False)
        batch.drop_column('claimed_at')
