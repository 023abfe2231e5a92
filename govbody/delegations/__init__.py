"""The delegations' view: profiles, speaking statistics, calendars, session packs, following bodies."""
