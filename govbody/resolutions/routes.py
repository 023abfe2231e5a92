from flask import Blueprint

bp = Blueprint("resolutions", __name__, template_folder="templates")
