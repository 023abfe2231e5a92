"""Indexes for the orders the large lists are read in: the document register (newest first)
and the public resolutions portal (adopted, newest first; the bodies that have any).

Without them a page of the register sorted all 20,000 papers of a full archive (59 ms on
SQLite) and the portal's body filter scanned every resolution. The register's index also
holds the public filter's columns and the series, so that a deep page's ids are read from
the index alone.

Revision ID: 4e7b2c9d1a35
Revises: c1642df67ca8
Create Date: 2026-11-24 09:55:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '4e7b2c9d1a35'
down_revision = 'c1642df67ca8'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_documents_register_order', 'documents',
                    [sa.text('date DESC'), 'series_key', sa.text('number DESC'), sa.text('id DESC'),
                     'status', 'distribution', 'series_id'])
    op.create_index('ix_resolutions_portal_order', 'resolutions',
                    ['status', sa.text('adopted_on DESC'), sa.text('number DESC'), sa.text('id DESC')])
    op.create_index('ix_resolutions_status_body_id', 'resolutions', ['status', 'body_id'])


def downgrade():
    op.drop_index('ix_resolutions_status_body_id', table_name='resolutions')
    op.drop_index('ix_resolutions_portal_order', table_name='resolutions')
    op.drop_index('ix_documents_register_order', table_name='documents')
