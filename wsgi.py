"""Entry point for gunicorn: `gunicorn wsgi:app`."""
from govbody import create_app

app = create_app()
