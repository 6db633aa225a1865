-- One correction and what the build made of it, in the column order of schema.sql.
insert into corrections values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
