"""The fact contract of ../shared/FACTS.md, declared once: per fact type its fields, which
are required, which are written only when given, the values each may take and the fields
that say which fact it is.

Everything that knows a fact's shape reads it from here: the `extract` command's output
(`contract_fact`), the loader (tables, mention ids, date precisions), the corrections
(editable fields, checks), the pages' choices and chart orders, and etl/sql/schema.sql,
whose `{accepted:...}` placeholders are filled from ACCEPTED when the schema is created
(tests/test_facts.py checks the rest of the schema against this module). Adding a status
or a casualty metric is a change here and in the extraction lexicon only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

# Accepted values, in the order the pages and charts list them (aid statuses from asked to
# given, visit statuses from done to off).
VISIT_STATUSES = ("occurred", "planned", "possible", "cancelled")
VISIT_MODES = ("air", "train", "road")
MEETING_MODES = ("in_person", "phone", "video")
AID_TYPES = ("military", "financial", "humanitarian", "mixed", "unspecified")
AID_STATUSES = ("requested", "proposed", "authorized", "pledged", "announced", "delivered")
METRICS = ("killed", "wounded", "displaced", "missing", "captured")
QUALIFIERS = ("at least", "about", "more than", "up to")
# Whom a casualty count counts, read from the words right after it ("2,055 children", "88 UN
# staff"); "all" when they name no part of the toll. A sub-count is a series of its own.
POPULATIONS = ("all", "children", "women", "civilians", "soldiers", "staff")

# Precision of a fact's date: a day, a month or a year is known, or none (a null date).
DATE_PRECISIONS = ("day", "month", "year", "unknown")
DATE_PATTERN = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?"
_DATE = re.compile(DATE_PATTERN)

# Written on any fact when the extractor gives them (FACTS.md, "Fields every fact may
# carry"); the scorer ignores them and the mentions tables keep them.
COMMON_OPTIONAL = ("confidence", "confidence_reasons")


@dataclass(frozen=True)
class FactType:
    """One fact type of FACTS.md.

    fields:    the contract's fields in FACTS.md order (after article and type, before
               evidence); always written, null when unknown
    optional:  written only when the extractor gives them
    extra:     kept in the database and editable, but not part of the contract's output
    required:  a fact without one of these is not a fact (the schema's not-nulls)
    accepted:  field -> the values it may take (null passes unless required)
    identity:  the fields that say which fact it is, beside article, type and evidence:
               what the scorer matches on and what a correction names its target by
               (status and date are left out: they are what analysts fix most, and what a
               new extractor most often changes)
    mention_key: the fields that, with the article and the evidence offset, make the
               mention id, so an unchanged fact keeps its id from one build to the next
    date:      the field holding the fact's date, whose precision the loader stores
    event:     the event_mentions.event_type of the events built from these mentions
    """

    name: str
    fields: tuple[str, ...]
    required: tuple[str, ...]
    identity: tuple[str, ...]
    mention_key: tuple[str, ...]
    date: str
    event: str
    optional: tuple[str, ...] = ()
    extra: tuple[str, ...] = ()
    accepted: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

    @property
    def table(self) -> str:
        """The table of its mentions."""
        return f"mentions_{self.name}"

    @property
    def precision(self) -> str:
        """The column holding the precision of `date`."""
        return f"{self.date}_precision"

    @property
    def contract_keys(self) -> tuple[str, ...]:
        """The keys of a fact as FACTS.md writes it, in order (optional ones aside)."""
        return ("article", "type", *self.fields, "evidence")

    @property
    def editable(self) -> tuple[str, ...]:
        """The fields a correction may change or an added fact may give."""
        return (*self.fields, *(f for f in self.optional if f not in COMMON_OPTIONAL),
                *self.extra)


def _accepted(**values: tuple[str, ...]) -> MappingProxyType:
    return MappingProxyType(values)


VISIT = FactType(
    name="visit", fields=("actor", "place", "country", "date", "status"),
    optional=("mode", "purpose", *COMMON_OPTIONAL), required=("actor", "status"),
    accepted=_accepted(status=VISIT_STATUSES, mode=VISIT_MODES),
    identity=("actor", "place", "country"),
    mention_key=("actor", "place", "country", "date", "status"), date="date", event="stop")
MEETING = FactType(
    name="meeting", fields=("participants", "place", "country", "date", "status", "mode"),
    optional=COMMON_OPTIONAL, required=("participants", "status"),
    accepted=_accepted(status=VISIT_STATUSES, mode=MEETING_MODES), identity=("participants",),
    # mode too: one sentence can tell of a call and of a meeting between the same people
    mention_key=("participants", "place", "country", "date", "status", "mode"), date="date",
    event="meeting")
AID = FactType(
    name="aid",
    fields=("donor", "recipient", "amount", "currency", "aid_type", "status", "date"),
    # qualifier: "more than $56 billion"; the marts tell stated totals by it
    optional=COMMON_OPTIONAL, extra=("qualifier",), required=("amount", "currency", "status"),
    accepted=_accepted(status=AID_STATUSES, aid_type=AID_TYPES),
    identity=("donor", "currency", "amount"),
    mention_key=("donor", "recipient", "amount", "currency", "status"), date="date",
    event="aid")
CASUALTY = FactType(
    name="casualty", fields=("metric", "value", "qualifier", "as_of", "reported_by", "where"),
    optional=("population", *COMMON_OPTIONAL), required=("metric", "value"),
    accepted=_accepted(metric=METRICS, qualifier=QUALIFIERS, population=POPULATIONS),
    identity=("metric", "value"),
    mention_key=("metric", "value", "as_of", "reported_by"), date="as_of", event="casualty")

FACT_TYPES: MappingProxyType = MappingProxyType(
    {t.name: t for t in (VISIT, MEETING, AID, CASUALTY)})
# fact type -> the table of its mentions
FACT_TABLES: MappingProxyType = MappingProxyType({t.name: t.table for t in FACT_TYPES.values()})


def fact_type(name: object) -> FactType | None:
    """The FactType called `name`, or None for anything else.

    >>> fact_type("aid").table, fact_type("rumour")
    ('mentions_aid', None)
    """
    return FACT_TYPES.get(name) if isinstance(name, str) else None


def is_date(value: object) -> bool:
    """True for an ISO date at any precision the contract takes.

    >>> is_date("2024-09-11"), is_date("2024-09"), is_date("2024"), is_date("2024-13")
    (True, True, True, False)
    """
    return isinstance(value, str) and _DATE.fullmatch(value) is not None


def date_precision(value: object) -> str:
    """The precision of an ISO date string as the mentions tables store it.

    >>> [date_precision(d) for d in ("2023-11-28", "2024-09", "2014", None)]
    ['day', 'month', 'year', 'unknown']
    """
    if not isinstance(value, str):
        return "unknown"
    return {10: "day", 7: "month", 4: "year"}.get(len(value), "unknown")


def contract_fact(article_id: str, fact: dict[str, Any]) -> dict[str, Any]:
    """A fact as FACTS.md writes it: its keys in contract order, then the optional keys the
    extractor gave, nothing else; whole-number amounts and values as integers.

    >>> contract_fact("a", {"type": "casualty", "value": 4.0, "metric": "killed",
    ...                     "evidence": "Four died.", "evidence_start": 0, "evidence_end": 10})
    ... # doctest: +NORMALIZE_WHITESPACE
    {'article': 'a', 'type': 'casualty', 'metric': 'killed', 'value': 4, 'qualifier': None,
     'as_of': None, 'reported_by': None, 'where': None, 'evidence': 'Four died.'}
    """
    kind = fact_type(fact.get("type"))
    keys = kind.contract_keys if kind else ("article", "type")
    out = {key: fact.get(key) for key in keys}
    out["article"] = article_id
    for key in kind.optional if kind else ():
        if fact.get(key) is not None:
            out[key] = fact[key]
    for key in ("amount", "value"):
        if isinstance(out.get(key), float) and out[key].is_integer():
            out[key] = int(out[key])
    return out


def sql_list(values: tuple[str, ...]) -> str:
    """Values as the list of SQL literals an `in (...)` check takes.

    >>> sql_list(("at least", "it's"))
    "'at least', 'it''s'"
    """
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def schema_values() -> dict[str, str]:
    """The `{accepted:...}` placeholders of etl/sql/schema.sql and what fills them:
    'accepted:TYPE.FIELD' -> the accepted values of that field as SQL literals, plus
    'fact_types' and 'precisions'."""
    values = {f"accepted:{t.name}.{name}": sql_list(choices)
              for t in FACT_TYPES.values() for name, choices in t.accepted.items()}
    values["fact_types"] = sql_list(tuple(FACT_TYPES))
    values["precisions"] = sql_list(DATE_PRECISIONS)
    return values
