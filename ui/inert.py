"""Strings made inert for deck.gl: nothing from an article may be read as code by the map.

st.pydeck_chart and the slide renderer hand the deck's JSON to deck.gl's JSON converter,
which reads any string starting with "@@=" as a JavaScript expression, "@@#" as a constant
and an object with an "@@function" or "@@type" key as a call. A name or a sentence of an
article starting that way broke the map (a red box and a stack trace). Every string of the
map's data passes through `inert`, which puts an invisible WORD JOINER (U+2060) before a
leading "@@": the text reads the same, and no longer starts with the converter's marker.
"""

from __future__ import annotations

MARKER = "@@"
JOINER = "\u2060"  # WORD JOINER: no width, no break, no glyph


def inert(text: str) -> str:
    """`text`, unable to start a deck.gl expression.

    >>> inert("@@=x Wang Yi arrived") == JOINER + "@@=x Wang Yi arrived"
    True
    >>> inert("Kyiv")
    'Kyiv'
    """
    return JOINER + text if text.startswith(MARKER) else text


def inert_data(value: object) -> object:
    """`value` with every string inside it (keys too) made inert: for layer data and labels.

    >>> inert_data({"who": "@@#Math", "at": [1.5, "@@function"]})["at"][1][0] == JOINER
    True
    """
    if isinstance(value, str):
        return inert(value)
    if isinstance(value, dict):
        return {inert(k) if isinstance(k, str) else k: inert_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [inert_data(v) for v in value]
    return value
