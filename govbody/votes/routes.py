"""Pages: the chair's vote panel on the meeting page, and a delegate's ballot."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("votes", __name__, template_folder="templates")
