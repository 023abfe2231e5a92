"""API endpoints of the interventions feature."""
