"""The app served on a free loopback port, for tests that need a real HTTP server (a browser,
schemathesis)."""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def served(app) -> Iterator[str]:
    """Serve `app` on 127.0.0.1 in a thread; yields its base URL, and disposes of its engine after."""
    from werkzeug.serving import make_server

    from govbody.extensions import db

    def static_read_whole(environ, start_response):
        # Werkzeug's development server leaves a static file open when the browser drops the
        # connection (a favicon cancelled by the next navigation), which pytest reports as an
        # error of whichever test runs then; static files are read whole and closed first.
        # (Production serves with gunicorn, which closes them.)
        result = app(environ, start_response)
        if not environ.get("PATH_INFO", "").startswith("/static/"):
            return result
        try:
            return [b"".join(result)]
        finally:
            if hasattr(result, "close"):
                result.close()

    server = make_server("127.0.0.1", 0, static_read_whole, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)
        with app.app_context():
            db.engine.dispose()
