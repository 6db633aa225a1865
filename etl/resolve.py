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
    lon, kind ('city' | 'country'), country_name, place_key. A place the gazetteer does not know,
    or a mention that names only a country, is drawn at the country's capital with kind
    'country', so the map never passes a guess off as a stated city.
    """
    pairs = con.execute(
        """
        select distinct place, country from mentions_visit
        union
        select distinct place, country from mentions_meeting
        """
    ).fetchall()
    rows = [resolve_place(place, country) for place, country in pairs]
    columns = ["raw_place", "raw_country", "name", "country", "lat", "lon", "kind", "country_name"]
    types = [pa.string()] * 4 + [pa.float64()] * 2 + [pa.string()] * 2
    table = pa.table(
        {col: pa.array([r[i] for r in rows], typ) for i, (col, typ) in enumerate(zip(columns, types))}
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
    """(raw_place, raw_country, name, country, lat, lon, kind, country_name) for one pair."""
    from etl.places import lookup_place  # the lead's gazetteer; imported late for test stand-ins

    raw_place, raw_country = place, country
    country = _upper(country)
    if place and place.strip():
        found = lookup_place(place.strip())
        if found is not None and (country is None or _upper(found.country) == country):
            kind = found.kind if found.kind in ("city", "country") else "city"
            fcountry = _upper(found.country)
            return (raw_place, raw_country, found.name, fcountry, _num(found.lat), _num(found.lon),
                    kind, _country_name(fcountry))
    if country:
        capital = _capital(country)
        if capital is not None:
            return (raw_place, raw_country, capital.name, country, _num(capital.lat),
                    _num(capital.lon), "country", _country_name(country))
        # an ISO code the gazetteer cannot place: keep it, without a point on the map
        return (raw_place, raw_country, _country_name(country) or country, country, None, None,
                "country", _country_name(country))
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
    """The English short name of a country, for finding it in an evidence sentence.

    >>> _country_name("MK")
    'North Macedonia'
    >>> _country_name("GB")
    'United Kingdom'
    """
    if not iso2:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_2=iso2)
    if found is None:
        return None
    return getattr(found, "common_name", None) or found.name


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
