"""Decisions beside resolutions, the written (silence) procedure that adopts them, the e-mail that
tells the delegations, and the decisions' part of the search index (search_fts_decision: an FTS5
table on SQLite, a tsvector table on PostgreSQL, kept by triggers as the other kinds)

Revision ID: 5c1d175b929e
Revises: 9c4f1e7a2b65
Create Date: 2026-12-12 18:50:43.489206

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5c1d175b929e'
down_revision = '9c4f1e7a2b65'
branch_labels = None
depends_on = None


# A decision in the index: its designation and title, and its text.
SQLITE_ROW = ("SELECT d.id, 'Decision No. ' || d.number || ' (' || d.session_numeral || ') ' || d.title, d.text"
              " FROM decisions d WHERE d.id = {id}")
PG_ROW = ("SELECT d.id, concat('Decision No. ', d.number, ' (', d.session_numeral, ') ', d.title), d.text"
          " FROM decisions d WHERE d.id = ident")


def _sqlite_refresh(ident: str) -> str:
    return (f"DELETE FROM search_fts_decision WHERE rowid = {ident}; "
            f"INSERT INTO search_fts_decision(rowid, title, content) {SQLITE_ROW.format(id=ident)};")


def _sqlite_index() -> None:
    op.execute("CREATE VIRTUAL TABLE search_fts_decision USING fts5("
               "title, content, tokenize = 'porter unicode61 remove_diacritics 2')")
    op.execute(f"CREATE TRIGGER search_fts_decisions_ai AFTER INSERT ON decisions BEGIN {_sqlite_refresh('NEW.id')} END")
    op.execute("CREATE TRIGGER search_fts_decisions_au AFTER UPDATE OF number, session_numeral, title, text ON decisions"
               f" BEGIN {_sqlite_refresh('OLD.id')} {_sqlite_refresh('NEW.id')} END")
    op.execute("CREATE TRIGGER search_fts_decisions_ad AFTER DELETE ON decisions BEGIN "
               "DELETE FROM search_fts_decision WHERE rowid = OLD.id; END")


def _pg_index() -> None:
    # search_fts_sync() and search_fts_clear() are the index's own (migration f7a3c9e2b810).
    op.execute("CREATE TABLE search_fts_decision (id integer PRIMARY KEY, title text NOT NULL,"
               " content text NOT NULL, tsv tsvector NOT NULL)")
    op.execute("CREATE INDEX search_fts_decision_tsv ON search_fts_decision USING gin (tsv)")
    op.execute(
        "CREATE FUNCTION search_fts_decision_refresh(ident integer) RETURNS void LANGUAGE sql AS $$"
        " DELETE FROM search_fts_decision WHERE id = ident;"
        " INSERT INTO search_fts_decision (id, title, content, tsv)"
        " SELECT id, title, content,"
        " setweight(to_tsvector('english', title), 'A') || to_tsvector('english', content)"
        f" FROM ({PG_ROW}) AS row(id, title, content) $$"
    )
    op.execute("CREATE TRIGGER search_fts_decisions AFTER INSERT OR DELETE OR UPDATE OF number, session_numeral,"
               " title, text ON decisions FOR EACH ROW EXECUTE FUNCTION search_fts_sync('decision', 'id')")
    op.execute("CREATE TRIGGER search_fts_decisions_truncate AFTER TRUNCATE ON decisions"
               " FOR EACH STATEMENT EXECUTE FUNCTION search_fts_clear('decision')")


def upgrade():
    op.create_table('written_procedures',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('deadline', sa.DateTime(), nullable=False),
    sa.Column('status', sa.Enum('open', 'broken', 'adopted', name='procedurestatus', native_enum=False, length=32), nullable=False),
    sa.Column('circulated_by_id', sa.Integer(), nullable=True),
    sa.Column('closed_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_written_procedures_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['circulated_by_id'], ['users.id'], name=op.f('fk_written_procedures_circulated_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'], name=op.f('fk_written_procedures_session_id_body_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_written_procedures'))
    )
    with op.batch_alter_table('written_procedures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_written_procedures_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_written_procedures_deadline'), ['deadline'], unique=False)
        batch_op.create_index(batch_op.f('ix_written_procedures_session_id'), ['session_id'], unique=False)

    op.create_table('decisions',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('session_numeral', sa.String(length=15), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('adopted_on', sa.Date(), nullable=False),
    sa.Column('method', sa.Enum('written_procedure', name='decisionmethod', native_enum=False, length=32), nullable=False),
    sa.Column('written_procedure_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_decisions_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'], name=op.f('fk_decisions_session_id_body_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['written_procedure_id'], ['written_procedures.id'], name=op.f('fk_decisions_written_procedure_id_written_procedures'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decisions')),
    sa.UniqueConstraint('session_id', 'number', name=op.f('uq_decisions_session_id_number')),
    sa.UniqueConstraint('written_procedure_id', name=op.f('uq_decisions_written_procedure_id'))
    )
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decisions_body_id'), ['body_id'], unique=False)

    op.create_table('outgoing_messages',
    sa.Column('to', sa.String(length=254), nullable=False),
    sa.Column('subject', sa.String(length=600), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('pending', 'sending', 'sent', 'failed', name='messagestatus', native_enum=False, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.Column('error', sa.String(length=1000), nullable=False),
    sa.Column('written_procedure_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['written_procedure_id'], ['written_procedures.id'], name=op.f('fk_outgoing_messages_written_procedure_id_written_procedures'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outgoing_messages'))
    )
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outgoing_messages_status'), ['status'], unique=False)
        batch_op.create_index(batch_op.f('ix_outgoing_messages_written_procedure_id'), ['written_procedure_id'], unique=False)

    op.create_table('written_procedure_objections',
    sa.Column('procedure_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.Column('made_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_written_procedure_objections_delegation_id_delegations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['made_by_id'], ['users.id'], name=op.f('fk_written_procedure_objections_made_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['procedure_id'], ['written_procedures.id'], name=op.f('fk_written_procedure_objections_procedure_id_written_procedures'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_written_procedure_objections')),
    sa.UniqueConstraint('procedure_id', 'delegation_id', name=op.f('uq_written_procedure_objections_procedure_id_delegation_id'))
    )
    with op.batch_alter_table('written_procedure_objections', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_written_procedure_objections_delegation_id'), ['delegation_id'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        _pg_index()
    else:
        _sqlite_index()


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS search_fts_decisions ON decisions")
        op.execute("DROP TRIGGER IF EXISTS search_fts_decisions_truncate ON decisions")
        op.execute("DROP FUNCTION IF EXISTS search_fts_decision_refresh(integer)")
    else:
        for suffix in ("ai", "au", "ad"):
            op.execute(f"DROP TRIGGER IF EXISTS search_fts_decisions_{suffix}")
    op.execute("DROP TABLE IF EXISTS search_fts_decision")
    with op.batch_alter_table('written_procedure_objections', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_written_procedure_objections_delegation_id'))

    op.drop_table('written_procedure_objections')
    with op.batch_alter_table('outgoing_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outgoing_messages_written_procedure_id'))
        batch_op.drop_index(batch_op.f('ix_outgoing_messages_status'))

    op.drop_table('outgoing_messages')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decisions_body_id'))

    op.drop_table('decisions')
    with op.batch_alter_table('written_procedures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_written_procedures_session_id'))
        batch_op.drop_index(batch_op.f('ix_written_procedures_deadline'))
        batch_op.drop_index(batch_op.f('ix_written_procedures_body_id'))

    op.drop_table('written_procedures')
