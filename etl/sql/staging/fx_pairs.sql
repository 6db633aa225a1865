-- The distinct (currency, fx_day) pairs of {source}: each gets its ECB rate once.
select distinct currency, fx_day from {source} where currency is not null
