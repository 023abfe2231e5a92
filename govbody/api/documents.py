"""API endpoints of the documents feature."""
