"""The chair's non-papers: numbered questions for consideration, and their synthesis."""
