"""Numbers and dates written the way the organisation writes them, in each official language.

Ordinals in words ("Ninety-third"), numeric ordinals ("481st"), Roman numerals
("XCIII"), the letters and numerals of sub-points ("(aa)", "(xiv)") and long dates
("7 June 2007") live here and nowhere else.

English is written by the functions below; French and Spanish (``language="fr"``, ``"es"``) come
from maintained libraries: num2words for ordinals in words, Babel (CLDR) for dates. The nouns
they qualify in French and Spanish are feminine ("séance", "session", "sesión", "reunión"), so
their ordinals are too: "481e séance", "481ª sesión", "Nonagésima cuarta reunión".
"""
from __future__ import annotations

import functools
import re
from typing import NamedTuple

import datetime as dt

from govbody.core import languages

_UNITS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen",
]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_IRREGULAR_ORDINALS = {
    "one": "first", "two": "second", "three": "third", "five": "fifth",
    "eight": "eighth", "nine": "ninth", "twelve": "twelfth",
}
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]


def _check_range(n: int, low: int, high: int) -> None:
    if not isinstance(n, int) or isinstance(n, bool):
        raise TypeError(f"expected an integer, got {n!r}")
    if not low <= n <= high:
        raise ValueError(f"{n} is outside {low}..{high}")


def cardinal_words(n: int) -> str:
    """0..999 in British English words: 110 -> "one hundred and ten"."""
    _check_range(n, 0, 999)
    if n < 20:
        return _UNITS[n]
    if n < 100:
        tens, unit = divmod(n, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(n, 100)
    head = f"{_UNITS[hundreds]} hundred"
    return head + (f" and {cardinal_words(rest)}" if rest else "")


def _ordinal_of_word(word: str) -> str:
    if word in _IRREGULAR_ORDINALS:
        return _IRREGULAR_ORDINALS[word]
    if word.endswith("y"):
        return word[:-1] + "ieth"
    return word + "th"


@functools.cache
def _spanish_feminine():
    from num2words.lang_ES import Num2Word_ES

    converter = Num2Word_ES()
    converter.gender_stem = "a"  # "nonagésima cuarta", "481ª"
    return converter


def _french_ordinal(n: int) -> str:
    from num2words import num2words

    words = num2words(n, lang="fr", to="ordinal")
    # num2words keeps the plural s of "quatre-vingts", "deux cents" before -ième: "quatre-vingtième".
    words = re.sub(r"(vingt|cent)sième$", r"\1ième", words)
    return "première" if words == "premier" else words


def ordinal_words(n: int, language: str = "en") -> str:
    """1..999 as a capitalised ordinal: 93 -> "Ninety-third", 110 -> "One hundred and tenth";
    in French "Quatre-vingt-treizième", in Spanish (feminine) "Nonagésima tercera"."""
    _check_range(n, 1, 999)
    if language == "fr":
        words = _french_ordinal(n)
        return words[0].upper() + words[1:]
    if language == "es":
        words = _spanish_feminine().to_ordinal(n)
        return words[0].upper() + words[1:]
    words = cardinal_words(n)
    # Only the last word (after a space or hyphen) takes the ordinal ending.
    cut = max(words.rfind(" "), words.rfind("-")) + 1
    result = words[:cut] + _ordinal_of_word(words[cut:])
    return result[0].upper() + result[1:]


def ordinal_number(n: int, language: str = "en") -> str:
    """Numeric ordinal: 481 -> "481st", 112 -> "112th", 123 -> "123rd"; French "481e" ("1re"),
    Spanish "481ª"."""
    _check_range(n, 0, 10**9)
    if language == "fr":  # num2words writes "481me"; French typography writes "481e"
        return "1re" if n == 1 else f"{n}e"
    if language == "es":
        return _spanish_feminine().to_ordinal_num(n)
    if n % 100 in (11, 12, 13):
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


_ROMAN = [
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
]


def roman(n: int) -> str:
    """1..3999 in Roman numerals: 93 -> "XCIII"."""
    _check_range(n, 1, 3999)
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def from_roman(numeral: str) -> int | None:
    """"XCIII" (any case) -> 93; None for what is not a Roman numeral as `roman` writes it."""
    numeral = numeral.strip().upper()
    if not numeral or len(numeral) > 15 or set(numeral) - set("IVXLCDM"):
        return None
    return _FROM_ROMAN().get(numeral)


@functools.cache
def _FROM_ROMAN() -> dict[str, int]:  # noqa: N802
    return {roman(n): n for n in range(1, 4000)}


NUMERAL_MAX = 15  # the longest numeral `roman` writes: "MMMDCCCLXXXVIII"


# "Resolution No." in each language (documents.md, "Language versions").
DESIGNATION_WORDS = {"en": "Resolution No.", "fr": "Résolution n°", "es": "Resolución N°"}


def designation(number: int, numeral: str, language: str = "en") -> str:
    """"Resolution No. 1150 (XCIII)": a resolution's number and its session's Roman numeral;
    "Résolution n° 1150 (XCIII)", "Resolución N° 1150 (XCIII)"."""
    return f"{DESIGNATION_WORDS[language]} {number} ({numeral})"


DECISION_WORDS = {"en": "Decision No.", "fr": "Décision n°", "es": "Decisión N°"}
WRITTEN_PROCEDURE_WORDS = {"en": "Adopted by written procedure on", "fr": "Adoptée selon la procédure d’approbation tacite le",
                           "es": "Adoptada por el procedimiento de aprobación tácita el"}


def decision_designation(number: int, numeral: str, language: str = "en") -> str:
    """"Decision No. 3 (XCIV)": a decision's number in its session and the session's Roman numeral,
    in the house pattern of a resolution's designation; "Décision n° 3 (XCIV)", "Decisión N° 3 (XCIV)"."""
    return f"{DECISION_WORDS[language]} {number} ({numeral})"


def written_procedure_line(day: dt.date, language: str = "en") -> str:
    """"Adopted by written procedure on 14 May 2021" (documents.md, "How a decision was taken");
    "Adoptée selon la procédure d’approbation tacite le 14 mai 2021"."""
    return f"{WRITTEN_PROCEDURE_WORDS[language]} {long_date(day, language)}"


# A time left's words: day, hour, minute (each made plural with an "s" past one), under a minute, passed.
_TIME_WORDS = {
    "en": ("day", "hour", "minute", "less than a minute", "passed"),
    "fr": ("jour", "heure", "minute", "moins d’une minute", "échue"),
    "es": ("día", "hora", "minuto", "menos de un minuto", "vencido"),
}


def time_left(seconds: float, language: str = "en") -> str:
    """What remains before a deadline, in words: "2 days 3 hours", "3 hours 5 minutes", "5 minutes",
    "less than a minute"; "passed" after it ("3 heures 5 minutes", "3 horas 5 minutos")."""
    day, hour, minute, under_a_minute, passed = _TIME_WORDS[language]
    if seconds <= 0:
        return passed
    minutes = int(seconds // 60)
    days, hours, mins = minutes // 1440, minutes // 60 % 24, minutes % 60

    def unit(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"

    if days:
        return unit(days, day) + (f" {unit(hours, hour)}" if hours else "")
    if hours:
        return unit(hours, hour) + (f" {unit(mins, minute)}" if mins else "")
    return unit(mins, minute) if mins else under_a_minute


# "1150", "No. 1150", "Resolution No. 1150 (XCIII)", "Council Resolution No. 1150 (XCIII)".
_DESIGNATION = re.compile(
    r"^(?:[\w ,.'()-]{0,200}?\bresolution\s+)?(?:no\.?\s*)?(\d{1,7})\s*(?:\(\s*([ivxlcdm]+)\s*\))?$", re.IGNORECASE)


class Designated(NamedTuple):
    """What a typed designation names: a number, a session's numeral ("XCIII"), or both."""
    number: int | None
    numeral: str | None


def read_designation(typed: str) -> Designated | None:
    """A number or designation ("1150", "No. 1150 (xciii)") or a session's numeral alone
    ("XCIII"), the numeral as `roman` writes it; None for anything else."""
    typed = (typed or "").strip()
    if match := _DESIGNATION.match(typed):
        numeral = match.group(2)
        if numeral is not None:
            session_number = from_roman(numeral)
            numeral = roman(session_number) if session_number else "?"  # "(IIII)" names no session
        return Designated(int(match.group(1)), numeral)
    session_number = from_roman(typed)
    return Designated(None, roman(session_number)) if session_number else None


def letter(n: int) -> str:
    """1 -> "a", 26 -> "z", then the letter doubled, tripled: 27 -> "aa", 28 -> "bb", 53 -> "aaa".

    How drafters letter sub-paragraphs past "(z)", and how Word and LibreOffice count a
    ``lowerLetter`` list, so a typed letter and an automatic one agree.
    """
    _check_range(n, 1, 3999)
    times, index = divmod(n - 1, 26)
    return chr(ord("a") + index) * (times + 1)


def sub_point_numeral(depth: int, n: int) -> str:
    """The numeral of the ``n``th sub-point (from 1) of an operative paragraph: lettered
    ("aa") at depth 0, small Roman ("xiv") under a lettered one, in figures below that."""
    if depth == 0:
        return letter(n)
    if depth == 1:
        return roman(n).lower()
    _check_range(n, 1, 10**9)
    return str(n)


def sub_point_label(depth: int, n: int) -> str:
    """The sub-point's label as printed: "(aa)", "(xiv)", "(3)"."""
    return f"({sub_point_numeral(depth, n)})"


def clock(seconds: int) -> str:
    """A speaking time as a countdown shows it (static/console/format.js's clock): "3:05", "75:00";
    negative past a limit, with a minus sign: "−0:12"."""
    sign = "−" if seconds < 0 else ""
    minutes, secs = divmod(abs(int(seconds)), 60)
    return f"{sign}{minutes}:{secs:02d}"


_LOCALES = {"fr": "fr_FR", "es": "es_ES"}


def long_date(day: dt.date, language: str = "en") -> str:
    """7 June 2007 (no leading zero, month in words); "9 novembre 2007" ("1er juin 2007"),
    "9 de noviembre de 2007"."""
    if language == "en":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_date

    written = format_date(day, format="long", locale=_LOCALES[language])
    return "1er" + written[1:] if language == "fr" and day.day == 1 else written


# A session ("Session", "session", "reunión"), a meeting ("meeting", "séance", "sesión") and a
# special session's mark in each language.
_SESSION = {"en": ("{} Session", "{} (Special) Session"), "fr": ("{} session", "{} session (extraordinaire)"),
            "es": ("{} reunión", "{} reunión (extraordinaria)")}
_MEETING = {"en": "{} meeting", "fr": "{} séance", "es": "{} sesión"}


def session_title(number: int, special: bool = False, language: str = "en") -> str:
    """"Ninety-fourth Session", "Ninety-third (Special) Session"; "Quatre-vingt-quatorzième session",
    "Nonagésima cuarta reunión"."""
    return _SESSION[language][special].format(ordinal_words(number, language))


def meeting_title(number: int, language: str = "en") -> str:
    """"481st meeting", "481e séance", "481ª sesión"."""
    return _MEETING[language].format(ordinal_number(number, language))


# "Original: English" in each language; French sets a space before the colon.
_ORIGINAL = {"en": "Original: {}", "fr": "Original : {}", "es": "Original: {}"}


def original_line(original_language: str, language: str = "en") -> str:
    """The cover's line naming the language a paper was first written in, as a version in
    `language` prints it: "Original: English", "Original : anglais", "Original: inglés"."""
    return _ORIGINAL[language].format(languages.original_name(original_language, language))
