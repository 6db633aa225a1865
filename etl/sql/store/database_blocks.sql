-- The blocks of the build's own database file and how many of them are free (left by
-- tables dropped or replaced), for the compaction of etl/tempdb.py.
select total_blocks, free_blocks from pragma_database_size() where database_name = current_database()
