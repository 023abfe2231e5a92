"""Resolution amendments (a delegation's proposal for one paragraph) and revisions
(snapshots of a draft, compared as a redline).

Revision ID: b1b4f4e5c747
Revises: d6d84fa1b14d
Create Date: 2026-11-24 07:08:38.045662

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b1b4f4e5c747'
down_revision = 'd6d84fa1b14d'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('resolution_amendments',
    sa.Column('resolution_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('part', sa.Enum('preamble', 'operative', name='resolutionpart', native_enum=False, length=32), nullable=False),
    sa.Column('kind', sa.Enum('insertion', 'deletion', 'replacement', name='amendmentkind', native_enum=False, length=32), nullable=False),
    sa.Column('paragraph_number', sa.Integer(), nullable=False),
    sa.Column('original_text', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('points', sa.JSON(), nullable=False),
    sa.Column('rationale', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('proposed', 'accepted', 'rejected', name='amendmentstatus', native_enum=False, length=32), nullable=False),
    sa.Column('decided_at', sa.DateTime(), nullable=True),
    sa.Column('decided_by_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_resolution_amendments_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'], name=op.f('fk_resolution_amendments_decided_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_resolution_amendments_delegation_id_delegations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_resolution_amendments_resolution_id_resolutions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolution_amendments'))
    )
    with op.batch_alter_table('resolution_amendments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resolution_amendments_resolution_id'), ['resolution_id'], unique=False)

    op.create_table('resolution_revisions',
    sa.Column('resolution_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('reason', sa.String(length=300), nullable=False),
    sa.Column('amendment_id', sa.Integer(), nullable=True),
    sa.Column('snapshot', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['amendment_id'], ['resolution_amendments.id'], name=op.f('fk_resolution_revisions_amendment_id_resolution_amendments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_resolution_revisions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_resolution_revisions_resolution_id_resolutions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolution_revisions')),
    sa.UniqueConstraint('resolution_id', 'number', name=op.f('uq_resolution_revisions_resolution_id_number'))
    )
    with op.batch_alter_table('resolution_revisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resolution_revisions_resolution_id'), ['resolution_id'], unique=False)



def downgrade():
    with op.batch_alter_table('resolution_revisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resolution_revisions_resolution_id'))

    op.drop_table('resolution_revisions')
    with op.batch_alter_table('resolution_amendments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resolution_amendments_resolution_id'))

    op.drop_table('resolution_amendments')
