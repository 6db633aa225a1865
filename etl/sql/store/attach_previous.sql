-- The database being replaced, read-only, as the source of the rows a build reuses.
attach ? as previous (read_only)
