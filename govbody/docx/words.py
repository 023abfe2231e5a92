"""The fixed words of the generated files in each official language ("en", "fr", "es"): the cover's
lines, the page header, a resolution's heading, adoption line, opening and annex headings.

Numbers, ordinals, dates, session titles and designations come from ``core.text`` (with their
``language``); what is here are the words around them, as documents.md ("Language versions")
prints them. A body is named in English bare ("Council", printed "the Council"); in French and
Spanish with its article, as a translation gives it ("le Conseil", "el Consejo"), so that
"par le Conseil", "du Conseil" and "del Consejo" come out right.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from govbody.core import text


@dataclass(frozen=True)
class Words:
    page: str  # the running header's "Page N"
    distribution: dict[str, str]  # printed in the cover block when not general
    versions: dict[str, str]  # under a version's title; a revision replaces the text
    contents: str
    draft_heading: str
    draft_designation: str
    draft_annex: str  # "Annex{numeral} to draft resolution"
    adopted: str  # "Adopted by"
    at_meeting: str  # "at its {481st meeting}"
    on_date: str  # " on {date}" after the meeting, or right after the body
    on_date_alone: str
    annex: str  # "Annex{numeral} to {designation}"
    not_adopted: str
    supersedes: str  # "This resolution supersedes {Council Resolution No. 923 (LXXI)}."


WORDS = {
    "en": Words(
        page="Page", distribution={"limited": "Limited", "restricted": "Restricted"},
        versions={"corr": "Corrigendum", "add": "Addendum"}, contents="CONTENTS",
        draft_heading="DRAFT RESOLUTION", draft_designation="Draft resolution",
        draft_annex="Annex{} to draft resolution",
        adopted="Adopted by", at_meeting=" at its {}", on_date=" on {}", on_date_alone=" on {}",
        annex="Annex{} to {}", not_adopted="Draft: not adopted.",
        supersedes="This resolution supersedes "),
    "fr": Words(
        page="Page", distribution={"limited": "Limitée", "restricted": "Restreinte"},
        versions={"corr": "Rectificatif", "add": "Additif"}, contents="TABLE DES MATIÈRES",
        draft_heading="PROJET DE RÉSOLUTION", draft_designation="Projet de résolution",
        draft_annex="Annexe{} au projet de résolution", adopted="Adoptée par", at_meeting=" à sa {}",
        on_date=", le {}", on_date_alone=" le {}", annex="Annexe{} à la {}", not_adopted="Projet : non adopté.",
        supersedes="La présente résolution remplace la "),
    "es": Words(
        page="Página", distribution={"limited": "Limitada", "restricted": "Reservada"},
        versions={"corr": "Corrección", "add": "Adición"}, contents="ÍNDICE",
        draft_heading="PROYECTO DE RESOLUCIÓN", draft_designation="Proyecto de resolución",
        draft_annex="Anexo{} al proyecto de resolución", adopted="Aprobada por", at_meeting=" en su {}",
        on_date=", celebrada el {}", on_date_alone=" el {}", annex="Anexo{} a la {}",
        not_adopted="Proyecto: no aprobado.", supersedes="La presente resolución sustituye a la "),
}

# A body's name in French and Spanish when a translation gives none: the generic name of its kind.
BODY_NAMES = {
    "council": {"fr": "le Conseil", "es": "el Consejo"},
    "standing_committee": {"fr": "le Comité permanent", "es": "el Comité Permanente"},
    "working_group": {"fr": "le Groupe de travail", "es": "el Grupo de Trabajo"},
    "subcommittee": {"fr": "le Sous-Comité", "es": "el Subcomité"},
}

# The operative formula of a translation that gives none, from the original's.
FORMULAS = {
    "Resolves": {"fr": "Décide", "es": "Resuelve"}, "Decides": {"fr": "Décide", "es": "Decide"},
    "Requests": {"fr": "Prie", "es": "Pide"}, "Recommends": {"fr": "Recommande", "es": "Recomienda"},
    "Declares": {"fr": "Déclare", "es": "Declara"}, "Adopts": {"fr": "Adopte", "es": "Aprueba"},
}

# "de" before an article: "du Conseil", "de la Commission", "de l'Assemblée", "del Consejo".
_OF = {"fr": (("le ", "du "), ("les ", "des ")), "es": (("el ", "del "),)}


def words(language: str) -> Words:
    return WORDS[language]


def mark(punctuation: str, language: str) -> str:
    """A closing ";" or ":" as the language sets it: French with a space before ("Décide :")."""
    return f" {punctuation}" if language == "fr" and punctuation in (";", ":") else punctuation


def the_body(name: str, language: str) -> str:
    """"the Council", "le Conseil", "el Consejo": the body as the middle of a sentence names it."""
    return f"the {name}" if language == "en" else name


def opening(name: str, language: str) -> str:
    """"The Council,", "Le Conseil,", "El Consejo,": a resolution's first line."""
    body = the_body(name, language)
    return f"{body[:1].upper()}{body[1:]},"


def of_body(name: str, language: str) -> str:
    """"du Conseil", "de la Commission", "del Consejo"."""
    for article, contracted in _OF.get(language, ()):
        if name.startswith(article):
            return contracted + name[len(article):]
    return f"de {name}"


def resolution_heading(number: int, numeral: str, language: str) -> str:
    """"RESOLUTION No. 1150 (XCIII)", "RÉSOLUTION n° 1150 (XCIII)", "RESOLUCIÓN N° 1150 (XCIII)":
    the designation with its first word in capitals."""
    first, _, rest = text.designation(number, numeral, language).partition(" ")
    return f"{first.upper()} {rest}"


def full_designation(name: str, designation: str, language: str) -> str:
    """"Council Resolution No. 1150 (XCIII)", "Résolution n° 1150 (XCIII) du Conseil"."""
    if language == "en":
        return f"{name} {designation}"
    return f"{designation} {of_body(name, language)}"


def _abstentions(count: int, language: str) -> str:
    if language == "fr":
        return f"{count} abstention" + ("s" if count > 1 else "")
    if language == "es":
        return f"{count} abstenci" + ("ones" if count != 1 else "ón")
    return f"{count} abstention" + ("s" if count != 1 else "")


def how_adopted(method: str, tally: tuple[int, int, int] | None, language: str) -> str:
    """What closes an adoption line when it was not by consensus: ", without a vote", ", by a
    recorded vote of 98 to 2, with 5 abstentions" (", sans vote", ", sin votación", ...)."""
    if method == "without_vote":
        return {"en": ", without a vote", "fr": ", sans vote", "es": ", sin votación"}[language]
    if method != "recorded_vote" or tally is None:
        return ""
    yes, no, abstain = tally
    if language == "fr":
        line = f", à l'issue d'un vote enregistré, par {yes} voix contre {no}"
        return line + (f", avec {_abstentions(abstain, language)}" if abstain else "")
    if language == "es":
        line = f", en votación registrada, por {yes} votos contra {no}"
        return line + (f" y {_abstentions(abstain, language)}" if abstain else "")
    return f", by a recorded vote of {yes} to {no}" + (f", with {_abstentions(abstain, language)}" if abstain else "")


def adoption_line(name: str, meeting_number: int | None, adopted_on: dt.date | None, language: str,
                  method: str = "consensus", tally: tuple[int, int, int] | None = None) -> str | None:
    """"(Adopted by the Council at its 481st meeting on 7 June 2007)", "(Adoptée par le Conseil à sa
    481e séance, le 7 juin 2007)", "(Aprobada por el Consejo en su 481ª sesión, celebrada el 7 de
    junio de 2007)", ending with how it was adopted when not by consensus (`how_adopted`); None with
    neither a meeting nor a date."""
    if meeting_number is None and adopted_on is None:
        return None
    w = WORDS[language]
    line = f"({w.adopted} {the_body(name, language)}"
    if meeting_number is not None:
        line += w.at_meeting.format(text.meeting_title(meeting_number, language))
    if adopted_on is not None:
        line += (w.on_date if meeting_number is not None else w.on_date_alone).format(
            text.long_date(adopted_on, language))
    return line + how_adopted(method, tally, language) + ")"


def annex_heading(target: str | None, numeral: str, language: str) -> str:
    """"Annex II to Council Resolution No. 1150 (XCIII)", "Annexe à la résolution n° 1150 (XCIII) du
    Conseil"; `target` None: a draft's ("Annex II to draft resolution")."""
    numeral = f" {numeral}" if numeral else ""
    if target is None:
        return WORDS[language].draft_annex.format(numeral)
    if language != "en":
        target = target[:1].lower() + target[1:]
    return WORDS[language].annex.format(numeral, target)
