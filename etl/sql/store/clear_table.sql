-- Every row of {table}: a table each build writes afresh.
delete from {table}
