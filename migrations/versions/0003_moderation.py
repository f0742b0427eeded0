"""moderation: content status, queue items, reports, sanctions, the append-only log

Revision ID: 0003_moderation
Revises: 0002_case_lifecycle
Create Date: 2026-11-25 06:40:00

Plain ALTER TABLE on `cases` (batch mode would drop its FTS5 triggers on SQLite).
"""
from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0003_moderation'
down_revision = '0002_case_lifecycle'
branch_labels = None
depends_on = None

UTC = sa.DateTime(timezone=True)

REASONS = [
    ("identifying", "Identifying information",
     "It could identify a person or an employer. Replace names, companies and contact details "
     "with placeholders such as [name] or [company], then post it again."),
    ("unkind", "Unkind or harassment",
     "It attacks a person rather than discussing the situation. Say what you think of the "
     "choices made, not of the people."),
    ("spam", "Spam",
     "It advertises or repeats content rather than discussing the case."),
    ("fake", "Fake or trolling",
     "It reads as invented to provoke rather than a real dilemma."),
    ("off_topic", "Off-topic",
     "It is not a workplace dilemma, or not about this case."),
    ("other", "Other",
     "See the moderator's note."),
]


def upgrade():
    op.add_column('members', sa.Column('reports_upheld', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('members', sa.Column('reports_dismissed', sa.Integer(), nullable=False, server_default='0'))
    op.add_column('cases', sa.Column('locked_at', UTC, nullable=True))
    op.add_column('verdicts', sa.Column('status', sa.String(16), nullable=False, server_default='published'))
    op.add_column('replies', sa.Column('status', sa.String(16), nullable=False, server_default='published'))
    op.execute("UPDATE cases SET status = 'held' WHERE status = 'pending'")

    op.create_table(
        'mod_actions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('public_id', sa.String(16), nullable=False),
        sa.Column('moderator_id', sa.Integer(), nullable=False),
        sa.Column('action', sa.String(24), nullable=False),
        sa.Column('subject_kind', sa.String(12), nullable=True),
        sa.Column('subject_public_id', sa.String(16), nullable=True),
        sa.Column('case_public_id', sa.String(16), nullable=True),
        sa.Column('reason_code', sa.String(24), nullable=False),
        sa.Column('reason_text', sa.Text(), nullable=False),
        sa.Column('identifying', sa.Boolean(), nullable=False),
        sa.Column('until', UTC, nullable=True),
        sa.Column('created_at', UTC, nullable=False),
        sa.ForeignKeyConstraint(['moderator_id'], ['members.id'], name=op.f('fk_mod_actions_moderator_id_members')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mod_actions')),
        sa.UniqueConstraint('public_id', name=op.f('uq_mod_actions_public_id')),
    )
    op.create_index('ix_mod_actions_created', 'mod_actions', ['created_at'])
    op.create_index('ix_mod_actions_subject', 'mod_actions', ['subject_kind', 'subject_public_id'])

    op.create_table(
        'moderation_items',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('public_id', sa.String(16), nullable=False),
        sa.Column('kind', sa.String(16), nullable=False),
        sa.Column('subject_key', sa.String(40), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=True),
        sa.Column('verdict_id', sa.Integer(), nullable=True),
        sa.Column('reply_id', sa.Integer(), nullable=True),
        sa.Column('findings_json', sa.Text(), nullable=False),
        sa.Column('claimed_by_id', sa.Integer(), nullable=True),
        sa.Column('claimed_at', UTC, nullable=True),
        sa.Column('created_at', UTC, nullable=False),
        sa.Column('closed_at', UTC, nullable=True),
        sa.Column('outcome', sa.String(24), nullable=True),
        sa.Column('appeal_text', sa.Text(), nullable=True),
        sa.Column('appealed_action_id', sa.Integer(), nullable=True),
        sa.Column('acted_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_moderation_items_case_id_cases'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['verdict_id'], ['verdicts.id'], name=op.f('fk_moderation_items_verdict_id_verdicts'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['reply_id'], ['replies.id'], name=op.f('fk_moderation_items_reply_id_replies'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['claimed_by_id'], ['members.id'], name=op.f('fk_moderation_items_claimed_by_id_members')),
        sa.ForeignKeyConstraint(['acted_by_id'], ['members.id'], name=op.f('fk_moderation_items_acted_by_id_members')),
        sa.ForeignKeyConstraint(['appealed_action_id'], ['mod_actions.id'], name=op.f('fk_moderation_items_appealed_action_id_mod_actions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_moderation_items')),
        sa.UniqueConstraint('public_id', name=op.f('uq_moderation_items_public_id')),
        sa.UniqueConstraint('appealed_action_id', name=op.f('uq_moderation_items_appealed_action_id')),
    )
    op.create_index('ix_moderation_items_open', 'moderation_items', ['closed_at', 'created_at'])
    op.create_index(
        'uq_moderation_items_open_subject', 'moderation_items', ['kind', 'subject_key'], unique=True,
        sqlite_where=sa.text('closed_at IS NULL'), postgresql_where=sa.text('closed_at IS NULL'),
    )

    op.create_table(
        'reports',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('reporter_id', sa.Integer(), nullable=False),
        sa.Column('subject_key', sa.String(40), nullable=False),
        sa.Column('case_id', sa.Integer(), nullable=False),
        sa.Column('verdict_id', sa.Integer(), nullable=True),
        sa.Column('reply_id', sa.Integer(), nullable=True),
        sa.Column('reason_code', sa.String(24), nullable=False),
        sa.Column('details', sa.Text(), nullable=False),
        sa.Column('weight', sa.Float(), nullable=False),
        sa.Column('status', sa.String(12), nullable=False),
        sa.Column('created_at', UTC, nullable=False),
        sa.Column('resolved_at', UTC, nullable=True),
        sa.ForeignKeyConstraint(['reporter_id'], ['members.id'], name=op.f('fk_reports_reporter_id_members')),
        sa.ForeignKeyConstraint(['case_id'], ['cases.id'], name=op.f('fk_reports_case_id_cases'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['verdict_id'], ['verdicts.id'], name=op.f('fk_reports_verdict_id_verdicts'), ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['reply_id'], ['replies.id'], name=op.f('fk_reports_reply_id_replies'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reports')),
        sa.UniqueConstraint('reporter_id', 'subject_key', name='uq_reports_once_per_member'),
    )
    op.create_index('ix_reports_subject_status', 'reports', ['subject_key', 'status'])
    op.create_index(op.f('ix_reports_case_id'), 'reports', ['case_id'])

    reasons = op.create_table(
        'reason_templates',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(24), nullable=False),
        sa.Column('title', sa.String(80), nullable=False),
        sa.Column('body', sa.Text(), nullable=False),
        sa.Column('updated_at', UTC, nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_reason_templates')),
        sa.UniqueConstraint('code', name=op.f('uq_reason_templates_code')),
    )
    op.bulk_insert(reasons, [
        {"code": code, "title": title, "body": body, "updated_at": datetime.now(timezone.utc)}
        for code, title, body in REASONS
    ])

    op.create_table(
        'sanctions',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(12), nullable=False),
        sa.Column('reason', sa.Text(), nullable=False),
        sa.Column('created_at', UTC, nullable=False),
        sa.Column('ends_at', UTC, nullable=True),
        sa.Column('action_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_sanctions_member_id_members')),
        sa.ForeignKeyConstraint(['action_id'], ['mod_actions.id'], name=op.f('fk_sanctions_action_id_mod_actions')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sanctions')),
    )
    op.create_index('ix_sanctions_member_ends', 'sanctions', ['member_id', 'ends_at'])

    op.create_table(
        'notifications',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('member_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(24), nullable=False),
        sa.Column('message', sa.Text(), nullable=False),
        sa.Column('subject_kind', sa.String(12), nullable=True),
        sa.Column('subject_public_id', sa.String(16), nullable=True),
        sa.Column('created_at', UTC, nullable=False),
        sa.Column('read_at', UTC, nullable=True),
        sa.ForeignKeyConstraint(['member_id'], ['members.id'], name=op.f('fk_notifications_member_id_members')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_notifications')),
    )
    op.create_index('ix_notifications_member_created', 'notifications', ['member_id', 'created_at'])

    # The moderation log is append-only, in the database itself, not only by convention.
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("""
            CREATE FUNCTION mod_actions_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION 'the moderation log is append-only'; END;
            $$ LANGUAGE plpgsql
        """)
        op.execute("""
            CREATE TRIGGER mod_actions_append_only BEFORE UPDATE OR DELETE ON mod_actions
            FOR EACH ROW EXECUTE FUNCTION mod_actions_append_only()
        """)
    else:
        for event in ('UPDATE', 'DELETE'):
            op.execute(f"""
                CREATE TRIGGER mod_actions_no_{event.lower()} BEFORE {event} ON mod_actions
                BEGIN SELECT RAISE(ABORT, 'the moderation log is append-only'); END
            """)


def downgrade():
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("DROP TRIGGER mod_actions_append_only ON mod_actions")
        op.execute("DROP FUNCTION mod_actions_append_only()")
    else:
        op.execute("DROP TRIGGER mod_actions_no_update")
        op.execute("DROP TRIGGER mod_actions_no_delete")
    op.drop_table('notifications')
    op.drop_table('sanctions')
    op.drop_table('reason_templates')
    op.drop_table('reports')
    op.drop_table('moderation_items')
    op.drop_table('mod_actions')
    op.execute("UPDATE cases SET status = 'pending' WHERE status = 'held'")
    op.drop_column('replies', 'status')
    op.drop_column('verdicts', 'status')
    op.drop_column('cases', 'locked_at')
    op.drop_column('members', 'reports_dismissed')
    op.drop_column('members', 'reports_upheld')
