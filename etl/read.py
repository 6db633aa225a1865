"""Article readers: Markdown with front matter, plain text, saved HTML pages and JSON lines.

`iter_articles` walks files and directories and yields one `Article` per article read and
one `Problem` per file (or line of a .jsonl file) that could not be read, or whose
publication date had to be ignored; it never raises for bad input. A Problem about an
article that *was* read (a date ignored) comes right after that Article, with the same
path and line (etl.build relies on this to list it as a warning, not a skipped file).
Every Article comes fully prepared by `parse_article_text`: normalised text, sentences
with offsets and boilerplate flags, and segments (appended stories) with their anchors.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import logging
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import charset_normalizer
import yaml
from selectolax.lexbor import LexborHTMLParser, LexborNode

from etl import settings
from etl.model import Article, Problem, Sentence
from etl.text import body_lines, build_segments, normalise, sentence_flags, split_sentences

log = logging.getLogger("etl.read")

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
TEXT_SUFFIXES = frozenset({".txt"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES

PRECISIONS = ("day", "approx", "unknown")
# More than this share of control characters in decoded text means the bytes are not text.
MAX_CONTROL_SHARE = 0.30
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z ]*)?")
_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


# --------------------------------------------------------------------------- public API


@dataclass(frozen=True)
class UnchangedFile:
    """A file not read again: the caller knew its articles (`ids`) from an earlier read."""

    path: str
    ids: tuple[str, ...]


# Given a file and its stat taken before any read, the ids of the articles it held when it
# was last read if it is known unchanged (same size and modification time), else None.
KnownFiles = Callable[[Path, os.stat_result], Sequence[str] | None]


def iter_articles(
    paths: Iterable[str | Path], known: KnownFiles | None = None
) -> Iterator[Article | Problem | UnchangedFile]:
    """Read every article under `paths` (files, or directories read recursively in sorted
    order, skipping hidden files and README.md). Yields Articles and Problems; an id seen
    before in this call is a Problem naming the file that had it first.

    With `known`, a file it vouches for is not read (no decode, hash or parse: the cost of
    an incremental build is then in the files that changed): an UnchangedFile with its
    article ids comes instead, unless one of those ids was already seen in this call, in
    which case the file is read so the duplicate is reported as usual.
    """
    first_seen: dict[str, str] = {}
    done: set[object] = set()
    for given in paths:
        for path in _expand(Path(given)):
            if isinstance(path, Problem):
                yield path
                continue
            # the same file named twice (a link, a second path to it) is read once; its
            # device and inode say so from one stat, which `known` reuses
            try:
                info: os.stat_result | None = path.stat()
            except OSError:
                info = None  # read_file reports what is wrong with it
            same_file = (info.st_dev, info.st_ino) if info is not None else path.absolute()
            if same_file in done:
                continue
            done.add(same_file)
            if known is not None:
                ids = known(path, info) if info is not None else None
                if ids and not any(i in first_seen for i in ids):
                    first_seen.update((i, str(path)) for i in ids)
                    yield UnchangedFile(str(path), tuple(ids))
                    continue
            dropped: tuple[str, int | None] | None = None
            for item in read_file(path):
                if isinstance(item, Article):
                    line = _line_of(item)
                    if item.id in first_seen:
                        yield Problem(str(path), f"duplicate id {item.id}, first seen in "
                                      f"{first_seen[item.id]}", line)
                        dropped = (str(path), line)
                        continue
                    dropped = None
                    first_seen[item.id] = f"{path}:{line}" if line else str(path)
                elif (item.path, item.line) == dropped:
                    continue  # a warning about the duplicate just dropped
                yield item


def read_file(path: Path) -> list[Article | Problem]:
    """All articles of one file, with a Problem for each part that could not be read."""
    path = Path(path)
    name = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        shown = suffix or "no extension"
        return [Problem(name, f"unsupported file type ({shown}); expected .md, .markdown, "
                        ".txt, .html, .htm or .jsonl")]
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or device would block or never end
            return [Problem(name, "not a regular file")]
        if suffix in JSONL_SUFFIXES:
            return _read_jsonl(path)
        size = info.st_size
        if size == 0:
            return [Problem(name, "file is empty (0 bytes)")]
        if size > settings.MAX_ARTICLE_BYTES:
            return [Problem(name, f"file is {_megabytes(size)}, over the "
                            f"{_megabytes(settings.MAX_ARTICLE_BYTES)} limit")]
        data = path.read_bytes()
    except OSError as error:
        return [Problem(name, f"cannot read the file: {error.strerror or error}")]
    try:
        decoded = decode_bytes(data, name)
        if decoded is None:
            return [Problem(name, "binary or undecodable file")]
        if not decoded.strip():
            return [Problem(name, "file has only whitespace")]
        sha = hashlib.sha256(data).hexdigest()
        if suffix in HTML_SUFFIXES:
            return _read_html(decoded, path, sha)
        return _read_markdown_or_text(decoded, path, sha, markdown=suffix in MARKDOWN_SUFFIXES)
    except Exception as error:  # a reader bug must not stop a build: report it by file
        log.exception("unexpected error reading %s", name)
        return [Problem(name, f"unexpected error while reading: {error!r}")]


def parse_article_text(
    raw: str,
    *,
    id: str,
    title: str | None,
    source: str | None = None,
    url: str | None = None,
    published: date | None = None,
    published_precision: str = "day",
    language: str = "en",
    path: str | None = None,
) -> Article:
    """A fully prepared Article from a body string: normalised text, sha256 of `raw`
    (UTF-8), sentences with offsets, boilerplate flags and segments.

    `published_precision` is kept as given ("day" or "approx") when there is a date, and
    becomes "unknown" without one. A missing title becomes the first line of the body.
    """
    text = normalise(raw)
    spans = split_sentences(text)
    lines = body_lines(text)
    flags = sentence_flags(text, spans, lines)
    segments = build_segments(text, lines, published)
    sentences = []
    segment = 0
    for n, ((start, end), flag) in enumerate(zip(spans, flags, strict=True)):
        while segment + 1 < len(segments) and start >= segments[segment + 1].start:
            segment += 1
        sentences.append(Sentence(n, start, end, text[start:end], flag, segment))
    if title is not None:
        title = " ".join(normalise(str(title)).split())
    if not title:
        title = text.split("\n", 1)[0][:300] if text else str(id)
    precision = published_precision if published_precision in PRECISIONS else "day"
    return Article(
        id=str(id),
        title=title,
        text=text,
        source=source,
        url=url,
        published=published,
        published_precision=precision if published else "unknown",
        language=language or "en",
        path=path,
        sha256=hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest(),
        sentences=sentences,
        segments=segments,
    )


# --------------------------------------------------------------------------- files and bytes


def _expand(path: Path) -> Iterator[Path | Problem]:
    if path.is_dir():
        errors: list[OSError] = []
        for root, dirs, files in os.walk(path, onerror=errors.append):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file in sorted(files):
                if file.startswith(".") or file.lower() == "readme.md":
                    continue
                yield Path(root) / file
            yield from _folder_problems(errors, path)
        yield from _folder_problems(errors, path)  # the top folder itself unreadable
    elif path.is_file():
        yield path
    elif path.exists():
        yield Problem(str(path), "not a regular file or directory")
    else:
        yield Problem(str(path), "no such file or directory")


def _folder_problems(errors: list[OSError], top: Path) -> Iterator[Problem]:
    while errors:
        error = errors.pop(0)
        yield Problem(str(error.filename or top), f"cannot read the folder: "
                      f"{error.strerror or error}")


def _megabytes(size: int) -> str:
    value = size / (1024 * 1024)
    return f"{value:g} MB" if value == int(value) else f"{value:.1f} MB"


def _line_of(article: Article) -> int | None:
    """The line of a .jsonl article (etl.build reads it too), None for other files."""
    return getattr(article, "_line", None)


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str = "<bytes>") -> str | None:
    """Text of `data`, or None when it is binary or no encoding fits.

    UTF-8 first (a BOM is stripped; UTF-16/32 with a BOM are honoured). Bytes that are
    not UTF-8 are detected with charset-normalizer; ties among the least chaotic guesses go
    to cp1252, the commonest legacy encoding of English pages. A fallback is logged as a
    warning naming the file and the encoding. NUL bytes (without a UTF-16/32 BOM) or more
    than 30% control characters mean binary.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                return None
            return None if _looks_binary(text) else text
    if b"\x00" in data:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_fallback(data, name)
        if text is None:
            return None
    return None if _looks_binary(text) else text


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    return len(_CONTROL.findall(text)) > MAX_CONTROL_SHARE * len(text)


def _decode_fallback(data: bytes, name: str) -> str | None:
    # Mostly UTF-8 with a few stray bytes (a scrape that mixed encodings): keep the UTF-8.
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = sum(1 for ch in replaced if ord(ch) > 127) - bad
    if good > 0 and bad * 10 <= good:
        log.warning("%s: not valid UTF-8; decoded as UTF-8 with %d bad byte sequence(s) "
                    "replaced", name, bad)
        return replaced
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None:
        return None
    encoding = best.encoding
    least_chaos = min(m.chaos for m in matches)
    if any(m.chaos <= least_chaos and "cp1252" in m.could_be_from_charset for m in matches):
        encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        encoding, text = best.encoding, str(best)
    log.warning("%s: not valid UTF-8; decoded as %s", name, encoding)
    return text


# --------------------------------------------------------------------------- dates


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
    name = str(path)
    text = text.replace("\r\n", "\n").replace("\r", "\n")  # Windows and old Mac files
    first_line, _, rest = text.partition("\n")
    if markdown and first_line.strip() == "---":
        return _read_front_matter(rest, path, sha)
    # Plain text (or Markdown without front matter): the first non-empty line is the title.
    stripped = text.lstrip()
    title, _, body = stripped.partition("\n")
    if not body.strip():
        return [Problem(name, "no article text after the title line")]
    article = parse_article_text(body, id=path.stem, title=title, published=None,
                                 published_precision="unknown", path=name)
    return _finish(article, sha, name)


def _read_front_matter(rest: str, path: Path, sha: str) -> list:
    name = str(path)
    fence = _FENCE.search(rest)
    if fence is None:
        return [Problem(name, "front matter starts with '---' but is never closed")]
    try:
        front = yaml.load(rest[: fence.start()], Loader=_FrontMatterLoader)  # a safe loader
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
    article = parse_article_text(
        body,
        id=_text_field(front.get("id")) or path.stem,
        title=_text_field(front.get("title")),
        source=_text_field(front.get("source")),
        url=_text_field(front.get("url")),
        published=published,
        published_precision=precision,
        language=_text_field(front.get("language")) or "en",
        path=name,
    )
    if not article.text:
        return [Problem(name, "no article text after the front matter")]
    return [*_finish(article, sha, name), *problems]


def _text_field(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


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
    name = str(path)
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
        id=path.stem,
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


def _read_jsonl(path: Path) -> list:
    """One article per line; each bad line is a Problem with its line number. The size
    limit applies to each line (one article), not to the file, which is read as a stream."""
    name = str(path)
    limit = settings.MAX_ARTICLE_BYTES
    results: list = []
    seen_content = False
    with path.open("rb") as handle:
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
                results.append(Problem(name, f"line is {_megabytes(size)}, over the "
                                       f"{_megabytes(limit)} limit", number))
                seen_content = True
                continue
            line = raw.rstrip(b"\r\n")
            if number == 1 and line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
            if not line.strip():
                continue
            seen_content = True
            try:
                results.extend(_read_jsonl_line(line, number, path))
            except Exception as error:  # one bad line must not lose the others
                log.exception("unexpected error reading %s line %d", name, number)
                results.append(Problem(name, f"unexpected error while reading: {error!r}", number))
    if number == 0:
        return [Problem(name, "file is empty (0 bytes)")]
    if not seen_content:
        return [Problem(name, "file has only whitespace")]
    return results


def _read_jsonl_line(line: bytes, number: int, path: Path) -> list:
    name = str(path)
    decoded = decode_bytes(line, f"{name} line {number}")
    if decoded is None:
        return [Problem(name, "line is binary or undecodable", number)]
    try:
        record = json.loads(decoded)
    except json.JSONDecodeError as error:
        return [Problem(name, f"line is not valid JSON ({error.msg} at column {error.colno})",
                        number)]
    if not isinstance(record, dict):
        return [Problem(name, f"line is not a JSON object (it is {_kind_of(record)})", number)]
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return [Problem(name, "line has no text (the 'text' field is missing or empty)", number)]
    problems = []
    published, reason = parse_published(record.get("published"))
    if reason:
        problems.append(Problem(name, reason, number))
    precision, reason = _precision(record.get("published_precision"), published)
    if reason:
        problems.append(Problem(name, reason, number))
    article = parse_article_text(
        text,
        id=_text_field(record.get("id")) or f"{path.stem}-{number}",
        title=_text_field(record.get("title")),
        source=_text_field(record.get("source")),
        url=_text_field(record.get("url")),
        published=published,
        published_precision=precision,
        language=_text_field(record.get("language")) or "en",
        path=name,
    )
    if not article.text:
        return [Problem(name, "line has no text (the 'text' field is blank)", number), *problems]
    article.sha256 = hashlib.sha256(line).hexdigest()
    article._line = number  # for the duplicate-id Problem; not a field of Article
    return [article, *problems]
