"""An adopted resolution keeps the session numeral and the body code it was adopted under, and a
body keeps the codes it went by before: renumbering a session no longer changes a designation
("Resolution No. 1404 (CX)"), and /resolutions/<former code>/<number> redirects to the present code.

Existing numbered resolutions are filled from what their designation and address read until now
(their session's present number, their body's present code).

Revision ID: 3f8a61d2c4b9
Revises: b5d81e3f6c20
Create Date: 2026-12-07
"""
import sqlalchemy as sa
from alembic import op

from govbody.core.text import roman  # what the designations read until now

revision = '3f8a61d2c4b9'
down_revision = 'b5d81e3f6c20'
branch_labels = None
depends_on = None


# Plain ALTER TABLE on resolutions, not batch mode: rebuilding the table would break the search
# triggers that name it.
def upgrade():
    op.add_column('resolutions', sa.Column('session_numeral', sa.String(length=15), nullable=True))
    op.add_column('resolutions', sa.Column('cited_code', sa.String(length=20), nullable=True))
    op.create_table(
        'body_former_codes',
        sa.Column('body_id', sa.Integer(), nullable=False),
        sa.Column('code', sa.String(length=20), nullable=False),
        sa.Column('replaced_at', sa.DateTime(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_body_former_codes_body_id_bodies'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_body_former_codes')),
        sa.UniqueConstraint('code', name=op.f('uq_body_former_codes_code')),
    )
    with op.batch_alter_table('body_former_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_body_former_codes_body_id'), ['body_id'], unique=False)

    conn = op.get_bind()
    numbers = conn.scalars(sa.text(
        "SELECT DISTINCT s.number FROM body_sessions s JOIN resolutions r ON r.session_id = s.id "
        "WHERE r.number IS NOT NULL")).all()
    for number in numbers:
        conn.execute(sa.text(
            "UPDATE resolutions SET session_numeral = :numeral WHERE number IS NOT NULL "
            "AND session_id IN (SELECT id FROM body_sessions WHERE number = :number)"),
            {"numeral": roman(number), "number": number})
    conn.execute(sa.text(
        "UPDATE resolutions SET cited_code = (SELECT b.code FROM bodies b WHERE b.id = resolutions.body_id) "
        "WHERE number IS NOT NULL"))


def downgrade():
    with op.batch_alter_table('body_former_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_body_former_codes_body_id'))
    op.drop_table('body_former_codes')
    op.drop_column('resolutions', 'cited_code')
    op.drop_column('resolutions', 'session_numeral')
