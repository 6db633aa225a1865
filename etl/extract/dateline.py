"""A story's dateline ("AMMAN, Jordan —", "DHAKA, March 4 (Reuters) -"): where the story
was filed, written before its first sentence.

The dateline is no part of that sentence's grammar, yet the parser reads its city as the
sentence's subject ("DHAKA ... arrived"), which hides the real traveller. So the parser is
given the sentence with its dateline blanked out, space for character, and every offset
still points into the text as written.
"""

from __future__ import annotations

import re

_MONTH = (r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}"
          r"(?:,?\s+\d{4})?")
DATELINE = re.compile(
    r"^\s*(?P<city>[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){0,2})(?:,\s*(?P<region>[A-Z][a-z]+"
    rf"(?:\s[A-Z][a-z]+)?)(?!\s+\d))?(?:,?\s*{_MONTH})?\s*(?:\([A-Za-z. ]{{1,20}}\))?"
    # an em or en dash, or a hyphen set off by a space or after the agency: never the
    # hyphen of "US-China"
    r"(?:\s*[—–]{1,2}|\s+-{1,2}|(?<=\))\s*-{1,2})\s*")


def for_the_parser(text: str) -> str:
    """The sentence as the parser reads it, of the same length so that offsets hold: no
    dateline, and no full stop between an initial and the surname glued to it
    ("President Kh.Ganbold met ..." is not two sentences)."""
    from etl.extract.person_names import GLUED_INITIAL

    return GLUED_INITIAL.sub(r"\1 ", blank_dateline(text))


def blank_dateline(text: str) -> str:
    """`text` with its dateline, if it opens with one, replaced by spaces."""
    m = DATELINE.match(text)
    if not m or m.end() >= len(text):
        return text
    return " " * m.end() + text[m.end():]
