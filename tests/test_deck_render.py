"""The briefing deck as PowerPoint shows it: rendered by LibreOffice (PPTX -> PDF -> PNG), every
word of every slide lands inside the shape it belongs to and inside the slide, so no title,
caption, legend, source line or note runs over its box or off the slide.

The words and their boxes come from the PDF (poppler's pdftotext -bbox-layout), the shapes
from the PPTX (python-pptx), both in points. A word of a text box must lie in that box; any
other word (axis labels, a chart's legend) must lie in a chart. A deck with a box made to
overflow is checked the same way first, so the check is seen to fail. The PNGs go to
artifacts/screenshots/ to be looked at. Skips when LibreOffice, poppler or chromium (which
draws the map pictures) is missing: CI installs chromium only.
"""

from __future__ import annotations

import dataclasses
import io
import os
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from html import unescape
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu, Inches, Pt

from ui import db, export
from ui.charts import OKABE_ITO
from ui.export.pptx_text import add_text

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("SHUTTLE_CHROMIUM", "/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("soffice", "pdftotext", "pdftoppm"))
    or (not Path(CHROMIUM).exists() and shutil.which("chromium") is None),
    reason="needs LibreOffice (soffice), poppler-utils (pdftotext, pdftoppm) and chromium")
TOLERANCE_PT = 2.0  # glyph boxes reach a little past the line they sit on
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                  r"(.*?)</word>")
# what a chart's axes print from its numbers and dates: 1,000 / 2.5 / Oct / 2014
TICK = re.compile(r"^([\d.,%]+|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$")
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def render(pptx: bytes, folder: Path, name: str) -> Path:
    """The deck as a PDF by LibreOffice headless (a profile of its own in `folder`)."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / f"{name}.pptx"
    source.write_bytes(pptx)
    done = subprocess.run(
        ["soffice", "--headless", "--norestore", f"-env:UserInstallation={folder.as_uri()}/lo",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        capture_output=True, text=True, timeout=600, env={**os.environ, "HOME": str(folder)})
    pdf = folder / f"{name}.pdf"
    assert pdf.exists(), done.stdout + done.stderr
    return pdf


def pdf_words(pdf: Path) -> list[tuple[float, float, list[tuple[str, tuple]]]]:
    """Per page: (width, height, [(word, (x0, y0, x1, y1))]) in points from the top left."""
    layout = pdf.with_suffix(".html")
    subprocess.run(["pdftotext", "-bbox-layout", str(pdf), str(layout)], check=True,
                   timeout=120)
    pages = []
    for width, height, body in PAGE.findall(layout.read_text(encoding="utf-8")):
        words = [(unescape(text), tuple(float(v) for v in box))
                 for *box, text in WORD.findall(body)]
        pages.append((float(width), float(height), words))
    return pages


def _chart_words(shape) -> set[str]:
    """The words a chart holds: its categories, series names and titles (from its XML)."""
    xml = shape.chart.part.blob.decode("utf-8")
    return {_norm(w) for text in re.findall(r"<(?:c:v|a:t)>([^<]*)</", xml)
            for w in unescape(text).split()}


def _norm(word: str) -> str:
    return unicodedata.normalize("NFKC", word).strip()


def _points(shape) -> tuple[float, float, float, float]:
    return (shape.left / 12700, shape.top / 12700, (shape.left + shape.width) / 12700,
            (shape.top + shape.height) / 12700)


def _inside(box: tuple, rect: tuple, tolerance: float = TOLERANCE_PT) -> bool:
    return (box[0] >= rect[0] - tolerance and box[1] >= rect[1] - tolerance
            and box[2] <= rect[2] + tolerance and box[3] <= rect[3] + tolerance)


def misplaced_words(pptx: bytes, pdf: Path) -> list[str]:
    """Every word of the rendering that is outside its own text box, outside every chart
    (a word of no text box) or outside the slide, as 'slide n: word ...'."""
    deck = Presentation(io.BytesIO(pptx))
    pages = pdf_words(pdf)
    assert len(pages) == len(deck.slides)
    problems = []
    for n, (slide, (width, height, words)) in enumerate(zip(deck.slides, pages, strict=True),
                                                         start=1):
        assert (round(width), round(height)) == (round(deck.slide_width / 12700),
                                                 round(deck.slide_height / 12700))
        boxes = [(_points(s), {_norm(w) for w in s.text_frame.text.split()})
                 for s in slide.shapes if s.has_text_frame and s.text_frame.text.strip()]
        charts = [(_points(s), _chart_words(s)) for s in slide.shapes if s.has_chart]
        for word, box in words:
            word = _norm(word)
            if not _inside(box, (0, 0, width, height), 0):
                problems.append(f"slide {n}: {word!r} at {box} runs off the slide")
                continue
            owners = [rect for rect, texts in boxes if word in texts]
            if any(_inside(box, rect) for rect in owners) or any(
                    _inside(box, rect) for rect, texts in charts
                    if word in texts or TICK.match(word)):
                continue
            problems.append(f"slide {n}: {word!r} at {box} is "
                            + (f"outside its box {owners}" if owners else "in no shape"))
    return problems


def pngs(pdf: Path, name: str) -> list[Path]:
    """The rendering as PNGs in artifacts/screenshots/ (deck-1.png, ...), 1280 px wide."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-scale-to-x", "1280", "-scale-to-y", "-1",
                    str(pdf), str(SCREENSHOTS / name)], check=True, timeout=300)
    return sorted(SCREENSHOTS.glob(f"{name}-*.png"))


def test_the_check_sees_a_box_that_overflows(tmp_path):
    deck = Presentation()
    deck.slide_width, deck.slide_height = Inches(13.333), Inches(7.5)
    page = deck.slides.add_slide(deck.slide_layouts[6])
    add_text(page, Inches(1), Inches(1), Inches(2), Pt(16),
             ["A line far too long for a box two inches wide, so it wraps below it"], 12)
    out = io.BytesIO()
    deck.save(out)
    problems = misplaced_words(out.getvalue(), render(out.getvalue(), tmp_path, "overflow"))
    assert any("outside its box" in p for p in problems), problems


@pytest.fixture(scope="module")
def con(pages_db):
    connection = db.cursor(db.open_handle(pages_db))
    yield connection
    connection.close()


def test_the_rendered_deck_keeps_every_word_in_its_box(con, tmp_path):
    f = export.cli_filters(con, ["Antony Blinken"], None, None)
    slides, _ = export.build_slides(con, f, list(export.VIEWS))
    # and the routes slide again with the longest texts a slide may carry
    outlets = ", ".join(f"Outlet number {i} of the wire services" for i in range(12))
    crowded = dataclasses.replace(
        slides[0], title="Routes of " + " and ".join(["Antony Blinken"] * 8) + ", 2014-2024",
        caption=slides[0].caption + ", " + slides[0].caption,
        source=f"Source: 48 articles from {outlets}, published 10 Nov 2013 to 11 Sep 2024.",
        note="Solid lines and filled dots took place; dashed lines and rings were planned "
             "or possible; diamonds mark meetings. " * 3,
        colours={f"Diplomat number {i}": c for i, c in
                 enumerate(list(OKABE_ITO) * 2)})
    pptx = export.build_deck([*slides, crowded], f, today=date(2026, 12, 2))
    pdf = render(pptx, tmp_path, "deck")
    assert misplaced_words(pptx, pdf) == []
    shots = pngs(pdf, "deck")
    assert len(shots) == len(slides) + 2  # the title slide, each view, the crowded one
    deck = Presentation(io.BytesIO(pptx))
    # nothing was cut to fit either, but where the crowded slide had to be
    for slide, page in zip(slides, list(deck.slides)[1:], strict=False):
        text = "\n".join(s.text_frame.text for s in page.shapes if s.has_text_frame)
        for part in (slide.title, slide.caption, slide.source, slide.note):
            assert part in text, part
    assert Emu(deck.slide_width) == Inches(13.333)
