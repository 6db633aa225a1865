"""The one country table: ISO 3166-1 alpha-2 code -> the everyday English name a briefing,
a fact and a page all use, and the other names text gives a country.

Names are pycountry's (its common name where it has one), except the OVERRIDES below, each
with its reason; ALIASES are the names news text uses that neither pycountry nor GeoNames
carries. etl/places.py (lookups and the names facts are written with), etl/resolve.py (the
places mart) and the dashboard (labels and the country filter) all read this table.
"""

from __future__ import annotations

from functools import cache

import pycountry

# code -> (name, why pycountry's is not used)
OVERRIDES: dict[str, tuple[str, str]] = {
    "BN": ("Brunei", "pycountry has the formal Brunei Darussalam"),
    "CD": ("Democratic Republic of the Congo", "pycountry inverts it after a comma"),
    "CG": ("Republic of the Congo", "bare 'Congo' is ambiguous beside the DRC"),
    "CI": ("Ivory Coast", "the English-language press name"),
    "CZ": ("Czech Republic", "still the common English name; Czechia is an alias"),
    "FK": ("Falkland Islands", "pycountry adds the Spanish name in brackets"),
    "FM": ("Micronesia", "pycountry inverts it after a comma"),
    "MF": ("Saint Martin", "pycountry adds '(French part)'"),
    "PS": ("Palestine", "pycountry has 'Palestine, State of'"),
    "RU": ("Russia", "pycountry has the formal Russian Federation"),
    "SH": ("Saint Helena", "pycountry lists all three islands"),
    "SX": ("Sint Maarten", "pycountry adds '(Dutch part)'"),
    "TR": ("Turkey", "the common English name; Türkiye is an alias"),
    "VA": ("Vatican City", "pycountry has 'Holy See (Vatican City State)'"),
    "VG": ("British Virgin Islands", "pycountry inverts it after a comma"),
    "VI": ("U.S. Virgin Islands", "pycountry inverts it after a comma"),
    "XK": ("Kosovo", "not in ISO 3166-1; XK is the code the EU and the UN use"),
    "AN": ("Netherlands Antilles", "a retired code GeoNames still lists"),
    "CS": ("Serbia and Montenegro", "a retired code GeoNames still lists"),
}

# Other names for a country, as text writes them (lookups fold case and accents).
ALIASES: dict[str, str] = {
    "Britain": "GB", "Great Britain": "GB", "UK": "GB", "United Kingdom": "GB",
    "England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB", "US": "US",
    "USA": "US", "United States": "US", "the United States": "US",
    "United States of America": "US", "America": "US", "Russia": "RU", "South Korea": "KR",
    "North Korea": "KP", "Iran": "IR", "Syria": "SY", "Vietnam": "VN", "Laos": "LA",
    "Czech Republic": "CZ", "Czechia": "CZ", "Turkey": "TR", "Turkiye": "TR",
    "the Vatican": "VA", "Vatican": "VA", "Holy See": "VA", "Palestine": "PS",
    "Palestinian Territories": "PS", "Gaza": "PS", "Gaza Strip": "PS", "the Gaza Strip": "PS",
    "West Bank": "PS", "the West Bank": "PS", "Taiwan": "TW", "Kosovo": "XK",
    "Ivory Coast": "CI", "Cote d'Ivoire": "CI", "DR Congo": "CD",
    "Democratic Republic of Congo": "CD", "Democratic Republic of the Congo": "CD",
    "Congo": "CG", "Moldova": "MD", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ",
    "Macedonia": "MK", "North Macedonia": "MK", "the Netherlands": "NL", "Netherlands": "NL",
    "Holland": "NL", "the Philippines": "PH", "Philippines": "PH", "the UAE": "AE",
    "UAE": "AE", "United Arab Emirates": "AE", "the United Arab Emirates": "AE",
    "Myanmar": "MM", "Burma": "MM", "East Timor": "TL", "Timor-Leste": "TL",
    "Cape Verde": "CV", "Swaziland": "SZ", "Eswatini": "SZ", "Micronesia": "FM",
    "Brunei": "BN", "the Bahamas": "BS", "the Gambia": "GM", "Gambia": "GM",
    "South Sudan": "SS", "Sudan": "SD",
}


@cache
def names() -> dict[str, str]:
    """Every code of the table -> its everyday English name.

    >>> names()["PS"], names()["KR"], names()["GB"]
    ('Palestine', 'South Korea', 'United Kingdom')
    """
    out = {c.alpha_2: getattr(c, "common_name", None) or c.name for c in pycountry.countries}
    out.update({code: name for code, (name, _) in OVERRIDES.items()})
    return out


def display_name(code: str | None) -> str | None:
    """The everyday English name of a code, None when the table has no such code.

    >>> display_name("mk"), display_name("ZZ"), display_name(None)
    ('North Macedonia', None, None)
    """
    return names().get(code.upper()) if code else None


def country_name(code: str | None) -> str:
    """The name a page or slide prints: the code itself when unknown.

    >>> country_name("RU"), country_name("UA"), country_name("zz"), country_name(None)
    ('Russia', 'Ukraine', 'ZZ', 'unknown country')
    """
    if not code:
        return "unknown country"
    return display_name(code) or code.upper()


@cache
def country_aliases(code: str) -> tuple[str, ...]:
    """Every name a donor, recipient or place text may use for a country code: the table's,
    pycountry's formal ones and the aliases (those under four letters left out: inside a
    place name "US" matches "Russia").

    >>> "United Kingdom" in country_aliases("GB") and "Britain" in country_aliases("GB")
    True
    """
    code = code.upper()
    found = {country_name(code)}
    official = pycountry.countries.get(alpha_2=code)
    if official is not None:
        found |= {n for n in (official.name, getattr(official, "common_name", None),
                              getattr(official, "official_name", None)) if n}
    found |= {name for name, iso in ALIASES.items() if iso == code and len(name) >= 4}
    return tuple(sorted(found))
