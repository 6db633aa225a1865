"""Every place the dashboard hands text to something that renders Markdown or HTML, checked
from the source: the text must be a constant, pass through ui/escape (md, esc, highlight),
be a number, or be on the short reviewed list below with the reason it is safe.

A new st.markdown / st.caption / st.html ... call with unescaped text fails here before it
reaches a browser; tests/browser/test_hostile.py then shows hostile strings as text.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import streamlit

from ui import maps
from ui.escape import WORD_JOINER, md

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted([*ROOT.glob("views/*.py"), *ROOT.glob("ui/*.py"), ROOT / "dashboard.py"])

# Streamlit calls whose text is rendered as Markdown (or, for html, as HTML).
MARKDOWN_CALLS = {"markdown", "caption", "subheader", "header", "title", "info", "error",
                  "warning", "success", "toast", "write", "html", "expander", "popover",
                  "tabs", "metric", "latex"}
ESCAPERS = {"md", "esc", "highlight"}
# Producers of HTML that escape what they take (tests/test_ui_pure.py checks them).
SAFE_HTML = {"maps.SEA_CSS", "maps.legend_html"}
# Reviewed: (file, expression) -> why it is safe.
REVIEWED = {
    ("views/sources.py", "body"): "body = highlight(article text, spans): every piece escaped",
    ("ui/filters.py", "bounds[0]"): "a year from queries.year_bounds: an int",
    ("views/briefing.py", "i"): "a slide number from enumerate(): an int",
}


def _name(node: ast.AST) -> str:
    return ast.unparse(node)


def unsafe_parts(node: ast.AST, path: str) -> list[str]:
    """The sub-expressions of `node` that may carry unescaped text."""
    if isinstance(node, ast.Constant):
        return []
    if isinstance(node, ast.Call):
        func = _name(node.func)
        if func in ESCAPERS or func in SAFE_HTML or func in ("len", "int", "sum"):
            return []
        if isinstance(node.func, ast.Attribute) and node.func.attr == "join":
            return unsafe_parts(node.func.value, path) + [
                p for arg in node.args for p in unsafe_parts(arg, path)]
    if isinstance(node, ast.Attribute) and _name(node) in SAFE_HTML:
        return []
    if isinstance(node, ast.JoinedStr):
        return [p for value in node.values for p in unsafe_parts(value, path)]
    if isinstance(node, ast.FormattedValue):
        spec = _name(node.format_spec) if node.format_spec else ""
        if re.search(r"[,d]'?\)?$", spec.strip("f'\"")):  # {n:,} / {n:d}: numbers only
            return []
        return unsafe_parts(node.value, path)
    if isinstance(node, ast.IfExp):
        return unsafe_parts(node.body, path) + unsafe_parts(node.orelse, path)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return unsafe_parts(node.left, path) + unsafe_parts(node.right, path)
    if isinstance(node, ast.List | ast.Tuple):
        return [p for e in node.elts for p in unsafe_parts(e, path)]
    if isinstance(node, ast.ListComp | ast.GeneratorExp):
        return unsafe_parts(node.elt, path)
    if (path, _name(node)) in REVIEWED:
        return []
    return [_name(node)]


def rendering_calls():
    for file in SOURCES:
        path = file.relative_to(ROOT).as_posix()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in MARKDOWN_CALLS and _name(node.func.value) == "st"):
                yield path, node


def test_no_unsafe_allow_html_anywhere():
    hits = [f"{f.relative_to(ROOT)}:{n}" for f in SOURCES
            for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1)
            if "unsafe_allow_html" in line]
    assert hits == [], f"unsafe_allow_html renders raw HTML: use st.html with esc() ({hits})"


def test_every_markdown_and_html_call_escapes_its_text():
    found = []
    checked = 0
    for path, call in rendering_calls():
        checked += 1
        for arg in [*call.args, *(k.value for k in call.keywords if k.arg in ("body", "label"))]:
            found += [f"{path}:{call.lineno}: st.{call.func.attr}(... {part} ...)"
                      for part in unsafe_parts(arg, path)]
    assert checked > 40  # the walk does see the pages
    assert found == [], "\n".join(found)


def test_the_checker_catches_unescaped_text():
    tree = ast.parse("st.caption(f'From {article.title}: {n:,} and {md(x)}')")
    call = tree.body[0].value
    assert unsafe_parts(call.args[0], "views/x.py") == ["article.title"]
    tree = ast.parse("st.html('<div>' + text + '</div>')")
    assert unsafe_parts(tree.body[0].value.args[0], "views/x.py") == ["text"]


def test_tooltip_template_is_fixed_markup_with_slots_only():
    template = maps.TOOLTIP_HTML
    slots = re.findall(r"\{(\w+)\}", template)
    assert set(slots) == {"who", "where", "when", "status", "sources", "evidence", "others"}
    markup = re.sub(r"\{\w+\}", "", template)
    assert "<script" not in markup and "on" + "error" not in markup and "href" not in markup
    assert json.dumps(maps.TOOLTIP_STYLE)  # plain style values


def test_streamlit_escapes_values_put_into_an_html_tooltip():
    """ui/maps.py leaves tooltip fields as plain text because st.pydeck_chart escapes each
    value it puts into a {slot} of an html tooltip. This reads the pinned Streamlit's
    frontend for that escape; after an upgrade, re-check (tests/browser/test_hostile.py)."""
    bundle = Path(streamlit.__file__).parent / "static" / "static" / "js"
    code = "".join(p.read_text(encoding="utf-8", errors="replace")
                   for p in bundle.glob("DeckGlJsonChart*.js"))
    assert code, "Streamlit's pydeck component was not found"
    assert re.search(r'replaceAll\(/\[&<>"\'\]/g', code), (
        "Streamlit no longer escapes tooltip values this way: escape them in ui/maps.py")


# What Streamlit's markdown turns into links and icons in text, after escapes are undone:
# GFM's literal autolinks (a scheme's "://", "www.", an e-mail address) and the
# :material/...:, :colour[...]: and emoji shortcodes.
LINK_OR_ICON = re.compile(r"(https?|ftp)://|\bwww\.|[-.\w+]@[-\w]+(\.[-\w]+)+"
                          r"|:material/\w+:|:[a-z]+[\[:]", re.IGNORECASE)


@pytest.mark.parametrize("text", [
    "see https://ministry.example.org/x", "WWW.MINISTRY.EXAMPLE.ORG", "ftp://files.example",
    "write to press@ministry.example.org", "mailto:press@example.org",
    ":material/rocket_launch: launched", ":red[warning] and :smile:", "a:b@c.d www.x.y",
])
def test_markdown_text_makes_no_link_or_icon(text):
    """ui.escape.md breaks every pattern the markdown transforms would act on, and a reader
    still sees the text as written (the word joiners are zero width)."""
    assert LINK_OR_ICON.search(text)  # the example does hold a pattern
    made = md(text)
    seen = re.sub(r"\\(.)", r"\1", made)  # the text once markdown has undone the escapes
    assert LINK_OR_ICON.search(seen) is None, made
    assert seen.replace(WORD_JOINER, "") == text
