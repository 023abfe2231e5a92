from flask import Blueprint

bp = Blueprint("interventions", __name__, template_folder="templates")
