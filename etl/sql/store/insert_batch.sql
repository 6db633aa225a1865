-- The registered Arrow batch into {table}, by column name.
insert into {table} ({columns}) select {columns} from batch
