"""Text on the deck's slides, measured before it is placed: python-pptx cannot ask
PowerPoint how wide a line comes out, so every box is sized here with Arial's metrics
(ui/textsize.py) and nothing is left to autofit, which LibreOffice and PowerPoint apply
differently. A box holds the lines it was measured for; tests/test_deck_render.py renders
the deck with LibreOffice and checks that every word lands inside its box."""

from __future__ import annotations

from collections.abc import Sequence

from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Pt

from ui import textsize

INK, GREY_INK = RGBColor(0x11, 0x11, 0x11), RGBColor(0x44, 0x44, 0x44)
LINE_SPACING = 1.2  # a line's height as a share of the font size (Arial, single spacing)


def text_width(text: str, size_pt: float, *, bold: bool = False) -> Emu:
    """The width of `text` in Arial at `size_pt`, with 3% to spare."""
    return Emu(int(Pt(textsize.text_width(text, size_pt, bold=bold)) * 1.03))


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


def wrapped(text: str, width: Emu, size: int) -> list[str]:
    """`text` broken into the lines it takes in a box `width` wide at `size` pt, at spaces
    (a word wider than the box is a line of its own, cut by one_line).

    >>> wrapped("a b c", Emu(10**9), 12)
    ['a b c']
    """
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(one_line(word, width, size))
    return lines


def line_height(size: float) -> Emu:
    return Emu(int(Pt(size) * LINE_SPACING))


def add_text(page, left, top, width, height, paragraphs: Sequence[str], size: int, *,
             bold: bool = False, colour: RGBColor = INK):
    """A text box of `paragraphs` at `size` pt, no autofit, no inner margins; the caller
    has measured that they fit (one_line, wrapped)."""
    box = page.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, text in enumerate(paragraphs):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        paragraph.alignment = PP_ALIGN.LEFT
        run = paragraph.add_run()
        run.text = text
        run.font.size, run.font.bold, run.font.name = Pt(size), bold, "Arial"
        run.font.color.rgb = colour
    return box


def one_line_box(page, left, top, width, height, text: str, size: int, *,
                 bold: bool = False, colour: RGBColor = INK):
    """A box of one line: `text` at `size`, shortened with an ellipsis if it must be."""
    return add_text(page, left, top, width, height, [one_line(text, width, size, bold=bold)],
                    size, bold=bold, colour=colour)


def fit_paragraphs(paragraphs: Sequence[str], width: Emu, height: Emu,
                   sizes: Sequence[int]) -> tuple[int, list[str]]:
    """(size, paragraphs) for a box: the largest of `sizes` at which every paragraph,
    wrapped, fits `height`; at the smallest, each paragraph is cut to one line."""
    narrower = Emu(int(width * 0.96))  # LibreOffice and PowerPoint break lines a little apart
    for size in sizes:
        lines = sum(len(wrapped(p, narrower, size)) for p in paragraphs if p)
        if lines * line_height(size) <= height:
            return size, [p for p in paragraphs if p]
    small = sizes[-1]
    return small, [one_line(p, width, small) for p in paragraphs if p]
