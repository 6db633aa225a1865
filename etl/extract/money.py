"""Money amounts: "$61 billion", "£162m", "EUR 280 million", "30 billion yen", "Rs 10,000
crore", "$US15 billion", "SDR 150.5 million", "500 million kronor".

Symbols, ISO codes, currency words and scale words come from the lexicon. An amount
restated in a second currency right after the first ("$350 million (€280 million)", "30
billion yen or the equivalent of P11.6bn") is marked `restated`, so that only the first one
becomes a fact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from etl.extract.lexicon import LEX
from etl.extract.numbers import _NUMERAL

# Codes that name the same currency as another ("SDR" is the IMF's XDR).
CODE_ALIASES = {"SDR": "XDR"}
_WORD_VALUES = {"half a": 0.5, "a half": 0.5, "a": 1, "one": 1, "two": 2, "three": 3,
                "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
                "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                "ninety": 90, "hundred": 100, "a hundred": 100}


@dataclass(frozen=True)
class Money:
    """An amount of money in the text, in units of `currency` (ISO 4217)."""

    amount: float
    currency: str
    start: int
    end: int
    text: str
    restated: bool = False


def _alt(words) -> str:
    return "|".join(r"\s+".join(re.escape(p) for p in w.split())
                    for w in sorted(words, key=len, reverse=True))


@cache
def _money_re() -> re.Pattern:
    symbols = _alt(LEX.money.symbols.keys())
    codes = _alt(w.upper() for w in LEX.money.codes)
    words = _alt(LEX.money.words.keys())
    scales = _alt(k for k in LEX.numbers.scales if len(k) > 2)
    short = _alt(k for k in LEX.numbers.scales if len(k) <= 3)
    number_words = _alt(k for k in _WORD_VALUES if k != "a")
    amount = rf"(?:{_NUMERAL}|{number_words})"
    # "500-million-dollar loan": the hyphens of an attributive sum
    scale = rf"(?:[\s-]?(?:{scales})\b|\s?(?:bn|mn|tn|trn|mln|bln)\b|(?:{short})\b)"
    return re.compile(
        # "$61 billion", "US$ 3 million", "Rs 10,000 crore", "$US15bn"
        rf"(?:(?<![\w$£€¥])(?P<sym>{symbols}|P(?=\d{{1,3}}(?:,\d{{3}}){{2,}}))\s?"
        rf"(?P<a1>{amount})(?P<s1>{scale})?"
        rf"(?:\s+(?:{words})\b)?"
        # "DKK 2bn", "SDR 150.5 million"
        rf"|(?<![A-Za-z])(?P<code>{codes})\s?(?P<a2>{amount})(?P<s2>{scale})?"
        # "30 billion yen", "500 million kronor", "1.2 trillion won", "5bn USD"
        rf"|(?<![\w$£€¥.,])(?P<a3>{amount})(?P<s3>{scale})?[\s-](?:(?P<code3>{codes})\b"
        rf"|(?P<word>{words})\b))",
        re.IGNORECASE)


def _value(raw: str, scale: str | None) -> float:
    raw = " ".join(raw.strip().lower().split())
    if raw in _WORD_VALUES:
        value = float(_WORD_VALUES[raw])
    elif re.fullmatch(r"\d{1,3},\d{1,2}", raw):
        value = float(raw.replace(",", "."))  # "253,4 billion": a decimal comma
    else:
        value = float(raw.replace(",", "").replace(" ", ""))
    if scale:
        value *= float(LEX.numbers.scales[" ".join(scale.strip(" -").lower().split())])
    # "8.12 billion" must come out as 8120000000, not 8119999999.999999.
    return round(value, 2)


# Between two amounts, these say the second restates the first in another currency.
# An amount given as the conversion of one named before (in an earlier sentence).
_CONVERTED = re.compile(r"\b(?:equivalent\s+to|the\s+equivalent\s+of|equal\s+to|"
                        r"converted\s+to|in\s+local\s+currency)\s+(?:(?:about|around|"
                        r"roughly|some|nearly|approximately)\s+)?$", re.IGNORECASE)
_RESTATE_GAP = re.compile(
    r"^\s*(?:\(\s*(?:about|around|roughly|some|approximately|or|nearly)?\s*"
    r"|,?\s*(?:or|about|around|roughly|equivalent to|the equivalent of|or about|or around)"
    r"(?:\s+the\s+equivalent\s+of|\s+about|\s+around)?\s*|[/–-]\s*)$",
    re.IGNORECASE,
)


def _currency(m: re.Match) -> str | None:
    if m.group("sym"):
        sym = m.group("sym").lower().replace(" ", "")
        return LEX.money.symbols.get(sym) or ("PHP" if sym == "p" else None)
    if m.group("code"):
        code = m.group("code").upper()
        return CODE_ALIASES.get(code, code)
    if m.group("code3"):
        code = m.group("code3").upper()
        return CODE_ALIASES.get(code, code)
    return LEX.money.words.get(" ".join(m.group("word").lower().split()))


def find_money(text: str) -> list[Money]:
    """Every amount of money in `text`; restatements in a second currency are flagged.

    >>> [(m.amount, m.currency, m.restated) for m in find_money(
    ...     "up to $350 million (€280 million) worth of hardware")]
    [(350000000.0, 'USD', False), (280000000.0, 'EUR', True)]
    >>> [(m.amount, m.currency) for m in find_money("£162m, EUR 280 million, five billion yen")]
    [(162000000.0, 'GBP'), (280000000.0, 'EUR'), (5000000000.0, 'JPY')]
    >>> [(m.amount, m.currency) for m in find_money("$1.1 trillion and US$2bn")]
    [(1100000000000.0, 'USD'), (2000000000.0, 'USD')]
    >>> [(m.amount, m.currency) for m in find_money("Rs 10,000 crore, $US15 billion, "
    ...                                              "SDR 150.5 million, 500 million kronor")]
    [(100000000000.0, 'INR'), (15000000000.0, 'USD'), (150500000.0, 'XDR'), (500000000.0, 'SEK')]
    """
    found: list[Money] = []
    for m in _money_re().finditer(text):
        currency = _currency(m)
        if currency is None:
            continue
        raw = m.group("a1") or m.group("a2") or m.group("a3")
        scale = m.group("s1") or m.group("s2") or m.group("s3")
        if m.group("word") and m.group("word").lower() == "won" and not scale:
            continue  # "won 300 seats" is a verb, not the Korean currency
        value = _value(raw, scale)
        restated = False
        if found and found[-1].currency != currency:
            gap = text[found[-1].end:m.start()]
            restated = bool(_RESTATE_GAP.match(gap)) and len(gap) < 40
        elif (found and found[-1].currency == currency
              and text[found[-1].end:m.start()].strip() == "("):
            restated = True
        if not found and _CONVERTED.search(text[max(0, m.start() - 40):m.start()]):
            restated = True  # "the grant, equivalent to about 235 million pesos": told before
        found.append(Money(value, currency, m.start(), m.end(), m.group(0), restated))
    return found
