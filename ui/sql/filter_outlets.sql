-- filter_outlets: the outlets articles came from, with how many articles each.
select source as outlet, count(*) as articles
from articles
where source is not null
group by source
order by articles desc, source
