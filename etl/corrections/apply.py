"""Applying corrections: each article's facts after extraction, corrected in file order, and
what became of every correction (applied, or orphaned and why), kept for the build's
summary and written to the corrections tables."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from etl import statements
from etl.corrections.lines import read_corrections
from etl.corrections.record import (
    Correction,
    _timestamp,
    describe,
    evidence_matches,
    fact_problems,
    find_span,
    identity,
)
from etl.corrections.review import in_force, lapse, withdrawn_by
from etl.facts import FACT_TYPES
from etl.model import Article

# a date field -> its precision column, which the loader derives again after an edit
_PRECISION_OF = {t.date: t.precision for t in FACT_TYPES.values()}


@dataclass
class Result:
    """What became of one correction in a build: applied to n facts, or orphaned and why."""

    correction: Correction
    status: str = "orphaned"  # applied | orphaned | lapsed (a verification) | withdrawn
    detail: str = "the article was not in this build"
    mentions: int = 0


@dataclass
class _Entry:
    """A fact being corrected, with every identity it has had (extracted, then added)."""

    fact: dict[str, Any]
    names: set[tuple] = field(default_factory=set)

    def matches(self, kind: str, correction: Correction) -> bool:
        return (self.fact.get("type") == kind
                and identity(kind, correction.target) in self.names
                and evidence_matches(str(self.fact.get("evidence") or ""),
                                     correction.evidence))


def apply_to_facts(
    article: Article, facts: Iterable[dict], corrections: Sequence[Correction],
) -> tuple[list[dict], list[Result]]:
    """The article's facts with its corrections applied in file order, and their results.

    Every fact comes back with `corrected` (bool) and `correction_id` (the last correction
    applied, or None). A reject drops the facts it matches, an edit changes their fields
    (the date precision is then derived again), an add inserts a fact whose evidence
    offsets are found by its text, or, when the extractor now finds that fact itself,
    overrides its fields. A verify changes nothing but `correction_id` (the fact is not
    `corrected`), and only while the fact and its sentence are what the analyst confirmed:
    otherwise it has lapsed and the fact stays unreviewed. A correction that matches
    nothing is orphaned, with the reason. `corrections` are the lines in force (withdrawn
    ones left out: etl/corrections/review.py).
    """
    entries = []
    corrections = in_force(corrections)
    for fact in facts:
        fact = {**fact, "corrected": False, "correction_id": None}
        kind = fact.get("type")
        names = {identity(kind, fact)} if kind in FACT_TYPES else set()
        entries.append(_Entry(fact, names))
    results = []
    for correction in corrections:
        result = Result(correction)
        results.append(result)
        kind = correction.type
        hits = [e for e in entries if e.matches(kind, correction)]
        found = bool(hits)
        if correction.action == "add":
            span = find_span(article.text, correction.evidence)
            if span is None:
                result.detail = "the evidence is no longer in the article"
                continue
            fields = {k: correction.fact.get(k) for k in FACT_TYPES[kind].editable}
            problems = fact_problems(kind, fields)
            if problems:
                result.detail = "not applied: " + "; ".join(problems)
                continue
            if not found:
                entry = _Entry({"type": kind, "evidence": article.text[span[0]:span[1]],
                                "evidence_start": span[0], "evidence_end": span[1]})
                entries.append(entry)
                hits = [entry]
            for entry in hits:
                _set_fields(entry.fact, fields)
                entry.names.add(identity(kind, fields))
        else:
            if not hits:
                if correction.action == "verify" and any(
                        e.fact.get("type") == kind and identity(kind, correction.target)
                        in e.names for e in entries):
                    # the fact is still there, on a sentence nobody has checked
                    result.status = "lapsed"
                    result.detail = "the evidence sentence changed since it was verified"
                    continue
                gone = find_span(article.text, correction.evidence) is None
                result.detail = ("the evidence is no longer in the article" if gone else
                                 f"no {kind} fact with these fields rests on that evidence")
                continue
            if correction.action == "verify":
                why = [lapse(correction, e.fact) for e in hits]
                kept = [e for e, w in zip(hits, why, strict=True) if w is None]
                if not kept:
                    result.status, result.detail = "lapsed", why[0]
                    continue
                for entry in kept:
                    entry.fact["correction_id"] = correction.id
                result.status, result.mentions = "applied", len(kept)
                result.detail = "fact verified"
                continue
            if correction.action == "reject":
                entries = [e for e in entries if e not in hits]
            else:
                problems = [p for e in hits for p in
                            fact_problems(kind, {**e.fact, **correction.changes})]
                if problems:
                    result.detail = "not applied: " + "; ".join(sorted(set(problems)))
                    continue
                for entry in hits:
                    _set_fields(entry.fact, correction.changes)
        for entry in hits:
            entry.fact["corrected"] = True
            entry.fact["correction_id"] = correction.id
        result.status, result.mentions = "applied", len(hits)
        result.detail = {"reject": "fact removed", "edit": "fields changed",
                         "add": "fact added"}[correction.action]
        if correction.action == "add" and found:
            result.detail = "the extractor now finds this fact: its fields set as added"

    return [e.fact for e in entries], results


def _set_fields(fact: dict[str, Any], values: dict[str, Any]) -> None:
    for name, value in values.items():
        fact[name] = value
        if name in _PRECISION_OF:
            fact.pop(_PRECISION_OF[name], None)  # the loader derives it from the new date


class CorrectionSet:
    """The corrections of one run, grouped by article, with what became of each."""

    def __init__(self, corrections: Sequence[Correction], problems: Sequence[str] = ()):
        self.corrections = list(corrections)
        self.problems = list(problems)
        self.results: dict[str, Result] = {c.id: Result(c) for c in self.corrections}
        gone = withdrawn_by(self.corrections)
        # every article with a line, withdrawn or not, is extracted again: its facts must
        # follow what is in force now
        self._articles = {c.article_id for c in self.corrections}
        self.by_article: dict[str, list[Correction]] = {}
        for correction in self.corrections:
            result = self.results[correction.id]
            if correction.id in gone:
                by = gone[correction.id]
                result.status = "withdrawn"
                result.detail = f"withdrawn by {by.id} ({by.user}: {by.reason})"
            elif correction.action == "withdraw":
                taken = gone.get(correction.withdraws or "")
                result.status = "applied" if taken is correction else "orphaned"
                result.detail = (
                    f"withdrew {correction.withdraws}" if taken is correction else
                    f"{correction.withdraws} was already withdrawn by {taken.id}" if taken else
                    f"no earlier correction {correction.withdraws} in the file")
            else:
                self.by_article.setdefault(correction.article_id, []).append(correction)

    @classmethod
    def load(cls, path: Path | None = None) -> CorrectionSet:
        return cls(*read_corrections(path))

    @property
    def article_ids(self) -> set[str]:
        return set(self._articles)

    def apply(self, article: Article, facts: Iterable[dict]) -> list[dict]:
        """The article's facts, corrected; results are kept for the summary and tables."""
        corrected, results = apply_to_facts(article, facts,
                                            self.by_article.get(article.id, ()))
        for result in results:
            self.results[result.correction.id] = result
        return corrected

    def orphaned(self, article_ids: set[str] | None = None) -> list[Result]:
        """Orphaned results, of the given articles only when `article_ids` is given."""
        return [r for r in self.results.values() if r.status == "orphaned"
                and (article_ids is None or r.correction.article_id in article_ids)]

    def summary_lines(self, article_ids: set[str] | None = None) -> list[str]:
        """Lines for a run's summary: counts, then every orphaned correction and bad line."""
        results = [r for r in self.results.values()
                   if article_ids is None or r.correction.article_id in article_ids]
        if not results and not self.problems:
            return []
        applied = sum(r.status == "applied" for r in results)
        orphaned = self.orphaned(article_ids)
        lapsed = [r for r in results if r.status == "lapsed"]
        withdrawn = sum(r.status == "withdrawn" for r in results)
        lines = [f"Corrections: {applied} applied, {len(orphaned)} orphaned"
                 + (f", {len(lapsed)} lapsed" if lapsed else "")
                 + (f", {withdrawn} withdrawn" if withdrawn else "")
                 + (f", {len(self.problems)} unreadable" if self.problems else "") + "."]
        if orphaned:
            lines.append(f"Orphaned corrections ({len(orphaned)}):")
            lines += [f"  {describe(r.correction)}: {r.detail}" for r in orphaned]
        if lapsed:
            lines.append(f"Verifications that lapsed, their facts unreviewed again "
                         f"({len(lapsed)}):")
            lines += [f"  {describe(r.correction)}: {r.detail}" for r in lapsed]
        lines += [f"  {p}" for p in self.problems]
        return lines

    def store(self, con: duckdb.DuckDBPyConnection) -> None:
        """Write the corrections and corrections_orphaned tables (etl/sql/schema.sql)."""
        statements.execute(con, "corrections/clear")
        rows = []
        for result in self.results.values():
            c = result.correction
            rows.append([c.id, c.action, c.article_id, c.type, c.evidence,
                         json.dumps(c.target, ensure_ascii=False),
                         json.dumps(c.changes, ensure_ascii=False) if c.changes else None,
                         json.dumps(c.fact, ensure_ascii=False) if c.fact else None,
                         c.reason, c.user, _timestamp(c.created_at), result.status,
                         result.detail, result.mentions,
                         json.dumps(c.before, ensure_ascii=False) if c.before else None,
                         c.withdraws])
        if rows:
            con.executemany(statements.statement("corrections/insert"), rows)
        statements.execute(con, "corrections/orphaned")
