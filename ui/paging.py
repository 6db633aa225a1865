"""Long tables a page at a time: the page control under a table and the rows it asks for.

A table of thousands of rows (the stops of a map, an itinerary, aid packages, casualty
reports, articles) is not read row by row, and drawing it whole cost the browser seconds
and the query its evidence text for every row. A paged table asks its query for one page
(`limit` and `offset` bound in the SQL), with the total count of the filtered rows beside
it, and says which rows it shows: "Rows 51 to 100 of 4,321 packages".

The arithmetic is pure (Page, page_of); `control` draws the widgets (Streamlit) and keeps the
page and its size in the URL as ?<key>_page= and ?<key>_rows=, so a shared link opens the
same page. A page past the last (the filters narrowed the rows) shows the last one.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from ui import filters

SIZES = (25, 50, 100, 250)
DEFAULT_SIZE = 50


@dataclass(frozen=True)
class Page:
    """One page of a table: `number` counts from 1, `size` rows each, `total` rows in all."""

    number: int
    size: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages the rows fill (one, even when there are none).

        >>> Page(1, 50, 0).pages, Page(1, 50, 50).pages, Page(1, 50, 51).pages
        (1, 1, 2)
        """
        return max(1, -(-self.total // self.size))

    @property
    def offset(self) -> int:
        """Rows before this page.

        >>> Page(3, 25, 100).offset
        50
        """
        return (self.number - 1) * self.size

    def caption(self, noun: str = "rows") -> str:
        """What the page shows, in words.

        >>> Page(2, 50, 4321).caption("packages")
        'Rows 51 to 100 of 4,321 packages, page 2 of 87.'
        >>> Page(1, 50, 12).caption("stops")
        'All 12 stops.'
        >>> Page(1, 50, 1).caption("stops")
        'One row.'
        """
        if self.total <= self.size:
            return "One row." if self.total == 1 else f"All {self.total:,} {noun}."
        last = min(self.offset + self.size, self.total)
        return (f"Rows {self.offset + 1:,} to {last:,} of {self.total:,} {noun}, "
                f"page {self.number:,} of {self.pages:,}.")


def page_of(number: object, size: object, total: int) -> Page:
    """The page asked for, made valid: a size of SIZES (else DEFAULT_SIZE), a number from 1
    to the last page (a page past the end shows the last; anything unreadable the first).

    >>> page_of("3", "25", 60)
    Page(number=3, size=25, total=60)
    >>> page_of(9, 25, 60), page_of("x", 7, 60).number
    (Page(number=3, size=25, total=60), 1)
    """
    size = _whole(size, DEFAULT_SIZE)
    size = size if size in SIZES else DEFAULT_SIZE
    last = Page(1, size, max(0, int(total))).pages
    return Page(min(max(_whole(number, 1), 1), last), size, max(0, int(total)))


def _whole(value: object, default: int) -> int:
    if isinstance(value, bool):
        return default
    if isinstance(value, int):
        return value
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdecimal() and len(text) < 9 else default


def requested(key: str, *, scope: object = None) -> Page:
    """The page of table `key` asked for (the URL's on a session's first run, then the
    control's), before the rows are counted: its number is made valid by `control`. When
    `scope`, what selects the rows (the filters and the page's choices), differs from the
    last run's, the first page."""
    page_key, size_key, scope_key = f"{key}_page", f"{key}_rows", f"_{key}_scope"
    if size_key not in st.session_state:
        st.session_state[size_key] = page_of(1, st.query_params.get(size_key), 0).size
    size = page_of(1, st.session_state[size_key], 0).size
    if page_key not in st.session_state:
        st.session_state[page_key] = page_of(st.query_params.get(page_key), size,
                                             10**12).number
    elif st.session_state.get(scope_key, scope) != scope:
        st.session_state[page_key] = 1
    st.session_state[scope_key] = scope
    return page_of(st.session_state[page_key], size, 10**12)


def control(key: str, total: int, *, noun: str = "rows", scope: object = None) -> Page:
    """The page control for a table of `total` rows, drawn where it is called (under the
    table's heading): the caption of the rows shown and, when they fill more than one page,
    the page number and the rows per page (see `requested` for `scope`). Returns the Page to
    ask the query for."""
    page_key, size_key = f"{key}_page", f"{key}_rows"
    wanted = requested(key, scope=scope)
    page = page_of(wanted.number, wanted.size, total)
    if st.session_state[page_key] != page.number:
        st.session_state[page_key] = page.number  # the rows narrowed: the last page
    if total > SIZES[0]:
        caption, number, rows = st.columns([4, 1, 1], vertical_alignment="bottom")
        with number:
            st.number_input("Page", min_value=1, max_value=page.pages,
                            step=1, key=page_key, disabled=page.pages < 2)
        with rows:
            st.selectbox("Rows per page", options=list(SIZES), key=size_key)
        page = page_of(st.session_state[page_key], st.session_state[size_key], total)
    else:
        caption = st.container()
    caption.caption(page.caption(noun))
    filters.sync_url(page_key, page.number, default=1)
    filters.sync_url(size_key, page.size, default=DEFAULT_SIZE)
    return page


def rows_of(frame, page: Page):
    """The rows of `frame` (already in the table's order) on `page`."""
    return frame.iloc[page.offset:page.offset + page.size]
