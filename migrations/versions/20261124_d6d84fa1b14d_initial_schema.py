"""Initial schema: bodies, sessions, meetings, agenda, non-papers, interventions,
resolutions, documents, accounts, audit log and counters.

The initial schema

Revision ID: d6d84fa1b14d
Revises: 
Create Date: 2026-11-24 07:03:38.986767

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd6d84fa1b14d'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('bodies',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('council', 'standing_committee', 'working_group', 'subcommittee', name='bodykind', native_enum=False, length=32), nullable=False),
    sa.Column('code', sa.String(length=20), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('terms_of_reference', sa.Text(), nullable=False),
    sa.Column('established_on', sa.Date(), nullable=True),
    sa.Column('dissolved_on', sa.Date(), nullable=True),
    sa.Column('papers_public', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['bodies.id'], name=op.f('fk_bodies_parent_id_bodies'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bodies')),
    sa.UniqueConstraint('code', name=op.f('uq_bodies_code')),
    sa.UniqueConstraint('name', name=op.f('uq_bodies_name'))
    )
    op.create_table('counters',
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('next_value', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_counters')),
    sa.UniqueConstraint('key', name=op.f('uq_counters_key'))
    )
    op.create_table('delegations',
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('member_state', 'observer_state', 'igo', 'ngo', 'un_entity', 'secretariat', name='delegationkind', native_enum=False, length=32), nullable=False),
    sa.Column('iso3', sa.String(length=3), nullable=True),
    sa.Column('short_names', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delegations')),
    sa.UniqueConstraint('iso3', name=op.f('uq_delegations_iso3')),
    sa.UniqueConstraint('name', name=op.f('uq_delegations_name'))
    )
    op.create_table('body_sessions',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('regular', 'special', name='sessionkind', native_enum=False, length=32), nullable=False),
    sa.Column('starts_on', sa.Date(), nullable=False),
    sa.Column('ends_on', sa.Date(), nullable=True),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('agenda_adopted_at_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_body_sessions_body_id_bodies'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_body_sessions')),
    sa.UniqueConstraint('body_id', 'number', name=op.f('uq_body_sessions_body_id_number'))
    )
    with op.batch_alter_table('body_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_body_sessions_body_id'), ['body_id'], unique=False)

    op.create_table('memberships',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.Enum('member', 'observer', name='membershipstatus', native_enum=False, length=32), nullable=False),
    sa.Column('from_date', sa.Date(), nullable=True),
    sa.Column('to_date', sa.Date(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_memberships_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_memberships_delegation_id_delegations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memberships')),
    sa.UniqueConstraint('body_id', 'delegation_id', 'from_date', name=op.f('uq_memberships_body_id_delegation_id_from_date'))
    )
    op.create_table('series',
    sa.Column('prefix', sa.String(length=100), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=True),
    sa.Column('start_number', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_series_body_id_bodies'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_series')),
    sa.UniqueConstraint('prefix', name=op.f('uq_series_prefix'))
    )
    op.create_table('users',
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.Enum('admin', 'secretariat', 'chair', 'rapporteur', 'delegate', name='role', native_enum=False, length=32), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('active', sa.Boolean(), nullable=False),
    sa.Column('session_version', sa.Integer(), nullable=False),
    sa.Column('last_login_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_users_delegation_id_delegations'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_users')),
    sa.UniqueConstraint('email', name=op.f('uq_users_email'))
    )
    op.create_table('agenda_items',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['agenda_items.id'], name=op.f('fk_agenda_items_parent_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'], name=op.f('fk_agenda_items_session_id_body_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_items'))
    )
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_items_session_id'), ['session_id'], unique=False)

    op.create_table('api_tokens',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_api_tokens_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_tokens')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_tokens_token_hash'))
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_api_tokens_user_id'), ['user_id'], unique=False)

    op.create_table('audit_events',
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor', sa.String(length=254), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('object_type', sa.String(length=64), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=True),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_audit_events_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_at'), ['at'], unique=False)

    op.create_table('meetings',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('starts_at', sa.Time(), nullable=True),
    sa.Column('ends_at', sa.Time(), nullable=True),
    sa.Column('venue', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_meetings_body_id_bodies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'], name=op.f('fk_meetings_session_id_body_sessions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings')),
    sa.UniqueConstraint('body_id', 'number', name=op.f('uq_meetings_body_id_number'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_session_id'), ['session_id'], unique=False)

    op.create_table('non_papers',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('author_line', sa.String(length=300), nullable=False),
    sa.Column('introduction', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('draft', 'circulated', name='nonpaperstatus', native_enum=False, length=32), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('previous_id', sa.Integer(), nullable=True),
    sa.Column('circulated_at', sa.DateTime(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_non_papers_body_id_bodies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_non_papers_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['previous_id'], ['non_papers.id'], name=op.f('fk_non_papers_previous_id_non_papers'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'], name=op.f('fk_non_papers_session_id_body_sessions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_non_papers'))
    )
    with op.batch_alter_table('non_papers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_non_papers_body_id'), ['body_id'], unique=False)

    op.create_table('session_officers',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('chairperson', 'vice_chairperson', 'rapporteur', name='officerrole', native_enum=False, length=32), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('person_name', sa.String(length=200), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_session_officers_delegation_id_delegations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'], name=op.f('fk_session_officers_session_id_body_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_officers'))
    )
    with op.batch_alter_table('session_officers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_officers_session_id'), ['session_id'], unique=False)

    op.create_table('user_bodies',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_user_bodies_body_id_bodies'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_bodies_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'body_id', name=op.f('pk_user_bodies'))
    )
    op.create_table('agenda_amendments',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=True),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('changes', sa.JSON(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_agenda_amendments_meeting_id_meetings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'], name=op.f('fk_agenda_amendments_session_id_body_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_agenda_amendments_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_amendments'))
    )
    with op.batch_alter_table('agenda_amendments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_amendments_session_id'), ['session_id'], unique=False)

    op.create_table('agenda_item_documents',
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.Column('symbol', sa.String(length=100), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_agenda_item_documents_agenda_item_id_agenda_items'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_item_documents')),
    sa.UniqueConstraint('agenda_item_id', 'symbol', name=op.f('uq_agenda_item_documents_agenda_item_id_symbol'))
    )
    op.create_table('interventions',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('speaker_name', sa.String(length=200), nullable=False),
    sa.Column('speaker_title', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.Enum('statement', 'reply', 'question', 'point_of_order', 'right_of_reply', 'closing', name='interventionkind', native_enum=False, length=32), nullable=False),
    sa.Column('reply_to_id', sa.Integer(), nullable=True),
    sa.Column('on_behalf_of', sa.String(length=200), nullable=False),
    sa.Column('points', sa.JSON(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=True),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_interventions_agenda_item_id_agenda_items'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegations.id'], name=op.f('fk_interventions_delegation_id_delegations'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_interventions_meeting_id_meetings'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['reply_to_id'], ['interventions.id'], name=op.f('fk_interventions_reply_to_id_interventions'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interventions')),
    sa.UniqueConstraint('meeting_id', 'position', name=op.f('uq_interventions_meeting_id_position'))
    )
    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_interventions_delegation_id'), ['delegation_id'], unique=False)

    op.create_table('meeting_summaries',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('highlights_heading', sa.String(length=500), nullable=False),
    sa.Column('highlights', sa.JSON(), nullable=False),
    sa.Column('conclusions_by', sa.String(length=200), nullable=False),
    sa.Column('conclusions', sa.JSON(), nullable=False),
    sa.Column('published', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_summaries_meeting_id_meetings'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meeting_summaries')),
    sa.UniqueConstraint('meeting_id', name=op.f('uq_meeting_summaries_meeting_id'))
    )
    op.create_table('questions',
    sa.Column('non_paper_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('points', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['non_paper_id'], ['non_papers.id'], name=op.f('fk_questions_non_paper_id_non_papers'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_questions'))
    )
    op.create_table('resolutions',
    sa.Column('body_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('operative_formula', sa.String(length=50), nullable=False),
    sa.Column('status', sa.Enum('draft', 'adopted', 'withdrawn', name='resolutionstatus', native_enum=False, length=32), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('adopted_at_meeting_id', sa.Integer(), nullable=True),
    sa.Column('adopted_on', sa.Date(), nullable=True),
    sa.Column('supersedes_id', sa.Integer(), nullable=True),
    sa.Column('withdrawn_on', sa.Date(), nullable=True),
    sa.Column('docx', sa.LargeBinary(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['adopted_at_meeting_id'], ['meetings.id'], name=op.f('fk_resolutions_adopted_at_meeting_id_meetings'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_resolutions_body_id_bodies'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_resolutions_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'], name=op.f('fk_resolutions_session_id_body_sessions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['supersedes_id'], ['resolutions.id'], name=op.f('fk_resolutions_supersedes_id_resolutions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_resolutions')),
    sa.UniqueConstraint('body_id', 'number', name=op.f('uq_resolutions_body_id_number'))
    )
    with op.batch_alter_table('resolutions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_resolutions_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_resolutions_session_id'), ['session_id'], unique=False)

    op.create_table('annexes',
    sa.Column('resolution_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_annexes_resolution_id_resolutions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_annexes'))
    )
    op.create_table('documents',
    sa.Column('series_id', sa.Integer(), nullable=False),
    sa.Column('series_key', sa.String(length=100), nullable=True),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('version_kind', sa.Enum('corr', 'rev', 'add', name='versionkind', native_enum=False, length=32), nullable=True),
    sa.Column('version_number', sa.Integer(), nullable=True),
    sa.Column('symbol', sa.String(length=200), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('date', sa.Date(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=True),
    sa.Column('original_language', sa.String(length=50), nullable=False),
    sa.Column('distribution', sa.Enum('general', 'limited', 'restricted', name='distribution', native_enum=False, length=32), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('resolution_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.Enum('draft', 'issued', name='documentstatus', native_enum=False, length=32), nullable=False),
    sa.Column('issued_at', sa.DateTime(), nullable=True),
    sa.Column('docx', sa.LargeBinary(), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=True),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['parent_id'], ['documents.id'], name=op.f('fk_documents_parent_id_documents'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_documents_resolution_id_resolutions'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['series_id'], ['series.id'], name=op.f('fk_documents_series_id_series'), ondelete='RESTRICT'),
    sa.ForeignKeyConstraint(['session_id'], ['body_sessions.id'], name=op.f('fk_documents_session_id_body_sessions'), ondelete='RESTRICT'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('parent_id', 'version_kind', 'version_number', name=op.f('uq_documents_parent_id_version_kind_version_number')),
    sa.UniqueConstraint('series_id', 'series_key', 'number', name=op.f('uq_documents_series_id_series_key_number')),
    sa.UniqueConstraint('symbol', name=op.f('uq_documents_symbol'))
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_series_id'), ['series_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_documents_session_id'), ['session_id'], unique=False)

    op.create_table('intervention_questions',
    sa.Column('intervention_id', sa.Integer(), nullable=False),
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['intervention_id'], ['interventions.id'], name=op.f('fk_intervention_questions_intervention_id_interventions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_intervention_questions_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('intervention_id', 'question_id', name=op.f('pk_intervention_questions'))
    )
    op.create_table('operative_paragraphs',
    sa.Column('resolution_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('points', sa.JSON(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_operative_paragraphs_resolution_id_resolutions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_operative_paragraphs'))
    )
    op.create_table('preambular_paragraphs',
    sa.Column('resolution_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['resolution_id'], ['resolutions.id'], name=op.f('fk_preambular_paragraphs_resolution_id_resolutions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_preambular_paragraphs'))
    )
    op.create_table('question_agenda_items',
    sa.Column('question_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'], name=op.f('fk_question_agenda_items_agenda_item_id_agenda_items'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['question_id'], ['questions.id'], name=op.f('fk_question_agenda_items_question_id_questions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('question_id', 'agenda_item_id', name=op.f('pk_question_agenda_items'))
    )
    # Sessions and meetings refer to each other: this key is added once both tables exist.
    with op.batch_alter_table('body_sessions', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_body_sessions_agenda_adopted_at_id_meetings'), 'meetings',
                                    ['agenda_adopted_at_id'], ['id'], ondelete='SET NULL')


def downgrade():
    with op.batch_alter_table('body_sessions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_body_sessions_agenda_adopted_at_id_meetings'), type_='foreignkey')
    op.drop_table('question_agenda_items')
    op.drop_table('preambular_paragraphs')
    op.drop_table('operative_paragraphs')
    op.drop_table('intervention_questions')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_session_id'))
        batch_op.drop_index(batch_op.f('ix_documents_series_id'))
        batch_op.drop_index(batch_op.f('ix_documents_parent_id'))

    op.drop_table('documents')
    op.drop_table('annexes')
    with op.batch_alter_table('resolutions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_resolutions_session_id'))
        batch_op.drop_index(batch_op.f('ix_resolutions_body_id'))

    op.drop_table('resolutions')
    op.drop_table('questions')
    op.drop_table('meeting_summaries')
    with op.batch_alter_table('interventions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_interventions_delegation_id'))

    op.drop_table('interventions')
    op.drop_table('agenda_item_documents')
    with op.batch_alter_table('agenda_amendments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_amendments_session_id'))

    op.drop_table('agenda_amendments')
    op.drop_table('user_bodies')
    with op.batch_alter_table('session_officers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_officers_session_id'))

    op.drop_table('session_officers')
    with op.batch_alter_table('non_papers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_non_papers_body_id'))

    op.drop_table('non_papers')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_session_id'))

    op.drop_table('meetings')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_at'))

    op.drop_table('audit_events')
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_api_tokens_user_id'))

    op.drop_table('api_tokens')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_agenda_items_session_id'))

    op.drop_table('agenda_items')
    op.drop_table('users')
    op.drop_table('series')
    op.drop_table('memberships')
    with op.batch_alter_table('body_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_body_sessions_body_id'))

    op.drop_table('body_sessions')
    op.drop_table('delegations')
    op.drop_table('counters')
    op.drop_table('bodies')
