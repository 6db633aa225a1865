"""Display tables, pure: query results reshaped into the columns an analyst reads."""

from __future__ import annotations

import pandas as pd

from etl.countries import country_name
from ui.charts import format_money
from ui.maps import format_when, place_label
from ui.trust import trust_cell


def _evidence(row) -> str:
    """The whole sentence (ui/evidence_table.py wraps it), and how many more there are."""
    text = " ".join(row.evidence.split()) if isinstance(row.evidence, str) else ""
    more = int(row.evidence_more or 0) if "evidence_more" in row._fields else 0
    return text + (f" (+{more} more)" if more else "")


def _trust(row) -> str:
    """The Trust cell of a row (ui/trust.py), from its review columns where it has them."""
    return trust_cell(getattr(row, "review_state", None), getattr(row, "confidence", None),
                      getattr(row, "reviewed_by", None))


def stops_table(stops: pd.DataFrame) -> pd.DataFrame:
    """Stops as a table: who, where, when, status, sources and the sentence behind it."""
    keys = [k for k in ("actor", "sort_day", "actor_seq", "day_lo") if k in stops]
    ordered = stops.sort_values(keys, na_position="last", kind="stable")
    rows = [
        {
            "Diplomat": r.actor,
            "Place": place_label(r.place, r.country, r.place_kind),
            "Date": format_when(r.date, r.date_precision, r.first_reported),
            "Status": r.status,
            "Sources": int(r.sources or 0),
            "Trust": _trust(r),
            "Evidence": _evidence(r),
            "First reported": format_when(r.first_reported, "day"),
        }
        for r in ordered.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["Diplomat", "Place", "Date", "Status", "Sources",
                                       "Trust", "Evidence", "First reported"])


def aid_table(aid: pd.DataFrame) -> pd.DataFrame:
    """Aid packages: donor, recipient, the committed amount in its currency and in USD, what
    was delivered, the furthest stage, the stages it went through, parts and evidence."""
    rows = [
        {
            "Donor": _text(r.donor) or "unnamed donor",
            "Recipient": _text(r.recipient) or "unnamed recipient",
            "Committed": f"{r.currency} {r.amount:,.0f}",
            "USD": format_money(r.usd) if pd.notna(r.usd) else "no ECB rate",
            "Delivered (USD)": format_money(r.delivered_usd)
            if pd.notna(r.delivered_usd) and r.delivered_usd else "",
            "Furthest stage": r.status,
            "Stages": _text(getattr(r, "history", "")),
            "Parts": _parts(r),
            "Type": _text(r.aid_type),
            "Sources": int(r.sources or 0),
            "Trust": _trust(r),
            "Evidence": _evidence(r),
        }
        for r in aid.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["Donor", "Recipient", "Committed", "USD",
                                       "Delivered (USD)", "Furthest stage", "Stages", "Parts",
                                       "Type", "Sources", "Trust", "Evidence"])


def _parts(row) -> str:
    """ "5 parts, 5 paid" for a package's tranches and pieces; '' when it has none."""
    n = int(getattr(row, "part_count", 0) or 0)
    if not n:
        return ""
    paid = int(getattr(row, "parts_paid", 0) or 0)
    return f"{n} part{'s' if n != 1 else ''}" + (f", {paid} paid" if paid else "")


def apart_table(apart: pd.DataFrame) -> pd.DataFrame:
    """Stated totals and rates: in no package, listed for the reader, never added."""
    rows = [
        {
            "Donor": _text(r.donor) or "unnamed donor",
            "Recipient": _text(r.recipient) or "unnamed recipient",
            "Figure": f"{r.currency} {r.amount:,.0f}",
            "USD": format_money(r.usd) if pd.notna(r.usd) else "no ECB rate",
            "What": "a rate (per period)" if r.kind == "rate" else "a stated total",
            "Status": r.status,
            "Date": format_when(r.date, r.date_precision, r.day_lo),
            "Sources": int(r.sources or 0),
            "Evidence": _evidence(r),
        }
        for r in apart.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["Donor", "Recipient", "Figure", "USD", "What", "Status",
                                       "Date", "Sources", "Evidence"])


def casualty_table(reports: pd.DataFrame) -> pd.DataFrame:
    """Casualty reports: the figure with its qualifier and the group it counts, who gave it,
    where, when, evidence."""
    rows = [
        {
            "Figure": f"{r.qualifier + ' ' if isinstance(r.qualifier, str) else ''}"
            f"{int(r.value):,} {r.metric}" + _of_whom(getattr(r, "population", "all")),
            "Reported by": r.reported_by if isinstance(r.reported_by, str) else "unattributed",
            "Where": r.where if isinstance(r.where, str) else "",
            "As of": format_when(r.as_of_text, _precision(r.as_of_text)),
            "Sources": int(r.sources or 0),
            "Trust": _trust(r),
            "Evidence": _evidence(r),
        }
        for r in reports.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["Figure", "Reported by", "Where", "As of", "Sources",
                                       "Trust", "Evidence"])


def _of_whom(population: object) -> str:
    """ " (children)" after a sub-count's figure; nothing for a count of all."""
    return f" ({population})" if isinstance(population, str) and population != "all" else ""


def _precision(text: object) -> str:
    return {10: "day", 7: "month", 4: "year"}.get(len(str(text or "")), "unknown")


def originals_text(originals: object) -> str:
    """The original amounts of one bar segment, largest first: "GBP 162 million; USD 5 million".

    >>> originals_text([{"currency": "GBP", "amount": 162e6}, {"currency": "USD", "amount": 5e6}])
    'GBP 162 million; USD 5 million'
    """
    if originals is None or (isinstance(originals, float) and pd.isna(originals)):
        return ""
    return "; ".join(format_money(o["amount"], o["currency"]) for o in list(originals))


def _text(value: object) -> str:
    """A cell as text; a missing value (None, NaN) is empty, never the word "nan"."""
    return value if isinstance(value, str) else ""


def counterparts_table(df: pd.DataFrame) -> pd.DataFrame:
    """Counterparts: name, meetings (occurred), last met, where, how."""
    rows = [
        {
            "Counterpart": r.counterpart,
            "Meetings": int(r.meetings),
            "Occurred": int(r.occurred),
            "Last met": format_when(r.last_met, "day") if pd.notna(r.last_met) else "date unknown",
            "Where": ", ".join(country_name(p) if len(p) == 2 and p.isupper() else p
                               for p in _text(r.places).split(", ") if p),
            "How": _text(r.modes).replace("in_person", "in person"),
            "Sources": int(r.sources or 0),
        }
        for r in df.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["Counterpart", "Meetings", "Occurred", "Last met",
                                       "Where", "How", "Sources"])
