-- The names the person corrections of an attached database's last build named ({corrections}
-- is its corrections table): the articles naming them are extracted again.
select n
from (
    select unnest([json_extract_string(target, '$.name'), json_extract_string(changes, '$.into'),
                   json_extract_string(changes, '$.apart'),
                   json_extract_string(changes, '$.alias')]) as n
    from {corrections}
    where fact_type = 'person'
)
where n is not null
