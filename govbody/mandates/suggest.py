"""Reading an operative paragraph for the mandate it gives, in one place: who is asked (the
noun phrase after "request" or "invite"), what, and when it is due ("at the next session",
"in three years"). Only a suggestion: the secretariat confirms, edits or dismisses it.

  "To invite the Director General to report, at the next session of the Council, on ..."
      -> the Director General; report, ...; the next session
  "Requests Member States to inform the Secretariat ..." -> Member States
  "To review the plan in two years" / "Decides to review ..." -> the body itself; in two years
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from govbody.core import text

_ASKING = re.compile(r"^(?:to\s+)?(?:request|invite|ask)s?\s+(?P<who>.+?)\s*,?\s+to\s+(?P<what>\S.*)$",
                     re.IGNORECASE | re.DOTALL)
_REVIEWING = re.compile(r"^(?:to\s+)?(?:decides?\s+to\s+)?(?P<what>review\b.*)$", re.IGNORECASE | re.DOTALL)
_NEXT_SESSION = re.compile(r"\b(?:at|to|before|by)\s+(?:the|its)\s+next\s+(?:regular\s+)?session\b", re.IGNORECASE)
_YEARS = {text.cardinal_words(n): n for n in range(1, 11)}
_IN_YEARS = re.compile(r"\bin\s+(?P<n>\d{1,2}|" + "|".join(_YEARS) + r")\s+years?(?:'s?\s+time)?\b", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    addressee: str  # "" for the body itself (the caller names it)
    action: str
    next_session: bool = False  # due at the session after the adopting one
    in_years: int | None = None  # due at the session of the adoption year plus this


def read(paragraph: str) -> Suggestion | None:
    """The mandate a paragraph gives, or None when it asks nothing of anyone."""
    said = " ".join(paragraph.split()).rstrip(" ;.,")
    if found := _ASKING.match(said):
        who = found["who"].split(",")[0].strip()
        return _due(who, found["what"])
    if found := _REVIEWING.match(said):
        return _due("", found["what"])
    return None


def _due(who: str, what: str) -> Suggestion:
    years = None
    if found := _IN_YEARS.search(what):
        count = found["n"].lower()
        years = int(count) if count.isdigit() else _YEARS[count]
    return Suggestion(addressee=who, action=what, next_session=bool(_NEXT_SESSION.search(what)), in_years=years)
