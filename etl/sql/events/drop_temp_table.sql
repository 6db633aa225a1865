drop table if exists {name}
