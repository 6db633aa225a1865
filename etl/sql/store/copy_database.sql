-- Every table (schema, constraints and rows) of {source} into the fresh {target}.
copy from database {source} to {target}
