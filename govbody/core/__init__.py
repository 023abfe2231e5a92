"""Shared building blocks: model base, numbering, text helpers, markup, access rules."""
