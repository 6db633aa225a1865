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
    """Aid rows: donor, recipient, the original amount, USD, status, date and evidence."""
    rows = [
        {
            "Donor": _text(r.donor) or "unnamed donor",
            "Recipient": _text(r.recipient) or "unnamed recipient",
            "Original amount": f"{r.currency} {r.amount:,.0f}",
            "USD": format_money(r.usd) if pd.notna(r.usd) else "no ECB rate",
            "Rate date": format_when(r.fx_date, "day") if pd.notna(r.fx_date) else "",
            "Type": _text(r.aid_type) + (", stated total" if getattr(r, "is_total", False)
                                          else ""),
            "Status": r.status,
            "Date": format_when(r.date, r.date_precision, r.fx_date),
            "Sources": int(r.sources or 0),
            "Trust": _trust(r),
            "Evidence": _evidence(r),
        }
        for r in aid.itertuples(index=False)
    ]
    return pd.DataFrame(rows, columns=["Donor", "Recipient", "Original amount", "USD",
                                       "Rate date", "Type", "Status", "Date", "Sources",
                                       "Trust", "Evidence"])


def casualty_table(reports: pd.DataFrame) -> pd.DataFrame:
    """Casualty reports: the figure with its qualifier, who gave it, where, when, evidence."""
    rows = [
        {
            "Figure": f"{r.qualifier + ' ' if isinstance(r.qualifier, str) else ''}"
            f"{int(r.value):,} {r.metric}",
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
