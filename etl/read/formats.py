"""The readers per format: Markdown (or text) with YAML front matter, plain text, saved HTML
pages and JSON lines; each turns a decoded file into prepared Articles and Problems."""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

import yaml
from selectolax.lexbor import LexborHTMLParser, LexborNode

from etl import settings
from etl.model import Article, Problem
from etl.oneline import shown_path, valid_text
from etl.read.article import PRECISIONS, parse_article_text
from etl.read.files import _megabytes, decode_bytes
from etl.read.normalise import normalise

log = logging.getLogger("etl.read")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z ]*)?")
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


def parse_published(value: Any) -> tuple[date | None, str | None]:
    """(date, None), or (None, reason) when the value is not a usable publication date.

    >>> parse_published("2023-11-27T10:00:00Z")
    (datetime.date(2023, 11, 27), None)
    >>> parse_published("2023-13-45")
    (None, "published '2023-13-45' is not a date (YYYY-MM-DD); the date was ignored")
    >>> parse_published(None)
    (None, None)
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        parsed = value
    else:
        text = str(value).strip()
        match = _ISO_DATE.fullmatch(text) if isinstance(value, str) else None
        try:
            parsed = date(*(int(g) for g in match.groups())) if match else None
        except ValueError:
            parsed = None
        if parsed is None:
            return None, f"published {text!r} is not a date (YYYY-MM-DD); the date was ignored"
    if parsed.year < settings.EARLIEST_YEAR:
        return None, (f"published {parsed.isoformat()} is before {settings.EARLIEST_YEAR}; "
                      "the date was ignored")
    if parsed > date.today():
        return None, f"published {parsed.isoformat()} is in the future; the date was ignored"
    return parsed, None


def _precision(value: Any, published: date | None) -> tuple[str, str | None]:
    if published is None:
        return "unknown", None
    if value is None or value == "":
        return "day", None
    if value in PRECISIONS:
        return value, None
    return "approx", f"published_precision {value!r} is not day or approx; treated as approx"


# --------------------------------------------------------------------------- Markdown and text


class _FrontMatterLoader(yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader):
    """safe_load's loader, except that dates stay strings: PyYAML raises a bare ValueError on
    "2023-13-45", and the date is checked (and reported) by parse_published instead."""


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def _read_markdown_or_text(text: str, path: Path, sha: str, *, markdown: bool) -> list:
    name = shown_path(path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac files
    first_line, _, rest = text.partition("\n")
    if markdown and first_line.strip() == "---":
        return _read_front_matter(rest, path, sha)
    # Plain text (or Markdown without front matter): the first non-empty line is the title.
    stripped = text.lstrip()
    title, _, body = stripped.partition("\n")
    if not body.strip():
        return [Problem(name, "no article text after the title line")]
    article = parse_article_text(body, id=shown_path(path.stem), title=title, published=None,
                                 published_precision="unknown", path=name)
    return _finish(article, sha, name)


def _read_front_matter(rest: str, path: Path, sha: str) -> list:
    name = shown_path(path)
    fence = _FENCE.search(rest)
    if fence is None:
        return [Problem(name, "front matter starts with '---' but is never closed")]
    header = rest[: fence.start()]
    limit = settings.MAX_FRONT_MATTER_CHARS
    if len(header) > limit:
        return [Problem(name, f"front matter is {len(header):,} characters, over the "
                        f"{limit:,} limit")]
    try:
        alias = _first_alias(header)
        if alias is not None:
            return [Problem(name, f"front matter line {alias.start_mark.line + 2}: the YAML "
                            f"alias *{alias.anchor} is refused (aliases can expand a few "
                            "lines into gigabytes)")]
        front = yaml.load(header, Loader=_FrontMatterLoader)  # a safe loader
    except yaml.MarkedYAMLError as error:
        # Marks count lines from 0 within the front matter, which starts on file line 2.
        reason = error.problem or error.context or "syntax error"
        if error.problem_mark is not None:
            reason = f"line {error.problem_mark.line + 2}: {reason}"
        if error.context and error.context_mark is not None and error.problem:
            reason += f", {error.context} that starts on line {error.context_mark.line + 2}"
        return [Problem(name, f"front matter is not valid YAML ({reason})")]
    except (yaml.YAMLError, ValueError, RecursionError) as error:
        return [Problem(name, f"front matter is not valid YAML ({error})")]
    if front is None:
        front = {}
    if not isinstance(front, dict):
        return [Problem(name, "front matter is not a mapping of fields (it is "
                        f"{_kind_of(front)})")]
    body = rest[fence.end() :]
    if body.startswith("\n"):
        body = body[1:]
    problems: list[Problem] = []
    published, reason = parse_published(front.get("published"))
    if reason:
        problems.append(Problem(name, reason))
    precision, reason = _precision(front.get("published_precision"), published)
    if reason:
        problems.append(Problem(name, reason))
    fields = _text_fields(front, name, None, problems)
    article = parse_article_text(
        body,
        id=fields["id"] or shown_path(path.stem),
        title=fields["title"],
        source=fields["source"],
        url=fields["url"],
        published=published,
        published_precision=precision,
        language=fields["language"] or "en",
        path=name,
    )
    if not article.text:
        return [Problem(name, "no article text after the front matter")]
    return [*_finish(article, sha, name), *problems]


def _first_alias(header: str) -> yaml.AliasEvent | None:
    """The first alias (`*name`) of a YAML text, found by the parser alone: nothing is
    built, so a billion laughs costs what its few lines cost to read."""
    for event in yaml.parse(header, Loader=_FrontMatterLoader):
        if isinstance(event, yaml.AliasEvent):
            return event
    return None


TEXT_FIELDS = ("id", "title", "source", "url", "language")


def _text_fields(record: dict, name: str, line: int | None,
                 problems: list[Problem]) -> dict[str, str | None]:
    """The text fields of a front matter or JSON record, each stripped, valid UTF-8 and at
    most settings.MAX_FIELD_CHARS long (a longer one is cut, with a problem saying so)."""
    limit = settings.MAX_FIELD_CHARS
    fields: dict[str, str | None] = {}
    for field in TEXT_FIELDS:
        value = record.get(field)
        text = valid_text(str(value)).strip() if value is not None else ""
        if len(text) > limit:
            problems.append(Problem(name, f"{field} is {len(text):,} characters, over the "
                                    f"{limit:,} limit; cut to {limit:,}", line))
            text = text[:limit].strip()
        fields[field] = text or None
    return fields


def _kind_of(value: Any) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return "a piece of text"
    if isinstance(value, bool | int | float):
        return "a number"
    return f"a {type(value).__name__}"


def _finish(article: Article, sha: str, name: str) -> list:
    if not article.text:
        return [Problem(name, "no article text")]
    article.sha256 = sha
    return [article]


# --------------------------------------------------------------------------- HTML

# Elements that are never article text.
_DROP = "script, style, nav, header, footer, aside, form, noscript, template, iframe, svg"
# Block elements: their text is a paragraph of its own (a blank line around it).
_PARAGRAPHS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 blockquote pre figure figcaption table "
    "ul ol dl address hr details summary".split()
)
# Line elements: their text is a line of its own.
_LINES = frozenset("li dt dd tr caption".split())
_DATE_META = (
    'meta[name="date"]',
    'meta[property="article:published_time"]',
    'meta[name="article:published_time"]',
    'meta[name="pubdate"]',
    'meta[itemprop="datePublished"]',
)
_WHITESPACE = re.compile(r"\s+")


def _read_html(text: str, path: Path, sha: str) -> list:
    name = shown_path(path)
    tree = LexborHTMLParser(text)
    root = tree.css_first("article") or tree.css_first("main") or tree.body
    heading = (root.css_first("h1") if root is not None else None) or tree.css_first("h1")
    title = _node_text(heading) or _node_text(tree.css_first("title"))
    published_raw = None
    for selector in _DATE_META:
        node = tree.css_first(selector)
        if node is not None and node.attributes.get("content"):
            published_raw = node.attributes["content"]
            break
    if published_raw is None:
        node = (root.css_first("time[datetime]") if root is not None else None) or tree.css_first(
            "time[datetime]"
        )
        if node is not None:
            published_raw = node.attributes.get("datetime")
    source = _meta(tree, 'meta[property="og:site_name"]')
    url = _meta(tree, 'meta[property="og:url"]')
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is not None and canonical.attributes.get("href"):
        url = canonical.attributes["href"]
    body = ""
    if root is not None:
        for node in root.css(_DROP):
            node.decompose()
        body = html_text(root)
    if not normalise(body):
        return [Problem(name, "no article text in the HTML page")]
    problems = []
    published, reason = parse_published(published_raw)
    if reason:
        problems.append(Problem(name, reason))
    article = parse_article_text(
        body,
        id=shown_path(path.stem),
        title=title,
        source=source,
        url=url,
        published=published,
        published_precision="day",
        path=name,
    )
    return [*_finish(article, sha, name), *problems]


def _node_text(node: LexborNode | None) -> str | None:
    if node is None:
        return None
    text = _WHITESPACE.sub(" ", node.text(deep=True)).strip()
    return text or None


def _meta(tree: LexborHTMLParser, selector: str) -> str | None:
    node = tree.css_first(selector)
    value = node.attributes.get("content") if node is not None else None
    return value.strip() if value and value.strip() else None


def html_text(root: LexborNode) -> str:
    """The visible text under `root`: paragraphs separated by blank lines, list items and
    <br> on lines of their own, other whitespace collapsed as a browser would.

    >>> html_text(LexborHTMLParser("<p>One <b>two</b> <i>three</i>\\n four</p><ul><li>a</li>"
    ...     "<li>b</li></ul> <p>x<br>y</p>").body)
    'One two three four\\n\\na\\nb\\n\\nx\\ny'
    """
    parts: list[str | int] = []  # text, or a break: 1 = new line, 2 = new paragraph
    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:  # iterative walk: deeply nested pages must not hit the recursion limit
        node, leaving = stack.pop()
        tag = node.tag
        if leaving:
            parts.append(2 if tag in _PARAGRAPHS else 1)
            continue
        if tag == "-text":
            parts.append(_WHITESPACE.sub(" ", node.text_content or ""))
            continue
        if tag == "br":
            parts.append(1)
            continue
        if tag in ("-comment", "script", "style"):
            continue
        if tag in _PARAGRAPHS or tag in _LINES:
            parts.append(2 if tag in _PARAGRAPHS else 1)
            stack.append((node, True))
        children = list(node.iter(include_text=True))
        stack.extend((child, False) for child in reversed(children))
    out: list[str] = []
    pending = 0  # adjacent breaks merge into the strongest of them
    for part in parts:
        if isinstance(part, int):
            pending = max(pending, part)
        elif not part.strip():
            if out and not pending:
                out.append(" ")  # the space between two inline elements
        else:
            if pending and out:
                out.append("\n" * pending)
            elif pending:
                part = part.lstrip()
            pending = 0
            out.append(part)
    return re.sub(r" *\n *", "\n", "".join(out)).strip()


# --------------------------------------------------------------------------- JSON lines


def _read_jsonl(handle: BinaryIO, path: Path) -> Iterator[Article | Problem]:
    """One article per line; each bad line is a Problem with its line number. The size
    limit applies to each line (one article), not to the file, which is read as a stream:
    each line's article is yielded before the next line is read, so a file of 200,000
    lines costs the memory of one. `handle` is the file opened by the caller, closed here."""
    name = shown_path(path)
    limit = settings.MAX_ARTICLE_BYTES
    seen_content = False
    with handle:
        number = 0
        while True:
            raw = handle.readline(limit + 2)
            if not raw:
                break
            number += 1
            if len(raw) > limit + 1 or (len(raw) > limit and not raw.endswith(b"\n")):
                size = len(raw)
                while not raw.endswith(b"\n"):
                    raw = handle.readline(1 << 20)
                    if not raw:
                        break
                    size += len(raw)
                yield Problem(name, f"line is {_megabytes(size)}, over the "
                              f"{_megabytes(limit)} limit", number)
                seen_content = True
                continue
            line = raw.rstrip(b"\r\n")
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            if not line.strip():
                continue
            seen_content = True
            try:
                items = _read_jsonl_line(line, number, path)
            except Exception as error:  # one bad line must not lose the others
                log.exception("unexpected error reading %s line %d", name, number)
                items = [Problem(name, f"unexpected error while reading: {error!r}", number)]
            yield from items
    if number == 0:
        yield Problem(name, "file is empty (0 bytes)")
    elif not seen_content:
        yield Problem(name, "file has only whitespace")


def _read_jsonl_line(line: bytes, number: int, path: Path) -> list:
    name = shown_path(path)
    decoded = decode_bytes(line, f"{name} line {number}")
    if decoded is None:
        return [Problem(name, "line is binary or undecodable", number)]
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as error:
        return [Problem(name, f"line is not valid JSON ({error.msg} at column {error.colno})",
                        number)]
    except RecursionError:
        return [Problem(name, "line is not valid JSON (nested deeper than it can be read)",
                        number)]
    if not isinstance(record, dict):
        return [Problem(name, f"line is not a JSON object (it is {_kind_of(record)})", number)]
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return [Problem(name, "line has no text (the 'text' field is missing or empty)", number)]
    problems: list[Problem] = []
    published, reason = parse_published(record.get("published"))
    if reason:
        problems.append(Problem(name, reason, number))
    precision, reason = _precision(record.get("published_precision"), published)
    if reason:
        problems.append(Problem(name, reason, number))
    fields = _text_fields(record, name, number, problems)
    article = parse_article_text(
        valid_text(text),
        id=fields["id"] or f"{shown_path(path.stem)}-{number}",
        title=fields["title"],
        source=fields["source"],
        url=fields["url"],
        published=published,
        published_precision=precision,
        language=fields["language"] or "en",
        path=name,
    )
    if not article.text:
        return [Problem(name, "line has no text (the 'text' field is blank)", number), *problems]
    article.sha256 = hashlib.sha256(line).hexdigest()
    article._line = number  # for the duplicate-id Problem; not a field of Article
    return [article, *problems]
