"""Briefing export: any view as a 1920x1080 slide PNG, a set of views as one PPTX deck.

No streamlit (tests/test_export.py imports it in a subprocess to hold it to that): the pages,
the Briefing page and the command line call the same builders (ui/builders.py), so a slide
shows what the dashboard shows.

    slides.py     a built view as a slide: title, key figures, figure, articles behind it
    style.py      a figure restyled for 1920x1080 (fonts, margins, title, source line)
    map_picture.py  the routes map drawn by deck.gl in chromium, as the dashboard draws it
    charts.py     native PowerPoint charts of the aid and casualty views
    words.py      counts, periods and the source line of a slide
    render.py     figures to PNG with kaleido and Debian's chromium
    deck.py       the PPTX deck (python-pptx)
    cli.py        python -m ui.export --db data/shuttle.duckdb --out briefing.pptx
"""

from ui.escape import esc
from ui.export import map_picture, pptx_charts
from ui.export.cli import cli_filters, main, parse_views
from ui.export.deck import build_deck, filters_lines, notes_text
from ui.export.render import (
    CHROMIUM,
    deferred_png,
    file_stem,
    render_pngs,
    slide_png,
    slide_pngs,
)
from ui.export.slides import (
    VIEW_LABELS,
    VIEWS,
    Slide,
    aid_caption,
    build_aid,
    build_casualties,
    build_person,
    build_routes,
    build_slides,
    casualty_caption,
    route_caption,
    slide_of,
)
from ui.export.style import HEIGHT, MIN_FONT, WIDTH, slide_figure
from ui.export.words import day_text, period_text, plural, source_line
from ui.marks import hex_to_rgb

__all__ = [
    "CHROMIUM", "HEIGHT", "MIN_FONT", "VIEWS", "VIEW_LABELS", "WIDTH", "Slide", "aid_caption",
    "build_aid", "build_casualties", "build_deck", "build_person", "build_routes",
    "build_slides", "casualty_caption", "cli_filters", "day_text", "deferred_png", "esc",
    "file_stem", "filters_lines", "hex_to_rgb", "main", "map_picture", "notes_text",
    "parse_views", "period_text", "pptx_charts",
    "plural", "render_pngs", "route_caption", "slide_figure", "slide_of", "slide_png",
    "slide_pngs", "source_line",
]
