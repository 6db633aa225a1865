-- Every casualty mention's sentence and figure, for etl/casualty_terms.py to set aside the
-- figures that are not counts of people (a population, a number of ambulances).
select mention_id, evidence, value
from mentions_casualty
order by mention_id
