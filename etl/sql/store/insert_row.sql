-- One row into {table}: the slow path that names the row breaking a constraint.
insert into {table} ({columns}) values ({values})
