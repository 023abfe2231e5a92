"""Attendance at a meeting (the roll-call) and its quorum."""
