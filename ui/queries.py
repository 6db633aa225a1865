"""The dashboard's named queries: one function each, SQL in ui/sql/<name>.sql, values bound.

Every function takes an open DuckDB connection (ui/handle.py) and returns a DataFrame; filtering
and aggregation happen in DuckDB, and the row-level queries stop at a cap (the total before
the cap comes back in `total_rows`, the number of articles behind the rows in
`articles_total`: behind the rows returned for the maps and the casualty chart, which is
what they draw, behind every filtered package for the aid bars, which sum them all) so a
page stays responsive on a large database. The queries of marks select only what is drawn;
the long tables ask for one page at a time (`limit`, `offset`: ui/paging.py), and only
they read the sentences of their rows. Each event row carries its day window, latest
sentence, article ids (and numbers) and outlets, computed at build time (etl/sql/post/), so a
page query reads one mart and joins nothing; a long list's order is a rank stored beside
each row (etl/sql/post/page_ranks.sql), so its query cuts on one integer before it reads
what it shows.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb
import pandas as pd

from etl import facts
from etl.countries import country_aliases
from ui import trust

if TYPE_CHECKING:
    from ui.scope import Filters

SQL_DIR = Path(__file__).resolve().parent / "sql"

# Points and arcs drawn on a map, rows in a table: beyond this the browser slows down and
# nobody can read the marks anyway. 2,000 stops (the best-sourced first) keep the deck's
# data near 2 MB; at 5,000 it was 9 MB and a first draw at 1M mentions took 14 s.
MAP_CAP = 2_000
TABLE_CAP = 5_000
# rows of a long table listed at a time (ui/paging.py draws the page control)
PAGE_ROWS = 50

# the choices the pages offer: the fact contract's accepted values (etl/facts.py)
VISIT_STATUSES = facts.VISIT_STATUSES
AID_STATUSES = facts.AID_STATUSES
METRICS = facts.METRICS

_PARAM = re.compile(r"\$([a-z_]+)")


@cache
def sql_text(name: str) -> str:
    """The SQL of a named query, read once from ui/sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def run(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    """Run ui/sql/<name>.sql with its $parameters bound from `params` (extra ones ignored)."""
    sql = sql_text(name)
    wanted = set(_PARAM.findall(sql))
    missing = wanted - params.keys()
    if missing:
        raise ValueError(f"query {name} needs parameters {sorted(missing)}")
    return con.execute(sql, {key: params[key] for key in wanted}).df()


def like_pattern(text: str) -> str:
    r"""An ILIKE pattern matching `text` literally anywhere (escape character backslash).

    >>> like_pattern("50% of _all_")
    '%50\\% of \\_all\\_%'
    """
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _scope(f: Filters, *, diplomats: bool = True) -> dict[str, object]:
    params: dict[str, object] = {
        "countries": list(f.countries),
        "statuses": list(f.statuses),
        "outlets": list(f.outlets),
        "date_from": f.date_from,
        "date_to": f.date_to,
        "verified_only": f.verified_only,
    }
    if diplomats:
        params["actors"] = list(f.diplomats)
    return params


def _country_names(f: Filters) -> list[str]:
    return sorted({name for code in f.countries for name in country_aliases(code)})


# -- sidebar options -----------------------------------------------------------------------

def diplomat_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """actor, stops: every person on the map with their number of stops."""
    return run(con, "filter_diplomats")


def year_bounds(con: duckdb.DuckDBPyConnection) -> tuple[int, int] | None:
    """First and last year in the database, or None when it holds nothing dated."""
    row = run(con, "filter_years").iloc[0]
    if pd.isna(row["first_year"]) or pd.isna(row["last_year"]):
        return None
    return int(row["first_year"]), int(row["last_year"])


def country_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """country (ISO alpha-2), events: countries with a stop or meeting."""
    return run(con, "filter_countries")


def outlet_counts(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """outlet, articles."""
    return run(con, "filter_outlets")


# -- routes --------------------------------------------------------------------------------

def _windowed(f: Filters, date_from, date_to) -> dict:
    """The filter parameters, with the map's time control narrowing the dates if given."""
    params = _scope(f)
    if date_from is not None:
        params["date_from"] = date_from
    if date_to is not None:
        params["date_to"] = date_to
    return params


def route_stops(con: duckdb.DuckDBPyConnection, f: Filters, *, cap: int = MAP_CAP,
                date_from=None, date_to=None) -> pd.DataFrame:
    """The filtered stops with their latest evidence; a narrower date window may be given."""
    return run(con, "route_stops", cap=cap, **_windowed(f, date_from, date_to))


def route_legs(con: duckdb.DuckDBPyConnection, f: Filters, *, cap: int = 2 * MAP_CAP,
               date_from=None, date_to=None, drawn: pd.DataFrame | None = None
               ) -> pd.DataFrame:
    """The legs between filtered stops; given the stops the map draws (route_stops), and
    when those are only the best-sourced part of the filtered ones, the legs between two
    of them (found by the stops' map_rank: integers, where their ids are strings to match
    in every leg). The cap is twice the map's: a stop has at most a leg in and a leg out,
    so every such leg fits."""
    stop_ranks: list[int] = []
    if drawn is not None and len(drawn) and int(drawn["total_rows"].iloc[0]) > len(drawn):
        stop_ranks = [int(i) for i in drawn["map_rank"]]
    return run(con, "route_legs", cap=cap, stop_ranks=stop_ranks,
               **_windowed(f, date_from, date_to))


def route_meetings(con: duckdb.DuckDBPyConnection, f: Filters, *, cap: int = MAP_CAP,
                   date_from=None, date_to=None) -> pd.DataFrame:
    """The meetings of the filtered diplomats, to mark on the map or list as calls."""
    return run(con, "route_meetings", cap=cap, **_windowed(f, date_from, date_to))


def route_months(con: duckdb.DuckDBPyConnection, f: Filters) -> list[str]:
    """'YYYY-MM' for every month from the first to the last filtered stop."""
    return list(run(con, "route_months", **_scope(f))["month"])


# -- aid -----------------------------------------------------------------------------------

def aid_rows(con: duckdb.DuckDBPyConnection, f: Filters, *, statuses: list[str],
             by: str = "donor", cap: int = TABLE_CAP) -> pd.DataFrame:
    """Aid packages after the filters (`statuses`: their furthest stages), largest first,
    with what the time view and the slide draw (no sentences: aid_page lists them); beside
    the total, `named_rows`: how many of the packages name their `by` party."""
    return run(con, "aid_rows", aid_statuses=list(statuses), country_names=_country_names(f),
               by=by, cap=cap, **_scope(f, diplomats=False))


def aid_page(con: duckdb.DuckDBPyConnection, f: Filters, *, statuses: list[str],
             by: str = "donor", named: bool = True, limit: int = PAGE_ROWS,
             offset: int = 0) -> pd.DataFrame:
    """One page of the packages of aid_rows whose `by` party is named (or, `named` false,
    is not), in its order, with their stage history and the sentence behind each."""
    return run(con, "aid_page", aid_statuses=list(statuses), country_names=_country_names(f),
               by=by, named=bool(named), limit=int(limit), offset=int(offset),
               **_scope(f, diplomats=False))


def aid_by_party(con: duckdb.DuckDBPyConnection, f: Filters, *, statuses: list[str],
                 by: str = "donor") -> pd.DataFrame:
    """USD committed and delivered per donor (or recipient) and furthest stage, each package
    once, with `originals` per currency and `named` false for the unnamed party, and the
    verified and low-confidence parts of each sum (ui/trust.py's classes, its thresholds
    bound as parameters so SQL and Python never disagree on what is weak)."""
    if by not in ("donor", "recipient"):
        raise ValueError(f"by must be 'donor' or 'recipient', not {by!r}")
    return run(con, "aid_by_party", aid_statuses=list(statuses),
               country_names=_country_names(f), by=by, low_confidence=trust.LOW_CONFIDENCE,
               reviewed_states=list(trust.REVIEWED), **_scope(f, diplomats=False))


def package_reports(con: duckdb.DuckDBPyConnection, package_ids: list[str]) -> pd.DataFrame:
    """aid_id, package_id: the reports (stages, restatements, parts) of the packages."""
    return run(con, "package_reports", package_ids=list(package_ids))


def aid_apart(con: duckdb.DuckDBPyConnection, f: Filters, *, statuses: list[str],
              cap: int = TABLE_CAP) -> pd.DataFrame:
    """Stated totals and rates after the filters: in no package, never added."""
    return run(con, "aid_apart", aid_statuses=list(statuses), country_names=_country_names(f),
               cap=cap, **_scope(f, diplomats=False))


# -- casualties ----------------------------------------------------------------------------

def casualty_rows(con: duckdb.DuckDBPyConnection, f: Filters, *, metrics: list[str],
                  places: list[str] | None = None, cap: int = TABLE_CAP) -> pd.DataFrame:
    """Casualty reports after the filters, newest first, as the timeline draws them (no
    sentences: casualty_page lists them); `places` are "where" values ('' for reports
    naming none), empty for all."""
    return run(con, "casualty_rows", metrics=list(metrics), places=list(places or []),
               country_names=_country_names(f), cap=cap, **_scope(f, diplomats=False))


def casualty_page(con: duckdb.DuckDBPyConnection, f: Filters, *, metrics: list[str],
                  places: list[str] | None = None, limit: int = PAGE_ROWS,
                  offset: int = 0) -> pd.DataFrame:
    """One page of the reports of casualty_rows, in its order, with the sentence behind
    each."""
    return run(con, "casualty_page", metrics=list(metrics), places=list(places or []),
               country_names=_country_names(f), limit=int(limit), offset=int(offset),
               **_scope(f, diplomats=False))


def casualty_places(con: duckdb.DuckDBPyConnection, f: Filters, *,
                    metrics: list[str]) -> pd.DataFrame:
    """place, reports, latest: the places casualty reports describe, most reported first."""
    return run(con, "casualty_places", metrics=list(metrics), country_names=_country_names(f),
               **_scope(f, diplomats=False))


# -- people --------------------------------------------------------------------------------

def person_list(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """name, events: people with stops or meetings, most active first."""
    return run(con, "person_list")


def person_stops(con: duckdb.DuckDBPyConnection, f: Filters, person: str, *,
                 cap: int = TABLE_CAP) -> pd.DataFrame:
    """One person's itinerary in date order."""
    return run(con, "person_stops", person=person, cap=cap, **_scope(f, diplomats=False))


def person_legs(con: duckdb.DuckDBPyConnection, f: Filters, person: str, *,
                cap: int = MAP_CAP) -> pd.DataFrame:
    """One person's legs in trip order."""
    return run(con, "person_legs", person=person, cap=cap, **_scope(f, diplomats=False))


def person_counterparts(con: duckdb.DuckDBPyConnection, f: Filters,
                        person: str) -> pd.DataFrame:
    """Whom the person met, how often, last when and where."""
    return run(con, "person_counterparts", person=person, **_scope(f, diplomats=False))


def person_roles(con: duckdb.DuckDBPyConnection, person: str) -> pd.DataFrame:
    """title, country, start, end of each office the person held (from the people mart)."""
    try:
        return run(con, "person_roles", person=person)
    except duckdb.Error:
        pass
    try:
        return run(con, "person_roles_table", person=person)
    except duckdb.Error:
        return pd.DataFrame(columns=["title", "country", "start", "end"])


def person_offices(con: duckdb.DuckDBPyConnection, person: str) -> pd.DataFrame:
    """title, country, start, end, source (curated | observed | analyst), evidence,
    article_id, article_title, published of each office the people mart gives the person;
    empty (same columns) on a database without the sources of roles."""
    try:
        return run(con, "person_offices", person=person)
    except duckdb.Error:
        return pd.DataFrame(columns=["title", "country", "start", "end", "source", "evidence",
                                     "article_id", "article_title", "published"])


def people_names(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """name, aliases of everyone in the people mart, by name."""
    return run(con, "people_names")


# -- sources -------------------------------------------------------------------------------

def evidence_search(con: duckdb.DuckDBPyConnection, f: Filters, text: str, *,
                    cap: int = PAGE_ROWS, offset: int = 0) -> pd.DataFrame:
    """Evidence sentences containing `text` (case-insensitive, literal), newest first: `cap`
    of them after the first `offset`."""
    return run(con, "evidence_search", pattern=like_pattern(text), outlets=list(f.outlets),
               date_from=f.date_from, date_to=f.date_to, cap=int(cap), offset=int(offset))


def text_search(con: duckdb.DuckDBPyConnection, f: Filters, text: str, *,
                cap: int = 50) -> pd.DataFrame:
    """Articles whose title and text hold every word of `text`, best first (BM25), with the
    best sentence and the words matched; the outlet and year filters apply."""
    return run(con, "text_search", text=text, outlets=list(f.outlets), date_from=f.date_from,
               date_to=f.date_to, cap=cap)


def article_sentence(con: duckdb.DuckDBPyConnection, article_id: str, n: int) -> dict | None:
    """One sentence of an article with its offsets, or None."""
    df = run(con, "article_sentence", article_id=article_id, n=n)
    return None if df.empty else df.iloc[0].to_dict()


def article_list(con: duckdb.DuckDBPyConnection, f: Filters, *, title: str = "",
                 limit: int = PAGE_ROWS, offset: int = 0) -> pd.DataFrame:
    """One page of the articles after the outlet and year filters, newest first, with event
    counts: `limit` of them after the first `offset`."""
    return run(con, "article_list", outlets=list(f.outlets), date_from=f.date_from,
               date_to=f.date_to, pattern=like_pattern(title), limit=int(limit),
               offset=int(offset))


def article_one(con: duckdb.DuckDBPyConnection, article_id: str) -> dict | None:
    """One article as a dict, or None."""
    df = run(con, "article_one", article_id=article_id)
    return None if df.empty else df.iloc[0].to_dict()


def article_facts(con: duckdb.DuckDBPyConnection, article_id: str) -> pd.DataFrame:
    """The events an article reports, one row per evidence span, in text order."""
    return run(con, "article_facts", article_id=article_id)


def articles_behind(con: duckdb.DuckDBPyConnection, event_type: str,
                    event_ids: list[object]) -> pd.DataFrame:
    """The articles that report the given events (stop ids, aid ids, ...), oldest first:
    id, title, outlet, url, published, mentions."""
    ids = [str(i) for i in dict.fromkeys(event_ids) if i is not None and not pd.isna(i)]
    return run(con, "briefing_sources", event_type=event_type, event_ids=ids)


def correction_outcomes(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """id, status, detail, mentions: what the last build made of each correction."""
    return run(con, "correction_outcomes")


def corrections_orphaned(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The last build's orphaned corrections, oldest first."""
    return run(con, "corrections_orphaned")


def missing_tables(con: duckdb.DuckDBPyConnection, names: tuple[str, ...]) -> list[str]:
    """Which of `names` the database lacks (a build without marts, an old file)."""
    present = set(run(con, "tables")["table_name"])
    return [name for name in names if name not in present]


def missing_columns(con: duckdb.DuckDBPyConnection, names: tuple[str, ...]) -> list[str]:
    """Which of `names` ('table.column') the database lacks: a file built by an earlier
    version, before the marts carried what the pages now read."""
    present = set(run(con, "columns")["name"])
    return [name for name in names if name not in present]
