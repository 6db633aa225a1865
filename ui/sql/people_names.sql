-- people_names: every person of the people mart with their aliases, for the People page's
-- who-is-who forms (the name to merge with).
select name, aliases
from people
order by name
