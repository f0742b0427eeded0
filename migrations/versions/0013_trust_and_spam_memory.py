"""trust and spam memory: limited accounts, and fingerprints of text removed as spam

Revision ID: 0013_trust_and_spam_memory
Revises: 0012_replies_by_member_and_case
Create Date: 2026-12-05 21:40:00

An account registered without the proof of work, or with a form filled the way a script
fills it, starts limited: `members.limited_reason` says why until a moderator lets it out.
Text removed as spam is remembered by its MinHash signature only, with one row per
locality-sensitive band, so a near-copy is found by indexed lookups on either database.
"""
import sqlalchemy as sa
from alembic import op


revision = '0013_trust_and_spam_memory'
down_revision = '0012_replies_by_member_and_case'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('members', recreate='never') as batch:
        batch.add_column(sa.Column('limited_reason', sa.String(length=32), nullable=True))
    op.create_table(
        'spam_fingerprints',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source_key', sa.String(length=40), nullable=False),
        sa.Column('signature', sa.LargeBinary(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_spam_fingerprints')),
    )
    op.create_table(
        'spam_fingerprint_bands',
        sa.Column('fingerprint_id', sa.Integer(), nullable=False),
        sa.Column('band', sa.SmallInteger(), nullable=False),
        sa.Column('bucket', sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ['fingerprint_id'],
            ['spam_fingerprints.id'],
            name=op.f('fk_spam_fingerprint_bands_fingerprint_id_spam_fingerprints'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('fingerprint_id', 'band', name=op.f('pk_spam_fingerprint_bands')),
    )
    op.create_index(
        'ix_spam_fingerprint_bands_bucket', 'spam_fingerprint_bands', ['band', 'bucket']
    )


def downgrade():
    op.drop_index('ix_spam_fingerprint_bands_bucket', table_name='spam_fingerprint_bands')
    op.drop_table('spam_fingerprint_bands')
    op.drop_table('spam_fingerprints')
    with op.batch_alter_table('members', recreate='never') as batch:
        batch.drop_column('limited_reason')
