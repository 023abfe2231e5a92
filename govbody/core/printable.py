"""The one rule for text anyone sends: pages, the API and the command line all call `check`.

- Long text (several lines): a carriage return, alone or before a line feed, becomes a line
  feed; tab and line feed are the only control characters kept.
- One-line text (a name, a title, a symbol, a value in an address): no control character at all,
  tab and line breaks included.
- Nowhere: the other control characters (Unicode category Cc: C0, DEL, C1), the noncharacters
  U+FFFE and U+FFFF, and lone surrogates. XML 1.0 cannot carry most of them (so neither DOCX
  nor Akoma Ntoso can), PostgreSQL refuses NUL, and none of them is ever meant.

Text stored before the rule (or written by anything but the services) is still rendered:
the DOCX and XML writers pass every text through `xml_safe`, and the migration that brought
the rule in took the refused characters out of the stored text with `strip_refused`.
"""
from __future__ import annotations

import re

# Refused in every text. Carriage returns are normalised away in long text before the check.
_REFUSED = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff"
_REFUSED_LONG = re.compile(f"[{_REFUSED}\r]")
_REFUSED_LINE = re.compile(f"[{_REFUSED}\t\n\r]")
_STRIPPED = re.compile(f"[{_REFUSED}]")
# What XML 1.0 cannot carry at all (its `Char` production): a subset of the above.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# The same rule as a JSON Schema `pattern` (regular-expression escapes, for the OpenAPI description).
PATTERN_LONG = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]*$"
PATTERN_LINE = r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]*$"

CONTROL = "Control characters are not allowed ({found})."
LINE_BREAK = "Line breaks are not allowed here."
TAB = "Tabs are not allowed here."


class TextRuleError(ValueError):
    """A text the rule refuses; `str(error)` says which character, for the field's message."""


def normalise_lines(value: str) -> str:
    """CRLF and a lone CR as LF (browsers send a text area's lines with CRLF)."""
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def refusal(value: str, *, multiline: bool) -> str | None:
    """Why the rule refuses `value` (long text already normalised by `normalise_lines`), else None."""
    match = (_REFUSED_LONG if multiline else _REFUSED_LINE).search(value)
    if match is None:
        return None
    found = match.group()
    if found in "\n\r":
        return LINE_BREAK
    if found == "\t":
        return TAB
    return CONTROL.format(found=f"U+{ord(found):04X}")


def check(value: str, *, multiline: bool) -> str:
    """`value` as kept (long text with its line breaks normalised), or TextRuleError saying why not."""
    if multiline:
        value = normalise_lines(value)
    if (why := refusal(value, multiline=multiline)) is not None:
        raise TextRuleError(why)
    return value


def is_printable(value: str, *, multiline: bool = True) -> bool:
    return refusal(normalise_lines(value) if multiline else value, multiline=multiline) is None


def strip_refused(value: str) -> str:
    """`value` without the characters refused in every text (tab and line breaks kept)."""
    return _STRIPPED.sub("", value)


def xml_safe(value: str) -> str:
    """`value` without the characters XML 1.0 cannot carry: what every DOCX and XML writer sets."""
    return _NOT_XML.sub("", value) if _NOT_XML.search(value) else value
