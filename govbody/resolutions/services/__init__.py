"""Drafting, amending, adopting and withdrawing resolutions, and finding them.

A draft changes freely (each change of its text is a new revision); adoption gives it the
body's next number, renders its DOCX once and freezes it for ever. One module per aggregate;
callers use them through this package (`services.adopt_resolution(...)`).
"""
from govbody.resolutions.services.adoption import (
    adopt_resolution,
    next_number,
    superseded_by,
    withdraw_resolution,
)
from govbody.resolutions.services.amendments import (
    accept_amendment,
    propose_amendment,
    reject_amendment,
)
from govbody.resolutions.services.drafting import (
    add_annex,
    add_paragraph,
    create_resolution,
    delete_annex,
    delete_paragraph,
    move_annex,
    move_paragraph,
    part_of,
    update_annex,
    update_paragraph,
    update_resolution,
)
from govbody.resolutions.services.finding import (
    annex_counts,
    named_by,
    search,
    with_heading,
    with_text,
)
from govbody.resolutions.services.revisions import compared, require_draft
from govbody.resolutions.services.translations import translate_resolution

__all__ = ["accept_amendment", "add_annex", "add_paragraph", "adopt_resolution", "annex_counts", "compared",
           "create_resolution", "delete_annex", "delete_paragraph", "move_annex", "move_paragraph", "named_by",
           "next_number", "part_of", "propose_amendment", "reject_amendment", "require_draft", "search",
           "superseded_by", "translate_resolution", "update_annex", "update_paragraph", "update_resolution",
           "withdraw_resolution", "with_heading", "with_text"]
