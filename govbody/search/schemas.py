"""What search reads and answers (the page's and the API's query string alike)."""
from __future__ import annotations

from typing import Literal

import pydantic

from govbody.core.schemas import Out, Query

QUERY_MAX = 200
PAGE_MAX = 500  # deep offsets read every match before them


class SearchQuery(Query):
    """Documents the query string; `services.read_filters` reads it, with its own messages."""
    q: str = pydantic.Field(max_length=QUERY_MAX, description="Words to search for (at least one).")
    kind: Literal["intervention", "resolution", "decision", "nonpaper", "document"] | None = None
    body: str | None = pydantic.Field(None, description="A body's code (\"C\") or id.")
    session: int | None = pydantic.Field(None, ge=1, le=2**31 - 1)
    delegation: str | None = pydantic.Field(None, description="A delegation's name or id.")
    year: int | None = pydantic.Field(None, ge=1900, le=2999)
    lang: Literal["en", "fr", "es"] | None = pydantic.Field(
        None, description="The language version to show of a record whose words match in several.")
    page: int = pydantic.Field(1, ge=1, le=PAGE_MAX)


class HitOut(Out):
    """A hit in a language version other than the original says so in its title ("(French version)")
    and links to that version (`right=fr`)."""
    kind: str
    id: int
    title: str
    snippet: str
    url: str
