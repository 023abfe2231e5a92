"""Every word a public or delegate page shows has its French and its Spanish translation.

The pages are core/locale.py's PUBLIC_TEMPLATES and PUBLIC_MODULES (the one list); their msgids
are extracted as `pybabel extract -F babel.cfg` does, and looked up in the catalogues.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from govbody.core import locale

PACKAGE = Path(locale.__file__).parents[1]
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None, "N_": None}


def _catalogue(language: str):
    with open(PACKAGE / "translations" / language / "LC_MESSAGES" / "messages.po", "rb") as po:
        return read_po(po, locale=language)


def _public_msgids() -> dict[str | tuple, str]:
    """Each msgid the public and delegate pages use, with the file it is in."""
    found: dict[str | tuple, str] = {}
    templates = sorted({p for pattern in locale.PUBLIC_TEMPLATES for p in PACKAGE.glob(pattern)})
    assert len(templates) >= 30, templates
    sources = [(p, "jinja2") for p in templates] + [(PACKAGE / m, "python") for m in locale.PUBLIC_MODULES]
    for path, method in sources:
        for _line, message, _comments, _context in extract_from_file(method, str(path), keywords=KEYWORDS):
            found.setdefault(message, str(path.relative_to(PACKAGE)))
    return found


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_public_msgid_has_a_translation(language):
    catalogue = _catalogue(language)
    untranslated = []
    for msgid, where in _public_msgids().items():
        entry = catalogue.get(msgid[0] if isinstance(msgid, tuple) else msgid)
        strings = entry and (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if not entry or entry.fuzzy or not all(strings):
            untranslated.append(f"{where}: {msgid!r}")
    assert untranslated == [], f"{len(untranslated)} msgids without a {language} translation:\n" + "\n".join(untranslated)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_translations_keep_their_placeholders(language):
    """A "%(date)s" lost or misspelt in a translation would break the page that fills it in."""
    wrong = []
    for message in _catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = sorted(set(re.findall(r"%\(\w+\)s", ids[-1])))
        wrong += [f"{ids[0]!r} -> {s!r}" for s in strings if s and sorted(set(re.findall(r"%\(\w+\)s", s))) != wanted]
    assert wrong == []


def test_the_catalogues_compile():
    """The .mo files the app reads are made from the .po files (core/locale.compile_catalogues)."""
    locale.compile_catalogues()
    for language in ("fr", "es"):
        mo = PACKAGE / "translations" / language / "LC_MESSAGES" / "messages.mo"
        assert mo.exists() and mo.stat().st_mtime >= mo.with_suffix(".po").stat().st_mtime
