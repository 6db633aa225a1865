"""The briefing deck (python-pptx): a title slide with the filters and the date, then one
slide per view, every one laid out alike: one title (the view and its filters, on one line),
the key figures under it, the body, and at the foot the source line (outlets and dates) and a
note, with margins on every side. Aid and casualties are native PowerPoint charts, editable
in PowerPoint; a map is the picture deck.gl draws of the dashboard's own map
(ui/export/map_picture.py), with its legend as PowerPoint text. The speaker notes list every
article behind the slide, so whoever presents can answer "says who?"."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu, Inches

from ui.charts import GREY
from ui.export import pptx_charts
from ui.export.facts_shown import trust_line
from ui.export.pptx_text import (
    GREY_INK,
    INK,
    add_text,
    fit_paragraphs,
    fitting_size,
    one_line_box,
    text_width,
)
from ui.export.slides import MAP_PICTURE, Slide
from ui.export.words import _outlet, day_text, plural
from ui.scope import Filters

MAX_NOTES_ARTICLES = 60  # articles listed in a slide's notes; the rest are counted
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
TITLE_PT = (28, 26, 24, 22, 20)  # the first size at which the title fits one line
FOOT_PT = (12, 11, 10)  # the source line and the note, wrapped, largest that fits
BODY_TOP, BODY_BOTTOM = Inches(1.4), Inches(6.2)
FOOT_TOP = Inches(6.28)  # the foot runs to the bottom margin
LEGEND_PT = 14
LEGEND_ROW = Inches(0.32)


def notes_text(slide: Slide) -> str:
    """The speaker notes: what the slide shows and every article behind it."""
    lines = [slide.title, slide.caption, "",
             f"Sources ({plural(len(slide.articles), 'article')}):"]
    for r in slide.articles.head(MAX_NOTES_ARTICLES).itertuples(index=False):
        parts = [day_text(r.published) or "undated", _outlet(r.outlet), str(r.title or r.id)]
        if isinstance(r.url, str) and r.url:
            parts.append(r.url)
        lines.append("- " + " | ".join(parts))
    if len(slide.articles) > MAX_NOTES_ARTICLES:
        lines.append(f"- and {len(slide.articles) - MAX_NOTES_ARTICLES:,} more articles "
                     "(see the Sources page)")
    return "\n".join(lines)


def filters_lines(f: Filters) -> list[str]:
    """The filters as the title slide lists them."""
    return [
        f"Diplomats: {f.diplomats_text()}",
        f"Years: {f.years_text()}",
        f"Countries: {f.countries_text()}",
        f"Status: {f.statuses_text()}",
        f"Outlets: {f.outlets_text()}",
        *(["Facts: verified or corrected by an analyst only"] if f.verified_only else []),
    ]


def _cover(deck, slides: Sequence[Slide], f: Filters, today: date,
           omitted: Sequence[str]) -> None:
    page = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    width = SLIDE_W - 2 * MARGIN
    one_line_box(page, MARGIN, Inches(1.3), width, Inches(0.8),
                 "Diplomatic routes, aid and casualties", 40, bold=True)
    trust = trust_line([s.facts for s in slides], verified_only=f.verified_only)
    lines = [f"Briefing of {day_text(today)}", *filters_lines(f),
             f"{plural(len(slides), 'view')}: "
             + (", ".join(s.label for s in slides) or "none under these filters"), trust]
    for i, line in enumerate(lines):
        size = 24 if i == 0 else fitting_size(line, width, (20, 18, 16))
        one_line_box(page, MARGIN, Inches(2.4 + 0.5 * i), width, Inches(0.46), line,
                     size, bold=i == 0, colour=INK if i == 0 else GREY_INK)
    page.notes_slide.notes_text_frame.text = "\n".join(
        ["Made with Shuttle from the articles in its database.", *filters_lines(f), trust,
         *omitted])


def legend_rows(colours: dict[str, str], width: Emu) -> list[list[tuple[str, str]]]:
    """The map legend's entries, (label, colour), in rows that fit `width`: one per
    diplomat in a colour of the palette, busiest first, and the grey ones as one entry."""
    entries = [(actor, colour) for actor, colour in colours.items() if colour != GREY]
    grey = [actor for actor, colour in colours.items() if colour == GREY]
    if grey:
        entries.append((grey[0] if len(grey) == 1 else f"{len(grey)} others (grey)", GREY))
    rows: list[list[tuple[str, str]]] = [[]]
    used = Emu(0)
    for label, colour in entries:
        need = Emu(text_width(label, LEGEND_PT) + Inches(0.5))
        if rows[-1] and used + need > width:
            rows.append([])
            used = Emu(0)
        rows[-1].append((label, colour))
        used = Emu(used + need)
    return rows if rows[0] else []


def _legend(page, rows: list[list[tuple[str, str]]], top: Emu) -> None:
    """The map's legend as PowerPoint shapes: a dot and a name per entry, row by row."""
    from pptx.enum.shapes import MSO_SHAPE

    for n, row in enumerate(rows):
        left, y = MARGIN, Emu(top + n * LEGEND_ROW)
        for label, colour in row:
            width = Emu(text_width(label, LEGEND_PT) + Inches(0.5))
            dot = page.shapes.add_shape(MSO_SHAPE.OVAL, left, Emu(y + Inches(0.07)),
                                        Inches(0.18), Inches(0.18))
            dot.fill.solid()
            dot.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
            dot.line.fill.background()
            one_line_box(page, Emu(left + Inches(0.25)), y, Emu(width - Inches(0.25)),
                         LEGEND_ROW, label, LEGEND_PT)
            left = Emu(left + width)


def _map(page, slide: Slide, width: Emu) -> None:
    """The map picture (deck.gl, ui/export/map_picture.py) and its legend below it, the
    picture as large as the body leaves room for at its own proportions."""
    from ui.export.map_picture import map_png

    rows = legend_rows(slide.colours, width)
    room = Emu(BODY_BOTTOM - BODY_TOP - len(rows) * LEGEND_ROW - Inches(0.08))
    picture_w = Emu(min(width, int(room * MAP_PICTURE[0] / MAP_PICTURE[1])))
    picture_h = Emu(int(picture_w * MAP_PICTURE[1] / MAP_PICTURE[0]))
    page.shapes.add_picture(io.BytesIO(map_png(slide.deck, *MAP_PICTURE)), MARGIN,
                            BODY_TOP, width=picture_w, height=picture_h)
    _legend(page, rows, Emu(BODY_TOP + picture_h + Inches(0.08)))


def _view_slide(deck, slide: Slide) -> None:
    page = deck.slides.add_slide(deck.slide_layouts[6])  # blank: no placeholders to clash
    width = SLIDE_W - 2 * MARGIN
    size = fitting_size(slide.title, width, TITLE_PT, bold=True)
    one_line_box(page, MARGIN, Inches(0.35), width, Inches(0.55), slide.title, size,
                 bold=True)
    one_line_box(page, MARGIN, Inches(0.92), width, Inches(0.4), slide.caption, 16,
                 colour=GREY_INK)
    body = (MARGIN, BODY_TOP, width, Emu(BODY_BOTTOM - BODY_TOP))
    if slide.view == "aid":
        pptx_charts.add_aid_chart(page, slide.data, body, str(slide.options.get("by",
                                                                               "donor")))
    elif slide.view == "casualties":
        pptx_charts.add_casualty_charts(page, slide.data, body,
                                        by_place=bool(slide.options.get("by_place")))
    else:
        _map(page, slide, width)
    foot_h = Emu(SLIDE_H - MARGIN - FOOT_TOP)
    foot_pt, foot = fit_paragraphs([slide.source, slide.note], width, foot_h, FOOT_PT)
    add_text(page, MARGIN, FOOT_TOP, width, foot_h, foot, foot_pt, colour=GREY_INK)
    page.notes_slide.notes_text_frame.text = notes_text(slide)


def build_deck(slides: Sequence[Slide], f: Filters, *, today: date | None = None,
               omitted: Sequence[str] = ()) -> bytes:
    """The PPTX: a title slide (filters, date), then one slide per view."""
    deck = Presentation()
    deck.slide_width, deck.slide_height = SLIDE_W, SLIDE_H
    _cover(deck, slides, f, today or date.today(), omitted)
    for slide in slides:
        _view_slide(deck, slide)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
