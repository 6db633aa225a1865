"""How wide a line of text is, measured with the font the maps and slides fall back to.

Map names and slide text boxes are placed before anything draws them, so their width has to
be known here: Liberation Sans has Arial's metrics (the slide's font, and what the map's
"Source Sans, Arial" falls back to where Source Sans is not installed), and it is wider than
Source Sans, so a box measured with it holds the text in either. Where the font is missing
a character is taken as about half an em (0.56 bold).
"""

from __future__ import annotations

from functools import cache

FONT_FILES = {False: ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
                      "/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
              True: ("/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
                     "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf")}
MEASURE_AT = 100  # the size the font is loaded at; widths scale linearly from it


@cache
def _font(bold: bool):
    from PIL import ImageFont

    for path in FONT_FILES[bold]:
        try:
            return ImageFont.truetype(path, MEASURE_AT)
        except OSError:
            continue
    return None


def text_width(text: str, size: float, *, bold: bool = False) -> float:
    """The advance width of `text` at `size` (px for px, pt for pt).

    >>> text_width("", 15)
    0.0
    >>> 30 < text_width("Brussels", 15, bold=True) < 90
    True
    """
    font = _font(bold)
    if font is None:
        return len(text) * size * (0.56 if bold else 0.5)
    return float(font.getlength(text)) * size / MEASURE_AT
