-- One person correction in force, in the column order of schema.sql's person_corrections.
insert into person_corrections values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
