"""**The** language codes: a paper's original language is stored in words ("English", as its cover
prints "Original: English"); its language versions, their files, their PDF renditions and the
`?lang=` of a download go by code ("en"). `code_of` is the one way from the words to the code.

The organisation's official languages (`OFFICIAL`) are those a version may be sent or made in;
the other United Nations languages are named so that an original written in one of them gets its
code too. An original language not named here (free text: "Portuguese") has no code of ours: its
version goes by `UNDETERMINED` (ISO 639-2 "und"), shown as "Original".

A language's name in French or Spanish, as a translated version prints it ("Original : anglais"),
comes from Babel's locale data (CLDR): `name_of(code, in_language)`.
"""
from __future__ import annotations

import functools

from babel import Locale

# The versions a file may be sent or made in, in the order every list of versions follows.
OFFICIAL = {"en": "English", "fr": "French", "es": "Spanish"}
NAMES = {**OFFICIAL, "ar": "Arabic", "ru": "Russian", "zh": "Chinese"}
UNDETERMINED = "und"
# Akoma Ntoso names an expression's language by its ISO 639-2 code (FRBRlanguage, the expression's URI).
AKN_CODES = {"en": "eng", "fr": "fra", "es": "spa"}
# What an original language may be typed as besides its English name and its code: its own name,
# and the French and Spanish names the other versions' covers print ("Original : anglais").
_ALSO = {"en": ("anglais", "inglés", "ingles"), "fr": ("français", "francais", "francés", "frances"),
         "es": ("español", "espanol", "espagnol"), "ar": ("arabe", "árabe"), "ru": ("russe", "ruso"),
         "zh": ("chinois", "chino")}
_CODES = {code: code for code in NAMES} | {name.casefold(): code for code, name in NAMES.items()} | {
    name.casefold(): code for code, names in _ALSO.items() for name in names}


def code_of(name: str | None) -> str:
    """"English" -> "en" (any case, surrounding spaces ignored; "anglais", "en" too); a language not
    named here -> "und"."""
    return _CODES.get((name or "").strip().casefold(), UNDETERMINED)


@functools.cache
def _locale(language: str) -> Locale:
    return Locale.parse(language)


def name_of(code: str, in_language: str = "en") -> str:
    """"fr" -> "French"; "und" -> "Original" (the version in a language without a code of ours); in
    another official language, as Babel writes it: name_of("en", "fr") "anglais", name_of("fr", "es")
    "francés"."""
    if code == UNDETERMINED:
        return "Original"
    if in_language == "en":
        return NAMES.get(code, code)
    return _locale(in_language).languages.get(code, code)


def original_name(original_language: str, in_language: str) -> str:
    """The original language as a version in `in_language` names it ("anglais" in French); one
    without a code of ours as the paper stores it ("Portuguese")."""
    code = code_of(original_language)
    return original_language if code == UNDETERMINED else name_of(code, in_language)


def in_order(codes) -> list[str]:
    """Codes in the order versions are listed: English, French, Spanish, then the others."""
    order = list(NAMES)
    return sorted(codes, key=lambda code: (order.index(code) if code in order else len(order), code))
