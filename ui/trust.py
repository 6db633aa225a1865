"""How far a mark can be trusted, in the words and classes every page and slide share.

The build gives every event row a `confidence` and a `review_state` (etl/sql/post/
event_trust.sql). A policy officer needs one of three answers from a mark: an analyst
verified it (or corrected it), the extraction is sure enough to use, or nobody has checked it
and the extraction itself is unsure. The third is drawn hollow or hatched, the first marked
(ui/maps.py, ui/charts.py, ui/tables.py); the page's legend says so.

LOW_CONFIDENCE is a setting, not a measurement: facts at 0.8 or more are the calibrated band
(README, benchmarks/bench_confidence.py); below 0.7 lie the weakest cues (a place read from a
presence word, a status from a verb's tense, a date from the story's own day, one outlet).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import pandas as pd

LOW_CONFIDENCE = 0.7
REVIEWED = ("verified", "corrected")
VERIFIED, SURE, LOW = "verified", "unreviewed", "low"  # the three classes
# What a legend says of each class, the same words beside the map's dots, the charts' bars
# and markers and the deck's series; a legend puts its channel in front ("hollow: ...").
LEGEND = {
    VERIFIED: "verified by an analyst",
    SURE: f"unreviewed, confidence {LOW_CONFIDENCE:.1f} or more",
    LOW: f"unreviewed, confidence below {LOW_CONFIDENCE:.1f}",
}
# The same in a series' name, where the legend above gives the threshold ("pledged,
# unreviewed, low confidence"): trust_text's words without the number.
SHORT = {VERIFIED: "verified", LOW: "unreviewed, low confidence"}


def _number(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


def trust_class(review_state: object, confidence: object) -> str:
    """VERIFIED (an analyst verified or corrected it), LOW (unreviewed, confidence under
    LOW_CONFIDENCE) or SURE (unreviewed, confident enough). A row without a review state
    (a database or a frame that has none) is unreviewed; without a confidence, not low.

    >>> trust_class("verified", 0.2), trust_class("unreviewed", 0.53), trust_class(None, 0.9)
    ('verified', 'low', 'unreviewed')
    """
    if review_state in REVIEWED:
        return VERIFIED
    number = _number(confidence)
    return LOW if number is not None and number < LOW_CONFIDENCE else SURE


def group_class(classes: Sequence[str]) -> str:
    """The class of one mark standing for several facts (a person's visits to one place, one
    bar of several commitments): verified when every fact is, low when every fact is low
    (nothing surer stands behind the mark), otherwise unreviewed.

    >>> group_class(["verified", "verified"]), group_class(["low", "unreviewed"])
    ('verified', 'unreviewed')
    >>> group_class(["low", "low"]), group_class([])
    ('low', 'unreviewed')
    """
    if classes and all(c == VERIFIED for c in classes):
        return VERIFIED
    if classes and all(c == LOW for c in classes):
        return LOW
    return SURE


def _names(reviewed_by: object) -> list[str]:
    if reviewed_by is None or isinstance(reviewed_by, float):
        return []
    if isinstance(reviewed_by, str):
        return [reviewed_by] if reviewed_by else []
    return [str(n) for n in reviewed_by if n]  # type: ignore[union-attr]


def trust_text(review_state: object, confidence: object, reviewed_by: object = None) -> str:
    """What a tooltip or a table cell says of one fact's trust.

    >>> trust_text("verified", 0.61, ["ana"])
    'verified by ana'
    >>> trust_text("unreviewed", 0.53)
    'unreviewed, low confidence (0.53)'
    >>> trust_text("unreviewed", 0.9)
    'unreviewed, confidence 0.90'
    """
    if review_state in REVIEWED:
        names = _names(reviewed_by)
        return f"{review_state} by {', '.join(names)}" if names else str(review_state)
    number = _number(confidence)
    if number is None:
        return "unreviewed"
    if number < LOW_CONFIDENCE:
        return f"unreviewed, low confidence ({number:.2f})"
    return f"unreviewed, confidence {number:.2f}"


VERIFIED_MARK, LOW_MARK = "✓", "○"  # the table cells' signs, as the map's dark ring and hollow


def trust_cell(review_state: object, confidence: object, reviewed_by: object = None) -> str:
    """A table's Trust cell: trust_text behind the sign of its class (ui/evidence_table.py
    hatches the rows whose cell starts with LOW_MARK).

    >>> trust_cell("corrected", None, ["bo"]), trust_cell(None, 0.41)
    ('✓ corrected by bo', '○ unreviewed, low confidence (0.41)')
    """
    text = trust_text(review_state, confidence, reviewed_by)
    sign = {VERIFIED: VERIFIED_MARK, LOW: LOW_MARK}.get(trust_class(review_state, confidence))
    return f"{sign} {text}" if sign else text


def group_text(texts: Iterable[tuple[str, str]]) -> str:
    """One line for a mark of several facts, from (class, text) of each: the text itself
    when there is one fact, else how many of each class.

    >>> group_text([("verified", "verified by ana")])
    'verified by ana'
    >>> group_text([("verified", "a"), ("low", "b"), ("low", "c")])
    '1 verified, 2 unreviewed with low confidence'
    """
    items = list(texts)
    if len(items) == 1:
        return items[0][1]
    words = {VERIFIED: "verified", SURE: "unreviewed", LOW: "unreviewed with low confidence"}
    counts = {c: sum(1 for k, _ in items if k == c) for c in (VERIFIED, SURE, LOW)}
    return ", ".join(f"{n} {words[c]}" for c, n in counts.items() if n)


def frame_classes(frame: pd.DataFrame) -> list[str]:
    """trust_class of every row of a query's frame, from its review_state and confidence
    columns where it has them (a frame without them is all unreviewed, not low): the charts
    style each bar segment and marker by it.

    >>> frame_classes(pd.DataFrame({"review_state": ["verified", "unreviewed", None],
    ...                             "confidence": [0.2, 0.41, 0.9]}))
    ['verified', 'low', 'unreviewed']
    >>> frame_classes(pd.DataFrame({"value": [1, 2]}))
    ['unreviewed', 'unreviewed']
    """
    states = frame["review_state"].tolist() if "review_state" in frame else [None] * len(frame)
    sure = frame["confidence"].tolist() if "confidence" in frame else [None] * len(frame)
    return [trust_class(state, confidence) for state, confidence in zip(states, sure,
                                                                          strict=True)]
