"""API endpoints of the agenda feature."""
