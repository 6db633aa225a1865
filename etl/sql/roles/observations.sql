-- Every office the articles gave a person, for resolving role phrases across articles.
select name, office, country, day, title
from role_observations
where day is not null
