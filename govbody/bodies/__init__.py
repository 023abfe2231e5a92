"""Bodies (Council, Standing Committee, Working Groups), delegations and memberships."""
