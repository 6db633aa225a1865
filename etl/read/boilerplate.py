"""Boilerplate: page chrome, share bars, donation appeals, "Related stories" lists and reader
comments, recognised per line and per sentence. Nothing is removed from the text: sentences
are only flagged, so offsets stay valid."""

from __future__ import annotations

import re
from dataclasses import dataclass

from etl.read.sentences import _END, _OPENERS

_I = re.IGNORECASE

# Page chrome recognised on a line (or a short sentence) of at most _CHROME_MAX_WORDS words.
# Patterns that hold at the start of the line (tried with .match, which is cheap).
_CHROME_START = re.compile(
    "|".join(
        [
            # subscription, paywall and app prompts
            r"(sign (up|in)|log ?in|log ?out|subscribe|create (an|a free) account)\b",
            r"register (now|here|today|for free|to)\b",
            r"already (a member|a subscriber|subscribed|registered|have an account)\b",
            r"become an? (member|subscriber|supporter|patron)\b",
            r"start (reading|(your )?free trial)\b",
            r"\w+ (days?|weeks?|months?) (free|for free)[.!]?$",
            r"one (app|membership|subscription)\b",
            # share buttons and follow prompts
            r"click to (follow|share|subscribe|print|email|tweet)\b",
            r"share (this|on|via)\b|follow us\b",
            # copyright lines
            r"copyright\b|\(c\) (19|20)\d\d\b",
            # navigation, skip links, advertising slots
            r"(\d+\.\s*)?skip to\b|you are here\b",
            r"(advertisements?|advertising|sponsored( content)?|promoted( content)?|ad|ads"
            r"|paid content|story continues below( advertisement)?)$",
            r"(home|menu|search|close|print|email|×|✕|✖)$",
            r"(previous|next) (article|story|post)\b",
            # photo galleries
            r"(view|open|see) (the )?(gallery|slideshow|photos)\b",
            # bare links
            r"(https?://|www\.)\S+$",
            # donation banners' buttons
            r"donate\b|(once|monthly|annual|annually|yearly|one-time|continue)$",
            r"make a (one-time |monthly )?(donation|contribution)\b",
        ]
    ),
    _I,
)
# Patterns that hold anywhere in the line; each is tried only when one of its words is there.
_CHROME_ANYWHERE = re.compile(
    r"\balready a member\?|\bto (leave|post|add|write|view) (a |the )?(comment|reply)"
    r"|\bfree trial\b|\bcontinue reading\b|\b(download|get|install) (the|our) app\b"
    r"|\bget all your news in one place\b|\bpremium titles\b"
    r"|\d\+? trusted (global )?sources\b|\bcurated (specifically )?for you\b"
    r"|\b(our|free|daily|weekly) newsletters?\b|\bsubscribers? only\b"
    r"|\bcopyright (©\s*)?(19|20)\d\d\b|\ball rights reserved\b|\b(font|text) size\b",
    _I,
)
_CHROME_WORDS = frozenset(
    "already comment comments reply trial reading app news premium trusted curated "
    "newsletter newsletters subscriber subscribers copyright reserved size".split()
)
# A bare photo credit ("Image: Reuters/M. Shemetov"); a caption after "Photo:" is kept.
_CREDIT = re.compile(r"(image|photo|photograph|picture|credit)s?\s*:", _I)
_CREDIT_MAX_WORDS = 6
_CHROME_MAX_WORDS = 25

# Donation banners speak in the publisher's voice; a line with a quotation is news, not chrome.
_DONATION = re.compile(
    r"\bsupport (us|our (journalism|work|reporting|newsroom)|independent journalism)\b"
    r"|\byour support\b|\bdonate (now|today)\b"
    r"|\bmake a (one-time |monthly )?(donation|contribution) (today|now)\b"
    r"|\bad-free\b|\breading experience\b|\bwe need your help\b|\bour journalism\b"
    r"|\bremind me later\b|\bnot ready to (support|subscribe|donate)\b|\bpai?yment methods\b",
    _I,
)
_DONATION_WORDS = frozenset(
    "support donate make ad-free experience help journalism remind ready methods".split()
)
_DONATION_MAX_WORDS = 40
_QUOTES = re.compile(r"[\"“”]")
_WORD = re.compile(r"[a-z][a-z-]*")

# Case-sensitive chrome: URL slugs ("high-stakes-diplomacy:-lammy-and-..."), agency
# sign-offs ("pfd/sms (Reuters, dpa, AP, AFP)").
_SLUG = re.compile(r"(?=(?:[^-\s]*-){3})[a-z0-9][a-z0-9:!?'.,-]*")
_SIGN_OFF = re.compile(r"[a-z]{2,5}(?:/[a-z]{2,5})+(?:\s*\([^)]*\))?")

# A line made only of share-button words ("194 SHARES Share Tweet").
_SHARE_WORDS = frozenset(
    "share shares shared tweet tweets email e-mail print pin whatsapp facebook twitter x "
    "linkedin reddit telegram messenger flipboard copy link save comment comments k".split()
)
_SHARE_TOKEN = re.compile(r"[\w'-]+|[^\w\s]")
_NUMBER = re.compile(r"[\d.,]+k?")

# Headers that open a block of chrome. Each is a short line on its own.
_LIST_HEADER = re.compile(
    r"^(related( (stories|articles|content|news|posts|coverage|links|reading|topics|videos))?"
    r"|recommended( (for you|stories|articles|reading))?"
    r"|more (from|on|about|in|stories|news|articles)\b.*|read (more|also|next)\b.*"
    r"|see also|also read|most (popular|read|viewed|shared|recent)|top (stories|news|headlines)\b.*"
    r"|trending( now| stories)?|our picks|editor'?s (picks|choice)"
    r"|you (may|might) (also )?(like|be interested in)|latest (news|stories)"
    r"|in other news|don'?t miss|what to read next)\s*:?$",
    _I,
)
_COMMENTS_HEADER = re.compile(
    r"^((member|reader|user)s?'? comments|comments?( \(\d+\))?|\d+ comments?|post a comment"
    r"|leave a (comment|reply)|add (a|your) comment|join the (conversation|discussion)"
    r"|(show|view|hide) comments|discussion)\s*:?$",
    _I,
)
_APPEAL_HEADER = re.compile(
    r"^(a message from\b(\s*\S+){1,4}|dear (readers?|friends|subscribers?)\b.{0,20})$", _I
)
_HEADER_MAX_WORDS = 10

_LIST_ITEM_MAX_WORDS = 15  # a longer line after a "Related stories" header is prose again
_COMMENT_MAX_WORDS = 40
_SHORT_LINE_WORDS = 6
_VOICE = re.compile(r"\b(we|our|us|you|your|you're|we're|ours)\b", _I)

LIST, COMMENTS, APPEAL, CHROME = "list", "comments", "appeal", "chrome"
_HEADERS = frozenset({LIST, COMMENTS, APPEAL})


@dataclass
class Line:
    """One line of the body with what the boilerplate rules found in it."""

    start: int
    end: int
    text: str
    words: int
    kind: str | None = None  # list | comments | appeal (headers) | chrome
    flagged: bool = False


def _share_line(text: str) -> bool:
    if text.count(" ") > 8:
        return False
    tokens = _SHARE_TOKEN.findall(text.lower())
    if not tokens or not ({"share", "shares", "tweet"} & set(tokens)):
        return False
    return all(t in _SHARE_WORDS or _NUMBER.fullmatch(t) for t in tokens)


# Photo-gallery lines ("1 of 6 | <caption again> | License Photo") at any length: they
# repeat a caption printed just before them.
_GALLERY = re.compile(r"^\d+ of \d+\s*\||\|\s*license photo$", _I)


def chrome_kind(text: str) -> str | None:
    """The kind of page chrome a stripped line (or short sentence) is, or None for content.

    >>> [chrome_kind(s) for s in ["Related Stories", "Member comments", "194 SHARES Share Tweet",
    ...     "Sign up to read this article", "Copyright 2015 The Associated Press.", "Support us",
    ...     "Kerry met Lavrov in Rome.", "Japan to donate 30B yen to typhoon victims",
    ...     "Ukraine hopes to become a member of NATO.", "More on that later."]]
    ['list', 'comments', 'chrome', 'chrome', 'chrome', 'chrome', None, None, None, None]
    """
    words = text.count(" ") + 1
    if words <= _HEADER_MAX_WORDS and text[-1] not in ".!":  # a header has no full stop
        if _LIST_HEADER.match(text):
            return LIST
        if _COMMENTS_HEADER.match(text):
            return COMMENTS
        if _APPEAL_HEADER.match(text):
            return APPEAL
    if _GALLERY.search(text):
        return CHROME
    if words > _DONATION_MAX_WORDS:
        return None
    vocabulary = set(_WORD.findall(text.lower()))
    if words <= _CHROME_MAX_WORDS:
        if _CHROME_START.match(text) or "©" in text:
            return CHROME
        if words <= _CREDIT_MAX_WORDS and _CREDIT.match(text):
            return CHROME
        if vocabulary & _CHROME_WORDS and _CHROME_ANYWHERE.search(text):
            return CHROME
        if _SLUG.fullmatch(text) or _SIGN_OFF.fullmatch(text) or _share_line(text):
            return CHROME
    if vocabulary & _DONATION_WORDS and _DONATION.search(text) and not _QUOTES.search(text):
        return CHROME
    return None


def _is_prose(line: Line) -> bool:
    return line.words >= 12 and line.text[-1] in ".!?\"”’')…"


def _headline_like(line: Line) -> bool:
    """A short line that reads like a headline: no final stop, colon or comma."""
    if line.flagged or not 3 <= line.words <= 20:
        return False
    first, last = line.text[0], line.text[-1]
    if last in ".,;:" or not (first.isupper() or first.isdigit() or first in _OPENERS):
        return False
    return not _END.search(line.text)


def _next_content(lines: list[Line], i: int) -> Line | None:
    for j in range(i + 1, len(lines)):  # by index: a slice per line would be quadratic
        if lines[j].words:
            return lines[j]
    return None


def body_lines(text: str) -> list[Line]:
    """The lines of `text` (blank ones included) with their offsets and chrome flags.

    Rules, in order: a line that is chrome by pattern (see `chrome_kind`) is flagged; a
    header opens a block: after "Related stories" / "More from" / "Most Popular" the short
    lines of the same paragraph are flagged; after a comments header ("Member comments",
    "Post a Comment") the following lines are flagged until two blank lines, a long line, or
    a headline followed by prose; after an appeal header ("A Message from ...") the
    following paragraphs are flagged while they speak to the reader (we/our/you). Finally a
    paragraph of which at least half the lines are chrome has its other short lines flagged.
    """
    lines: list[Line] = []
    position = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        start = position + (len(raw) - len(raw.lstrip())) if stripped else position
        words = stripped.count(" ") + 1 if stripped else 0
        lines.append(Line(start, start + len(stripped), stripped, words))
        position += len(raw) + 1
    for line in lines:
        if line.words:
            line.kind = chrome_kind(line.text)
            line.flagged = line.kind is not None

    # Each region stops at the next header, which opens its own: the work stays linear.
    count = len(lines)
    for i, line in enumerate(lines):
        if line.kind == LIST:
            j = i + 1
            while j < count and 0 < lines[j].words <= _LIST_ITEM_MAX_WORDS:
                if lines[j].kind in _HEADERS:
                    break
                lines[j].flagged = True
                j += 1
        elif line.kind == COMMENTS:
            _flag_comments(lines, i)
        elif line.kind == APPEAL:
            _flag_appeal(lines, i)

    # Paragraphs that are mostly chrome: flag their remaining short lines too.
    i = 0
    while i < count:
        if not lines[i].words:
            i += 1
            continue
        j = i
        while j < count and lines[j].words:
            j += 1
        block = lines[i:j]
        flagged = sum(line.flagged for line in block)
        if len(block) >= 2 and flagged and flagged * 2 >= len(block):
            for line in block:
                if line.words <= _SHORT_LINE_WORDS and line.text[-1] not in ".!?":
                    line.flagged = True
        i = j
    return lines


def _flag_comments(lines: list[Line], header: int) -> None:
    blank_run = 0
    for j in range(header + 1, len(lines)):
        line = lines[j]
        if not line.words:
            blank_run += 1
            if blank_run >= 2 and j > header + 2:
                return
            continue
        blank_run = 0
        if line.kind in _HEADERS:
            return
        if line.kind is not None:
            line.flagged = True
            continue
        if line.words > _COMMENT_MAX_WORDS:
            return
        if _headline_like(line):
            following = _next_content(lines, j)
            if following is not None and _is_prose(following):
                return
        line.flagged = True


def _flag_appeal(lines: list[Line], header: int) -> None:
    j = header + 1
    count = len(lines)
    while j < count:
        while j < count and not lines[j].words:
            j += 1
        end = j
        while end < count and lines[end].words:
            if lines[end].kind in _HEADERS:  # the next header opens its own region
                return
            end += 1
        block = lines[j:end]
        if not block:
            return
        words = sum(line.words for line in block)
        voice = sum(len(_VOICE.findall(line.text)) for line in block)
        if not (voice * 25 >= words or all(line.words <= _SHORT_LINE_WORDS for line in block)):
            return
        for line in block:
            line.flagged = True
        j = end


def sentence_flags(text: str, spans: list[tuple[int, int]], lines: list[Line]) -> list[bool]:
    """Boilerplate flag per sentence: its line is flagged, or the sentence itself is chrome."""
    flags = []
    index = 0
    for start, end in spans:
        while index + 1 < len(lines) and lines[index].end < start:
            index += 1
        line = lines[index]
        if line.flagged or (start == line.start and end == line.end):
            flags.append(line.flagged)  # the sentence is the whole line: already judged
            continue
        sentence = text[start:end]
        flags.append(sentence.count(" ") < 12 and chrome_kind(sentence) is not None)
    return flags
