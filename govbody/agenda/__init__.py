"""The agenda of a session: numbered items, one level of sub-items, linked documents."""
