"""The document registry: series, gapless symbols, versions and frozen issued files."""
