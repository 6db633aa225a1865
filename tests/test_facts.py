"""The fact contract (etl/facts.py) against the schema it fills and the FACTS.md it copies.

The schema test creates the real schema and reads DuckDB's catalogue: every mentions table
has exactly the contract's columns, a not-null on exactly the required fields, and a check
that takes every accepted value and refuses one that is not. The FACTS.md test reads the
contract's text where ../shared is present (CI and every developer have it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from etl import facts
from etl.facts import FACT_TYPES
from etl.load import SCHEMA_SQL, create_schema

FACTS_MD = Path(__file__).resolve().parents[2] / "shared" / "FACTS.md"
# columns every mentions table has beside the contract's fields
BOOKKEEPING = ("mention_id", "article_id", "evidence", "evidence_start", "evidence_end",
               "corrected", "correction_id")


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect(":memory:")
    create_schema(connection)
    connection.execute("insert into articles (id, title, published_precision, sha256, text) "
                       "values ('a', 'A', 'unknown', 'x', 'Body.')")
    yield connection
    connection.close()


def columns(con, table: str) -> dict[str, bool]:
    """column -> nullable, from the catalogue."""
    rows = con.execute("select column_name, is_nullable from information_schema.columns "
                       "where table_name = ?", [table]).fetchall()
    return {name: nullable == "YES" for name, nullable in rows}


@pytest.mark.parametrize("kind", list(FACT_TYPES))
def test_mentions_table_has_exactly_the_contract_columns(con, kind):
    t = FACT_TYPES[kind]
    expected = {*BOOKKEEPING, *t.fields, *t.optional, *t.extra, t.precision}
    assert set(columns(con, t.table)) == expected


@pytest.mark.parametrize("kind", list(FACT_TYPES))
def test_not_null_on_exactly_the_required_fields(con, kind):
    t = FACT_TYPES[kind]
    nullable = columns(con, t.table)
    contract = (*t.fields, *t.optional, *t.extra)
    assert {c for c in contract if not nullable[c]} == set(t.required)


def minimal_row(t: facts.FactType) -> dict:
    """The smallest mention of type `t` the schema accepts."""
    row = {"mention_id": f"m-{t.name}", "article_id": "a", "evidence": "Body.",
           "evidence_start": 0, "evidence_end": 5, t.precision: "unknown"}
    samples = {"actor": "Someone", "participants": ["A B", "C D"], "amount": 1.0,
               "currency": "USD", "metric": facts.METRICS[0], "value": 1}
    for name in t.required:
        row[name] = t.accepted[name][0] if name in t.accepted else samples[name]
    return row


def insert(con, table: str, row: dict) -> None:
    names = ", ".join(f'"{c}"' for c in row)
    con.execute(f"insert into {table} ({names}) values ({', '.join('?' for _ in row)})",
                list(row.values()))
    con.execute(f"delete from {table}")


@pytest.mark.parametrize("kind, field", [(k, f) for k, t in FACT_TYPES.items()
                                         for f in t.accepted])
def test_schema_checks_the_contracts_accepted_values(con, kind, field):
    t = FACT_TYPES[kind]
    for value in t.accepted[field]:
        insert(con, t.table, {**minimal_row(t), field: value})
    with pytest.raises(duckdb.ConstraintException):
        insert(con, t.table, {**minimal_row(t), field: "not-a-" + field})


def test_schema_sql_copies_no_accepted_value():
    """The lists live in etl/facts.py only; schema.sql names them by placeholder."""
    text = SCHEMA_SQL.read_text(encoding="utf-8")
    code = "\n".join(line.split("--")[0] for line in text.splitlines())
    for t in FACT_TYPES.values():
        for values in t.accepted.values():
            for value in values:
                assert f"'{value}'" not in code, value


def test_confidence_is_kept_and_bounded(con):
    t = FACT_TYPES["casualty"]
    insert(con, t.table, {**minimal_row(t), "confidence": 0.8,
                          "confidence_reasons": ["metric from 'killed'"]})
    with pytest.raises(duckdb.ConstraintException):
        insert(con, t.table, {**minimal_row(t), "confidence": 1.5})


def test_contract_fact_keeps_the_optional_fields_given():
    fact = {"type": "visit", "actor": "Antony Blinken", "place": "Kyiv", "country": "UA",
            "status": "occurred", "evidence": "Blinken arrived in Kyiv.", "mode": "train",
            "confidence": 0.9, "confidence_reasons": ["actor: subject"], "evidence_start": 4}
    out = facts.contract_fact("a1", fact)
    assert list(out) == [*FACT_TYPES["visit"].contract_keys, "mode", "confidence",
                         "confidence_reasons"]
    assert out["date"] is None and "evidence_start" not in out


needs_facts_md = pytest.mark.skipif(not FACTS_MD.is_file(), reason="../shared/FACTS.md absent")


@needs_facts_md
def test_key_order_is_that_of_the_facts_md_examples():
    text = FACTS_MD.read_text(encoding="utf-8")
    examples = [json.loads(block) for block in re.findall(r"```\n(\{.*?\})\n```", text,
                                                          re.DOTALL)]
    seen = {e["type"]: list(e) for e in examples if "type" in e}
    assert set(seen) == set(FACT_TYPES)
    for kind, keys in seen.items():
        assert keys == list(FACT_TYPES[kind].contract_keys), kind


@needs_facts_md
@pytest.mark.parametrize("field, values", [
    ("metric", facts.METRICS), ("qualifier", facts.QUALIFIERS),
    ("aid_type", facts.AID_TYPES), ("mode", facts.MEETING_MODES),
])
def test_accepted_values_are_those_facts_md_lists(field, values):
    """Every value FACTS.md lists is accepted, in its order; the contract may accept more
    (a metric the scorer does not know yet), listed after them."""
    text = re.sub(r"\n +", " ", FACTS_MD.read_text(encoding="utf-8"))  # bullets unwrapped
    line = next(x for x in text.splitlines() if x.startswith("- ") and f"`{field}`: " in x)
    said = re.split(r"; |\. ", line.split(f"`{field}`: ", 1)[1])[0]
    listed = tuple(re.findall(r"`([a-z_ ]+)`", said))
    assert listed and values[:len(listed)] == listed


CASUALTY_WORD_SECTIONS = ("metrics", "toll_words", "aside_words", "verbs", "states", "nouns")


@pytest.mark.parametrize("section", CASUALTY_WORD_SECTIONS)
def test_the_lexicons_casualty_words_give_only_the_contracts_metrics(section):
    """The extraction reads a count's metric from these lists: a metric the contract does not
    accept would be refused at the load, a misspelt one silently."""
    from etl.extract.lexicon import LEX

    listed = set(LEX.words(f"casualty.{section}"))
    assert listed and listed <= set(facts.METRICS), listed - set(facts.METRICS)


def test_every_metric_of_the_contract_has_words_to_be_read_by():
    """A metric with no word after a count ("12 abducted") could never be extracted."""
    from etl.extract.lexicon import LEX

    assert set(LEX.words("casualty.metrics")) == set(facts.METRICS)


def test_a_word_under_two_metrics_is_refused():
    """A word listed under two metrics would give one of them by the order of the file."""
    from etl.extract.lexicon import Lexicon

    lexicon = Lexicon({"casualty": {"verbs": {"killed": ["kill"], "captured": ["kill"]}}})
    with pytest.raises(ValueError, match="'kill' is listed under both"):
        lexicon.keyed("casualty.verbs")
