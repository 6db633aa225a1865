-- Helpers shared by the mart models (etl/sql/marts/*.sql): dates with a precision, status
-- strength and stable ids. Temp macros: they live on the build connection only, so the
-- database the dashboard opens holds tables and nothing that depends on this file.

-- The precision of an ISO date string as FACTS.md writes it: 'YYYY-MM-DD' | 'YYYY-MM' | 'YYYY'.
-- Anything else (null, '2024-13', free text) is 'unknown' and treated as undated.
create or replace temp macro period_precision(d) as
    case
        when length(d) = 10 and try_strptime(d, '%Y-%m-%d') is not null then 'day'
        when length(d) = 7 and try_strptime(d, '%Y-%m') is not null then 'month'
        when length(d) = 4 and try_strptime(d, '%Y') is not null then 'year'
        else 'unknown'
    end;

-- The date string itself when it parses, else null: the value kept in the marts.
create or replace temp macro period_text(d) as
    case when period_precision(d) = 'unknown' then null else d end;

-- First and last day (DATE) of the period a date string covers: a month covers its days,
-- a year its months. Null for an undated string.
create or replace temp macro period_start(d) as
    case period_precision(d)
        when 'day' then cast(d as date)
        when 'month' then cast(d || '-01' as date)
        when 'year' then cast(d || '-01-01' as date)
    end;

create or replace temp macro period_end(d) as
    case period_precision(d)
        when 'day' then cast(d as date)
        when 'month' then last_day(cast(d || '-01' as date))
        when 'year' then cast(d || '-12-31' as date)
    end;

-- True when date string `fine` lies inside `coarse` at the coarser precision of the two
-- ('2024-09-11' inside '2024-09', inside '2024'; a day inside itself). ISO strings make this
-- a prefix test.
create or replace temp macro date_refines(fine, coarse) as
    fine is not null and coarse is not null and starts_with(fine, coarse);

-- Two date strings that can describe the same day: one inside the other.
create or replace temp macro dates_compatible(a, b) as
    date_refines(a, b) or date_refines(b, a);

-- Strength of a visit or meeting status, weakest first: a leg is as strong as its weaker end.
create or replace temp macro status_strength(s) as
    case s when 'cancelled' then 0 when 'possible' then 1 when 'planned' then 2
           when 'occurred' then 3 end;

create or replace temp macro status_of_strength(n) as
    case n when 0 then 'cancelled' when 1 then 'possible' when 2 then 'planned'
           when 3 then 'occurred' end;

-- Among reports published the same day, one that settles the question (it happened, it was
-- called off) outranks one that only expects it.
create or replace temp macro status_finality(s) as
    case s when 'occurred' then 2 when 'cancelled' then 2 when 'planned' then 1 else 0 end;

-- Aid moves through stages; among same-day reports the later stage wins.
create or replace temp macro aid_stage(s) as
    case s when 'requested' then 0 when 'proposed' then 1 when 'authorized' then 2
           when 'pledged' then 3 when 'announced' then 3 when 'delivered' then 4 else -1 end;

-- The tiers of a package's way: asked (0), before a legislature (1), committed (2: passed by
-- a legislature or board, pledged or announced: three ways of saying the money is promised),
-- given (3). Within the committed tier, aid_committed_rank says which word a package is
-- named by: authorized (a vote or a board made it binding) over pledged over announced.
create or replace temp macro aid_tier(s) as
    case s when 'requested' then 0 when 'proposed' then 1 when 'delivered' then 3 else 2 end;

create or replace temp macro aid_committed_rank(s) as
    case s when 'authorized' then 2 when 'pledged' then 1 else 0 end;

-- A stable 16-hex id from the key of an event: the same data gives the same ids every build.
create or replace temp macro short_id(key) as substr(sha256(key), 1, 16);

-- Date string `d` and the coarser periods that contain it ('2024-09-11' -> '2024', '2024-09',
-- '2024-09-11'): date_refines(d, p) holds exactly for these p. Unnested, they turn a prefix
-- test into an equality a hash join can use, so merging costs time in proportion to the
-- matches rather than to every pair of reports of the same person and place.
create or replace temp macro date_prefixes(d) as list_distinct([left(d, 4), left(d, 7), d]);

-- A month as one integer (year * 12 + month - 1), and the months a span of days [lo, hi]
-- touches: buckets for joins on "within so many days" or "periods overlap", which are then
-- checked exactly. Empty for a null bound.
create or replace temp macro month_number(d) as year(d) * 12 + month(d) - 1;

create or replace temp macro month_span(lo, hi) as
    case when lo is not null and hi is not null
        then range(month_number(lo), month_number(hi) + 1) else [] end;

-- A name folded for matching an alias table (data/reference/reporters.csv, areas.csv): lower
-- case, curly apostrophes straight, punctuation as spaces, and the words a sentence puts
-- before a name left out ("the", "where the", "according to the"): 'The Gaza Strip' and
-- 'gaza strip' are one key, 'Hamas’ press office' and "hamas' press office" another.
create or replace temp macro name_key(x) as
    regexp_replace(
        trim(regexp_replace(
            regexp_replace(replace(lower(x), '’', ''''), '[^a-z0-9'' ]+', ' ', 'g'),
            '\s+', ' ', 'g')),
        '^((where|and|but|while|as|according to|the)\s+)+', '');

-- USD per unit of `currency`: the ECB rate found for its day, and for US dollars 1 even when
-- no day is known (a saved page without its date still states dollars).
create or replace temp macro usd_rate(currency, rate) as
    coalesce(rate, case when currency = 'USD' then 1.0 end);
