"""Interventions from the floor, recorded live, and the meeting summary built from them."""
