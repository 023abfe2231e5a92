"""A session's participants (registered by their delegations, approved by the secretariat), the
delegations' credentials, and the list of participants."""
