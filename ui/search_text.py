"""The full-text search's HTML, every piece of article text escaped (ui/escape.esc): a hit's
sentence with the words that matched marked, and an article with its evidence highlighted,
the search's words marked and the sentence a result opened at framed (id SCROLL_ID), plus
the constant script that brings that sentence into view."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Sequence

WORD = re.compile(r"[^\W_]+(?:['’][sS]\b)?")
SCROLL_ID = "shuttle-hit"
# Fixed code, no data in it: scroll the framed sentence to the middle of the view once the
# article has been drawn (Streamlit adds the elements one by one).
SCROLL_TO_HIT = (
    "<script>(function(){let n=0;const t=setInterval(function(){"
    f"const e=document.getElementById('{SCROLL_ID}');"
    "if(e){e.scrollIntoView({block:'center'});clearInterval(t);}"
    "if(++n>40){clearInterval(t);}},150);})();</script>"
)
STYLE = ("<style>mark{background:#FCE8A6;padding:0 2px;border-radius:2px}"
         "b.hit{background:#9BD3F0;font-weight:700;border-radius:2px;padding:0 1px}"
         f"#{SCROLL_ID}{{outline:3px solid #0072B2;outline-offset:2px;border-radius:3px}}"
         "</style>")


def fold(word: str) -> str:
    """A word as the index stores it: lower case, no accents, no possessive 's.

    >>> fold("Lavrov’s"), fold("Kyïv")
    ('lavrov', 'kyiv')
    """
    word = re.sub(r"['’]s$", "", word.lower())
    return "".join(c for c in unicodedata.normalize("NFKD", word)
                   if not unicodedata.combining(c))


def word_spans(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Where in `text` the query's `words` (folded, as the search returns them) occur, a word
    of three letters or more also at the start of a longer one.

    >>> word_spans("Lavrov's deputy met Lavrov.", ["lavrov"])
    [(0, 8), (20, 26)]
    """
    wanted = [w for w in words if w]
    spans = []
    for match in WORD.finditer(text):
        folded = fold(match.group())
        if any(folded == w or (len(w) >= 3 and folded.startswith(w)) for w in wanted):
            spans.append(match.span())
    return spans


ORDER = ("focus", "mark", "b")  # outermost first: a sentence frames evidence frames a hit


def _open(tag: str, first_focus: bool) -> str:
    if tag == "focus":
        return f"<span id='{SCROLL_ID}'>" if first_focus else "<span>"
    return "<b class='hit'>" if tag == "b" else "<mark>"


def _close(tag: str) -> str:
    return "</span>" if tag == "focus" else f"</{tag}>"


def _marked(text: str, layers: dict[str, Iterable[tuple[int, int]]],
            focus: tuple[int, int] | None = None) -> str:
    """`text` escaped, with each layer's spans wrapped in its tag (mark: evidence, b: hit)
    and the `focus` span framed, the tags nested (ORDER) so that a highlighted sentence
    stays one <mark> with the words searched for in bold inside it.

    >>> _marked("met Lavrov in Rome", {"mark": [(0, 18)], "b": [(4, 10)]})
    "<mark>met <b class='hit'>Lavrov</b> in Rome</mark>"
    """
    flags: list[set[str]] = [set() for _ in text]
    spans = {**layers, "focus": [focus] if focus is not None else []}
    for tag, found in spans.items():
        for start, end in found:
            for i in range(max(0, int(start)), min(len(text), int(end))):
                flags[i].add(tag)
    out: list[str] = []
    stack: list[str] = []
    framed = False
    i = 0
    while i < len(text):
        j = i
        while j < len(text) and flags[j] == flags[i]:
            j += 1
        wanted = [t for t in ORDER if t in flags[i]]
        keep = 0
        while keep < min(len(stack), len(wanted)) and stack[keep] == wanted[keep]:
            keep += 1
        out += [_close(t) for t in reversed(stack[keep:])]
        for tag in wanted[keep:]:
            out.append(_open(tag, tag == "focus" and not framed))
            framed |= tag == "focus"
        stack = wanted
        out.append(html.escape(text[i:j], quote=True))
        i = j
    out += [_close(t) for t in reversed(stack)]
    return "".join(out)


def hit_html(title: str, sentence: str | None, words: Sequence[str]) -> str:
    """A result: its title and best sentence, the matched words in bold on blue."""
    head = _marked(title or "", {"b": word_spans(title or "", words)})
    body = _marked(sentence or "", {"b": word_spans(sentence or "", words)})
    return (STYLE + f"<div style='font-size:17px;font-weight:600'>{head}</div>"
            + (f"<div style='font-size:16px;line-height:1.5'>{body}</div>" if body else ""))


def article_html(text: str, evidence: Iterable[tuple[int, int]], words: Sequence[str] = (),
                 focus: tuple[int, int] | None = None) -> str:
    """The article: evidence highlighted, the search's words in bold, `focus` framed."""
    body = _marked(text, {"mark": list(evidence), "b": word_spans(text, words)}, focus)
    return (STYLE + "<div style='white-space:pre-wrap;overflow-wrap:anywhere;font-size:17px;"
            "line-height:1.6;max-width:80ch;border-left:4px solid #0072B2;"
            f"padding:4px 0 4px 16px'>{body}</div>")
