-- The distinct (place, country) pairs the visits and meetings name: each is geocoded once.
select distinct place, country from mentions_visit
union
select distinct place, country from mentions_meeting
