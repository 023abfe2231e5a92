"""What a PDF download answers while its worker has not made it yet (202, with Retry-After)."""
from __future__ import annotations

from typing import Literal

from govbody.core.schemas import Out


class PreparingOut(Out):
    status: Literal["pending", "running", "failed"]
    message: str
    retry_after: int  # seconds, as the Retry-After header says
