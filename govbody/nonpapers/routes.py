from flask import Blueprint

bp = Blueprint("nonpapers", __name__, template_folder="templates")
