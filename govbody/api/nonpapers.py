"""API endpoints of the nonpapers feature."""
