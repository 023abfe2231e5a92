"""Resolutions: drafting, amendments, adoption, and the public portal."""
