"""Who is who fixed in a real browser: on the People page an analyst merges two names,
splits a wrong merge, adds an alias, adds an office and ends one; two builds later (the
second extracting every article again) the page and the database still show all five.

Runs its own `streamlit run` against a database the real ETL builds from short articles
written for this test, with a corrections file of its own.
"""

from __future__ import annotations

import json

import duckdb
import pytest

from etl.build import build
from etl.extract.registry import use_observed
from tests.browser.conftest import RunSpy, screenshot, start_server, wait_for_app

pytestmark = pytest.mark.browser

ARTICLES = {
    "a-lima": ("2026-04-02", "Guatemala's Foreign Minister Ana Lucia Ordonez flew to Lima on "
               "Thursday."),
    "b-quito": ("2026-04-16", "Guatemalan Foreign Minister Ana Ordonez flew to Quito on "
                "Thursday."),
    "c-herrera": ("2026-05-04", "The envoy Tomas Herrera Ibarra flew to Montevideo on Monday "
                  "for talks."),
    "d-herrera": ("2026-05-11", "The envoy Tomas Herrera flew to Asuncion on Monday for "
                  "talks."),
}


@pytest.fixture(scope="module")
def people_server(tmp_path_factory):
    """(base URL, corrections file, database, articles) of a server of its own."""
    folder = tmp_path_factory.mktemp("people-browser")
    articles = folder / "articles"
    articles.mkdir()
    for name, (day, body) in ARTICLES.items():
        (articles / f"{name}.md").write_text(
            f"---\nid: {name}\ntitle: {name}\nsource: Test Wire\npublished: {day}\n---\n"
            f"{body}\n", encoding="utf-8")
    db, path = folder / "shuttle.duckdb", folder / "corrections.jsonl"
    build([articles], db, corrections=path)
    for base in start_server(db, folder, {"SHUTTLE_CORRECTIONS": str(path),
                                          "SHUTTLE_USER": "browser-user"}):
        yield base, path, db, articles
    use_observed([])


def _open(page, base: str, person: str) -> None:
    page.goto(f"{base}/diplomats?person={person.replace(' ', '+')}")
    wait_for_app(page, "Fix who is who")
    page.runs.idle(page)  # the page's address is written back: maybe one more run


def _choose(page, key: str, option: str) -> None:
    _open_list(page, key)
    page.locator(f".st-key-{key}").get_by_role("combobox").fill(option)  # the list filters
    before = page.runs.started
    page.get_by_role("option", name=option, exact=True).first.click()
    page.runs.idle(page, before)


def _open_list(page, key: str) -> None:
    """Open a selectbox's list with its button (a click in the box only focuses it)."""
    box = page.locator(f".st-key-{key}").get_by_role("combobox")
    box.scroll_into_view_if_needed()
    box.click()
    if box.get_attribute("aria-expanded") != "true":
        box.press("ArrowDown")


def _type(page, key: str, text: str) -> None:
    box = page.locator(f".st-key-{key} input")
    box.fill(text)
    before = page.runs.started
    box.press("Enter")
    page.runs.idle(page, before)


def _save(page, action: str, reason: str) -> None:
    _type(page, f"who_reason_{action}", reason)
    page.get_by_role("button", name="Save the correction").click()
    page.get_by_text("Saved correction").first.wait_for(state="visible", timeout=20_000)


def _fix(page, base: str, person: str, action: str, label: str) -> None:
    _open(page, base, person)
    # nothing is chosen for the analyst: no form until an action is picked
    assert page.get_by_role("button", name="Save the correction").count() == 0
    _choose(page, "who_action", label)


def test_merge_split_alias_and_office_survive_a_rebuild(people_server, page) -> None:
    base, path, db, articles = people_server
    page.runs = RunSpy(page)
    page.goto(f"{base}/")
    wait_for_app(page, "Routes")

    _fix(page, base, "Tomas Herrera Ibarra", "merge", "Merge: this name and another name "
         "are one person")
    _choose(page, "who_merge_other", "Tomas Herrera")
    before = page.runs.started
    page.locator(".st-key-who_merge_keep").get_by_text("Tomas Herrera Ibarra").click()
    page.runs.idle(page, before)
    _save(page, "merge", "the same envoy, his second surname left out")
    screenshot(page, "people-merge-saved", full=False)

    _fix(page, base, "Tomas Herrera Ibarra", "alias", "Add an alias: another spelling of "
         "this person")
    _type(page, "who_alias", "T. Herrera Ibarra")
    _save(page, "alias", "how the wire services write him")

    _fix(page, base, "Tomas Herrera Ibarra", "office", "Add an office this person held")
    _type(page, "who_office_title", "Special Envoy")
    _choose(page, "who_office_country", "Uruguay (UY)")
    _type(page, "who_office_start", "2026-03-01")
    _save(page, "office", "appointed by decree on 1 March")

    _fix(page, base, "Ana Lucia Ordonez", "split", "Split: a name wrongly folded into this "
         "person is someone else")
    _type(page, "who_split_apart", "Ana Ordonez")
    _save(page, "split", "Ana Ordonez is her deputy, not the minister")

    _fix(page, base, "Ana Lucia Ordonez", "end_office", "End one of this person's offices")
    _open_list(page, "who_end_pick")
    before = page.runs.started
    page.get_by_role("option").filter(has_text="Foreign Minister, GT").first.click()
    page.runs.idle(page, before)
    _type(page, "who_end_day", "2026-04-30")
    _save(page, "end_office", "resigned at the end of April")

    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert [(r["action"], r["target"]["name"], r["person"], r["user"]) for r in lines] == [
        ("merge", "Tomas Herrera", {"into": "Tomas Herrera Ibarra"}, "browser-user"),
        ("alias", "Tomas Herrera Ibarra", {"alias": "T. Herrera Ibarra"}, "browser-user"),
        ("office", "Tomas Herrera Ibarra", {"title": "Special Envoy", "country": "UY",
                                            "start": "2026-03-01"}, "browser-user"),
        ("split", "Ana Lucia Ordonez", {"apart": "Ana Ordonez"}, "browser-user"),
        ("end_office", "Ana Lucia Ordonez", {"title": "Foreign Minister", "country": "GT",
                                             "end": "2026-04-30"}, "browser-user"),
    ]

    build([articles], db, corrections=path)  # applies them, on the previous database
    build([articles], db, corrections=path, rebuild=True)  # and again from scratch

    con = duckdb.connect(str(db), read_only=True)
    try:
        actors = con.execute("select article_id, actor from mentions_visit order by 1"
                             ).fetchall()
        people = {n: (list(a), r) for n, a, r in
                  con.execute("select name, aliases, roles from people").fetchall()}
        states = {s for (s,) in con.execute("select status from corrections").fetchall()}
    finally:
        con.close()
    assert actors == [("a-lima", "Ana Lucia Ordonez"), ("b-quito", "Ana Ordonez"),
                      ("c-herrera", "Tomas Herrera Ibarra"),
                      ("d-herrera", "Tomas Herrera Ibarra")]
    assert "Tomas Herrera" not in people
    assert people["Tomas Herrera Ibarra"][0] == ["T. Herrera Ibarra", "Tomas Herrera"]
    assert states == {"applied"}

    _open(page, base, "Tomas Herrera Ibarra")
    # the table cells (exact text: the corrections list below words them otherwise)
    page.get_by_text("Special Envoy", exact=True).first.wait_for(state="attached")
    assert page.get_by_text("Analyst", exact=True).count() >= 1
    assert page.get_by_text("Asunción").count() >= 1  # the merged name's stop is his
    page.get_by_text("Who-is-who corrections naming Tomas Herrera Ibarra").wait_for()
    screenshot(page, "people-after-rebuild", full=True)

    _open(page, base, "Ana Ordonez")  # a person of her own again
    assert page.get_by_text("Quito").count() >= 1
    _open(page, base, "Ana Lucia Ordonez")
    page.get_by_text("2026-04-30", exact=True).first.wait_for(state="attached")
    assert page.console_errors == [], page.console_errors
