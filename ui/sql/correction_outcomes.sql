-- What the last build made of each correction: applied or orphaned, with the detail and
-- how many mentions it changed (the Corrections page).
select id, status, detail, mentions
from corrections
