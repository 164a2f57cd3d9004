"""Companies (tenants) on one deployment: who they are, where their data lives, and how their credentials are found.
No Dagster here: the Dagster layer maps each company to a partition key."""
