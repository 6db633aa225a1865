"""`python -m ui.export --verified-only`, run as an analyst would, on a database the real build
makes from the fixture articles after two facts were verified: the deck holds those facts and
nothing else (its aid chart, its map slide's sources, its captions), each view's title says
"verified facts only", and the title slide says how many facts were verified and by whom.
The same export without the flag shows every fact and says how few were checked."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from etl.build import build
from tests.conftest import FIXTURE_ARTICLES, verify_and_rebuild
from tests.readdb import query
from tests.test_export import needs_chromium, texts

ROOT = Path(__file__).resolve().parent.parent
SEOUL = "2023-11-09-blinken-arrives-in-seoul"
PARIS = "2024-04-15-paris-conference-pledges-for-sudan"


@pytest.fixture(scope="module")
def verified_db(tmp_path_factory):
    """A database with Blinken's Seoul stop and France's pledge to Sudan verified by 'tester'."""
    folder = tmp_path_factory.mktemp("verified-deck")
    corpus = folder / "articles"
    shutil.copytree(FIXTURE_ARTICLES, corpus)
    db, path = folder / "shuttle.duckdb", folder / "corrections.jsonl"
    build([corpus], db, corrections=path)
    [(stop,)] = query(db, "select mention_id from mentions_visit where place = 'Seoul' and "
                          "article_id = ?", [SEOUL])
    [(aid,)] = query(db, "select mention_id from mentions_aid where donor = 'France' and "
                         "article_id = ?", [PARIS])
    verify_and_rebuild(corpus, db, path, (stop, aid))
    return db


def export(db: Path, out: Path, *flags: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ui.export", "--db", str(db), "--out", str(out),
         "--views", "routes,aid", *flags],
        cwd=ROOT, env={**os.environ, "SHUTTLE_USER": "exporter"}, capture_output=True,
        text=True, timeout=600)


def aid_values(deck) -> dict[str, float]:
    chart = next(s.chart for slide in deck.slides for s in slide.shapes if s.has_chart)
    categories = list(chart.plots[0].categories)
    return {c: sum(v or 0 for v in values) for c, *values in zip(
        categories, *(list(p.values) for p in chart.plots[0].series), strict=True)}


@needs_chromium
def test_a_verified_only_deck_holds_only_verified_facts_and_says_so(verified_db, tmp_path):
    db = verified_db
    reviewed = query(db, "select count(*) from stops where review_state = 'verified'")[0][0]
    assert reviewed == 1 and query(db, "select count(*) from stops")[0][0] > 1

    done = export(db, tmp_path / "verified.pptx", "--verified-only")
    assert done.returncode == 0, done.stderr
    deck = Presentation(str(tmp_path / "verified.pptx"))
    cover = "\n".join(texts(deck.slides[0]))
    # one stop and one commitment: both verified, by the analyst who did it
    assert "Verified facts only: all 2 facts shown verified or corrected, by tester (2)." \
        in cover, cover
    assert "Facts: verified or corrected by an analyst only" in cover
    routes, aid = list(deck.slides)[1:]
    for slide in (routes, aid):
        assert texts(slide)[0].endswith(", verified facts only"), texts(slide)[0]
    assert "1 stop" in "\n".join(texts(routes))
    notes = routes.notes_slide.notes_text_frame.text
    # the sources are the verified stop's articles, and no other article is named
    titles = dict(query(db, "select id, title from articles"))
    [(behind,)] = query(db, "select article_ids from stops where review_state = 'verified'")
    assert SEOUL in behind and f"Sources ({len(behind)} article" in notes
    assert {i for i, t in titles.items() if t in notes} == set(behind)
    assert list(aid_values(deck)) == ["France"]  # the EU's unverified pledge is left out

    everything = export(db, tmp_path / "all.pptx")
    assert everything.returncode == 0, everything.stderr
    full = Presentation(str(tmp_path / "all.pptx"))
    cover = "\n".join(texts(full.slides[0]))
    shown = int(cover.split("Facts shown: ")[1].split(",")[0])
    assert shown > 2 and f"of which 2 verified or corrected, by tester (2); {shown - 2} " \
        "unreviewed." in cover, cover
    assert set(aid_values(full)) == {"France", "European Union"}
    assert not texts(full.slides[1])[0].endswith("verified facts only")
