"""Articles and databases made at run time for the reliability tests: a hostile corpus (markup,
script links, entities, Markdown links, a 5,000-character word), a generator of many small
good articles, and table snapshots to compare two databases.

The articles are written here from templates; no news text is copied. The few tests at the
end check the generators themselves, so a broken generator fails loudly instead of making the
other tests pass on an empty corpus.
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date, timedelta
from pathlib import Path

import duckdb

from etl import corrections as cx
from etl.read.normalise import normalise

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[click me](javascript:alert(1))"
JS_URL = "javascript:alert(1)"
ENTITIES = "&lt;b&gt;bold&lt;/b&gt; &amp; &#60;i&#62;"
# The reader decodes entities (scraped text is full of them): this is what gets stored.
ENTITIES_DECODED = "<b>bold</b> & <i>"
MD_LINK = "[official statement](https://example.invalid/x)"
LONG = "Z" * 5000
# Text that Streamlit's markdown would turn into links and an icon, escapes or not.
AUTOLINKS = ("press@ministry.example.org https://ministry.example.org/statement "
             "www.ministry.example.org :material/rocket_launch: :red[warning]")
HOSTILE = (SCRIPT, IMG, JS_LINK, ENTITIES, MD_LINK, AUTOLINKS)

HOSTILE_ID = "2024-03-05-hostile-visit"
# Entities escaped three times stay one level escaped after the reader's two decodings.
TRIPLE = "AT&amp;amp;amp;T"
TRIPLE_STORED = "AT&amp;T"
HOSTILE_TITLE = f"Talks in Kyiv {SCRIPT} {IMG} {ENTITIES} {JS_LINK} {TRIPLE} {AUTOLINKS}"
HOSTILE_SOURCE = f"Wire {IMG} {AUTOLINKS}"
HOSTILE_ACTOR = f"Zed {IMG} Qwerty"
HOSTILE_DONOR = f"{SCRIPT} Relief Fund"
HOSTILE_REPORTER = f"{JS_LINK} monitors"
HOSTILE_WHERE = f"Odesa {ENTITIES}"

# Sentences of the hostile article, each the evidence of one fact.
VISIT = f"Antony Blinken arrived in Kyiv on Monday {SCRIPT} for talks with Ukrainian officials."
MEETING = (f"Blinken met Foreign Minister Dmytro Kuleba in Kyiv on Tuesday, {IMG} "
           "officials said.")
AID = f"The United States pledged $2 billion in aid to Ukraine {JS_LINK} on Tuesday."
CASUALTY = (f"At least 12 people were killed in Kharkiv, the {ENTITIES} emergency service "
            "said.")
ADDED_VISIT = f"A delegation {MD_LINK} arrived in Lviv on Wednesday."
LONG_SENTENCE = f"Officials in Kyiv published a code {LONG} on Monday."


def hostile_article_text() -> str:
    body = "\n\n".join([VISIT, MEETING, AID, CASUALTY, ADDED_VISIT, LONG_SENTENCE])
    front = {
        "id": HOSTILE_ID, "title": HOSTILE_TITLE, "source": HOSTILE_SOURCE,
        "url": JS_URL, "published": "2024-03-05",
    }
    lines = ["---"] + [f"{k}: {json.dumps(v)}" for k, v in front.items()] + ["---", ""]
    return "\n".join(lines) + body + "\n"


def write_hostile_corpus(folder: Path) -> tuple[Path, Path]:
    """(articles folder, corrections file): one hostile article, one plain one, and analyst
    corrections that put markup into a diplomat's name, a donor, a reporter and a place."""
    articles = folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    (articles / f"{HOSTILE_ID}.md").write_text(hostile_article_text(), encoding="utf-8")
    (articles / "2024-03-06-plain.md").write_text(
        "---\nid: 2024-03-06-plain\ntitle: Lammy in Warsaw\nsource: Plain Wire\n"
        "published: 2024-03-06\n---\n\nDavid Lammy arrived in Warsaw on Wednesday for talks "
        "with Polish officials.\n", encoding="utf-8")
    fixes = [
        cx.new_correction("add", {"article_id": HOSTILE_ID, "type": "visit",
                                  "evidence": ADDED_VISIT},
                          reason="added by hand", user="tester",
                          fact={"actor": HOSTILE_ACTOR, "place": "Lviv", "country": "UA",
                                "date": "2024-03-06", "status": "occurred"}),
        cx.new_correction("add", {"article_id": HOSTILE_ID, "type": "visit",
                                  "evidence": LONG_SENTENCE},
                          reason="added by hand", user="tester",
                          fact={"actor": LONG, "place": "Kyiv", "country": "UA",
                                "date": "2024-03-04", "status": "occurred"}),
        cx.new_correction("add", {"article_id": HOSTILE_ID, "type": "aid", "evidence": AID},
                          reason="added by hand", user="tester",
                          fact={"donor": HOSTILE_DONOR, "recipient": "Ukraine",
                                "amount": 7_000_000, "currency": "USD",
                                "aid_type": "humanitarian", "status": "pledged",
                                "date": "2024-03-05"}),
        cx.new_correction("add", {"article_id": HOSTILE_ID, "type": "casualty",
                                  "evidence": normalise(CASUALTY)},
                          reason="added by hand", user="tester",
                          fact={"metric": "wounded", "value": 31, "qualifier": "at least",
                                "as_of": "2024-03-05", "reported_by": HOSTILE_REPORTER,
                                "where": HOSTILE_WHERE}),
    ]
    corrections = folder / "corrections.jsonl"
    corrections.write_text("".join(c.to_json() + "\n" for c in fixes), encoding="utf-8")
    return articles, corrections


# -- many good articles --------------------------------------------------------------------

PEOPLE = ["Antony Blinken", "Sergei Lavrov", "David Lammy", "Annalena Baerbock",
          "Wang Yi", "Dmytro Kuleba", "Catherine Colonna", "Josep Borrell"]
PLACES = ["Kyiv", "Paris", "Berlin", "Tokyo", "Brussels", "Warsaw", "Rome", "Ankara",
          "Cairo", "Nairobi", "Madrid", "Vienna"]
DONORS = ["The United States", "Japan", "Germany", "The European Union", "Canada"]
RECIPIENTS = ["Ukraine", "Sudan", "Moldova", "Jordan"]


def good_article(n: int, rng: random.Random) -> str:
    """A small Markdown article with front matter that yields a few facts."""
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(0, 1800))
    who, other = rng.sample(PEOPLE, 2)
    where, later = rng.sample(PLACES, 2)
    sentences = [
        f"{who} arrived in {where} on Monday for talks with officials.",
        f"{who} met {other} in {where} on Tuesday, officials said.",
        f"{rng.choice(DONORS)} pledged ${rng.randrange(2, 900)} million in aid to "
        f"{rng.choice(RECIPIENTS)} on Tuesday.",
        f"At least {rng.randrange(3, 400)} people were killed in {rng.choice(PLACES)}, "
        "the health ministry said.",
        f"{other} is expected to travel to {later} next week. Item {n}.",
    ]
    rng.shuffle(sentences)
    return (f"---\nid: gen-{n:05d}\ntitle: Report number {n}\nsource: Outlet {n % 7}\n"
            f"published: {day.isoformat()}\n---\n\n" + "\n\n".join(sentences) + "\n")


def write_good_articles(folder: Path, count: int, seed: int = 7, start: int = 0) -> list[str]:
    """`count` generated articles in `folder`; their ids."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    ids = []
    for n in range(start, start + count):
        (folder / f"gen-{n:05d}.md").write_text(good_article(n, rng), encoding="utf-8")
        ids.append(f"gen-{n:05d}")
    return ids


# -- comparing databases -------------------------------------------------------------------

# Columns that record when a build ran, not what it holds.
VOLATILE = {"loaded_at", "built_at", "seen_at", "first_seen", "last_seen", "created_at"}


def snapshot(db: Path) -> dict[str, list[tuple]]:
    """{table: sorted rows} of every table, read-only, without build-time columns and without
    build_info (which holds the build time)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = [t for (t,) in con.execute(
            "select table_name from information_schema.tables where table_schema = 'main' "
            "and table_type = 'BASE TABLE' order by 1").fetchall() if t != "build_info"]
        out = {}
        for table in tables:
            columns = [c for (c,) in con.execute(
                "select column_name from information_schema.columns where table_name = ? "
                "and table_schema = 'main' order by ordinal_position", [table]).fetchall()
                if c not in VOLATILE]
            select = ", ".join('"' + c.replace('"', '""') + '"' for c in columns)
            rows = con.execute(f'select {select} from "{table}"').fetchall()
            out[table] = sorted(rows, key=repr)
        return out
    finally:
        con.close()


def checksum(db: Path, con: duckdb.DuckDBPyConnection | None = None) -> str:
    """sha256 over every row of every table (build_info included), for "nothing changed"."""
    own = con is None
    con = con or duckdb.connect(str(db), read_only=True)
    try:
        digest = hashlib.sha256()
        for (table,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'main' "
                "and table_catalog = current_database() order by 1").fetchall():
            digest.update(table.encode())
            rows = con.execute(f'select * from "{table}"').fetchall()
            for row in sorted(rows, key=repr):
                digest.update(repr(row).encode())
        return digest.hexdigest()
    finally:
        if own:
            con.close()


# -- the generators themselves -------------------------------------------------------------

def test_hostile_article_reads_with_every_hostile_string(tmp_path):
    from etl.read import read_file

    articles, _ = write_hostile_corpus(tmp_path)
    (article,) = read_file(articles / f"{HOSTILE_ID}.md")
    assert article.title == HOSTILE_TITLE.replace(ENTITIES, ENTITIES_DECODED).replace(
        TRIPLE, TRIPLE_STORED)
    assert article.url == JS_URL and article.source == HOSTILE_SOURCE
    for text in (SCRIPT, IMG, JS_LINK, ENTITIES_DECODED, MD_LINK, LONG):
        assert text in article.text


def test_good_articles_yield_facts(tmp_path):
    from etl.extract import extract_article
    from etl.read import read_file

    write_good_articles(tmp_path, 5)
    kinds = set()
    for path in sorted(tmp_path.glob("*.md")):
        (article,) = read_file(path)
        kinds |= {f["type"] for f in extract_article(article)}
    assert {"visit", "meeting", "aid", "casualty"} <= kinds
