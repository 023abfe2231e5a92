"""Search tests run on an app that serves /search (see appsetup)."""
from tests.search.appsetup import _app  # noqa: F401  (the session app, with the search blueprint)
