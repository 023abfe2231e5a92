"""**The** language codes: a paper's original language is stored in words ("English", as its cover
prints "Original: English"); its language versions, their files, their PDF renditions and the
`?lang=` of a download go by code ("en"). `code_of` is the one way from the words to the code.

The organisation's official languages (`OFFICIAL`) are those a version may be sent or made in;
the other United Nations languages are named so that an original written in one of them gets its
code too. An original language not named here (free text: "Portuguese") has no code of ours: its
version goes by `UNDETERMINED` (ISO 639-2 "und"), shown as "Original".
"""
from __future__ import annotations

OFFICIAL = {"en": "English", "fr": "French", "es": "Spanish"}  # the versions a file may be sent or made in
NAMES = {**OFFICIAL, "ar": "Arabic", "ru": "Russian", "zh": "Chinese"}
UNDETERMINED = "und"
# What an original language may be typed as besides its English name: its own name, and the
# French and Spanish names the other versions' covers print ("Original : anglais").
_ALSO = {"en": ("anglais", "inglés", "ingles"), "fr": ("français", "francais", "francés", "frances"),
         "es": ("español", "espanol", "espagnol"), "ar": ("arabe", "árabe"), "ru": ("russe", "ruso"),
         "zh": ("chinois", "chino")}
_CODES = {name.casefold(): code for code, name in NAMES.items()} | {
    name.casefold(): code for code, names in _ALSO.items() for name in names}


def code_of(name: str | None) -> str:
    """"English" -> "en" (any case, surrounding spaces ignored); a language not named here -> "und"."""
    return _CODES.get((name or "").strip().casefold(), UNDETERMINED)


def name_of(code: str) -> str:
    """"fr" -> "French"; "und" -> "Original" (the version in a language without a code of ours)."""
    return NAMES.get(code, "Original" if code == UNDETERMINED else code)


def in_order(codes) -> list[str]:
    """Codes in the order versions are listed: English, French, Spanish, then the others."""
    order = list(NAMES)
    return sorted(codes, key=lambda code: (order.index(code) if code in order else len(order), code))
