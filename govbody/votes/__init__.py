"""Votes at a meeting: recorded and secret ballots cast by delegations."""
