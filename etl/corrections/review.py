"""Review states and withdrawals: which corrections of the file are in force, a new line
that takes one back, and whether a verification still describes the fact it vouched for.

A fact is `unreviewed` until an analyst acts on it: `verified` (confirmed as extracted),
`corrected` (edited or added) or `rejected` (removed). Nothing is ever deleted from the
corrections file: a withdrawal is a line of its own naming the line it takes back, and a
withdrawn withdrawal puts that line back in force.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from etl.corrections.lines import read_corrections
from etl.corrections.record import (
    Correction,
    CorrectionError,
    _normal,
    new_correction,
    normal_text,
)
from etl.facts import FACT_TYPES

REVIEW_STATES = ("unreviewed", "verified", "corrected", "rejected")
# the review state a correction in force gives the fact it names
STATE_OF_ACTION = {"verify": "verified", "edit": "corrected", "add": "corrected",
                   "reject": "rejected"}


def withdrawn_by(corrections: Sequence[Correction]) -> dict[str, Correction]:
    """Correction id -> the withdrawal in force that takes it back.

    Read from the last line to the first: a withdrawal counts unless a later one in force
    withdraws it, so withdrawing a withdrawal puts its line back. A withdrawal names an
    earlier line only (a line cannot take back what was written after it).

    >>> def line(i, action, withdraws=None):
    ...     return Correction(i, action, {}, "r", "u", "t", withdraws=withdraws)
    >>> sorted(withdrawn_by([line("a", "reject"), line("b", "withdraw", "a")]))
    ['a']
    >>> sorted(withdrawn_by([line("a", "reject"), line("b", "withdraw", "a"),
    ...                      line("c", "withdraw", "b")]))
    ['b']
    """
    earlier: dict[str, int] = {c.id: n for n, c in enumerate(corrections)}
    out: dict[str, Correction] = {}
    for n in range(len(corrections) - 1, -1, -1):
        line = corrections[n]
        if line.action != "withdraw" or line.id in out:
            continue
        if earlier.get(line.withdraws or "", n) < n:
            out[line.withdraws] = line
    return out


def in_force(corrections: Sequence[Correction]) -> list[Correction]:
    """The lines that change facts, in file order: withdrawals and what they withdrew left
    out."""
    gone = withdrawn_by(corrections)
    return [c for c in corrections if c.action != "withdraw" and c.id not in gone]


def withdrawal_of(correction_id: str, reason: str, user: str | None = None,
                  path: Path | None = None) -> Correction:
    """A new line taking back correction `correction_id` of the file; CorrectionError when
    there is no such line or it is already withdrawn."""
    lines, _ = read_corrections(path)
    found = {c.id: c for c in lines}.get(correction_id)
    if found is None:
        raise CorrectionError(f"no correction {correction_id} in the file")
    if correction_id in withdrawn_by(lines):
        raise CorrectionError(f"correction {correction_id} is already withdrawn")
    return new_correction("withdraw", dict(found.target), reason, user,
                          withdraws=correction_id)


def lapse(correction: Correction, fact: dict[str, Any]) -> str | None:
    """Why a verification no longer vouches for `fact` (the fact it found), or None.

    The analyst confirmed one sentence and the fields as they read them: a longer or shorter
    sentence, or a field the extractor now reads otherwise, is a fact nobody has checked.

    >>> v = Correction("v1", "verify", {"type": "visit", "evidence": "Ana flew to Lima."},
    ...     "ok", "ana", "t", before={"status": "planned", "place": "Lima"})
    >>> lapse(v, {"evidence": "Ana  flew to Lima.", "status": "planned", "place": "Lima"})
    >>> lapse(v, {"evidence": "Ana flew to Lima.", "status": "occurred", "place": "Lima"})
    'the fact changed since it was verified: status planned → occurred'
    >>> lapse(v, {"evidence": "Ana flew to Lima on Monday.", "status": "planned"})
    'the evidence sentence changed since it was verified'
    """
    if normal_text(str(fact.get("evidence") or "")) != normal_text(correction.evidence):
        return "the evidence sentence changed since it was verified"
    names = FACT_TYPES[correction.type].editable
    changed = [f"{name} {_shown(correction.before.get(name))} → {_shown(fact.get(name))}"
               for name in names if name in correction.before
               and _normal(correction.before.get(name)) != _normal(fact.get(name))]
    if changed:
        return "the fact changed since it was verified: " + "; ".join(changed)
    return None


def _shown(value: Any) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)
