-- int_aid_package_commitments: which package each committed figure belongs to. One row per aid
-- report (int_aid_events) that is a commitment: money requested, proposed, authorized,
-- pledged, announced, or delivered whole. Parts, totals and rates are placed in packages
-- later (int_aid_package_members).
--
-- A package is one commitment followed through its stages (requested -> proposed ->
-- authorized -> pledged/announced -> delivered). Reports of it are one package when:
--   * same donor, recipient and currency;
--   * amounts agree within 2.5 %, chained in amount order. Reason: the press rounds a package
--     to two or three significant figures ("$61 billion", "$60.84 billion", "$61.4 billion"
--     for one bill), and a figure rounded to two significant figures is within 0.5 of its
--     second digit, i.e. within 2.5 % of the true value from 20 upwards; 60 bn, 60.84 bn, 61 bn
--     and 61.4 bn are one chain (2.3 % end to end), while the IMF's USD 17 bn stand-by of 2014
--     and its USD 17.5 bn facility of 2015 (2.9 % apart) stay two programmes;
--   * their dates fit one pipeline: no more than 366 days between consecutive reports
--     (a request, two votes and a signature took six months for the 2024 US bill; pledging
--     rounds take up to a year), and two executive announcements (pledged, announced,
--     delivered) each dated to a day and 14 or more days apart are two packages of the same
--     size (a donor that announces USD 400 m in May and USD 400 m in July gave twice).
-- A delivered figure smaller than a committed one of the same parties is not a commitment:
-- int_aid_package_members takes it as a part. A package whose donor (or recipient) the
-- articles do not name joins the one package of a named donor (recipient) that it matches on
-- the other party, currency, amount and time, when exactly one does ("a package of about
-- $60 billion for Ukraine passed by the Senate" is the US one); otherwise it stays unnamed.
--
-- Columns: aid_id, package_id (a hash of the parties and the package's first report, stable
-- from build to build), tier (0 requested, 1 proposed, 2 committed: authorized, pledged or
-- announced, 3 delivered), is_figure (this report gives the package's committed amount: the
-- one at the highest tier given by most articles, then the latest reported, then the largest).

with

events as (
    select * from int_aid_events
),

reports as (
    select
        aid_id,
        donor,
        recipient,
        currency,
        amount,
        status,
        role,
        date_precision,
        day_lo,
        day_hi,
        sources,
        last_reported,
        aid_tier(status) as tier,
        coalesce(donor, '') || '|' || coalesce(recipient, '') || '|' || currency as party_key
    from events
),

-- committed figures not yet given: what a delivered figure is measured against
yardsticks as (
    select party_key, amount, day_lo, day_hi
    from reports
    where role = 'commitment' and tier < 3
),

-- delivered and smaller than a committed figure of the same parties, within its window
-- (from a month before it to three years after: programmes pay out over years)
deliveries as (
    select distinct reports.aid_id
    from reports
    inner join yardsticks
        on yardsticks.party_key = reports.party_key
        and yardsticks.amount > reports.amount * 1.025
        and reports.day_lo between yardsticks.day_lo - 31 and yardsticks.day_hi + 1100
    where reports.role = 'commitment' and reports.tier = 3
),

commitments as (
    select *
    from reports
    where role = 'commitment'
        and aid_id not in (select aid_id from deliveries)
),

stepped as (
    select
        commitments.*,
        case when amount > 1.025 * lag(amount) over (
            partition by party_key order by amount, aid_id
        ) then 1 else 0 end as new_band
    from commitments
),

banded as (
    select
        stepped.*,
        sum(new_band) over (partition by party_key order by amount, aid_id) as band
    from stepped
),

timed as (
    select
        banded.*,
        max(day_hi) over (by_day rows between unbounded preceding and 1 preceding)
            as before_hi,
        lag(day_lo) over by_day as prev_lo,
        lag(status) over by_day as prev_status,
        lag(date_precision) over by_day as prev_precision
    from banded
    window by_day as (partition by party_key, band order by day_lo nulls last, aid_id)
),

split as (
    select
        timed.*,
        case
            when before_hi is null then 0
            when day_lo - before_hi > 366 then 1
            when status in ('pledged', 'announced', 'delivered')
                and prev_status in ('pledged', 'announced', 'delivered')
                and date_precision = 'day' and prev_precision = 'day'
                and day_lo - prev_lo >= 14 then 1
            else 0
        end as new_package
    from timed
),

numbered as (
    select
        split.*,
        sum(new_package) over (
            partition by party_key, band order by day_lo nulls last, aid_id
        ) as package_n
    from split
),

own_packages as (
    select
        numbered.*,
        short_id('package|' || party_key || '|' || first_value(aid_id) over (
            partition by party_key, band, package_n order by day_lo nulls last, aid_id
        )) as own_id
    from numbered
),

package_spans as (
    select
        own_id,
        any_value(donor) as donor,
        any_value(recipient) as recipient,
        any_value(currency) as currency,
        min(amount) as amount_lo,
        max(amount) as amount_hi,
        min(day_lo) as first_day,
        max(coalesce(day_hi, day_lo)) as last_day
    from own_packages
    group by own_id
),

-- an unnamed party's package and the named ones it could be
unnamed_matches as (
    select
        unnamed.own_id,
        named.own_id as named_id,
        count(*) over (partition by unnamed.own_id) as candidates
    from package_spans as unnamed
    inner join package_spans as named
        on named.currency = unnamed.currency
        and named.own_id <> unnamed.own_id
        and named.donor is not null and named.recipient is not null
        and (
            (unnamed.donor is null and unnamed.recipient is not null
                and named.recipient = unnamed.recipient)
            or (unnamed.recipient is null and unnamed.donor is not null
                and named.donor = unnamed.donor)
        )
        and unnamed.amount_lo <= named.amount_hi * 1.025
        and named.amount_lo <= unnamed.amount_hi * 1.025
        and unnamed.first_day <= named.last_day + 366
        and named.first_day <= unnamed.last_day + 366
    where unnamed.donor is null or unnamed.recipient is null
),

assigned as (
    select
        own_packages.*,
        coalesce(unnamed_matches.named_id, own_packages.own_id) as package_id
    from own_packages
    left join unnamed_matches
        on unnamed_matches.own_id = own_packages.own_id
        and unnamed_matches.candidates = 1
),

final as (
    select
        aid_id,
        package_id,
        tier,
        row_number() over (
            partition by package_id
            order by tier desc, sources desc, last_reported desc nulls last, amount desc,
                aid_id
        ) = 1 as is_figure
    from assigned
)

select * from final
