"""What each correction changed, in words, for the Corrections page: the fact before it and
after it, and the state it is in now (applied, waiting for the next build, withdrawn).
No streamlit."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from etl import corrections as cx


def shown(value: Any) -> str:
    """A field value as the page writes it.

    >>> shown(None), shown(["Joe Biden", "Xi Jinping"]), shown(2e9), shown(3166), shown("x")
    ('(none)', 'Joe Biden, Xi Jinping', '2,000,000,000', '3,166', 'x')
    """
    if value is None:
        return "(none)"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return f"{value:,.0f}"
    return str(value)


def fields_text(fields: Mapping[str, Any], names: Sequence[str] | None = None) -> str:
    """'status: planned; date: 2023-11' of the named fields (every set one by default).

    >>> fields_text({"status": "planned", "mode": None, "date": "2023-11"})
    'status: planned; date: 2023-11'
    >>> fields_text({"status": "planned", "mode": None}, ["mode"])
    'mode: (none)'
    """
    names = list(names) if names is not None else [k for k, v in fields.items()
                                                    if v is not None]
    return "; ".join(f"{name}: {shown(fields.get(name))}" for name in names)


def before_after(c: cx.Correction, by_id: Mapping[str, cx.Correction]) -> tuple[str, str]:
    """(the fact before the correction, after it), in words.

    >>> target = {"article_id": "a1", "type": "visit", "actor": "Ana Diaz", "place": "Lima",
    ...           "country": "PE", "evidence": "Ana Diaz flew to Lima."}
    >>> edit = cx.Correction("e1", "edit", target, "it happened", "ana", "t",
    ...     changes={"status": "occurred"}, before={"status": "planned", "date": None})
    >>> before_after(edit, {})
    ('status: planned', 'status: occurred')
    >>> back = cx.Correction("w1", "withdraw", target, "oops", "ben", "t", withdraws="e1")
    >>> before_after(back, {"e1": edit})
    ('edit e1 in force: status: occurred', 'e1 taken back: status: planned')
    """
    unknown = "(not recorded)"
    if c.action == "edit":
        return (fields_text(c.before, list(c.changes)) if c.before else unknown,
                fields_text(c.changes, list(c.changes)))
    if c.action == "reject":
        return fields_text(c.before) if c.before else unknown, "removed"
    if c.action == "verify":
        return ("unreviewed: " + (fields_text(c.before) if c.before else unknown),
                "verified as it stands")
    if c.action == "add":
        return "not extracted", fields_text(c.fact)
    old = by_id.get(c.withdraws or "")
    if old is None:
        return f"no correction {c.withdraws} in the file", "nothing changed"
    old_before, old_after = before_after(old, by_id)
    return f"{old.action} {old.id} in force: {old_after}", f"{old.id} taken back: {old_before}"


def state_now(c: cx.Correction, built: Mapping[str, tuple[str, str]],
              gone: Mapping[str, cx.Correction]) -> tuple[str, str]:
    """(status, detail) of a line now: what the last build made of it, unless it was
    withdrawn since or is waiting for its first build.

    >>> c = cx.Correction("e1", "verify", {}, "ok", "ana", "t")
    >>> state_now(c, {}, {})
    ('pending', 'not applied by a build yet')
    >>> state_now(c, {"e1": ("applied", "fact verified")}, {"e1": c})
    ('withdrawn', 'by e1; the next build leaves it out')
    """
    status, detail = built.get(c.id, ("pending", "not applied by a build yet"))
    if c.id in gone and status != "withdrawn":
        return "withdrawn", f"by {gone[c.id].id}; the next build leaves it out"
    return status, detail

