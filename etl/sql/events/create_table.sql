-- A mart: the table the pages read, made from the model's select that follows.
create or replace table {name} as
