"""The briefing deck (python-pptx): a title slide with the filters and the date, then one
slide per view with its headline (the key figures), its image and, in the speaker notes,
every article behind it, so whoever presents can answer "says who?"."""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date

from ui.export.render import render_pngs
from ui.export.slides import Slide
from ui.export.style import HEIGHT, WIDTH
from ui.export.words import _outlet, day_text, plural
from ui.scope import Filters

MAX_NOTES_ARTICLES = 60  # articles listed in a slide's notes; the rest are counted


def notes_text(slide: Slide) -> str:
    """The speaker notes: what the slide shows and every article behind it, so whoever
    presents can answer "says who?"."""
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


def build_deck(slides: Sequence[Slide], f: Filters, *, pngs: Sequence[bytes] | None = None,
               today: date | None = None, omitted: Sequence[str] = ()) -> bytes:
    """The PPTX: a title slide (filters, date), then one slide per view with its headline,
    its image and the articles behind it in the notes."""
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.enum.text import PP_ALIGN
    from pptx.util import Emu, Inches, Pt

    today = today or date.today()
    pngs = list(pngs) if pngs is not None else render_pngs([s.figure for s in slides])
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    ink = RGBColor(0x11, 0x11, 0x11)
    grey = RGBColor(0x44, 0x44, 0x44)

    def style(paragraph, size: int, *, bold: bool = False, colour=ink) -> None:
        for run in paragraph.runs:
            run.font.size = Pt(size)
            run.font.bold = bold
            run.font.name = "Arial"
            run.font.color.rgb = colour

    cover = deck.slides.add_slide(deck.slide_layouts[0])
    cover.shapes.title.text = "Diplomatic routes, aid and casualties"
    cover.shapes.title.left, cover.shapes.title.top = Inches(0.8), Inches(1.2)
    cover.shapes.title.width, cover.shapes.title.height = Inches(11.7), Inches(1.4)
    cover.shapes.title.text_frame.paragraphs[0].alignment = PP_ALIGN.LEFT
    style(cover.shapes.title.text_frame.paragraphs[0], 40, bold=True)
    body = cover.placeholders[1]
    body.left, body.top, body.width, body.height = (Inches(0.8), Inches(2.9), Inches(11.7),
                                                    Inches(3.8))
    frame = body.text_frame
    lines = [f"Briefing of {day_text(today)}", *filters_lines(f),
             f"{plural(len(slides), 'view')}: "
             + (", ".join(s.label for s in slides) or "none under these filters")]
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.alignment = PP_ALIGN.LEFT
        style(paragraph, 24 if i == 0 else 20, bold=i == 0, colour=ink if i == 0 else grey)
    cover.notes_slide.notes_text_frame.text = "\n".join(
        ["Made with Shuttle from the articles in its database.", *filters_lines(f),
         *omitted])

    strip = Inches(0.62)
    picture_h = deck.slide_height - strip
    picture_w = Emu(int(picture_h * WIDTH / HEIGHT))
    left = Emu(int((deck.slide_width - picture_w) / 2))
    for slide, png in zip(slides, pngs, strict=True):
        page = deck.slides.add_slide(deck.slide_layouts[5])  # title only
        title = page.shapes.title
        title.left, title.top, title.width, title.height = left, Inches(0.08), picture_w, \
            Inches(0.52)
        title.text_frame.word_wrap = True
        title.text = slide.headline
        paragraph = title.text_frame.paragraphs[0]
        paragraph.alignment = PP_ALIGN.LEFT
        style(paragraph, 22, bold=True)
        page.shapes.add_picture(io.BytesIO(png), left, strip, width=picture_w,
                                height=picture_h)
        page.notes_slide.notes_text_frame.text = notes_text(slide)
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()
