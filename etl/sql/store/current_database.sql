-- The catalogue name of the connection's own database file (the source of a compaction).
select current_database()
