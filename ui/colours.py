"""One colour per diplomat, the same on every page, under every filter and on every slide.

The rule: every diplomat of the database is ranked once, by stops in the whole database
(most first, then by name: ui/sql/filter_diplomats.sql), and the first len(PALETTE) of that
ranking take the palette's colours in order; everyone after them is GREY and told apart by
name (legend, tooltip, labels). The ranking never looks at the filters, so choosing Macron
alone cannot hand him Blinken's blue, and two people of one view never share a colour unless
both are past the palette. Status is never a colour: it is the line's dash and the dot's
fill (ui/marks.py), so a planned leg keeps its diplomat's colour.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ui.charts import GREY, OKABE_ITO

# Okabe & Ito (2008) without yellow (faint on the grey land), then three of Paul Tol's
# "muted" scheme that differ from all seven in hue and lightness (wine, olive, indigo).
PALETTE: tuple[str, ...] = (*OKABE_ITO[:7], "#882255", "#999933", "#332288")


def ranked_colours(ranking: Sequence[str]) -> dict[str, str]:
    """The colour of every diplomat in the database's ranking (busiest first).

    >>> ranked_colours(["A", "B"])
    {'A': '#0072B2', 'B': '#D55E00'}
    >>> ranked_colours([str(i) for i in range(12)])["11"] == GREY
    True
    """
    return {actor: PALETTE[i] if i < len(PALETTE) else GREY
            for i, actor in enumerate(dict.fromkeys(ranking))}


def colours_for(actors: Iterable[str], ranking: Sequence[str]) -> dict[str, str]:
    """The colours of the diplomats a view draws, in the order given: each one's colour from
    the whole database's ranking, GREY for anyone past the palette or not ranked at all.

    >>> colours_for(["B"], ranking=["A", "B", "C"])
    {'B': '#D55E00'}
    >>> colours_for(["Z"], ranking=["A"])
    {'Z': '#8C8C8C'}
    """
    every = ranked_colours(ranking)
    return {actor: every.get(actor, GREY) for actor in dict.fromkeys(actors)}
