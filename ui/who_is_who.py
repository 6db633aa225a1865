"""Who is who on the People page, the parts without streamlit: a person's offices as the
table the page shows (where each comes from, the sentence behind an observed one), the
words of the correction forms, and the person corrections of the file that concern one
person."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

from etl import corrections as cx
from etl.corrections.people import fold, names_of

SOURCES = {"curated": "Registry", "observed": "Article", "analyst": "Analyst"}
# what the analyst can do, in the order the form offers them
ACTIONS = {
    "merge": "Merge: this name and another name are one person",
    "split": "Split: a name wrongly folded into this person is someone else",
    "alias": "Add an alias: another spelling of this person",
    "office": "Add an office this person held",
    "end_office": "End one of this person's offices",
}


def _day(value: Any) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return pd.Timestamp(value).date().isoformat()


def offices_table(offices: pd.DataFrame) -> pd.DataFrame:
    """The person's offices, oldest first, as the page lists them: where each comes from
    (the registry, an article, an analyst) and, for one learned from an article, its
    sentence and the article's title and day.

    >>> rows = pd.DataFrame([{"title": "Foreign Minister", "country": "GT",
    ...     "start": date(2026, 4, 2), "end": None, "source": "observed",
    ...     "evidence": "Guatemala's Foreign Minister Ana Diaz spoke.", "article_id": "a1",
    ...     "article_title": "Forum opens", "published": date(2026, 4, 2)}])
    >>> offices_table(rows).iloc[0].to_dict()["To"], offices_table(rows).iloc[0]["Article"]
    ('in office', 'Forum opens (2026-04-02)')
    """
    records = []
    for r in offices.to_dict("records"):
        observed = r.get("source") == "observed"
        article = ""
        if observed and r.get("article_id"):
            article = f"{r.get('article_title') or r['article_id']}"
            if _day(r.get("published")):
                article += f" ({_day(r.get('published'))})"
        records.append({
            "Office": r.get("title") or "", "Country": r.get("country") or "",
            "From": _day(r.get("start")), "To": _day(r.get("end")) or "in office",
            "Source": SOURCES.get(r.get("source") or "", r.get("source") or ""),
            "Sentence": (r.get("evidence") or "") if observed else "",
            "Article": article,
        })
    return pd.DataFrame(records, columns=["Office", "Country", "From", "To", "Source",
                                          "Sentence", "Article"])


def evidence_lines(table: pd.DataFrame) -> list[str]:
    """One line per office learned from an article: the office and the whole sentence
    behind it, with its article (plain text: the page escapes it).

    >>> t = pd.DataFrame([{"Office": "Foreign Minister", "Country": "GT", "From": "2026-04-02",
    ...     "Sentence": "Ana Diaz, the foreign minister, spoke.", "Article": "Forum"}])
    >>> evidence_lines(t)
    ['Foreign Minister, GT, from 2026-04-02: “Ana Diaz, the foreign minister, spoke.” (Forum)']
    """
    return [f"{r['Office']}, {r['Country']}, from {r['From']}: “{r['Sentence']}”"
            + (f" ({r['Article']})" if r.get("Article") else "")
            for r in table.to_dict("records") if r.get("Sentence")]


def office_choice(row: Mapping[str, Any]) -> str:
    """One office as the 'End an office' form offers it.

    >>> office_choice({"title": "Foreign Secretary", "country": "GB",
    ...                "start": date(2025, 9, 5), "end": None, "source": "curated"})
    'Foreign Secretary, GB, from 2025-09-05, in office (Registry)'
    """
    end = _day(row.get("end"))
    return (f"{row.get('title')}, {row.get('country')}, from {_day(row.get('start')) or '?'}"
            f", {'to ' + end if end else 'in office'} ({SOURCES.get(row.get('source'), '')})")


def merge_of(person: str, other: str | None, keep: str | None) -> tuple[str, dict[str, str]]:
    """(the name merged away, its details) of 'this person and `other` are one, keep
    `keep`'.

    >>> merge_of("Ana Diaz", "A. Diaz", "Ana Diaz")
    ('A. Diaz', {'into': 'Ana Diaz'})
    >>> merge_of("A. Diaz", "Ana Diaz", "Ana Diaz")
    ('A. Diaz', {'into': 'Ana Diaz'})
    """
    if not other or not keep:
        raise cx.CorrectionError("choose the other name and which of the two to keep")
    gone = other if keep == person else person
    return gone, {"into": keep}


def merge_candidates(person: str, people: Sequence[str]) -> list[str]:
    """The names a person may be merged with: those sharing a word with the person's
    name first (the likely other spellings), then everyone else, by name.

    >>> merge_candidates("Ana Lucia Ordonez", ["Boris Johnson", "Ana Ordonez",
    ...                                        "Ana Lucia Ordonez", "Ana Ordóñez"])
    ['Ana Ordonez', 'Ana Ordóñez', 'Boris Johnson']
    """
    words = set(fold(person).split())
    others = [n for n in people if fold(n) != fold(person)]
    return sorted(others, key=lambda n: (not words & set(fold(n).split()), n))


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def about(person: str, lines: Sequence[cx.Correction]) -> list[cx.Correction]:
    """The person corrections of the file (withdrawals included) that name `person`,
    newest first."""
    key = fold(person)
    by_id = {c.id: c for c in lines}
    out = []
    for c in lines:
        subject = by_id.get(c.withdraws or "", c) if c.action == "withdraw" else c
        if subject.about_person and key in {fold(n) for n in names_of(subject)}:
            out.append(c)
    return list(reversed(out))
