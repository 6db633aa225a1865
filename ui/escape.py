"""HTML escaping for untrusted text (titles, evidence, names) on its way into HTML.

pydeck tooltips, st.html and the highlighted article view all render HTML, so every piece of
article-derived text passes through here first; markup is added only around escaped pieces.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable


def esc(value: object) -> str:
    """Escape one value for HTML text or attribute context; None becomes "".

    >>> esc("<script>alert(1)</script>")
    '&lt;script&gt;alert(1)&lt;/script&gt;'
    >>> esc(None)
    ''
    >>> esc('say "hi" & go')
    'say &quot;hi&quot; &amp; go'
    """
    if value is None:
        return ""
    try:
        if value != value:  # NaN from pandas
            return ""
    except (TypeError, ValueError):
        pass
    return html.escape(str(value), quote=True)


def shorten(text: object, limit: int = 280) -> str:
    """Cut plain text to `limit` characters at a word boundary, with an ellipsis.

    >>> shorten("one two three", 8)
    'one two…'
    >>> shorten("short", 8)
    'short'
    """
    text = "" if text is None else " ".join(str(text).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] or text[:limit]
    return cut + "…"


def highlight(text: str, spans: Iterable[tuple[int, int]], tag: str = "mark") -> str:
    """HTML of `text` with the character spans wrapped in <mark>; every piece is escaped.

    Overlapping or touching spans are merged; spans outside the text are clipped.

    >>> highlight("a <b> c", [(2, 5)])
    'a <mark>&lt;b&gt;</mark> c'
    >>> highlight("abcdef", [(0, 2), (1, 3), (10, 12)])
    '<mark>abc</mark>def'
    """
    merged: list[list[int]] = []
    for start, end in sorted((max(0, int(s)), min(len(text), int(e))) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out: list[str] = []
    pos = 0
    for start, end in merged:
        out.append(html.escape(text[pos:start], quote=True))
        out.append(f"<{tag}>{html.escape(text[start:end], quote=True)}</{tag}>")
        pos = end
    out.append(html.escape(text[pos:], quote=True))
    return "".join(out)


# & too: Markdown decodes entities, so "AT&amp;T" in an article would read "AT&T".
_MARKDOWN_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$:&")


# Streamlit's markdown turns text into links and icons *after* escapes are undone (the GFM
# autolink-literal transform and the :material/...: and :colour[...]: directives run on the
# text itself), so a backslash cannot stop them: a WORD JOINER (U+2060, zero width, never
# shown) breaks each pattern where it starts: after a colon that a letter or a slash
# follows (https://, mailto:x, :material/home:, :red[...], :smile:), after "www" (www.)
# and before "@" (a@b.com).
WORD_JOINER = "\u2060"
_LINK_OR_ICON = re.compile(r"(?<=:)(?=[a-z/])|(?<=\bwww)(?=\.)|(?=@)", re.IGNORECASE)


def md(text: object) -> str:
    r"""Plain text made inert for Streamlit markdown (st.markdown, st.subheader, captions):
    no markup, no link, no icon; it reads as it was written.

    >>> md("[click](javascript:x) *bold* <b>").replace(WORD_JOINER, "|")
    '\\[click\\]\\(javascript\\:|x\\) \\*bold\\* \\<b\\>'
    >>> md("AT&amp;T")
    'AT\\&amp;T'
    >>> md("a@b.com www.x.org https://x.org :material/home:").replace(WORD_JOINER, "|")
    'a|@b\\.com www|\\.x\\.org https\\:|//x\\.org \\:|material/home\\:'
    """
    text = _LINK_OR_ICON.sub(WORD_JOINER, str(text or ""))
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c for c in text)
