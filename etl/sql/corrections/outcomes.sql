-- What the last build made of each correction, for `python -m etl correct list`.
select id, status, detail from corrections
