"""DOCX files of the governing bodies, built from plain data with the house styles.

No Flask here: every builder takes the dataclasses of ``govbody.docx.data`` and returns
the bytes of a .docx file.
"""
from govbody.docx.agenda import build_agenda
from govbody.docx.data import (Agenda, AgendaItem, Annex, Cover, ListedDelegation, ListedParticipant,
                               ListOfParticipants, MeetingSummary, NonPaper, NumberedDocument, Operative,
                               OutlineOfRemarks, OutlinePoint, ParticipantGroup, Point, Question, Reply,
                               Resolution, Section, Statement, SummaryItem)
from govbody.docx.nonpaper import build_non_paper
from govbody.docx.numbered import build_numbered_document
from govbody.docx.outline import build_outline
from govbody.docx.participants import build_list_of_participants
from govbody.docx.redline import build_redline
from govbody.docx.resolution import build_resolution
from govbody.docx.summary import build_meeting_summary

__all__ = [
    "Agenda", "AgendaItem", "Annex", "Cover", "ListedDelegation", "ListedParticipant", "ListOfParticipants",
    "MeetingSummary", "NonPaper", "NumberedDocument", "Operative", "OutlineOfRemarks", "OutlinePoint",
    "ParticipantGroup", "Point", "Question", "Reply", "Resolution", "Section", "Statement", "SummaryItem",
    "build_agenda", "build_list_of_participants", "build_meeting_summary", "build_non_paper",
    "build_numbered_document", "build_outline", "build_redline", "build_resolution",
]
