"""Decisions recorded beside resolutions, and the written (silence) procedure that adopts them
between meetings, with the e-mail that tells the delegations."""
