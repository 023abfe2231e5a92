from tests.votes.conftest import room  # noqa: F401  (the Council's meeting with Member States present)
