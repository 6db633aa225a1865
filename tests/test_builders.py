"""Each view has one builder (ui/builders.py) for its page and its slide: the page under
AppTest and the exporter's slide say the same title and leave out the same bars."""

from __future__ import annotations

from pathlib import Path

import plotly.io as pio
import pytest
from streamlit.testing.v1 import AppTest

from etl.build import build
from ui import builders, chart_trust, db, export
from ui.scope import Filters

ROOT = Path(__file__).resolve().parent.parent
DASHBOARD = str(ROOT / "dashboard.py")
# Seventeen donors, each pledging a different sum: more than the aid chart draws.
DONORS = ["Norway", "Sweden", "Denmark", "Finland", "Ireland", "Canada", "Japan", "Australia",
          "Austria", "Belgium", "Spain", "Italy", "Portugal", "Poland", "Greece",
          "Netherlands", "Switzerland"]


def page(db_path: Path, monkeypatch, path: str, **params: str) -> AppTest:
    monkeypatch.setenv("SHUTTLE_DB", str(db_path))
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    if path:
        at.switch_page(path).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def figure_title(at: AppTest) -> str:
    return pio.from_json(at.get("plotly_chart")[0].proto.spec).layout.title.text


def unescaped(text: str) -> str:
    return text.replace("\\", "")


@pytest.fixture
def con(pages_db):
    connection = db.cursor(db.open_handle(pages_db))
    yield connection
    connection.close()


def test_routes_page_and_slide_share_the_title(pages_db, con, monkeypatch):
    at = page(pages_db, monkeypatch, "", diplomat="John Kerry")
    slide = export.build_routes(con, Filters(diplomats=("John Kerry",),
                                             year_bounds=(2014, 2024)))
    assert unescaped(at.subheader[0].value) == slide.title
    assert slide.title.startswith("Routes of John Kerry, 2014-2024")


def test_person_page_and_slide_share_the_title(pages_db, con, monkeypatch):
    at = page(pages_db, monkeypatch, "views/people.py", person="David Lammy")
    slide = export.build_person(con, Filters(year_bounds=(2014, 2024)), "David Lammy")
    assert slide.title in {unescaped(s.value) for s in at.subheader}


def test_aid_page_and_slide_share_the_title(pages_db, con, monkeypatch):
    at = page(pages_db, monkeypatch, "views/aid.py")
    slide = export.build_aid(con, Filters(year_bounds=(2014, 2024)))
    assert figure_title(at) == slide.title == "Aid by donor, 2014-2024, all stages, USD"


def test_aid_and_casualty_slides_say_the_pages_headline(pages_db, con, monkeypatch):
    f = Filters(year_bounds=(2014, 2024))
    for path, view, slide in (
            ("views/aid.py", builders.aid_view(con, f), export.build_aid(con, f)),
            ("views/casualties.py", builders.casualties_view(con, f),
             export.build_casualties(con, f))):
        at = page(pages_db, monkeypatch, path)
        assert view.headline and slide.headline == f"{slide.label}: {view.headline}"
        assert unescaped(at.markdown[0].value) == f"**{view.headline}**"


def test_casualties_page_and_slide_share_the_title_and_place(pages_db, con, monkeypatch):
    at = page(pages_db, monkeypatch, "views/casualties.py")
    slide = export.build_casualties(con, Filters(year_bounds=(2014, 2024)))
    assert figure_title(at) == slide.title
    assert at.selectbox(key="place").value in slide.title


@pytest.fixture(scope="module")
def many_donors_db(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("donors")
    for i, donor in enumerate(DONORS):
        (folder / f"2024-04-{i + 1:02d}-{donor.lower()}-pledges.md").write_text(
            f"---\nid: 2024-04-{i + 1:02d}-{donor.lower()}-pledges\ntitle: {donor} pledges aid "
            f"for Sudan\nsource: Shuttle test desk\npublished: 2024-04-{i + 1:02d}\n---\n"
            f"{donor} pledged ${i + 2} million in humanitarian aid for Sudan on Monday.\n",
            encoding="utf-8")
    return build([folder], folder / "donors.duckdb").db


def bar_parties(fig) -> set[str]:
    """The parties the bars stand for (the Trust legend's entries stand for none)."""
    return {p for trace in fig.data if trace.type == "bar"
            and not chart_trust.is_trust_trace(trace) for p in trace.y}


def test_aid_page_and_slide_cap_the_same_bars(many_donors_db, monkeypatch):
    at = page(many_donors_db, monkeypatch, "views/aid.py")
    on_page = pio.from_json(at.get("plotly_chart")[0].proto.spec)
    connection = db.cursor(db.open_handle(many_donors_db))
    slide = export.build_aid(connection, Filters(year_bounds=(2024, 2024)))
    connection.close()
    # "Switzerland pledged $18 million" is the largest; "Norway pledged $2 million" the least
    assert len(bar_parties(on_page)) == builders.MAX_AID_BARS < len(DONORS)
    assert bar_parties(slide.figure) == bar_parties(on_page)
    assert "Switzerland" in bar_parties(on_page) and "Norway" not in bar_parties(on_page)
    note = f"the {builders.MAX_AID_BARS} largest of {len(DONORS)} donors"
    assert any(note in a.text for a in on_page.layout.annotations)
    # the slide's source line wraps: read it as one line
    assert any(note[1:] in a.text.replace("<br>", " ") for a in slide.figure.layout.annotations)
