"""A correction as a record: its fields and the checks on its values (the JSON-lines file that
keeps them is etl/corrections/lines.py). The fields a correction may name, their accepted
values and a fact's identity come from the fact contract (etl/facts.py)."""

from __future__ import annotations

import getpass
import json
import os
import re
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from etl import settings
from etl.facts import FACT_TYPES, is_date

CORRECTIONS_ENV = "SHUTTLE_CORRECTIONS"
USER_ENV = "SHUTTLE_USER"
DEFAULT_PATH = settings.DATA_DIR / "corrections.jsonl"

ACTIONS = ("reject", "edit", "add", "verify", "withdraw")
# the actions that name a fact the database holds (the others add one, or name a line)
FACT_ACTIONS = ("reject", "edit", "verify")


def _editable(kind: str) -> tuple[str, ...]:
    known = FACT_TYPES.get(kind)
    return known.editable if known else ()


class CorrectionError(ValueError):
    """A correction that cannot be made or read; the message says why in plain words."""


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
    # the fact's fields as the analyst saw them (reject, edit, verify): what the audit page
    # shows as "before", and what a verification vouches for
    before: dict[str, Any] = field(default_factory=dict)
    withdraws: str | None = None  # withdraw only: the id of the line it takes back

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
        if self.before:
            record["before"] = self.before
        if self.action == "withdraw":
            record["withdraws"] = self.withdraws
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
        if kind not in FACT_TYPES:
            raise CorrectionError(f"unknown fact type {kind!r}")
        for key in ("article_id", "evidence"):
            if not isinstance(target.get(key), str) or not target[key].strip():
                raise CorrectionError(f"target has no {key}")
        changes, fact = record.get("changes") or {}, record.get("fact") or {}
        before = record.get("before") or {}
        if not all(isinstance(v, dict) for v in (changes, fact, before)):
            raise CorrectionError("changes, fact and before must be objects")
        withdraws = record.get("withdraws")
        if action == "withdraw" and not (isinstance(withdraws, str) and withdraws.strip()):
            raise CorrectionError("a withdrawal names no correction to withdraw")
        if action == "edit" and not changes:
            raise CorrectionError("an edit with no changes")
        if action == "add":
            problems = fact_problems(kind, fact)
            if problems:
                raise CorrectionError("; ".join(problems))
        if action == "edit":
            unknown = sorted(set(changes) - set(FACT_TYPES[kind].editable))
            if unknown:
                raise CorrectionError(f"{kind} has no field {', '.join(unknown)}")
        return cls(id=str(record["id"]), action=action, target=dict(target),
                   reason=str(record["reason"]), user=str(record["user"]),
                   created_at=str(record["created_at"]), changes=dict(changes),
                   fact=dict(fact), before=dict(before) if action in FACT_ACTIONS else {},
                   withdraws=str(withdraws) if action == "withdraw" else None)


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
    return tuple(_normal(fact.get(name)) for name in FACT_TYPES[kind].identity)


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
    if name not in _editable(kind):
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
    contract = FACT_TYPES[kind]
    problems = [f"{name} is missing" for name in contract.required
                if fact.get(name) in (None, "")]
    for name, allowed in contract.accepted.items():
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
    name = contract.date
    value = fact.get(name)
    if value is not None and not is_date(value):
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
    for name in FACT_TYPES[kind].identity:
        value = fact.get(name)
        target[name] = sorted(value) if isinstance(value, list) else value
    target["evidence"] = fact["evidence"]
    return target


def new_correction(
    action: str, target: dict[str, Any], reason: str, user: str | None = None,
    changes: dict[str, Any] | None = None, fact: dict[str, Any] | None = None,
    before: dict[str, Any] | None = None, withdraws: str | None = None,
) -> Correction:
    """A validated correction with a fresh id and the current UTC time."""
    if not reason or not reason.strip():
        raise CorrectionError("every correction needs a reason")
    kind = target.get("type")
    if kind not in FACT_TYPES:
        raise CorrectionError(f"unknown fact type {kind!r}")
    changes = {k: coerce_value(kind, k, v) for k, v in (changes or {}).items()}
    fact = {k: coerce_value(kind, k, v) for k, v in (fact or {}).items()
            if k in FACT_TYPES[kind].editable}
    if action == "add":
        target = target_of(kind, target["article_id"], {**fact,
                                                        "evidence": target["evidence"]})
    record = {
        "id": uuid.uuid4().hex[:12], "action": action, "target": target,
        "changes": changes, "fact": fact, "before": before or {}, "withdraws": withdraws,
        "reason": " ".join(reason.split()),
        "user": current_user(user),
        "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
    }
    return Correction.from_record(record)


def fact_words(correction: Correction) -> str:
    """The fact a correction is about, in words: type and identifying fields.

    >>> fact_words(Correction("ab12", "edit", {"article_id": "a1", "type": "aid",
    ...     "donor": "Japan", "currency": "JPY", "amount": 1.5e9, "evidence": "x"},
    ...     "typo", "ana", "2026-01-01T00:00:00+00:00", changes={"status": "pledged"}))
    'aid Japan, JPY, 1,500,000,000'
    """
    fields = correction.fact if correction.action == "add" else correction.target
    said = ", ".join(
        ", ".join(v) if isinstance(v, list) else f"{v:,.0f}" if isinstance(v, float) else str(v)
        for v in (fields.get(n) for n in FACT_TYPES[correction.type].identity) if v is not None
    )
    return f"{correction.type} {said}"


def describe(correction: Correction) -> str:
    """One line naming a correction for a summary.

    >>> c = Correction("ab12", "reject", {"article_id": "a1", "type": "visit",
    ...     "actor": "Antony Blinken", "place": "Tokyo", "country": "JP", "evidence": "x"},
    ...     "not a visit", "ana", "2026-01-01T00:00:00+00:00")
    >>> describe(c)
    'ab12 reject visit Antony Blinken, Tokyo, JP in a1 (ana: not a visit)'
    >>> describe(Correction("cd34", "withdraw", c.target, "my mistake", "ben",
    ...     "2026-01-02T00:00:00+00:00", withdraws="ab12"))
    'cd34 withdraw ab12 of visit Antony Blinken, Tokyo, JP in a1 (ben: my mistake)'
    """
    action = correction.action
    if action == "withdraw":
        action = f"withdraw {correction.withdraws} of"
    return (f"{correction.id} {action} {fact_words(correction)} in "
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
