"""Money amounts: "$61 billion", "£162m", "EUR 280 million", "30 billion yen", "US$2bn".

An amount restated in a second currency right after the first ("$350 million (€280
million)", "30 billion yen or the equivalent of P11.6bn") is marked `restated` so that only
the first one becomes a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.extract.numbers import _NUMERAL, SCALES

SYMBOLS = {
    "us$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₱": "PHP",
    "a$": "AUD", "c$": "CAD", "hk$": "HKD", "chf": "CHF", "rs": "INR", "rs.": "INR",
}
CODES = {"USD", "EUR", "GBP", "JPY", "CHF", "CAD", "AUD", "CNY", "INR", "PHP", "RUB", "UAH",
         "SEK", "NOK", "DKK", "PLN", "KRW", "SAR", "AED", "TRY", "BRL", "ZAR", "NZD", "HKD"}
WORD_CURRENCIES = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR",
    "pounds": "GBP", "pounds sterling": "GBP", "sterling": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "pesos": "PHP", "roubles": "RUB",
    "rubles": "RUB", "hryvnias": "UAH", "hryvnia": "UAH", "swiss francs": "CHF",
    "francs": "CHF", "crowns": "SEK", "kroner": "NOK", "zlotys": "PLN", "won": "KRW",
    "riyals": "SAR", "dirhams": "AED", "lira": "TRY",
}
NUMBER_WORDS = ("half\\s+a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
                "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a hundred")

_SYM = r"US\$|A\$|C\$|HK\$|\$|£|€|¥|₹|₱|Rs\.?(?=\s?\d)|P(?=\d{1,3}(?:,\d{3}){2,})"
_CODE = "|".join(sorted(CODES))
_AMOUNT = rf"(?:{_NUMERAL}|{NUMBER_WORDS})"
_SCALE = r"(?:\s?(?:thousand|million|billion|trillion|mln|bln)\b|(?:bn|mn|m|tn|k)\b)"
_WORD_CUR = "|".join(sorted((re.escape(w) for w in WORD_CURRENCIES), key=len, reverse=True))

MONEY_RE = re.compile(
    rf"(?:(?P<sym>{_SYM})\s?(?P<a1>{_AMOUNT})(?P<s1>{_SCALE})?"
    rf"|(?<![A-Za-z])(?P<code>{_CODE})\s?(?P<a2>{_AMOUNT})(?P<s2>{_SCALE})?"
    rf"|(?<![\w$£€¥.,])(?P<a3>{_AMOUNT})(?P<s3>{_SCALE})?\s(?:(?P<code3>{_CODE})\b"
    rf"|(?P<word>{_WORD_CUR})\b))",
    re.IGNORECASE,
)

_WORD_VALUES = {"half a": 0.5, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
                "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100}


@dataclass(frozen=True)
class Money:
    """An amount of money in the text, in units of `currency` (ISO 4217)."""

    amount: float
    currency: str
    start: int
    end: int
    text: str
    restated: bool = False


def _value(raw: str, scale: str | None) -> float:
    raw = " ".join(raw.strip().lower().split())
    if raw in _WORD_VALUES:
        value = float(_WORD_VALUES[raw])
    elif re.fullmatch(r"\d{1,3},\d{1,2}", raw):
        value = float(raw.replace(",", "."))
    else:
        value = float(raw.replace(",", ""))
    if scale:
        value *= SCALES[scale.strip().lower()]
    # "8.12 billion" must come out as 8120000000, not 8119999999.999999.
    return round(value, 2)


# Between two amounts, these say the second restates the first in another currency.
_RESTATE_GAP = re.compile(
    r"^\s*(?:\(\s*(?:about|around|roughly|some|approximately|or|nearly)?\s*"
    r"|,?\s*(?:or|about|around|roughly|equivalent to|the equivalent of|or about|or around)"
    r"(?:\s+the\s+equivalent\s+of|\s+about|\s+around)?\s*|[/–-]\s*)$",
    re.IGNORECASE,
)


def find_money(text: str) -> list[Money]:
    """Every amount of money in `text`; restatements in a second currency are flagged.

    >>> [(m.amount, m.currency, m.restated) for m in find_money(
    ...     "up to $350 million (€280 million) worth of hardware")]
    [(350000000.0, 'USD', False), (280000000.0, 'EUR', True)]
    >>> [(m.amount, m.currency) for m in find_money("£162m, EUR 280 million, five billion yen")]
    [(162000000.0, 'GBP'), (280000000.0, 'EUR'), (5000000000.0, 'JPY')]
    >>> [(m.amount, m.currency) for m in find_money("$1.1 trillion and US$2bn")]
    [(1100000000000.0, 'USD'), (2000000000.0, 'USD')]
    """
    found: list[Money] = []
    for m in MONEY_RE.finditer(text):
        if m.group("sym"):
            sym = m.group("sym").lower()
            currency = SYMBOLS.get(sym, "PHP" if sym == "p" else "USD")
            value = _value(m.group("a1"), m.group("s1"))
        elif m.group("code"):
            currency = m.group("code").upper()
            value = _value(m.group("a2"), m.group("s2"))
        else:
            currency = (m.group("code3") or "").upper() or WORD_CURRENCIES[
                m.group("word").lower()]
            value = _value(m.group("a3"), m.group("s3"))
        restated = False
        if found and found[-1].currency != currency:
            gap = text[found[-1].end:m.start()]
            restated = bool(_RESTATE_GAP.match(gap)) and len(gap) < 40
        elif (found and found[-1].currency == currency
              and text[found[-1].end:m.start()].strip() == "("):
            restated = True
        found.append(Money(value, currency, m.start(), m.end(), m.group(0), restated))
    return found
