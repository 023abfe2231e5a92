"""A mandate for pages and API alike: 404 when there is none or its resolution is not the caller's to see."""
from __future__ import annotations

from typing import Any

from govbody.core.loaders import load
from govbody.mandates.models import Mandate


def mandate(mandate_id: int, user: Any) -> Mandate:
    return load(Mandate, mandate_id, user)
