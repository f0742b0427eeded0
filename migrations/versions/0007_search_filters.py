"""search filters: an index of published cases by discipline, level, topic and support kind

Revision ID: 0007_search_filters
Revises: 0006_follows
Create Date: 2026-12-14 10:00:00

A search narrowed by filters checked each match of each word against the case's row, so a
common word with two or more filters (few cases left) read much of the board. With this
index PostgreSQL's planner starts from the filtered cases when they are few, and SQLite
lists their ids once from the index alone (it holds every column the filters compare,
the id included).
"""
from alembic import op


revision = '0007_search_filters'
down_revision = '0006_follows'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index(
        'ix_cases_status_filters',
        'cases',
        ['status', 'discipline', 'level', 'topic', 'support_kind'],
    )


def downgrade():
    op.drop_index('ix_cases_status_filters', table_name='cases')
