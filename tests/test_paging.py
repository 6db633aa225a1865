"""The page control of long tables (ui/paging.py) under streamlit's AppTest: page 2 lists the
rows after page 1, the caption counts every row, the page and its size go into the URL and
come back from it, a narrower set of rows shows its last page, and a new scope the first."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest


def _table_app() -> None:
    """A table of `n` numbered rows (session state) under the page control."""
    import pandas as pd
    import streamlit as st

    from ui import paging

    n = st.session_state.get("n", 120)
    frame = pd.DataFrame({"row": range(1, n + 1)})
    page = paging.control("things", len(frame), noun="things",
                          scope=st.session_state.get("scope"))
    st.session_state["shown"] = list(paging.rows_of(frame, page)["row"])


def _app() -> AppTest:
    return AppTest.from_function(_table_app, default_timeout=30)


def _caption(at: AppTest) -> str:
    return at.caption[0].value


def test_page_two_lists_the_rows_after_page_one():
    at = _app().run()
    assert at.session_state["shown"] == list(range(1, 51))
    assert _caption(at) == "Rows 1 to 50 of 120 things, page 1 of 3."
    at.number_input(key="things_page").set_value(2).run()
    assert at.session_state["shown"] == list(range(51, 101))
    assert _caption(at) == "Rows 51 to 100 of 120 things, page 2 of 3."
    assert at.query_params["things_page"] in ("2", ["2"])
    at.number_input(key="things_page").set_value(3).run()
    assert at.session_state["shown"] == list(range(101, 121))


def test_rows_per_page_and_the_url_round_trip():
    at = _app()
    at.query_params["things_page"] = "2"
    at.query_params["things_rows"] = "25"
    at.run()
    assert at.session_state["shown"] == list(range(26, 51))
    assert _caption(at) == "Rows 26 to 50 of 120 things, page 2 of 5."
    at.selectbox(key="things_rows").set_value(100).run()
    assert at.session_state["shown"] == list(range(101, 121))  # page 2 of 100 rows each


def test_fewer_rows_show_the_last_page_and_a_new_scope_the_first():
    at = _app().run()
    at.number_input(key="things_page").set_value(3).run()
    at.session_state["n"] = 70  # the filters narrowed the rows: two pages left
    at.run()
    assert at.session_state["shown"] == list(range(51, 71))
    at.session_state["scope"] = "another filter"
    at.run()
    assert at.session_state["shown"] == list(range(1, 51))
    at.session_state["n"] = 12
    at.run()
    assert _caption(at) == "All 12 things."
    assert not at.number_input  # one page: no control to work
