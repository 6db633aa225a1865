"""Analyst corrections: JSON lines kept apart from the database, applied to each article's
facts after extraction, keyed by what a fact says (never by offsets or mention ids).

A correction names its target by article id, fact type, the fields that identify the fact
(IDENTITY_FIELDS) and the evidence text. Offsets and mention ids change whenever the
article text shifts or the extractor changes its mind about a status; what a fact says and
the sentence it rests on do not, so a correction keyed that way still applies after a
re-extraction or a paragraph added above the sentence. The format is documented in
data/README-corrections.md.
"""

from __future__ import annotations

import fcntl
import getpass
import json
import os
import re
import tempfile
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from etl import settings
from etl.events import EVENT_MARTS
from etl.load import FACT_TABLES
from etl.model import Article

CORRECTIONS_ENV = "SHUTTLE_CORRECTIONS"
USER_ENV = "SHUTTLE_USER"
DEFAULT_PATH = settings.DATA_DIR / "corrections.jsonl"

ACTIONS = ("reject", "edit", "add")

# The fields that say which fact a correction is about, beside the article, the type and
# the evidence text. Status and date are left out on purpose: they are what analysts fix
# most, and what a new extractor most often changes.
IDENTITY_FIELDS: dict[str, tuple[str, ...]] = {
    "visit": ("actor", "place", "country"),
    "meeting": ("participants",),
    "aid": ("donor", "currency", "amount"),
    "casualty": ("metric", "value"),
}

# The fields an edit may change and an added fact may give, per type (FACTS.md).
FIELDS: dict[str, tuple[str, ...]] = {
    "visit": ("actor", "place", "country", "date", "status", "mode", "purpose"),
    "meeting": ("participants", "place", "country", "date", "status", "mode"),
    "aid": ("donor", "recipient", "amount", "currency", "aid_type", "status", "date",
            "qualifier"),
    "casualty": ("metric", "value", "qualifier", "as_of", "reported_by", "where"),
}

# Accepted values, as etl/sql/schema.sql checks them: a correction that breaks one is
# refused when it is made, and reported (never half-applied) if the file was edited by hand.
CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "visit": {"status": ("occurred", "planned", "possible", "cancelled"),
              "mode": ("air", "train", "road")},
    "meeting": {"status": ("occurred", "planned", "possible", "cancelled"),
                "mode": ("in_person", "phone", "video")},
    "aid": {"status": ("requested", "proposed", "authorized", "pledged", "announced",
                       "delivered"),
            "aid_type": ("military", "financial", "humanitarian", "mixed", "unspecified")},
    "casualty": {"metric": ("killed", "wounded", "displaced", "missing", "captured"),
                 "qualifier": ("at least", "about", "more than", "up to")},
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "visit": ("actor", "status"),
    "meeting": ("participants", "status"),
    "aid": ("amount", "currency", "status"),
    "casualty": ("metric", "value"),
}
_DATE = re.compile(r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_DATE_FIELDS = {"date": "date_precision", "as_of": "as_of_precision"}


class CorrectionError(ValueError):
    """A correction that cannot be made or read; the message says why in plain words."""


# -- the record ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Correction:
    """One line of the corrections file."""

    id: str
    action: str
    target: dict[str, Any]
    reason: str
    user: str
    created_at: str
    changes: dict[str, Any] = field(default_factory=dict)
    fact: dict[str, Any] = field(default_factory=dict)

    @property
    def article_id(self) -> str:
        return str(self.target["article_id"])

    @property
    def type(self) -> str:
        return str(self.target["type"])

    @property
    def evidence(self) -> str:
        return str(self.target["evidence"])

    def to_json(self) -> str:
        record = {"id": self.id, "action": self.action, "target": self.target}
        if self.action == "edit":
            record["changes"] = self.changes
        if self.action == "add":
            record["fact"] = self.fact
        record |= {"reason": self.reason, "user": self.user, "created_at": self.created_at}
        return json.dumps(record, ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_record(cls, record: Any) -> Correction:
        """A correction from a parsed JSON line; CorrectionError when it is not one."""
        if not isinstance(record, dict):
            raise CorrectionError("not a JSON object")
        missing = [k for k in ("id", "action", "target", "reason", "user", "created_at")
                   if not record.get(k)]
        if missing:
            raise CorrectionError(f"missing {', '.join(missing)}")
        action, target = record["action"], record["target"]
        if action not in ACTIONS:
            raise CorrectionError(f"unknown action {action!r}")
        if not isinstance(target, dict):
            raise CorrectionError("target is not an object")
        kind = target.get("type")
        if kind not in FIELDS:
            raise CorrectionError(f"unknown fact type {kind!r}")
        for key in ("article_id", "evidence"):
            if not isinstance(target.get(key), str) or not target[key].strip():
                raise CorrectionError(f"target has no {key}")
        changes, fact = record.get("changes") or {}, record.get("fact") or {}
        if not isinstance(changes, dict) or not isinstance(fact, dict):
            raise CorrectionError("changes and fact must be objects")
        if action == "edit" and not changes:
            raise CorrectionError("an edit with no changes")
        if action == "add":
            problems = fact_problems(kind, fact)
            if problems:
                raise CorrectionError("; ".join(problems))
        if action == "edit":
            unknown = sorted(set(changes) - set(FIELDS[kind]))
            if unknown:
                raise CorrectionError(f"{kind} has no field {', '.join(unknown)}")
        return cls(id=str(record["id"]), action=action, target=dict(target),
                   reason=str(record["reason"]), user=str(record["user"]),
                   created_at=str(record["created_at"]), changes=dict(changes),
                   fact=dict(fact))


def corrections_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """An explicit path wins, then $SHUTTLE_CORRECTIONS, then data/corrections.jsonl."""
    if explicit:
        return Path(explicit)
    env = os.environ.get(CORRECTIONS_ENV)
    return Path(env) if env else DEFAULT_PATH


def current_user(explicit: str | None = None) -> str:
    """Who makes a correction: the name given, else $SHUTTLE_USER, else the login name."""
    if explicit and explicit.strip():
        return explicit.strip()
    env = os.environ.get(USER_ENV, "").strip()
    if env:
        return env
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "unknown"


# -- values -------------------------------------------------------------------------------


def identity(kind: str, fact: dict[str, Any]) -> tuple:
    """The identifying fields of a fact, normalised so a re-extraction compares equal.

    >>> identity("meeting", {"participants": ["Xi Jinping", "Joe Biden"]})
    (('joe biden', 'xi jinping'),)
    >>> identity("aid", {"donor": "Japan", "currency": "JPY", "amount": 1.0e9}) == \\
    ...     identity("aid", {"donor": "japan", "currency": "JPY", "amount": 1000000000})
    True
    """
    return tuple(_normal(fact.get(name)) for name in IDENTITY_FIELDS[kind])


def _normal(value: Any) -> Any:
    if isinstance(value, str):
        return " ".join(value.split()).casefold() or None
    if isinstance(value, (list, tuple)):
        return tuple(sorted(_normal(v) for v in value))
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return round(float(value), 2)
    return value


def normal_text(text: str) -> str:
    """Text with runs of whitespace made one space, for comparing evidence.

    >>> normal_text("  Two\\n spaces ")
    'Two spaces'
    """
    return " ".join(text.split())


def evidence_matches(fact_evidence: str, target_evidence: str) -> bool:
    """The same evidence, or one inside the other (a new sentence splitter may give a longer
    or shorter span around the same words)."""
    a, b = normal_text(fact_evidence), normal_text(target_evidence)
    return bool(a and b) and (a == b or a in b or b in a)


def find_span(text: str, evidence: str) -> tuple[int, int] | None:
    """(start, end) of the first occurrence of `evidence` in `text`, whitespace-tolerant.

    >>> find_span("One. Two  words here.", "Two words")
    (5, 15)
    """
    start = text.find(evidence)
    if start >= 0:
        return start, start + len(evidence)
    words = evidence.split()
    if not words:
        return None
    match = re.search(r"\s+".join(re.escape(w) for w in words), text)
    return (match.start(), match.end()) if match else None


def coerce_value(kind: str, name: str, raw: Any) -> Any:
    """A field value typed as the mentions table needs it, from a form or the command line.

    >>> coerce_value("aid", "amount", "162,000,000")
    162000000.0
    >>> coerce_value("meeting", "participants", "Xi Jinping; Joe Biden")
    ['Joe Biden', 'Xi Jinping']
    >>> coerce_value("visit", "date", 2024), coerce_value("visit", "place", " ")
    ('2024', None)
    """
    if name not in FIELDS.get(kind, ()):
        raise CorrectionError(f"{kind} has no field {name!r}")
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in ("", "null", "none")):
        return None
    if name == "participants":
        if isinstance(raw, str):
            try:
                parsed = json.loads(raw)
            except ValueError:
                parsed = re.split(r"[;,]", raw)
            raw = parsed
        if not isinstance(raw, (list, tuple)):
            raise CorrectionError("participants must be a list of names")
        return sorted({" ".join(str(p).split()) for p in raw if str(p).strip()})
    if name == "amount":
        try:
            return float(str(raw).replace(",", "").replace("_", ""))
        except ValueError:
            raise CorrectionError(f"amount {raw!r} is not a number") from None
    if name == "value":
        try:
            number = float(str(raw).replace(",", "").replace("_", ""))
        except ValueError:
            raise CorrectionError(f"value {raw!r} is not a number") from None
        if not number.is_integer():
            raise CorrectionError(f"value {raw!r} is not a whole number of people")
        return int(number)
    text = " ".join(str(raw).split())
    if name in ("country", "currency"):
        text = text.upper()
    return text


def fact_problems(kind: str, fact: dict[str, Any]) -> list[str]:
    """What makes a fact unloadable, in plain words (empty when it is fine).

    >>> fact_problems("visit", {"actor": "Antony Blinken", "status": "gone"})
    ["status 'gone' is not one of occurred, planned, possible, cancelled"]
    """
    problems = [f"{name} is missing" for name in REQUIRED[kind] if fact.get(name) in (None, "")]
    for name, allowed in CHOICES[kind].items():
        value = fact.get(name)
        if value is not None and value not in allowed:
            problems.append(f"{name} {value!r} is not one of {', '.join(allowed)}")
    country = fact.get("country")
    if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{2}",
                                                                               country)):
        problems.append(f"country {country!r} is not a two-letter ISO code")
    currency = fact.get("currency")
    if currency is not None and not (isinstance(currency, str)
                                      and re.fullmatch(r"[A-Z]{3}", currency)):
        problems.append(f"currency {currency!r} is not a three-letter ISO code")
    for name in _DATE_FIELDS:
        value = fact.get(name)
        if value is not None and not (isinstance(value, str) and _DATE.fullmatch(value)):
            problems.append(f"{name} {value!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    amount = fact.get("amount")
    if amount is not None and not (isinstance(amount, (int, float)) and amount > 0):
        problems.append(f"amount {amount!r} is not a positive number")
    value = fact.get("value")
    if value is not None and not (isinstance(value, int) and value >= 0):
        problems.append(f"value {value!r} is not a count of people")
    participants = fact.get("participants")
    if participants is not None and not (isinstance(participants, list)
                                         and len(participants) >= 2):
        problems.append("a meeting needs two named participants at least")
    return problems


# -- making corrections -------------------------------------------------------------------


def target_of(kind: str, article_id: str, fact: dict[str, Any]) -> dict[str, Any]:
    """The target of a correction about `fact`: article, type, identity, evidence."""
    target: dict[str, Any] = {"article_id": article_id, "type": kind}
    for name in IDENTITY_FIELDS[kind]:
        value = fact.get(name)
        target[name] = sorted(value) if isinstance(value, list) else value
    target["evidence"] = fact["evidence"]
    return target


def new_correction(
    action: str, target: dict[str, Any], reason: str, user: str | None = None,
    changes: dict[str, Any] | None = None, fact: dict[str, Any] | None = None,
) -> Correction:
    """A validated correction with a fresh id and the current UTC time."""
    if not reason or not reason.strip():
        raise CorrectionError("every correction needs a reason")
    kind = target.get("type")
    if kind not in FIELDS:
        raise CorrectionError(f"unknown fact type {kind!r}")
    changes = {k: coerce_value(kind, k, v) for k, v in (changes or {}).items()}
    fact = {k: coerce_value(kind, k, v) for k, v in (fact or {}).items()
            if k in FIELDS[kind]}
    if action == "add":
        target = target_of(kind, target["article_id"], {**fact,
                                                        "evidence": target["evidence"]})
    record = {
        "id": uuid.uuid4().hex[:12], "action": action, "target": target,
        "changes": changes, "fact": fact, "reason": " ".join(reason.split()),
        "user": current_user(user),
        "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }
    return Correction.from_record(record)


def append_correction(correction: Correction, path: Path | None = None) -> Path:
    """Add one line to the corrections file, atomically.

    The whole file is rewritten into a temp file beside it, flushed to disk and swapped in
    with os.replace, under an exclusive lock on the folder (the file itself is replaced, so
    it cannot carry the lock), so a crash leaves the old or the new file and two writers
    (the dashboard and the command line) never lose each other's lines.
    """
    path = corrections_path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        old = path.read_bytes() if path.exists() else b""
        if old and not old.endswith(b"\n"):
            old += b"\n"
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(old + correction.to_json().encode("utf-8") + b"\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temp, path)
        except BaseException:
            Path(temp).unlink(missing_ok=True)
            raise
        os.fsync(folder)  # the rename itself reaches the disk
    finally:
        os.close(folder)  # releases the lock
    return path


def read_corrections(path: Path | None = None) -> tuple[list[Correction], list[str]]:
    """The corrections of the file in file order, and a problem per unreadable line.

    A missing file is no corrections. A bad line is named with its number and left out
    (the rest apply); a repeated id keeps the first line.
    """
    path = corrections_path(path)
    if not path.exists():
        return [], []
    corrections: list[Correction] = []
    problems: list[str] = []
    seen: set[str] = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            correction = Correction.from_record(json.loads(line))
        except (ValueError, CorrectionError) as err:
            problems.append(f"{path}:{n}: correction not read: {err}")
            continue
        if correction.id in seen:
            problems.append(f"{path}:{n}: correction {correction.id} repeats an earlier id")
            continue
        seen.add(correction.id)
        corrections.append(correction)
    return corrections, problems


# -- applying them ------------------------------------------------------------------------


@dataclass
class Result:
    """What became of one correction in a build: applied to n facts, or orphaned and why."""

    correction: Correction
    status: str = "orphaned"  # applied | orphaned
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
    overrides its fields. A correction that matches nothing is orphaned, with the reason.
    """
    entries = []
    for fact in facts:
        fact = {**fact, "corrected": False, "correction_id": None}
        kind = fact.get("type")
        names = {identity(kind, fact)} if kind in IDENTITY_FIELDS else set()
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
            fields = {k: correction.fact.get(k) for k in FIELDS[kind]}
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
                gone = find_span(article.text, correction.evidence) is None
                result.detail = ("the evidence is no longer in the article" if gone else
                                 f"no {kind} fact with these fields rests on that evidence")
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
        if name in _DATE_FIELDS:
            fact.pop(_DATE_FIELDS[name], None)  # the loader derives it from the new date


class CorrectionSet:
    """The corrections of one run, grouped by article, with what became of each."""

    def __init__(self, corrections: Sequence[Correction], problems: Sequence[str] = ()):
        self.corrections = list(corrections)
        self.problems = list(problems)
        self.by_article: dict[str, list[Correction]] = {}
        for correction in self.corrections:
            self.by_article.setdefault(correction.article_id, []).append(correction)
        self.results: dict[str, Result] = {c.id: Result(c) for c in self.corrections}

    @classmethod
    def load(cls, path: Path | None = None) -> CorrectionSet:
        return cls(*read_corrections(path))

    @property
    def article_ids(self) -> set[str]:
        return set(self.by_article)

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
        lines = [f"Corrections: {applied} applied, {len(orphaned)} orphaned"
                 + (f", {len(self.problems)} unreadable" if self.problems else "") + "."]
        if orphaned:
            lines.append(f"Orphaned corrections ({len(orphaned)}):")
            lines += [f"  {describe(r.correction)}: {r.detail}" for r in orphaned]
        lines += [f"  {p}" for p in self.problems]
        return lines

    def store(self, con: duckdb.DuckDBPyConnection) -> None:
        """Write the corrections and corrections_orphaned tables (etl/sql/schema.sql)."""
        con.execute("delete from corrections_orphaned")
        con.execute("delete from corrections")
        rows = []
        for result in self.results.values():
            c = result.correction
            rows.append([c.id, c.action, c.article_id, c.type, c.evidence,
                         json.dumps(c.target, ensure_ascii=False),
                         json.dumps(c.changes, ensure_ascii=False) if c.changes else None,
                         json.dumps(c.fact, ensure_ascii=False) if c.fact else None,
                         c.reason, c.user, _timestamp(c.created_at), result.status,
                         result.detail, result.mentions])
        if rows:
            con.executemany("insert into corrections values "
                            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        con.execute("""
            insert into corrections_orphaned
            select id, action, article_id, fact_type, evidence, detail, reason, user_name,
                created_at
            from corrections where status = 'orphaned'
        """)


def describe(correction: Correction) -> str:
    """One line naming a correction for a summary.

    >>> c = Correction("ab12", "reject", {"article_id": "a1", "type": "visit",
    ...     "actor": "Antony Blinken", "place": "Tokyo", "country": "JP", "evidence": "x"},
    ...     "not a visit", "ana", "2026-01-01T00:00:00+00:00")
    >>> describe(c)
    'ab12 reject visit Antony Blinken, Tokyo, JP in a1 (ana: not a visit)'
    """
    fields = correction.fact if correction.action == "add" else correction.target
    said = ", ".join(
        ", ".join(v) if isinstance(v, list) else f"{v:,.0f}" if isinstance(v, float) else str(v)
        for v in (fields.get(n) for n in IDENTITY_FIELDS[correction.type]) if v is not None
    )
    return (f"{correction.id} {correction.action} {correction.type} {said} in "
            f"{correction.article_id} ({correction.user}: {correction.reason})")


def _timestamp(text: str) -> datetime | None:
    """An ISO time as naive UTC for the database; None when it cannot be read."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


# -- the database side --------------------------------------------------------------------


def previously_corrected(con: duckdb.DuckDBPyConnection, catalog: str = "previous") -> set[str]:
    """Article ids the attached previous database had corrections for: their stored facts
    are corrected ones, so they are extracted again rather than reused."""
    try:
        rows = con.execute(f"select distinct article_id from {catalog}.corrections").fetchall()
    except duckdb.Error:
        return set()
    return {article_id for (article_id,) in rows}


def normalise_flags(con: duckdb.DuckDBPyConnection) -> None:
    """corrected = false on mentions loaded without the corrections step."""
    for table in FACT_TABLES.values():
        con.execute(f"update {table} set corrected = false where corrected is null")


# mart -> (event_mentions.event_type, key column)
EVENT_TABLES = {table: (event_type, key) for table, event_type, key, *_ in EVENT_MARTS}


def flag_corrected_events(con: duckdb.DuckDBPyConnection) -> None:
    """Add `corrected` to every event mart and `corrected`, `correction_id` to
    event_mentions: true when a mention behind the event was changed or added by an analyst.

    Run after etl.events.build_marts, so the marts' SQL stays about merging reports.
    """
    union = " union all ".join(
        f"select mention_id, correction_id from {table} where corrected"
        for table in FACT_TABLES.values()
    )
    con.execute(f"create or replace temp table corrected_mentions as {union}")
    con.execute("alter table event_mentions add column if not exists corrected boolean "
                "default false")
    con.execute("alter table event_mentions add column if not exists correction_id varchar")
    con.execute("""
        update event_mentions
        set corrected = true, correction_id = corrected_mentions.correction_id
        from corrected_mentions
        where event_mentions.mention_id = corrected_mentions.mention_id
    """)
    for table, (event_type, key) in EVENT_TABLES.items():
        con.execute(f"alter table {table} add column if not exists corrected boolean "
                    "default false")
        con.execute(
            f"update {table} set corrected = true where {key} in ("
            "select event_id from event_mentions where event_type = ? and corrected)",
            [event_type],
        )
    con.execute("drop table temp.corrected_mentions")


def mention_target(con: duckdb.DuckDBPyConnection, mention_id: str
                   ) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(type, the mention as a fact, the target a new correction of it should name).

    A mention already corrected keeps the target of the correction that last changed it
    (naming the fact as extracted, or as added), so a further correction finds the same
    fact on the next build.
    """
    for kind, table in FACT_TABLES.items():
        cursor = con.execute(f"select * from {table} where mention_id = ?", [mention_id])
        row = cursor.fetchone()
        if row is None:
            continue
        fact = dict(zip([d[0] for d in cursor.description], row, strict=True))
        fact["type"] = kind
        target = target_of(kind, fact["article_id"], fact)
        if fact.get("correction_id"):
            stored = con.execute("select target from corrections where id = ?",
                                 [fact["correction_id"]]).fetchone()
            if stored:
                target = json.loads(stored[0])
        return kind, fact, target
    raise CorrectionError(f"no mention {mention_id} in the database")


def article_mentions(con: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    """Every mention of one article as a fact dict with its `type`, in text order."""
    facts = []
    for kind, table in FACT_TABLES.items():
        cursor = con.execute(f"select * from {table} where article_id = ?", [article_id])
        names = [d[0] for d in cursor.description]
        facts += [{**{k: _plain(v) for k, v in zip(names, row, strict=True)}, "type": kind}
                  for row in cursor.fetchall()]
    return sorted(facts, key=lambda f: (f["evidence_start"], f["type"], f["mention_id"]))


def correction_of_mention(
    con: duckdb.DuckDBPyConnection, action: str, mention_id: str, reason: str,
    user: str | None = None, changes: dict[str, Any] | None = None,
) -> Correction:
    """A reject or edit of a mention of the built database, keyed by what it says."""
    if action not in ("reject", "edit"):
        raise CorrectionError(f"a mention can be rejected or edited, not {action!r}")
    kind, fact, target = mention_target(con, mention_id)
    if action == "edit":
        changes = {k: coerce_value(kind, k, v) for k, v in (changes or {}).items()}
        changes = {k: v for k, v in changes.items() if v != _plain(fact.get(k))}
        if not changes:
            raise CorrectionError("the edit changes nothing")
        problems = fact_problems(kind, {**{k: _plain(fact.get(k)) for k in FIELDS[kind]},
                                        **changes})
        if problems:
            raise CorrectionError("; ".join(problems))
    return new_correction(action, target, reason, user, changes=changes)


def correction_of_addition(
    con: duckdb.DuckDBPyConnection, article_id: str, kind: str, evidence: str,
    fact: dict[str, Any], reason: str, user: str | None = None,
) -> Correction:
    """An added fact, pinned to `evidence`, which must be found in the article's text."""
    row = con.execute("select text from articles where id = ?", [article_id]).fetchone()
    if row is None:
        raise CorrectionError(f"no article {article_id} in the database")
    span = find_span(row[0], evidence.strip()) if evidence and evidence.strip() else None
    if span is None:
        raise CorrectionError("the evidence is not in the article text: copy it verbatim")
    if kind not in FIELDS:
        raise CorrectionError(f"unknown fact type {kind!r}")
    values = {k: coerce_value(kind, k, v) for k, v in fact.items() if k in FIELDS[kind]}
    problems = fact_problems(kind, values)
    if problems:
        raise CorrectionError("; ".join(problems))
    target = {"article_id": article_id, "type": kind, "evidence": row[0][span[0]:span[1]]}
    return new_correction("add", target, reason, user, fact=values)


def _plain(value: Any) -> Any:
    """A value read from DuckDB as JSON would hold it (lists for arrays, None for NaN)."""
    if isinstance(value, tuple):
        return list(value)
    if isinstance(value, float) and value != value:
        return None
    return value


# -- the command line: python -m etl correct ... --------------------------------------------


def add_correct_command(commands: Any, db_help: str, corrections_help: str) -> None:
    """Register `correct list | reject | edit | add` on the CLI's subparsers."""
    import argparse

    correct = commands.add_parser(
        "correct", help="list, or add an analyst correction (reject, edit or add a fact)",
        description="Corrections are appended to the corrections file and applied by the "
        "next 'python -m etl build'. A fact is named by its mention_id in the built "
        "database (the Sources page and event_mentions show it); the correction stores "
        "what the fact says and its evidence, so it survives re-extraction.",
    )
    actions = correct.add_subparsers(dest="correct_action", required=True, metavar="ACTION")

    def common(sub: argparse.ArgumentParser, needs_db: bool = True) -> None:
        sub.add_argument("--corrections", metavar="FILE", help=corrections_help)
        if needs_db:
            sub.add_argument("--db", metavar="PATH", help=db_help)
            sub.add_argument("--reason", required=True, help="why: kept in the audit trail")
            sub.add_argument("--user", help="who (default: $SHUTTLE_USER, else the login)")
        sub.set_defaults(run=cmd_correct, parser=sub)

    listing = actions.add_parser("list", help="print the corrections, oldest first")
    common(listing, needs_db=False)
    listing.add_argument("--db", metavar="PATH", help=db_help)

    reject = actions.add_parser("reject", help="drop a fact the extractor got wrong")
    reject.add_argument("mention_id", help="the fact's mention_id in the database")
    common(reject)

    edit = actions.add_parser("edit", help="change fields of a fact")
    edit.add_argument("mention_id", help="the fact's mention_id in the database")
    edit.add_argument("--set", action="append", required=True, metavar="FIELD=VALUE",
                      dest="values", help="a new value (null clears it; participants "
                      "separated by ';'); give it once per field")
    common(edit)

    add = actions.add_parser("add", help="add a fact the extractor missed")
    add.add_argument("article_id", help="the article's id")
    add.add_argument("type", choices=tuple(FIELDS), help="the fact type")
    add.add_argument("--evidence", required=True,
                     help="the span of the article the fact rests on, verbatim")
    add.add_argument("--set", action="append", required=True, metavar="FIELD=VALUE",
                     dest="values", help="a field of the fact; give it once per field")
    common(add)


def _pairs(values: Sequence[str]) -> dict[str, str]:
    pairs = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CorrectionError(f"--set {item!r} is not FIELD=VALUE")
        pairs[name.strip()] = value
    return pairs


def cmd_correct(args: Any, parser: Any) -> int:
    """Run one `correct` action; 0 when done, 1 when the correction was refused."""
    import sys

    path = corrections_path(args.corrections)
    db = settings.db_path(args.db)
    if args.correct_action == "list":
        return _list(path, db)
    if not db.is_file():
        parser.error(f"database not found: {db} (build it first: python -m etl build)")
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            if args.correct_action == "add":
                correction = correction_of_addition(
                    con, args.article_id, args.type, args.evidence, _pairs(args.values),
                    args.reason, args.user)
            else:
                changes = _pairs(args.values) if args.correct_action == "edit" else None
                correction = correction_of_mention(con, args.correct_action, args.mention_id,
                                                   args.reason, args.user, changes)
        finally:
            con.close()
    except (CorrectionError, duckdb.Error) as err:
        print(f"correction refused: {err}", file=sys.stderr)
        return 1
    append_correction(correction, path)
    print(f"{describe(correction)}\nwritten to {path}; "
          "'python -m etl build' applies it")
    return 0


def _list(path: Path, db: Path) -> int:
    corrections, problems = read_corrections(path)
    status: dict[str, tuple[str, str]] = {}
    if db.is_file():
        try:
            con = duckdb.connect(str(db), read_only=True)
            try:
                status = {i: (s, d) for i, s, d in con.execute(
                    "select id, status, detail from corrections").fetchall()}
            finally:
                con.close()
        except duckdb.Error:
            status = {}
    for c in corrections:
        state, detail = status.get(c.id, ("pending", "not applied by a build yet"))
        print(f"{c.created_at}  {describe(c)}  [{state}: {detail}]")
    for problem in problems:
        print(problem)
    print(f"{len(corrections)} correction{'s' if len(corrections) != 1 else ''} in {path}")
    return 1 if problems else 0
