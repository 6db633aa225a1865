-- The role phrases nobody answered when their article was read, with the article.
select article_id, office, country, title, day
from role_gaps
order by article_id
