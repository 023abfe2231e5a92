"""Pages of the follow-up (the body's follow-up page, the secretariat's edits from a resolution's
page) are declared on this blueprint; the API is in api.py."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("mandates", __name__, template_folder="templates")
