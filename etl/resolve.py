"""Per-value Python work behind the marts: reference people, geocoded places, USD rates.

Each function reads the *distinct* values it needs from the database, resolves them in Python
and writes a small temp staging table that the SQL models join against. The mention tables
can hold a million rows; the distinct places, currencies-and-days and names stay in the
thousands, so the Python loops stay short and SQL does the joins and the grouping.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from pathlib import Path

import duckdb
import pyarrow as pa

from etl import fx
from etl.settings import REFERENCE_DIR


def stage_people(con: duckdb.DuckDBPyConnection, reference_dir: Path = REFERENCE_DIR) -> None:
    """Load people.csv and roles.csv into temp tables ref_people and ref_roles.

    A missing file gives an empty table: the marts then list only the names seen in mentions.
    """
    people = list(_read_csv(reference_dir / "people.csv"))
    roles = list(_read_csv(reference_dir / "roles.csv"))
    names = [_clean(row.get("name")) for row in people]
    aliases = [
        sorted({a.strip() for a in (row.get("aliases") or "").split(";") if a.strip()})
        for row in people
    ]
    people_table = pa.table(
        {"name": pa.array(names, pa.string()), "aliases": pa.array(aliases, pa.list_(pa.string()))}
    )
    roles_table = pa.table(
        {
            "name": pa.array([_clean(r.get("name")) for r in roles], pa.string()),
            "title": pa.array([_clean(r.get("title")) for r in roles], pa.string()),
            "country": pa.array([_upper(r.get("country")) for r in roles], pa.string()),
            "from": pa.array([_iso_date(r.get("start")) for r in roles], pa.date32()),
            "to": pa.array([_iso_date(r.get("end")) for r in roles], pa.date32()),
        }
    )
    _create_temp(con, "ref_people", people_table, "where name is not null")
    _create_temp(con, "ref_roles", roles_table, "where name is not null")


def stage_places(con: duckdb.DuckDBPyConnection) -> None:
    """Geocode the distinct (place, country) pairs of visits and meetings into temp stg_places.

    Columns: raw_place, raw_country (the mention's values, the join key), name, country, lat,
    lon, kind ('city' | 'country'), country_name, country_aliases (lower-case names of the
    country, four letters or more, to find it in a sentence: 'britain'), place_key. A place
    the gazetteer does not know, or a mention that names only a country, is drawn at the
    country's capital with kind 'country', so the map never passes a guess off as a city.
    """
    pairs = con.execute(
        """
        select distinct place, country from mentions_visit
        union
        select distinct place, country from mentions_meeting
        """
    ).fetchall()
    rows = [resolve_place(place, country) for place, country in pairs]
    rows = [(*row, _country_aliases().get(row[3] or "", [])) for row in rows]
    columns = ["raw_place", "raw_country", "name", "country", "lat", "lon", "kind",
               "country_name", "country_aliases"]
    types = [pa.string()] * 4 + [pa.float64()] * 2 + [pa.string()] * 2 + [pa.list_(pa.string())]
    table = pa.table(
        {col: pa.array([r[i] for r in rows], typ)
         for i, (col, typ) in enumerate(zip(columns, types, strict=True))}
    )
    con.register("_stg_places_arrow", table)
    try:
        con.execute(
            """
            create or replace temp table stg_places as
            select
                *,
                -- the merge key of a place: a city by name and country, a country-level guess
                -- by country alone (every 'Britain' without a city is the same point)
                case
                    when kind = 'city' then 'city:' || name || ':' || coalesce(country, '')
                    when kind = 'country' then 'country:' || country
                end as place_key
            from _stg_places_arrow
            """
        )
    finally:
        con.unregister("_stg_places_arrow")


def resolve_place(
    place: str | None, country: str | None
) -> tuple[str | None, str | None, str | None, str | None, float | None, float | None,
           str | None, str | None]:
    """(raw_place, raw_country, name, country, lat, lon, kind, country_name) for one pair.

    A city the gazetteer finds (in the mention's country, when it gives one) is kind 'city';
    a place that is a country, a city it does not find, or no place at all gives the
    country at its capital, kind 'country'. An unknown city with no country is kept as a
    city without coordinates (lat/lon null): the map cannot draw it, the tables still list it.
    """
    from etl.places import lookup_city, lookup_place  # imported late: tests may stand in

    raw_place, raw_country = place, country
    country = _upper(country)
    name = _clean(place)
    if name:
        found = lookup_place(name)
        if found is not None and country and _upper(found.country) != country:
            found = lookup_city(name, country)
        if found is not None and found.kind == "city":
            iso = _upper(found.country)
            return (raw_place, raw_country, found.name, iso, _num(found.lat), _num(found.lon),
                    "city", _country_name(iso))
        if found is not None:
            country = country or _upper(found.country)
    if country:
        capital = _capital(country)
        if capital is not None:
            lat, lon = _num(capital.lat), _num(capital.lon)
            if lat == 0.0 and lon == 0.0:  # the gazetteer's "no capital known"
                lat = lon = None
            return (raw_place, raw_country, capital.name, country, lat, lon, "country",
                    _country_name(country))
        # an ISO code the gazetteer cannot place: keep it, without a point on the map
        return (raw_place, raw_country, _country_name(country) or country, country, None,
                None, "country", _country_name(country))
    if name:
        # a city the gazetteer does not know, in no stated country: listed, not drawn
        return (raw_place, raw_country, name, None, None, None, "city", None)
    return (raw_place, raw_country, None, None, None, None, None, None)


def stage_fx(con: duckdb.DuckDBPyConnection, source: str = "int_aid_events") -> None:
    """USD rates for the distinct (currency, fx_day) pairs of `source` into temp stg_fx.

    Columns: currency, fx_day (the day asked for), fx_rate (USD per unit), fx_date (the day
    whose ECB rate was used: fx_day itself, or the nearest end of the ECB history).
    """
    pairs = con.execute(
        f"select distinct currency, fx_day from {source} where currency is not null"
    ).fetchall()
    rates = [fx.usd_rate(currency, day) for currency, day in pairs]
    table = pa.table(
        {
            "currency": pa.array([c for c, _ in pairs], pa.string()),
            "fx_day": pa.array([d for _, d in pairs], pa.date32()),
            "fx_rate": pa.array([r for r, _ in rates], pa.float64()),
            "fx_date": pa.array([d for _, d in rates], pa.date32()),
        }
    )
    _create_temp(con, "stg_fx", table)


def _create_temp(
    con: duckdb.DuckDBPyConnection, name: str, table: pa.Table, where: str = ""
) -> None:
    view = f"_{name}_arrow"
    con.register(view, table)
    try:
        con.execute(f"create or replace temp table {name} as select * from {view} {where}")
    finally:
        con.unregister(view)


def _read_csv(path: Path) -> Iterable[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _capital(iso2: str):
    from etl.places import place_for_country

    try:
        return place_for_country(iso2)
    except (KeyError, LookupError, ValueError):
        return None


def _country_name(iso2: str | None) -> str | None:
    """The common English name of a country, as facts and articles write it.

    >>> _country_name("MK"), _country_name("GB")
    ('North Macedonia', 'United Kingdom')
    """
    if not iso2:
        return None
    from etl.places import country_display_names

    return country_display_names().get(iso2)


@lru_cache(maxsize=1)
def _country_aliases() -> dict[str, list[str]]:
    """ISO2 -> the folded names the gazetteer knows for the country, longest first.

    Names under four letters ('uk', 'us') are left out: inside a sentence they match words.

    >>> "britain" in _country_aliases()["GB"]
    True
    """
    from etl.places import country_names

    out: dict[str, list[str]] = {}
    for name, iso in country_names().items():
        if len(name) >= 4:
            out.setdefault(iso, []).append(name)
    return {iso: sorted(names, key=lambda n: (-len(n), n)) for iso, names in out.items()}


def _clean(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


def _upper(value: str | None) -> str | None:
    value = _clean(value)
    return value.upper() if value else None


def _iso_date(value: str | None) -> date | None:
    value = _clean(value)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _num(value) -> float | None:
    return None if value is None else float(value)
