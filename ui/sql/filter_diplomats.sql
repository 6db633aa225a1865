-- filter_diplomats: every person with a stop, and how many stops, for the sidebar's labels.
select actor, count(*) as stops
from stops
where actor is not null
group by actor
order by stops desc, actor
