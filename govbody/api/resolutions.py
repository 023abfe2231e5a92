"""API endpoints of the resolutions feature."""
