"""The organisation's three official languages, by their codes ("en", "fr", "es"), and their names
in each of them, from Babel's locale data (CLDR) rather than a table of our own: "English",
"anglais", "inglés".

A paper stores the language it was first written in as words ("English", as the API takes it);
`code_of` reads those words back, in any of the three languages or as a code, so every version
can say which language was first ("Original : anglais").
"""
from __future__ import annotations

import functools

from babel import Locale

LANGUAGES = ("en", "fr", "es")  # the official languages, the order every list of versions follows
ORIGINAL = "en"  # a resolution's original: the organisation drafts them in English
# Akoma Ntoso names an expression's language by its ISO 639-2 code (FRBRlanguage, the expression's URI).
AKN_CODES = {"en": "eng", "fr": "fra", "es": "spa"}


@functools.cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def name(code: str, in_language: str = "en") -> str:
    """A language's name as written in `in_language`: name("en") "English", name("en", "fr")
    "anglais", name("fr", "es") "francés"; a code Babel does not know is returned as it is."""
    return _locale(in_language).languages.get(code, code)


def names(in_language: str = "en") -> dict[str, str]:
    """{"en": "English", "fr": "French", "es": "Spanish"} in `in_language`."""
    return {code: name(code, in_language) for code in LANGUAGES}


@functools.cache
def _codes() -> dict[str, str]:
    found = {code: code for code in LANGUAGES}
    for code in LANGUAGES:
        for written_in in LANGUAGES:
            found[name(code, written_in).casefold()] = code
    return found


def code_of(original_language: str | None) -> str | None:
    """The code of a language written as a paper stores it: "English", "french", "Français",
    "inglés" or "fr" -> its code; None for any other language ("Arabic")."""
    return _codes().get((original_language or "").strip().casefold())


def original_name(original_language: str, in_language: str) -> str:
    """The original language as a version in `in_language` names it ("anglais" in French); one of
    no official language as the paper stores it."""
    code = code_of(original_language)
    return name(code, in_language) if code else original_language


def label(code: str) -> str:
    """"French (fr)", for a page's list of versions."""
    return f"{name(code)} ({code})"
