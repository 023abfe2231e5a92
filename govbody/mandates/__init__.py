"""Follow-up of resolutions: the mandates their operative paragraphs give (issue 23)."""
