-- benchmarks/generate_mentions.py: a stated date moved by `off` days, at its own precision
-- (day, month or year).
create or replace temp macro shift_date(d, off) as
    case length(d)
        when 10 then strftime(cast(d as date) + cast(off as integer), '%Y-%m-%d')
        when 7 then strftime(cast(d || '-15' as date) + cast(off as integer), '%Y-%m')
        when 4 then cast(cast(d as integer) + cast(round(off / 365.25) as integer) as varchar)
    end
