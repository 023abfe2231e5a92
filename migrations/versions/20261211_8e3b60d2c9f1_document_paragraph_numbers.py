"""A numbered document may print its body paragraphs unnumbered and its headings without Roman
numerals or letters, as a long report or strategy paper is laid out (seed 002). Every document
so far numbered its paragraphs, hence the default.

Revision ID: 8e3b60d2c9f1
Revises: e7b4c2a9d1f6
Create Date: 2026-12-11
"""
import sqlalchemy as sa
from alembic import op

revision = '8e3b60d2c9f1'
down_revision = 'e7b4c2a9d1f6'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('documents', sa.Column('paragraph_numbers', sa.Boolean(), server_default=sa.true(),
                                         nullable=False))


# Plain ALTER TABLE, not batch mode: rebuilding a table others reference would run their ON
# DELETE rules.
def downgrade():
    op.drop_column('documents', 'paragraph_numbers')
