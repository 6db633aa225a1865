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
from functools import cache

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches, Pt

from ui.charts import GREY
from ui.export import pptx_charts
from ui.export.slides import MAP_PICTURE, Slide
from ui.export.words import _outlet, day_text, plural
from ui.scope import Filters

MAX_NOTES_ARTICLES = 60  # articles listed in a slide's notes; the rest are counted
SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
INK, GREY_INK = RGBColor(0x11, 0x11, 0x11), RGBColor(0x44, 0x44, 0x44)
TITLE_PT = (28, 26, 24, 22, 20)  # the first size at which the title fits one line
FONT_FILES = {False: "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
              True: "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"}


@cache
def _font(bold: bool, size: int):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(FONT_FILES[bold], size * 10)
    except OSError:
        return None


def text_width(text: str, size_pt: float, *, bold: bool = False) -> Emu:
    """The width of `text` in Arial (Liberation Sans has its metrics) at `size_pt`; about
    half an em a character where that font is not installed."""
    font = _font(bold, int(size_pt))
    points = font.getlength(text) / 10 if font else len(text) * size_pt * (0.56 if bold
                                                                           else 0.5)
    return Emu(int(Pt(points) * 1.03))


def fitting_size(text: str, width: Emu, sizes: Sequence[int], *, bold: bool = False) -> int:
    """The largest of `sizes` at which `text` fits on one line of `width`."""
    for size in sizes:
        if text_width(text, size, bold=bold) <= width:
            return size
    return sizes[-1]


def one_line(text: str, width: Emu, size: int, *, bold: bool = False) -> str:
    """`text`, shortened at a word with an ellipsis if it does not fit one line of `width`."""
    if text_width(text, size, bold=bold) <= width:
        return text
    words = text.split()
    while words and text_width(" ".join(words) + "…", size, bold=bold) > width:
        words.pop()
    return " ".join(words) + "…"


def _text(page, left, top, width, height, text: str, size: int, *, bold: bool = False,
          colour=INK, fit: bool = True):
    """A text box of one paragraph, no autofit and no wrap (what fits was measured)."""
    box = page.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True  # what fits one line was measured; wrap keeps it left-aligned
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.TOP
    paragraph = frame.paragraphs[0]
    paragraph.alignment = PP_ALIGN.LEFT
    run = paragraph.add_run()
    run.text = one_line(text, width, size, bold=bold) if fit else text
    run.font.size, run.font.bold, run.font.name = Pt(size), bold, "Arial"
    run.font.color.rgb = colour
    return box


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
    ]


def _cover(deck, slides: Sequence[Slide], f: Filters, today: date,
           omitted: Sequence[str]) -> None:
    page = deck.slides.add_slide(deck.slide_layouts[6])  # blank
    width = SLIDE_W - 2 * MARGIN
    _text(page, MARGIN, Inches(1.3), width, Inches(0.8),
          "Diplomatic routes, aid and casualties", 40, bold=True)
    lines = [f"Briefing of {day_text(today)}", *filters_lines(f),
             f"{plural(len(slides), 'view')}: "
             + (", ".join(s.label for s in slides) or "none under these filters")]
    for i, line in enumerate(lines):
        _text(page, MARGIN, Inches(2.6 + 0.55 * i), width, Inches(0.5), line,
              24 if i == 0 else 20, bold=i == 0, colour=INK if i == 0 else GREY_INK)
    page.notes_slide.notes_text_frame.text = "\n".join(
        ["Made with Shuttle from the articles in its database.", *filters_lines(f),
         *omitted])


def _legend(page, colours: dict[str, str], top: Emu) -> None:
    """The map's legend as PowerPoint shapes: a dot and a name per coloured diplomat."""
    from pptx.enum.shapes import MSO_SHAPE

    left = MARGIN
    for actor, colour in list(colours.items())[:10]:
        if colour == GREY:
            continue
        label = f"{actor}"
        width = Emu(text_width(label, 14) + Inches(0.5))
        if left + width > SLIDE_W - MARGIN:
            break
        dot = page.shapes.add_shape(MSO_SHAPE.OVAL, left, Emu(top + Inches(0.06)),
                                    Inches(0.18), Inches(0.18))
        dot.fill.solid()
        dot.fill.fore_color.rgb = RGBColor.from_string(colour.lstrip("#").upper())
        dot.line.fill.background()
        _text(page, Emu(left + Inches(0.25)), top, Emu(width - Inches(0.25)), Inches(0.3),
              label, 14)
        left = Emu(left + width)


def _view_slide(deck, slide: Slide) -> None:
    page = deck.slides.add_slide(deck.slide_layouts[6])  # blank: no placeholders to clash
    width = SLIDE_W - 2 * MARGIN
    size = fitting_size(slide.title, width, TITLE_PT, bold=True)
    _text(page, MARGIN, Inches(0.35), width, Inches(0.55), slide.title, size, bold=True)
    _text(page, MARGIN, Inches(0.92), width, Inches(0.4), slide.caption, 16, colour=GREY_INK)
    body = (MARGIN, Inches(1.4), width, Inches(4.95))
    if slide.view == "aid":
        pptx_charts.add_aid_chart(page, slide.data, body, str(slide.options.get("by",
                                                                               "donor")))
    elif slide.view == "casualties":
        pptx_charts.add_casualty_charts(page, slide.data, body,
                                        by_place=bool(slide.options.get("by_place")))
    else:
        from ui.export.map_picture import map_png

        picture_h = Emu(int(width * MAP_PICTURE[1] / MAP_PICTURE[0]))
        page.shapes.add_picture(io.BytesIO(map_png(slide.deck, *MAP_PICTURE)), MARGIN,
                                Inches(1.4), width=width, height=picture_h)
        _legend(page, slide.colours, Emu(Inches(1.4) + picture_h + Inches(0.08)))
    _text(page, MARGIN, Inches(6.5), width, Inches(0.3), slide.source, 12, colour=GREY_INK)
    _text(page, MARGIN, Inches(6.82), width, Inches(0.3), slide.note, 12, colour=GREY_INK)
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
