from flask import Blueprint

bp = Blueprint("delegations", __name__, template_folder="templates")
