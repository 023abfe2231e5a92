"""Flask extensions, created once and bound to the app in create_app."""
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from govbody.core.models import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate(compare_type=True, render_as_batch=True)
csrf = CSRFProtect()
login_manager = LoginManager()
# Limits are declared on the routes that need them (login); their counts are kept where
# RATELIMIT_STORAGE_URI says (config.py: Redis when REDIS_URL is set, shared by every worker and
# app server; else each worker's memory).
limiter = Limiter(key_func=get_remote_address, default_limits=[])
