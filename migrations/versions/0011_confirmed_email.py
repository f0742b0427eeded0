"""confirmed email: an address is used only once its owner followed the link sent to it

Revision ID: 0011_confirmed_email
Revises: 0010_member_sessions
Create Date: 2026-12-04 22:00:00

Registration took any address and used it at once, and said when an address already had an
account, so anyone could test whether a colleague's address was registered. Now a new
address waits in `pending_email` until the link sent to it is followed; `email` holds
confirmed addresses only (every email goes there, and a password can be reset through it).
Addresses given before this migration were never confirmed: they move to `pending_email`,
and their members confirm them from the account page.
"""
import sqlalchemy as sa
from alembic import op


revision = '0011_confirmed_email'
down_revision = '0010_member_sessions'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('members') as batch:
        batch.add_column(sa.Column('pending_email', sa.String(length=254), nullable=True))
        batch.add_column(sa.Column('email_confirmed_at', sa.DateTime(timezone=True), nullable=True))
    op.execute('UPDATE members SET pending_email = email, email = NULL WHERE email IS NOT NULL')


def downgrade():
    op.execute(
        'UPDATE members SET email = pending_email '
        'WHERE email IS NULL AND pending_email IS NOT NULL '
        'AND pending_email NOT IN (SELECT email FROM members WHERE email IS NOT NULL)'
    )
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+): rebuilding `members`, as batch mode would,
    # is refused while the tables that refer to it keep their foreign keys.
    with op.batch_alter_table('members', recreate='never') as batch:
        batch.drop_column('email_confirmed_at')
        batch.drop_column('pending_email')
