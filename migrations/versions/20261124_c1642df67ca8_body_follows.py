"""Bodies a user follows, and when they last looked at what is new in each (the delegations' view).

Revision ID: c1642df67ca8
Revises: 1131797f4b36
Create Date: 2026-11-24 08:23:02.327251

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c1642df67ca8'
down_revision = '1131797f4b36'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('body_follows',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('seen_at', sa.DateTime(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_body_follows_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_body_follows_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_body_follows')),
    sa.UniqueConstraint('user_id', 'body_id', name=op.f('uq_body_follows_user_id_body_id'))
    )
    with op.batch_alter_table('body_follows', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_body_follows_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('body_follows', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_body_follows_user_id'))

    op.drop_table('body_follows')
