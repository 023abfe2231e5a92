"""Entry point for gunicorn: `gunicorn wsgi:app`."""
from govbody import create_app
from govbody.core import jsonlog

jsonlog.configure()  # JSON lines on standard error (done already when gunicorn.conf.py was read)
app = create_app()
