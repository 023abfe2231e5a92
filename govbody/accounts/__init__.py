"""Users, roles, API tokens, login and logout."""
