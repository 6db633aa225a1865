-- The database file ($1), read-only, into the dashboard's private in-memory instance.
attach ? as shuttle (read_only)
