"""Shuttle's dashboard: the shared sidebar filters and the pages (streamlit run dashboard.py)."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Shuttle", layout="wide", initial_sidebar_state="expanded")

import duckdb  # noqa: E402  (set_page_config must come first)

from etl.oneline import first_line  # noqa: E402
from etl.settings import db_path  # noqa: E402
from ui import db, filters, queries  # noqa: E402
from ui.escape import md  # noqa: E402

REQUIRED_TABLES = ("articles", "stops", "legs", "meetings", "aid", "casualty_reports",
                   "event_mentions", "people", "filter_counts", "article_events")
# columns the build adds (etl/sql/post/): a file without them predates them
REQUIRED_COLUMNS = ("stops.evidence_count", "stops.outlets", "legs.from_status",
                    "aid.day_lo", "casualty_reports.article_ids", "meetings.outlets",
                    "aid_packages.day_lo", "casualty_reports.series_id",
                    "stops.review_state", "legs.review_state", "review_facts.review_state",
                    "aid_packages.review_state", "event_mentions.event_summary",
                    "aid_packages.history", "stops.map_rank", "stops.route_rank",
                    "legs.map_rank", "legs.from_stop_rank", "casualty_reports.chart_rank",
                    "aid_packages.size_rank",
                    "stops.article_nos", "casualty_reports.article_nos",
                    "aid_packages.article_nos")


def database_problem() -> str | None:
    """Build the sample database when none exists; a sentence for the analyst if that fails."""
    path = db_path()
    try:
        from etl.build import ensure_database
    except Exception as err:  # the ETL itself is broken: say so, keep the traceback out
        if path.exists():
            return None
        return f"No database at {path}, and the builder cannot be loaded ({err})."
    if not path.exists():
        try:
            with st.spinner(f"Building the database {path.name} from the sample articles "
                            "(first start only, about a minute)…"):
                ensure_database(path)
        except Exception as err:
            return (f"No database at {path}, and building it from the sample articles "
                    f"failed: {err}. Run 'python -m etl build' to see the details.")
    if not path.exists():
        return f"No database at {path}. Run 'python -m etl build' first."
    return None


def damaged(detail: object) -> None:
    """The one message of every page on a database that cannot be read, and stop."""
    st.error(md(f"The database {db_path()} is damaged and cannot be read ({first_line(detail)}). "
                "Rebuild it with 'python -m etl build --rebuild' (a plain 'python -m etl "
                "build' also rebuilds it from the articles when it finds it damaged)."))
    st.stop()


problem = database_problem()
if problem:
    st.error(md(problem))
    st.stop()

damage = db.damage()
if damage:
    damaged(damage)

try:
    con = db.connection()
    missing = queries.missing_tables(con, REQUIRED_TABLES)
    if missing:
        st.error(md(f"The database {db_path()} has no {', '.join(missing)} table yet "
                    "(the marts are built by etl/events.py). Rebuild it with "
                    "'python -m etl build'."))
        st.stop()
    outdated = queries.missing_columns(con, REQUIRED_COLUMNS)
    if outdated:
        st.error(md(f"The database {db_path()} was built by an earlier version of Shuttle "
                    f"(it lacks {', '.join(outdated)}). Rebuild it with 'python -m etl "
                    "build': the articles are read again and nothing else is needed."))
        st.stop()
    filters.render_sidebar(con)
except duckdb.Error as err:
    damaged(err)

# The page files live in views/, not pages/: Streamlit treats a folder named pages/ as an
# old-style multipage app until st.navigation has run once in the process, so a shared link
# opened on a fresh server showed "Page not found" (and a path equal to a file's stem ran
# that file without this script's sidebar). st.navigation is the only page registry here.
# The default page's address is the root (/) whatever its url_path says, so /route-map
# matched no page and Streamlit announced "Page not found" over the Routes page it fell back
# to. The same file is registered again, hidden from the menu, at ROUTES_PATH: every page
# has an address of its own that opens directly, with its filters.
ROUTES_PATH = "route-map"
pages = [
    st.Page("views/routes.py", title="Routes", url_path="routes", default=True),
    st.Page("views/routes.py", title="Routes", url_path=ROUTES_PATH, visibility="hidden"),
    st.Page("views/aid.py", title="Aid", url_path="aid-amounts"),
    st.Page("views/casualties.py", title="Casualties", url_path="casualty-figures"),
    st.Page("views/people.py", title="People", url_path="diplomats"),
    st.Page("views/briefing.py", title="Briefing", url_path="briefing-slides"),
    st.Page("views/sources.py", title="Sources", url_path="evidence"),
    st.Page("views/review.py", title="Review", url_path="review-queue"),
    st.Page("views/corrections.py", title="Corrections", url_path="audit"),
]
try:
    st.navigation(pages, position="top").run()
except duckdb.Error as err:  # a block gone bad since the check: the message, not a traceback
    damaged(err)
