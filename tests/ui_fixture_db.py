"""A small hand-made Shuttle database for the dashboard tests, independent of the extractor.

It holds the contract's raw tables and marts with a handful of real events told in the
project's own words: Blinken's November 2023 route Washington -> Brussels -> Skopje, Blinken
and Lammy in Kyiv in September 2024, Kerry and Lavrov in Rome on 2014-12-14, UK and US aid to
Ukraine and UN casualty figures for eastern Ukraine in 2014. Every event row links to the
sentence behind it through event_mentions, with offsets that point into the article text.

    python tests/ui_fixture_db.py /tmp/shuttle-fixture.duckdb
"""

from __future__ import annotations

import hashlib
import re
import sys
from datetime import date
from pathlib import Path

import duckdb

from etl.events import SQL_DIR, post_marts

MART_MACROS = SQL_DIR / "macros.sql"

# Articles: short texts written for this fixture (no news text is copied).
ARTICLES = [
    {
        "id": "2023-11-27-blinken-leaves-for-nato-talks",
        "title": "Blinken leaves for NATO talks in Brussels, OSCE meeting in Skopje next",
        "source": "Fixture Wire",
        "published": date(2023, 11, 27),
        "text": (
            "Secretary of State Antony Blinken left Washington on Monday for Brussels, "
            "where NATO foreign ministers meet this week. "
            "He is expected in Skopje on Wednesday for the annual OSCE ministerial meeting. "
            "Russian Foreign Minister Sergei Lavrov may also travel to Skopje if Bulgaria "
            "opens its airspace. "
            "Last year Poland refused to let Lavrov attend the OSCE meeting in Lodz. "
            "The administration is asking Congress for another $61 billion for Ukraine."
        ),
    },
    {
        "id": "2023-11-29-blinken-arrives-in-skopje",
        "title": "Blinken arrives in Skopje after two days of NATO talks",
        "source": "Fixture Post",
        "published": date(2023, 11, 29),
        "text": (
            "Antony Blinken arrived in Skopje on Wednesday for the OSCE ministerial meeting. "
            "He came from two days of talks with NATO allies in Brussels. "
            "Sergei Lavrov also flew to Skopje, but the two did not meet."
        ),
    },
    {
        "id": "2024-09-10-lammy-and-blinken-to-travel-to-kyiv",
        "title": "Lammy and Blinken to travel to Kyiv together",
        "source": "Fixture Herald",
        "published": date(2024, 9, 10),
        "text": (
            "Foreign Secretary David Lammy and Antony Blinken held talks in London on Tuesday. "
            "Both are set to travel to Kyiv this week on a joint visit. "
            "Britain recently announced £162 million of short-range missiles for Ukraine."
        ),
    },
    {
        "id": "2024-09-11-blinken-and-lammy-in-kyiv",
        "title": "Blinken and Lammy reach Kyiv by overnight train",
        "source": "Fixture Wire",
        "published": date(2024, 9, 11),
        "text": (
            "Antony Blinken and David Lammy reached Kyiv on Wednesday after an overnight "
            "train from Poland. "
            "In Kyiv the two ministers met President Volodymyr Zelensky. "
            "Blinken announced $717 million in new United States aid, including help for "
            "the power grid. "
            "The package brings total US security assistance to Ukraine since 2022 to more "
            "than $56 billion."
        ),
    },
    {
        "id": "2014-12-15-kerry-meets-lavrov-in-rome",
        "title": "Kerry meets Lavrov in Rome as sanctions loom",
        "source": "Fixture Post",
        "published": date(2014, 12, 15),
        "text": (
            "John Kerry met Sergei Lavrov in Rome on Sunday. "
            "Kerry will go on to Paris and London later this week. "
            "US lawmakers have passed a bill authorizing $350 million in military aid for Ukraine. "
            "The UN says the conflict in eastern Ukraine has killed at least 4,634 people "
            "and wounded at least 10,243."
        ),
    },
    {
        "id": "2014-10-08-un-raises-eastern-ukraine-toll",
        "title": "UN raises death toll in eastern Ukraine",
        "source": "Fixture Herald",
        "published": date(2014, 10, 8),
        "text": (
            "The UN said on Wednesday that at least 3,660 people have been killed in eastern "
            "Ukraine since April. "
            "Ukraine's health ministry gave a lower count of about 3,500 killed. "
            "More than 375,000 people have been displaced inside Ukraine, the UN added."
        ),
    },
    {
        "id": "2022-06-16-macron-scholz-draghi-in-kyiv",
        "title": "Macron, Scholz and Draghi visit Kyiv",
        "source": "Fixture Wire",
        "published": date(2022, 6, 16),
        "text": (
            "Emmanuel Macron, Olaf Scholz and Mario Draghi arrived in Kyiv on Thursday after "
            "an overnight train from Poland. "
            "The three leaders met President Volodymyr Zelensky in Kyiv."
        ),
    },
]

KERRY_MET_LAVROV = "John Kerry met Sergei Lavrov in Rome on Sunday."

PLACES = {
    # name: (country, lat, lon, kind)
    "Washington": ("US", 38.8951, -77.0364, "city"),
    "Brussels": ("BE", 50.8505, 4.3488, "city"),
    "Skopje": ("MK", 41.9965, 21.4314, "city"),
    "Lodz": ("PL", 51.7592, 19.4560, "city"),
    "London": ("GB", 51.5085, -0.1257, "city"),
    "Kyiv": ("UA", 50.4501, 30.5234, "city"),
    "Warsaw": ("PL", 52.2298, 21.0118, "country"),
    "Rome": ("IT", 41.8919, 12.5113, "city"),
    "Paris": ("FR", 48.8534, 2.3488, "city"),
}

# A stop: one person at one place on one trip, with the sentences that report it.
# (stop_id, actor, place, date, date_precision, status, trip_id, seq, [(article_id, evidence)])
STOPS = [
    ("s-blinken-washington-2023", "Antony Blinken", "Washington", "2023-11-27", "day",
     "occurred", "blinken-2023-11", 1,
     [("2023-11-27-blinken-leaves-for-nato-talks",
       "Secretary of State Antony Blinken left Washington on Monday for Brussels, where NATO "
       "foreign ministers meet this week.")]),
    ("s-blinken-brussels-2023", "Antony Blinken", "Brussels", "2023-11-28", "day",
     "occurred", "blinken-2023-11", 2,
     [("2023-11-27-blinken-leaves-for-nato-talks",
       "Secretary of State Antony Blinken left Washington on Monday for Brussels, where NATO "
       "foreign ministers meet this week."),
      ("2023-11-29-blinken-arrives-in-skopje",
       "He came from two days of talks with NATO allies in Brussels.")]),
    ("s-blinken-skopje-2023", "Antony Blinken", "Skopje", "2023-11-29", "day",
     "occurred", "blinken-2023-11", 3,
     [("2023-11-27-blinken-leaves-for-nato-talks",
       "He is expected in Skopje on Wednesday for the annual OSCE ministerial meeting."),
      ("2023-11-29-blinken-arrives-in-skopje",
       "Antony Blinken arrived in Skopje on Wednesday for the OSCE ministerial meeting.")]),
    ("s-lavrov-skopje-2023", "Sergei Lavrov", "Skopje", "2023-11-30", "day",
     "occurred", "lavrov-2023-11", 1,
     [("2023-11-27-blinken-leaves-for-nato-talks",
       "Russian Foreign Minister Sergei Lavrov may also travel to Skopje if Bulgaria opens "
       "its airspace."),
      ("2023-11-29-blinken-arrives-in-skopje",
       "Sergei Lavrov also flew to Skopje, but the two did not meet.")]),
    ("s-lavrov-lodz-2022", "Sergei Lavrov", "Lodz", "2022-12-01", "month",
     "cancelled", "lavrov-2022-12", 1,
     [("2023-11-27-blinken-leaves-for-nato-talks",
       "Last year Poland refused to let Lavrov attend the OSCE meeting in Lodz.")]),
    ("s-blinken-london-2024", "Antony Blinken", "London", "2024-09-10", "day",
     "occurred", "blinken-2024-09", 1,
     [("2024-09-10-lammy-and-blinken-to-travel-to-kyiv",
       "Foreign Secretary David Lammy and Antony Blinken held talks in London on Tuesday.")]),
    ("s-blinken-poland-2024", "Antony Blinken", "Warsaw", "2024-09-10", "day",
     "occurred", "blinken-2024-09", 2,
     [("2024-09-11-blinken-and-lammy-in-kyiv",
       "Antony Blinken and David Lammy reached Kyiv on Wednesday after an overnight train "
       "from Poland.")]),
    ("s-blinken-kyiv-2024", "Antony Blinken", "Kyiv", "2024-09-11", "day",
     "occurred", "blinken-2024-09", 3,
     [("2024-09-10-lammy-and-blinken-to-travel-to-kyiv",
       "Both are set to travel to Kyiv this week on a joint visit."),
      ("2024-09-11-blinken-and-lammy-in-kyiv",
       "Antony Blinken and David Lammy reached Kyiv on Wednesday after an overnight train "
       "from Poland.")]),
    ("s-lammy-london-2024", "David Lammy", "London", "2024-09-10", "day",
     "occurred", "lammy-2024-09", 1,
     [("2024-09-10-lammy-and-blinken-to-travel-to-kyiv",
       "Foreign Secretary David Lammy and Antony Blinken held talks in London on Tuesday.")]),
    ("s-lammy-kyiv-2024", "David Lammy", "Kyiv", "2024-09-11", "day",
     "occurred", "lammy-2024-09", 2,
     [("2024-09-10-lammy-and-blinken-to-travel-to-kyiv",
       "Both are set to travel to Kyiv this week on a joint visit."),
      ("2024-09-11-blinken-and-lammy-in-kyiv",
       "Antony Blinken and David Lammy reached Kyiv on Wednesday after an overnight train "
       "from Poland.")]),
    ("s-kerry-rome-2014", "John Kerry", "Rome", "2014-12-14", "day",
     "occurred", "kerry-2014-12", 1,
     [("2014-12-15-kerry-meets-lavrov-in-rome", KERRY_MET_LAVROV)]),
    ("s-kerry-paris-2014", "John Kerry", "Paris", "2014-12", "month",
     "planned", "kerry-2014-12", 2,
     [("2014-12-15-kerry-meets-lavrov-in-rome",
       "Kerry will go on to Paris and London later this week.")]),
    ("s-kerry-london-2014", "John Kerry", "London", "2014-12", "month",
     "planned", "kerry-2014-12", 3,
     [("2014-12-15-kerry-meets-lavrov-in-rome",
       "Kerry will go on to Paris and London later this week.")]),
    ("s-lavrov-rome-2014", "Sergei Lavrov", "Rome", "2014-12-14", "day",
     "occurred", "lavrov-2014-12", 1,
     [("2014-12-15-kerry-meets-lavrov-in-rome", KERRY_MET_LAVROV)]),
    ("s-macron-kyiv-2022", "Emmanuel Macron", "Kyiv", "2022-06-16", "day",
     "occurred", "macron-2022-06", 2,
     [("2022-06-16-macron-scholz-draghi-in-kyiv",
       "Emmanuel Macron, Olaf Scholz and Mario Draghi arrived in Kyiv on Thursday after an "
       "overnight train from Poland.")]),
    ("s-macron-poland-2022", "Emmanuel Macron", "Warsaw", "2022-06-15", "day",
     "occurred", "macron-2022-06", 1,
     [("2022-06-16-macron-scholz-draghi-in-kyiv",
       "Emmanuel Macron, Olaf Scholz and Mario Draghi arrived in Kyiv on Thursday after an "
       "overnight train from Poland.")]),
    ("s-scholz-kyiv-2022", "Olaf Scholz", "Kyiv", "2022-06-16", "day",
     "occurred", "scholz-2022-06", 1,
     [("2022-06-16-macron-scholz-draghi-in-kyiv",
       "Emmanuel Macron, Olaf Scholz and Mario Draghi arrived in Kyiv on Thursday after an "
       "overnight train from Poland.")]),
]

# (meeting_id, participants, place, date, status, mode, [(article_id, evidence)])
MEETINGS = [
    ("m-kerry-lavrov-rome-2014", ["John Kerry", "Sergei Lavrov"], "Rome", "2014-12-14",
     "occurred", "in_person",
     [("2014-12-15-kerry-meets-lavrov-in-rome", KERRY_MET_LAVROV)]),
    ("m-blinken-lammy-london-2024", ["Antony Blinken", "David Lammy"], "London", "2024-09-10",
     "occurred", "in_person",
     [("2024-09-10-lammy-and-blinken-to-travel-to-kyiv",
       "Foreign Secretary David Lammy and Antony Blinken held talks in London on Tuesday.")]),
    ("m-blinken-lammy-zelensky-kyiv-2024",
     ["Antony Blinken", "David Lammy", "Volodymyr Zelensky"], "Kyiv", "2024-09-11",
     "occurred", "in_person",
     [("2024-09-11-blinken-and-lammy-in-kyiv",
       "In Kyiv the two ministers met President Volodymyr Zelensky.")]),
    ("m-leaders-zelensky-kyiv-2022",
     ["Emmanuel Macron", "Mario Draghi", "Olaf Scholz", "Volodymyr Zelensky"], "Kyiv",
     "2022-06-16", "occurred", "in_person",
     [("2022-06-16-macron-scholz-draghi-in-kyiv",
       "The three leaders met President Volodymyr Zelensky in Kyiv.")]),
]

# (aid_id, donor, recipient, amount, currency, usd_rate, fx_date, aid_type, status, date,
#  precision, [(article_id, evidence)])
AID = [
    ("a-us-61bn-2023", "United States", "Ukraine", 61e9, "USD", 1.0, "2023-11-27",
     "unspecified", "proposed", "2023-11-27", "day",
     [("2023-11-27-blinken-leaves-for-nato-talks",
       "The administration is asking Congress for another $61 billion for Ukraine.")]),
    ("a-uk-162m-2024", "United Kingdom", "Ukraine", 162e6, "GBP", 1.3105, "2024-09-10",
     "military", "announced", "2024-09", "month",
     [("2024-09-10-lammy-and-blinken-to-travel-to-kyiv",
       "Britain recently announced £162 million of short-range missiles for Ukraine.")]),
    ("a-us-717m-2024", "United States", "Ukraine", 717e6, "USD", 1.0, "2024-09-11",
     "mixed", "announced", "2024-09-11", "day",
     [("2024-09-11-blinken-and-lammy-in-kyiv",
       "Blinken announced $717 million in new United States aid, including help for the power "
       "grid.")]),
    ("a-us-56bn-total-2024", "United States", "Ukraine", 56e9, "USD", 1.0, "2024-09-11",
     "military", "announced", "2024-09-11", "day",
     [("2024-09-11-blinken-and-lammy-in-kyiv",
       "The package brings total US security assistance to Ukraine since 2022 to more than "
       "$56 billion.")]),
    ("a-us-350m-2014", "United States", "Ukraine", 350e6, "USD", 1.0, "2014-12-15",
     "military", "authorized", "2014-12-15", "day",
     [("2014-12-15-kerry-meets-lavrov-in-rome",
       "US lawmakers have passed a bill authorizing $350 million in military aid for Ukraine.")]),
]

# (report_id, metric, value, qualifier, as_of, reported_by, where, [(article_id, evidence)])
CASUALTIES = [
    ("c-un-killed-2014-10", "killed", 3660, "at least", "2014-10-08", "UN", "eastern Ukraine",
     [("2014-10-08-un-raises-eastern-ukraine-toll",
       "The UN said on Wednesday that at least 3,660 people have been killed in eastern Ukraine "
       "since April.")]),
    ("c-moh-killed-2014-10", "killed", 3500, "about", "2014-10-08", "Ukrainian health ministry",
     "eastern Ukraine",
     [("2014-10-08-un-raises-eastern-ukraine-toll",
       "Ukraine's health ministry gave a lower count of about 3,500 killed.")]),
    ("c-un-displaced-2014-10", "displaced", 375000, "more than", "2014-10-08", "UN", "Ukraine",
     [("2014-10-08-un-raises-eastern-ukraine-toll",
       "More than 375,000 people have been displaced inside Ukraine, the UN added.")]),
    ("c-un-killed-2014-12", "killed", 4634, "at least", "2014-12-15", "UN", "eastern Ukraine",
     [("2014-12-15-kerry-meets-lavrov-in-rome",
       "The UN says the conflict in eastern Ukraine has killed at least 4,634 people and "
       "wounded at least 10,243.")]),
    ("c-un-wounded-2014-12", "wounded", 10243, "at least", "2014-12-15", "UN", "eastern Ukraine",
     [("2014-12-15-kerry-meets-lavrov-in-rome",
       "The UN says the conflict in eastern Ukraine has killed at least 4,634 people and "
       "wounded at least 10,243.")]),
]

PEOPLE = [
    ("Antony Blinken", ["Tony Blinken", "Blinken"],
     [("Deputy Secretary of State", "US", "2015-01-09", "2017-01-20"),
      ("Secretary of State", "US", "2021-01-26", "2025-01-20")]),
    ("John Kerry", ["Kerry"], [("Secretary of State", "US", "2013-02-01", "2017-01-20")]),
    ("Sergei Lavrov", ["Lavrov"], [("Foreign Minister", "RU", "2004-03-09", None)]),
    ("David Lammy", ["Lammy"], [("Foreign Secretary", "GB", "2024-07-05", "2025-09-05"),
                                ("Deputy Prime Minister", "GB", "2025-09-05", None)]),
    ("Emmanuel Macron", ["Macron"], [("President", "FR", "2017-05-14", None)]),
    ("Olaf Scholz", ["Scholz"], [("Chancellor", "DE", "2021-12-08", "2025-05-06")]),
    ("Mario Draghi", ["Draghi"], [("Prime Minister", "IT", "2021-02-13", "2022-10-22")]),
    ("Volodymyr Zelensky", ["Zelensky", "Zelenskyy"], [("President", "UA", "2019-05-20", None)]),
]

SCHEMA = """
create table articles (
    id varchar primary key, title varchar not null, source varchar, url varchar,
    published date, published_precision varchar not null, language varchar, path varchar,
    sha256 varchar not null, text varchar not null, loaded_at timestamp
);
create table sentences (
    article_id varchar, n integer, start integer, "end" integer, text varchar,
    boilerplate boolean, segment integer, primary key (article_id, n)
);
create table mentions_visit (
    mention_id varchar primary key, article_id varchar not null, evidence varchar not null,
    evidence_start integer not null, evidence_end integer not null, actor varchar not null,
    place varchar, country varchar, date varchar, date_precision varchar,
    status varchar not null, mode varchar, purpose varchar
);
create table mentions_meeting (
    mention_id varchar primary key, article_id varchar not null, evidence varchar not null,
    evidence_start integer not null, evidence_end integer not null,
    participants varchar[] not null, place varchar, country varchar, date varchar,
    date_precision varchar, status varchar not null, mode varchar
);
create table mentions_aid (
    mention_id varchar primary key, article_id varchar not null, evidence varchar not null,
    evidence_start integer not null, evidence_end integer not null, donor varchar,
    recipient varchar, amount double not null, currency varchar not null, aid_type varchar,
    status varchar not null, date varchar, date_precision varchar, qualifier varchar
);
create table mentions_casualty (
    mention_id varchar primary key, article_id varchar not null, evidence varchar not null,
    evidence_start integer not null, evidence_end integer not null, metric varchar not null,
    value bigint not null, qualifier varchar, as_of varchar, as_of_precision varchar,
    reported_by varchar, "where" varchar
);
create table build_problems (path varchar, line integer, reason varchar, seen_at timestamp);
create table people (
    name varchar, aliases varchar[],
    roles struct(title varchar, country varchar, "from" date, "to" date)[]
);
create table places (name varchar, country varchar, lat double, lon double, kind varchar);
create table stops (
    stop_id varchar, actor varchar, place varchar, country varchar, lat double, lon double,
    date varchar, date_precision varchar, status varchar, sources integer,
    first_reported date, last_reported date, place_kind varchar, sort_date date,
    actor_seq integer
);
create table legs (
    actor varchar, trip_id varchar, seq integer, from_place varchar, to_place varchar,
    from_lat double, from_lon double, to_lat double, to_lon double, date varchar,
    status varchar, from_stop_id varchar, to_stop_id varchar, from_country varchar,
    to_country varchar
);
create table meetings (
    meeting_id varchar, participants varchar[], place varchar, country varchar, lat double,
    lon double, date varchar, date_precision varchar, status varchar, mode varchar,
    sources integer
);
create table aid (
    aid_id varchar, donor varchar, recipient varchar, amount double, currency varchar,
    amount_usd double, fx_rate double, fx_date date, aid_type varchar, status varchar,
    date varchar, date_precision varchar, qualifier varchar, is_total boolean,
    sources integer, first_reported date, last_reported date
);
create table casualty_reports (
    report_id varchar, metric varchar, value bigint, qualifier varchar, as_of varchar,
    reported_by varchar, "where" varchar, sources integer
);
create table event_mentions (
    event_type varchar, event_id varchar, mention_id varchar, article_id varchar,
    evidence varchar, evidence_start integer, evidence_end integer, published date,
    corrected boolean default false, correction_id varchar
);
"""


def _first_day(value: str) -> date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _mention_id(article_id: str, kind: str, key: str, start: int) -> str:
    raw = f"{article_id}|{kind}|{key}|{start}".encode()
    return hashlib.sha1(raw).hexdigest()[:16]


def _sentences(text: str) -> list[tuple[int, int, int, str]]:
    out = []
    for n, m in enumerate(re.finditer(r"[^.!?]+(?:[.!?](?!\d)[^.!?]*)*?[.!?](?=\s|$)", text)):
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        out.append((n, start, m.end(), text[start : m.end()]))
    return out


def build_fixture_db(path: Path, *, extra_articles: list[dict] | None = None) -> Path:
    """Write the fixture database at `path` (replacing it) and return the path."""
    path = Path(path)
    if path.exists():
        path.unlink()
    articles = {a["id"]: a for a in ARTICLES + list(extra_articles or [])}
    con = duckdb.connect(str(path))
    try:
        con.execute(SCHEMA)
        for a in articles.values():
            con.execute(
                "insert into articles values (?, ?, ?, ?, ?, 'day', 'en', ?, ?, ?, now())",
                [a["id"], a["title"], a["source"], f"https://example.org/{a['id']}",
                 a["published"], f"data/articles/{a['id']}.md",
                 hashlib.sha256(a["text"].encode()).hexdigest(), a["text"]],
            )
            for n, start, end, text in _sentences(a["text"]):
                con.execute(
                    "insert into sentences values (?, ?, ?, ?, ?, false, 0)",
                    [a["id"], n, start, end, text],
                )
        for name, (country, lat, lon, kind) in PLACES.items():
            con.execute("insert into places values (?, ?, ?, ?, ?)",
                        [name, country, lat, lon, kind])

        def link(event_type: str, event_id: str, kind: str, key: str, evidences) -> list[date]:
            published = []
            for article_id, evidence in evidences:
                text = articles[article_id]["text"]
                start = text.find(evidence)
                if start < 0:
                    raise ValueError(f"evidence not in {article_id}: {evidence!r}")
                mention_id = _mention_id(article_id, kind, key, start)
                con.execute(
                    "insert into event_mentions values (?, ?, ?, ?, ?, ?, ?, ?, false, null)",
                    [event_type, event_id, mention_id, article_id, evidence, start,
                     start + len(evidence), articles[article_id]["published"]],
                )
                published.append(articles[article_id]["published"])
            return published

        for (stop_id, actor, place, when, precision, status, _trip, _seq, evidences) in STOPS:
            country, lat, lon, kind = PLACES[place]
            published = link("stop", stop_id, "visit", f"{actor}|{place}", evidences)
            for article_id, evidence in evidences:
                start = articles[article_id]["text"].find(evidence)
                con.execute(
                    "insert into mentions_visit values "
                    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, null) on conflict do nothing",
                    [_mention_id(article_id, "visit", f"{actor}|{place}", start), article_id,
                     evidence, start, start + len(evidence), actor,
                     None if kind == "country" else place, country, when, precision, status],
                )
            # sort_date: the day itself, or for a month or year the day it was reported.
            sort_date = _first_day(when)
            if precision != "day":
                sort_date = max(sort_date, min(published))
            con.execute(
                "insert into stops values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)",
                [stop_id, actor, place, country, lat, lon, when, precision, status,
                 len(evidences), min(published), max(published), kind, sort_date],
            )
        # actor_seq: position on the person's route, by day and then by order within the trip.
        con.execute("create temp table trip_order (stop_id varchar, trip_seq integer)")
        con.executemany("insert into trip_order values (?, ?)", [[s[0], s[7]] for s in STOPS])
        con.execute("""
            update stops set actor_seq = ranked.seq
            from (
                select stop_id, row_number() over (
                    partition by actor order by sort_date, trip_seq, stop_id) as seq
                from stops join trip_order using (stop_id)
            ) as ranked
            where stops.stop_id = ranked.stop_id
        """)
        trips: dict[str, list] = {}
        for stop in STOPS:
            trips.setdefault(stop[6], []).append(stop)
        for trip_id, stops in trips.items():
            stops.sort(key=lambda s: s[7])
            for seq, (a, b) in enumerate(zip(stops, stops[1:], strict=False), start=1):
                fa, fb = PLACES[a[2]], PLACES[b[2]]
                status = b[5] if b[5] != "occurred" else a[5]
                con.execute(
                    "insert into legs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [a[1], trip_id, seq, a[2], b[2], fa[1], fa[2], fb[1], fb[2],
                     b[3], status, a[0], b[0], fa[0], fb[0]],
                )
        for (meeting_id, participants, place, when, status, mode, evidences) in MEETINGS:
            country, lat, lon, _kind = PLACES[place]
            link("meeting", meeting_id, "meeting", "|".join(participants), evidences)
            for article_id, evidence in evidences:
                start = articles[article_id]["text"].find(evidence)
                con.execute(
                    "insert into mentions_meeting values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'day', ?, ?)",
                    [_mention_id(article_id, "meeting", "|".join(participants), start),
                     article_id, evidence, start, start + len(evidence), participants, place,
                     country, when, status, mode],
                )
            con.execute(
                "insert into meetings values (?, ?, ?, ?, ?, ?, ?, 'day', ?, ?, ?)",
                [meeting_id, participants, place, country, lat, lon, when, status,
                 mode, len(evidences)],
            )
        for (aid_id, donor, recipient, amount, currency, rate, fx_date, aid_type, status, when,
             precision, evidences) in AID:
            published = link("aid", aid_id, "aid", f"{donor}|{currency}", evidences)
            for article_id, evidence in evidences:
                start = articles[article_id]["text"].find(evidence)
                con.execute(
                    "insert into mentions_aid values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)",
                    [_mention_id(article_id, "aid", f"{donor}|{currency}", start), article_id,
                     evidence, start, start + len(evidence), donor, recipient, amount, currency,
                     aid_type, status, when, precision],
                )
            total = "total" in aid_id
            con.execute(
                "insert into aid values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [aid_id, donor, recipient, amount, currency, amount * rate, rate,
                 _first_day(fx_date), aid_type, status, when, precision,
                 "more than" if total else None, total, len(evidences), min(published),
                 max(published)],
            )
        for (report_id, metric, value, qualifier, as_of, reported_by, where,
             evidences) in CASUALTIES:
            link("casualty", report_id, "casualty", f"{metric}|{value}", evidences)
            for article_id, evidence in evidences:
                start = articles[article_id]["text"].find(evidence)
                con.execute(
                    "insert into mentions_casualty values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'day', ?, ?)",
                    [_mention_id(article_id, "casualty", f"{metric}|{value}", start),
                     article_id, evidence, start, start + len(evidence), metric, value,
                     qualifier, as_of, reported_by, where],
                )
            con.execute(
                "insert into casualty_reports values (?, ?, ?, ?, ?, ?, ?, ?)",
                [report_id, metric, value, qualifier, as_of, reported_by, where,
                 len(evidences)],
            )
        for name, aliases, roles in PEOPLE:
            con.execute(
                "insert into people values (?, ?, ?)",
                [name, aliases,
                 [{"title": t, "country": c, "from": _first_day(f),
                   "to": _first_day(e) if e else None} for t, c, f, e in roles]],
            )
        # the columns the build adds to every event mart, by the build's own code
        con.execute(MART_MACROS.read_text(encoding="utf-8"))
        post_marts(con)
    finally:
        con.close()
    return path


if __name__ == "__main__":
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/shuttle-fixture.duckdb")
    print(build_fixture_db(target))
