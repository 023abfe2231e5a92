"""Who may do what: the one place pages and API ask.

Roles follow the API contract: the public reads what is public; a delegate adds its own
bodies' restricted papers and its delegation's interventions; rapporteurs record for the
bodies they are assigned to; chairs draft for theirs; the secretariat acts for every body;
an admin also manages users. Functions take the user (or None for the public) and the
record, never the request.
"""
from __future__ import annotations

from typing import Any

from govbody.accounts.models import Role, User

STAFF = (Role.admin, Role.secretariat)


def active_user(user: Any) -> User | None:
    return user if isinstance(user, User) and user.active else None


def role(user: Any) -> Role | None:
    u = active_user(user)
    return u.role if u else None


def is_staff(user: Any) -> bool:
    return role(user) in STAFF


def is_admin(user: Any) -> bool:
    return role(user) is Role.admin


def reader_class(user: Any) -> tuple:
    """All that the rules below read of a logged-in reader to decide what it may see: its role,
    its delegation and, for a chair or a rapporteur, the bodies it is assigned to. Two readers
    of the same class see the same records (core/pagecache.py keeps their pages once)."""
    u = active_user(user)
    if u is None:
        return ()
    assigned = tuple(sorted(u.body_ids)) if u.role in (Role.chair, Role.rapporteur) else ()
    return (u.role.value, u.delegation_id, assigned)


def needs_second_factor(user: Any) -> bool:
    """Admins and the secretariat log in with a second factor (accounts/twofactor.py); for the
    others it is their choice."""
    return is_staff(user)


def _assigned(user: Any, body_id: int | None, *roles: Role) -> bool:
    u = active_user(user)
    return u is not None and u.role in roles and body_id is not None and body_id in u.body_ids


# Functions: what a user may do for a body.

def can_manage_users(user: Any) -> bool:
    return is_admin(user)


def can_manage_bodies(user: Any) -> bool:
    """Create bodies and delegations, configure series."""
    return is_staff(user)


def can_manage_sessions(user: Any, body_id: int | None) -> bool:
    """Create and edit sessions, meetings and officers of a body."""
    return is_staff(user) or _assigned(user, body_id, Role.chair)


def can_draft(user: Any, body_id: int | None) -> bool:
    """Draft agendas, non-papers and resolutions; adopt agendas and resolutions."""
    return is_staff(user) or _assigned(user, body_id, Role.chair)


def can_record(user: Any, body_id: int | None) -> bool:
    """Record and correct interventions and meeting summaries."""
    return is_staff(user) or _assigned(user, body_id, Role.rapporteur)


def can_take_attendance(user: Any, body_id: int | None) -> bool:
    """Take a meeting's roll-call and see who is present: the body's officers and the secretariat."""
    return sees_body_drafts(user, body_id)


def can_watch_live(user: Any, meeting: Any, *, seated: bool) -> bool:
    """Follow a meeting's live view and projector: anyone for a public meeting; for a closed one,
    the body's officers, the secretariat and the delegates of a delegation seated on the body
    (`seated`, attendance.services.seated)."""
    if meeting.public or sees_body_drafts(user, meeting.body_id):
        return True
    u = active_user(user)
    return u is not None and u.role is Role.delegate and u.delegation_id is not None and seated


def can_set_delegation_language(user: Any, delegation: Any) -> bool:
    """Choose the language a delegation's delegates are given papers in: its own delegate or the secretariat."""
    return is_staff(user) or acts_for(user, delegation)


def can_suspend_voting_rights(user: Any) -> bool:
    """Mark a delegation in arrears (its voting rights suspended), or restore its rights."""
    return is_staff(user)


def can_issue_documents(user: Any) -> bool:
    return is_staff(user)


def can_translate(user: Any) -> bool:
    """Adding a language version of an issued paper or an adopted resolution: the secretariat's
    (its translation service)."""
    return is_staff(user)


def sees_body_drafts(user: Any, body_id: int | None) -> bool:
    """Officers of a body (and the secretariat) see its drafts."""
    return is_staff(user) or _assigned(user, body_id, Role.chair, Role.rapporteur)


# Records: what a user may see is each model's `visible_to` rule (core/loaders.py).

# Non-papers and their synthesis (issue 5).

def can_draft_non_paper(user: Any, non_paper: Any) -> bool:
    """Edit, circulate and revise a non-paper: the chairs of its body and the secretariat."""
    return can_draft(user, non_paper.body_id)


def can_view_synthesis(user: Any, non_paper: Any) -> bool:
    """What each delegation said per question is a working paper of the body's officers."""
    return sees_body_drafts(user, non_paper.body_id)



# Resolutions: amendments, and whose drafts a list of resolutions shows.

def can_amend_resolution(user: Any, resolution: Any) -> bool:
    """Record a delegation's amendment to a draft and accept or reject it."""
    return can_draft(user, resolution.body_id)


def resolution_draft_bodies(user: Any) -> bool | frozenset[int]:
    """True when the user sees every body's draft resolutions, else the bodies whose drafts they see."""
    if is_staff(user):
        return True
    u = active_user(user)
    if u is None or u.role not in (Role.chair, Role.rapporteur):
        return frozenset()
    return u.body_ids


def drafts_for_some_body(user: Any) -> bool:
    """May draft resolutions for at least one body (checked before reading which body a request names)."""
    if is_staff(user):
        return True
    u = active_user(user)
    return u is not None and u.role is Role.chair and bool(u.body_ids)


# Interventions and meeting summaries.

def can_view_summary(user: Any, meeting: Any, summary: Any) -> bool:
    """A published summary is public; before that, the body's officers and the secretariat see it."""
    return (summary is not None and summary.published) or sees_body_drafts(user, meeting.body_id)


def can_list_interventions(user: Any, meeting: Any, summary: Any) -> bool:
    """A meeting's interventions, each as its own rule allows (Intervention.visible_to): before
    publication only the body's officers and delegates (their own delegation's) see any."""
    return (bool(summary and summary.published) or sees_body_drafts(user, meeting.body_id)
            or getattr(user, "delegation_id", None) is not None)


def can_propose_correction(user: Any, intervention: Any) -> bool:
    """A delegate proposes corrections to its own delegation's interventions only."""
    u = active_user(user)
    return (u is not None and u.role is Role.delegate and u.delegation_id is not None
            and u.delegation_id == intervention.delegation_id)


def can_issue_summary(user: Any, series: Any) -> bool:
    """A rapporteur issues summaries in the series of its body; the secretariat in any series."""
    return can_issue_documents(user) or (series.body_id is not None and _assigned(user, series.body_id, Role.rapporteur))



# The delegations' view (issue 11): following bodies.

def can_follow_bodies(user: Any) -> bool:
    """Any logged-in user may follow bodies and see what is new in them."""
    return active_user(user) is not None


# The meeting room (issue 21): the speakers' list.

def acts_for(user: Any, delegation: Any) -> bool:
    """A delegate acts for its own delegation only."""
    u = active_user(user)
    return (u is not None and u.role is Role.delegate and u.delegation_id is not None
            and delegation is not None and u.delegation_id == delegation.id)


def can_inscribe(user: Any, meeting: Any, delegation: Any) -> bool:
    """Put a delegation on a meeting's list of speakers: the body's rapporteurs and the secretariat
    any speaker, a delegate its own delegation."""
    return can_record(user, meeting.body_id) or acts_for(user, delegation)


def can_withdraw_speaker(user: Any, entry: Any) -> bool:
    """Take a waiting place off the list: the delegation's own delegate (the recorders strike it)."""
    return can_record(user, entry.meeting.body_id) or acts_for(user, entry.delegation)


def can_see_speakers(user: Any, meeting: Any) -> bool:
    """The list of speakers and its places: the body's officers, the secretariat and every delegate."""
    return sees_body_drafts(user, meeting.body_id) or getattr(active_user(user), "delegation_id", None) is not None


# The meeting room (issue 21): participants and credentials.

def can_register_participant(user: Any, delegation: Any) -> bool:
    """Register, change or withdraw a delegation's participants in a session: its own delegate (the
    delegation's focal point) or the secretariat."""
    return is_staff(user) or acts_for(user, delegation)


def registers_participants(user: Any) -> bool:
    """May register participants for some delegation (checked before reading which one a request names)."""
    u = active_user(user)
    return is_staff(user) or (u is not None and u.role is Role.delegate and u.delegation_id is not None)


def can_approve_participants(user: Any) -> bool:
    """Approve a registered participant (then listed for the public), accept a delegation's credentials."""
    return is_staff(user)


def sees_participant_contacts(user: Any, delegation: Any) -> bool:
    """A participant's e-mail address: the secretariat's and its own delegation's, nobody else's."""
    return is_staff(user) or acts_for(user, delegation)


def can_see_credentials(user: Any, body_id: int | None) -> bool:
    """Where each delegation's credentials stand in a session: the body's officers, the secretariat
    and every delegate."""
    return sees_body_drafts(user, body_id) or getattr(active_user(user), "delegation_id", None) is not None


def can_handle_credentials(user: Any, delegation: Any) -> bool:
    """Send a delegation's letter of credentials and read it: the delegation's own delegate or the
    secretariat."""
    return is_staff(user) or acts_for(user, delegation)


# Decisions (issue 22): the written (silence) procedure and the outgoing e-mail.

def can_circulate_written_procedure(user: Any, body_id: int | None) -> bool:
    """Circulate a draft decision under the written procedure: the body's chair or the secretariat."""
    return can_draft(user, body_id)


def sees_written_procedures(user: Any) -> bool | frozenset[int]:
    """True when the user sees every written procedure (the secretariat, and every delegate: the
    drafts are circulated to the delegations), else the bodies whose procedures their officer sees."""
    if is_staff(user):
        return True
    u = active_user(user)
    if u is None:
        return frozenset()
    if u.role is Role.delegate and u.delegation_id is not None:
        return True
    return u.body_ids if u.role in (Role.chair, Role.rapporteur) else frozenset()


def can_object(user: Any, delegation: Any) -> bool:
    """Break the silence of a written procedure: a delegate, for its own delegation only."""
    return acts_for(user, delegation)


def objects_for_some_delegation(user: Any) -> bool:
    """May break silence for some delegation (checked before reading which one a request names)."""
    u = active_user(user)
    return u is not None and u.role is Role.delegate and u.delegation_id is not None


def can_see_outgoing_messages(user: Any) -> bool:
    """The e-mail the application sent (or failed to send): the secretariat's."""
    return is_staff(user)


# Decisions (issue 22): votes.

def can_conduct_vote(user: Any, body_id: int | None) -> bool:
    """Prepare, open and close a vote at a meeting: the body's chair and the secretariat."""
    return is_staff(user) or _assigned(user, body_id, Role.chair)


def can_cast_ballot(user: Any, delegation: Any) -> bool:
    """A ballot is cast by a delegate for its own delegation, and by no one else."""
    return acts_for(user, delegation)


# Follow-up (issue 23): mandates.

def can_follow_up(user: Any) -> bool:
    """Record, confirm, edit, dismiss and discharge the mandates resolutions give: the secretariat."""
    return is_staff(user)


def sees_forward_agenda(user: Any, body_id: int | None) -> bool:
    """A session's forward agenda (the items proposed from the mandates due then): those who plan the
    body's agenda, its officers and the secretariat; adding a proposal to the agenda is drafting it."""
    return sees_body_drafts(user, body_id)
