"""Numbers as news text writes them: "4,634", "1.1 million", "five billion", "20bn", "a dozen"."""

from __future__ import annotations

import re
from dataclasses import dataclass

WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a hundred": 100,
    "dozen": 12, "a dozen": 12, "dozens": 24,
}
SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mln": 1e6, "mn": 1e6, "m": 1e6,
    "billion": 1e9, "bln": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "crore": 1e7, "lakh": 1e5,
}

_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# "Thirty-two", "forty five": the tens and units words written together.
for _t in _TENS:
    for _u in _UNITS:
        WORDS[f"{_t}-{_u}"] = WORDS[_t] + WORDS[_u]
        WORDS[f"{_t} {_u}"] = WORDS[_t] + WORDS[_u]
_WORD_ALT = "|".join(sorted((re.escape(w) for w in WORDS), key=len, reverse=True))
_SCALE_ALT = "thousand|million|billion|trillion|mln|bln|crore|lakh"
_SHORT_SCALE = "bn|mn|tn|m|b|k"
# A numeral: 4,634 / 1.1 / 253,4 (a decimal comma, as some wires write) / 10 000.
# "1,4 million" is a decimal comma (some wires write it so) when a scale word follows.
_NUMERAL = (r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
            r"|\d{1,3},\d{1,2}(?=\s?(?:million|billion|trillion|thousand|mln|bln|bn|m)\b)"
            r"|\d+(?:\.\d+)?|\d{1,3},\d{1,2}(?!\d)")

NUMBER_RE = re.compile(
    rf"(?<![\w.,])(?:(?P<num>{_NUMERAL})|(?P<word>{_WORD_ALT})(?![a-z]))"
    rf"(?:(?:\s|-)?(?P<scale>{_SCALE_ALT})\b|(?P<short>{_SHORT_SCALE})\b)?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Number:
    """A number found in text, with its character span."""

    value: float
    start: int
    end: int
    text: str
    scaled: bool  # carried a scale word ("million") or suffix ("bn")


def parse_numeral(text: str) -> float:
    """The value of one numeral, reading "253,4" as a decimal comma.

    >>> parse_numeral("4,634"), parse_numeral("1.1"), parse_numeral("253,4")
    (4634.0, 1.1, 253.4)
    """
    if re.fullmatch(r"\d{1,3},\d{1,2}", text):
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def find_numbers(text: str) -> list[Number]:
    """Every number in `text`, with scale words applied.

    >>> [n.value for n in find_numbers("at least 4,634 dead and 1.1 million displaced")]
    [4634.0, 1100000.0]
    >>> [n.value for n in find_numbers("five billion yen, 20bn and £162m")]
    [5000000000.0, 20000000000.0, 162000000.0]
    """
    out = []
    for m in NUMBER_RE.finditer(text):
        if m.group("num"):
            value = parse_numeral(m.group("num"))
        else:
            value = float(WORDS[" ".join(m.group("word").lower().split())])
        scale = (m.group("scale") or m.group("short") or "").lower()
        if scale:
            value *= SCALES[scale]
        out.append(Number(value, m.start(), m.end(), m.group(0), bool(scale)))
    return out


def parse_number(text: str) -> float | None:
    """The value of a text that is one number, or None.

    >>> parse_number("1.4 million"), parse_number("twelve"), parse_number("many")
    (1400000.0, 12.0, None)
    """
    found = find_numbers(text.strip())
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text.strip()):
        return found[0].value
    return None
