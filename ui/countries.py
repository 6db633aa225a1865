"""Country names for ISO 3166-1 alpha-2 codes, in the everyday English a briefing uses."""

from __future__ import annotations

from functools import cache

import pycountry

# pycountry follows ISO's formal short names ("Korea, Republic of"); briefings say these.
_EVERYDAY = {
    "RU": "Russia", "IR": "Iran", "KR": "South Korea", "KP": "North Korea", "SY": "Syria",
    "VN": "Vietnam", "MD": "Moldova", "TR": "Turkey", "CZ": "Czech Republic", "TW": "Taiwan",
    "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania", "LA": "Laos", "PS": "Palestine",
    "CD": "DR Congo", "VA": "Vatican", "XK": "Kosovo", "GB": "United Kingdom",
    "US": "United States",
}


@cache
def country_name(code: str | None) -> str:
    """Everyday English name of an ISO alpha-2 code; the code itself when unknown.

    >>> country_name("RU"), country_name("UA"), country_name("zz")
    ('Russia', 'Ukraine', 'ZZ')
    """
    if not code:
        return "unknown country"
    code = code.upper()
    if code in _EVERYDAY:
        return _EVERYDAY[code]
    found = pycountry.countries.get(alpha_2=code)
    if found is None:
        return code
    return getattr(found, "common_name", None) or found.name


@cache
def country_aliases(code: str) -> tuple[str, ...]:
    """Every name a donor, recipient or place text may use for a country code.

    >>> "United Kingdom" in country_aliases("GB") and "Britain" in country_aliases("GB")
    True
    """
    code = code.upper()
    names = {country_name(code)}
    found = pycountry.countries.get(alpha_2=code)
    if found is not None:
        names |= {n for n in (found.name, getattr(found, "common_name", None),
                              getattr(found, "official_name", None)) if n}
    names |= set(_EXTRA_ALIASES.get(code, ()))
    return tuple(sorted(names))


_EXTRA_ALIASES = {
    "GB": ("Britain", "UK", "Great Britain"),
    "US": ("USA", "US", "America"),
    "MK": ("Macedonia",),
    "NL": ("Holland",),
}
