"""Body text normalisation: entities (and their scraped debris) decoded, odd characters and
spaces made plain, so that every offset stored later refers to this one text."""

from __future__ import annotations

import html
import re
import unicodedata

# Entities with their semicolon only: html.unescape alone would also turn "&notice" into
# "¬ice" (legacy entities without a semicolon), which news text does contain.
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Debris of entities that lost their ampersand in a scrape: "Gaza#39;s", "NNA -nbsp;The".
_BROKEN_ENTITY = re.compile(
    r"(?<!&)#(?:39|34|38|160|8211|8212|8216|8217|8220|8221|x27|x22);"
    r"|(?<![&A-Za-z])(?:nbsp|quot|apos);"
    r"|&nbsp(?![A-Za-z0-9;])"
)


def _fix_broken_entity(match: re.Match[str]) -> str:
    found = match.group(0)
    if found.startswith("&"):  # "&nbsp" without its semicolon
        return " "
    return html.unescape("&" + found)


def _unescape_entity(match: re.Match[str]) -> str:
    return html.unescape(match.group(0))


_TRANSLATION: dict[int, str | None] = {}
# Odd spaces (no-break, figure, thin, narrow no-break, ideographic ...) and tabs: one space.
for _cp in (0x09, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x202F, 0x205F, 0x3000):
    _TRANSLATION[_cp] = " "
# Invisible characters: zero-width space/joiners, word joiner, BOM, soft hyphen, bidi marks.
for _cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0xAD, 0x200E, 0x200F, 0xFFFC,
            *range(0x202A, 0x202F), *range(0x2066, 0x206A)):
    _TRANSLATION[_cp] = None
# Other line breaks become "\n".
for _cp in (0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029):
    _TRANSLATION[_cp] = "\n"
# Remaining C0/C1 control characters carry no text.
for _cp in (*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F, *range(0x80, 0x85), *range(0x86, 0xA0)):
    _TRANSLATION[_cp] = None
del _cp
_ODD_CHARACTER = re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(_TRANSLATION)) + "]")


def _replace_odd(match: re.Match[str]) -> str:
    return _TRANSLATION[ord(match.group(0))] or ""

_SPACES = re.compile(r" {2,}")
_SPACE_AROUND_NEWLINE = re.compile(r" *\n *")


def normalise(raw: str) -> str:
    """The body as offsets refer to it: entities decoded, odd spaces unified, NFC.

    Newlines are kept (paragraph structure matters); runs of spaces become one space and
    spaces at line ends are dropped; smart quotes and dashes are kept as they are.

    >>> print(normalise("Secretary of\\u00a0 State\\r\\nKerry\\u200b said&nbsp;it&#39;s “fine”"
    ...                 " – Gaza#39;s"))
    Secretary of State
    Kerry said it's “fine” – Gaza's
    >>> normalise("NNA -nbsp;The Ministry &amp;amp; co\\t\\tsaid &notice")
    'NNA - The Ministry & co said &notice'
    >>> normalise("one\\n\\n\\ntwo  ")
    'one\\n\\n\\ntwo'
    """
    text = raw.replace("\r\n", "\n")
    if "&" in text or ";" in text:
        for _ in range(2):  # twice: scrapes double-escape ("&amp;nbsp;")
            text = _ENTITY.sub(_unescape_entity, text)
        text = _BROKEN_ENTITY.sub(_fix_broken_entity, text)
    text = _ODD_CHARACTER.sub(_replace_odd, text)  # faster than str.translate on long text
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = _SPACES.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE.sub("\n", text)
    return text.strip()
