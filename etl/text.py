"""Body text helpers: normalisation, sentence splitting, boilerplate flags and story segments.

Everything here works on the *normalised* body (see `normalise`), whose character offsets
are the ones stored with sentences, segments and facts. Nothing is ever removed from the
text by the boilerplate rules: they only flag sentences, so offsets stay valid.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from etl.model import Segment

# --------------------------------------------------------------------------- normalisation

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


# --------------------------------------------------------------------------- sentences

# A sentence end: . ! ? or an ellipsis, optionally closed by quotes or brackets, then
# horizontal space and the first character of what follows (captured for the checks).
_END = re.compile(r"[.!?…]+[\"”’')\]]*(?=[^\S\n]+([^\s]))")
_OPENERS = frozenset("\"“‘'([")
_STRIP = " \t\n"

# Tokens ending in "." after which a capital letter does not start a new sentence. Not
# "etc." (it mostly ends a sentence) nor weekdays that are also words ("sun.", "sat.").
_ABBREVIATIONS = frozenset(
    """
    mr. mrs. ms. dr. st. mt. ft. prof. rev. hon. messrs. gen. lt. col. maj. capt. cmdr.
    sgt. adm. brig. cpl. sen. rep. gov. pres. amb. supt. insp. atty. jr. sr. inc. co. ltd.
    corp. bros. plc. dept. univ. assn. vs. approx. fig. ave. blvd.
    jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec. tues. thur. thurs.
    """.split()
)
_ABBREVIATIONS_BEFORE_NUMBER = frozenset({"no.", "nos.", "art.", "vol.", "p.", "pp.", "para."})
# "U.S.", "U.N.", "a.m.", "e.g." and single initials such as "J." in "J. Smith".
_DOTTED = re.compile(r"(?:[A-Za-z]\.)+")
_LIST_NUMBER = re.compile(r"\d{1,3}\.")
_LOOK_BACK = 40
_TOKEN_TAIL = re.compile(r"[A-Za-z.]*$")
# '"... say Hello!" Trump added.': an attribution after a quote ending in ! or ? is no new
# sentence.
_ATTRIBUTION = re.compile(
    r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} (?:said|says|added|adds|asked|asks|told|tweeted"
    r"|wrote|writes|replied|continued|declared|insisted|stressed|exclaimed)\b"
)

# A close-button glyph at the start of a line ("× Trump tweets ...") is its own sentence.
_LEADING_GLYPH = re.compile(r"[×✕✖](?=[^\S\n])")
# Ticker lines: headlines run together with " – ", " • ", " | " or " · " between them.
_TICKER_SEPARATOR = re.compile(r"[^\S\n][–•|·][^\S\n]")
_TICKER_MIN_SEPARATORS = 3
_TICKER_MAX_WORDS = 25


def _is_abbreviation(text: str, line_start: int, dot: int, following: str) -> bool:
    """Whether the "." at text[dot] closes an abbreviation rather than a sentence."""
    # Look back a little only: a token longer than that is no abbreviation, and scanning a
    # whole long line for each candidate would be quadratic.
    window = max(line_start, dot - _LOOK_BACK)
    space = max(text.rfind(" ", window, dot), text.rfind("\t", window, dot))
    token_start = window if space < 0 else space + 1
    token = text[token_start : dot + 1]
    # The letters and dots that end the token: "(Dr." -> "Dr.", "Reuters/M." -> "M.".
    stripped = _TOKEN_TAIL.search(token).group(0)
    lower = stripped.lower()
    if lower in _ABBREVIATIONS or _DOTTED.fullmatch(stripped):
        return True
    if lower in _ABBREVIATIONS_BEFORE_NUMBER:
        return following.isdigit()
    # "1. Skip to content", "2. The Trip Starts ...": a list number opening a line.
    return token_start == line_start and bool(_LIST_NUMBER.fullmatch(token))


def _stripped(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start] in _STRIP:
        start += 1
    while end > start and text[end - 1] in _STRIP:
        end -= 1
    return (start, end) if start < end else None


def _split_run(text: str, start: int, end: int, line_start: int, out: list) -> None:
    """Split text[start:end] (inside one line) at sentence ends; append (start, end) spans."""
    current = start
    for match in _END.finditer(text, start, end):
        following = match.group(1)
        if not (following.isupper() or following.isdigit() or following in _OPENERS):
            continue
        punctuation = match.group(0)
        if punctuation == "." and _is_abbreviation(text, line_start, match.start(), following):
            continue
        if (
            punctuation[-1] in "\"”’'"
            and punctuation[0] in "!?"
            and _ATTRIBUTION.match(text, match.start(1), end)
        ):
            continue
        span = _stripped(text, current, match.end())
        if span:
            out.append(span)
        current = match.end()
    span = _stripped(text, current, end)
    if span:
        out.append(span)


def _split_line(text: str, start: int, end: int, out: list) -> None:
    glyph = _LEADING_GLYPH.match(text, start, end)
    if glyph:
        out.append((start, glyph.end()))
        start = glyph.end()
    separators = list(_TICKER_SEPARATOR.finditer(text, start, end))
    if len(separators) >= _TICKER_MIN_SEPARATORS:
        pieces = []
        piece_start = start
        for sep in separators:
            pieces.append((piece_start, sep.start()))
            piece_start = sep.end()
        pieces.append((piece_start, end))
        if all(text.count(" ", a, b) < _TICKER_MAX_WORDS for a, b in pieces):
            for a, b in pieces:
                _split_run(text, a, b, a, out)
            return
    _split_run(text, start, end, start, out)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of `text`; text[start:end] is the sentence, stripped.

    A newline always ends a sentence (scraped pages put headlines, captions and list items
    on their own lines). Within a line a sentence ends after . ! ? or an ellipsis, with
    any closing quotes or brackets, when whitespace and then an uppercase letter, a digit or
    an opening quote follow, except after common abbreviations (Mr., Gen., Jan., Inc.),
    dotted initials (U.S., a.m., J.) and "No." before a number. A line of four or more
    headlines joined by " – ", " • ", " | " or " · " is split at those separators.

    >>> def show(text):
    ...     return [text[a:b] for a, b in split_sentences(text)]
    >>> show("U.S. Secretary of State John Kerry met Mr. Lavrov. They talked.")
    ['U.S. Secretary of State John Kerry met Mr. Lavrov.', 'They talked.']
    >>> show('He said: "We will go." Then he left! Did he? 3 people died.')
    ['He said: "We will go."', 'Then he left!', 'Did he?', '3 people died.']
    >>> show("Talks began at 9 a.m. Monday with Gen. Milley and J. Smith of Acme Inc. in Rome.")
    ['Talks began at 9 a.m. Monday with Gen. Milley and J. Smith of Acme Inc. in Rome.']
    >>> show("Headline without a stop\\nCaption line. Photo: AFP\\n\\nIt cost $17.5 billion.")
    ['Headline without a stop', 'Caption line.', 'Photo: AFP', 'It cost $17.5 billion.']
    >>> show("He is No. 2 in the party. No. That is wrong. it rose (to 5.) Then")
    ['He is No. 2 in the party.', 'No.', 'That is wrong. it rose (to 5.)', 'Then']
    >>> show("× Trump tweets\\n1. Skip to content")
    ['×', 'Trump tweets', '1. Skip to content']
    >>> show("A one – B two – C three – D four")
    ['A one', 'B two', 'C three', 'D four']
    >>> show('"Say Hello(?)!" Trump added. "Why?" Image: Reuters/M. Shemetov')
    ['"Say Hello(?)!" Trump added.', '"Why?"', 'Image: Reuters/M. Shemetov']
    """
    spans: list[tuple[int, int]] = []
    position = 0
    length = len(text)
    while position < length:
        newline = text.find("\n", position)
        line_end = length if newline < 0 else newline
        if line_end > position:
            _split_line(text, position, line_end, spans)
        position = line_end + 1
    return spans


# --------------------------------------------------------------------------- boilerplate

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


# --------------------------------------------------------------------------- segments

_MIN_WORDS_BEFORE_BREAK = 40  # a page's own story comes first; chrome before it is no break
_MIN_WORDS_AFTER_BREAK = 20  # after comments, even a short text is another story
_REPEAT_WINDOW = 8  # lines within which a repeated headline counts as "close together"


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def segment_starts(lines: list[Line]) -> list[int]:
    """Indexes of the lines where an appended story starts (segment 1, 2, ...).

    A new segment starts
    - at the first content line after a comments or reader-appeal block, when the page's own
      story came before (40+ words) and 20+ words of content follow: nothing of the
      article itself comes after its comments, so what follows is another story;
    - at a headline-like line after a block of chrome (a "Related stories" list or 3+
      chrome lines) when prose follows it;
    - at a headline-like line that is repeated within the next few lines (scraped pages
      print a headline twice: title and caption header), after 40+ words of story.
    """
    starts: list[int] = []
    words_in_segment = 0
    block_kinds: set[str] = set()
    block_flagged = 0
    count = len(lines)
    for i, line in enumerate(lines):
        if not line.words:
            continue
        if line.flagged:
            block_kinds.add(line.kind or CHROME)
            block_flagged += 1
            continue
        is_break = False
        if words_in_segment >= _MIN_WORDS_BEFORE_BREAK:
            following = _next_content(lines, i)
            headline = _headline_like(line) and following is not None and _is_prose(following)
            if block_kinds & {COMMENTS, APPEAL}:
                is_break = _content_words_from(lines, i) >= _MIN_WORDS_AFTER_BREAK
            elif block_kinds and (LIST in block_kinds or block_flagged >= 3):
                is_break = headline
            if not is_break and _headline_like(line):
                key = _key(line.text)
                is_break = any(
                    other.words and not other.flagged and _key(other.text) == key
                    for other in lines[i + 1 : min(count, i + 1 + _REPEAT_WINDOW)]
                )
        if is_break:
            starts.append(i)
            words_in_segment = 0
        words_in_segment += line.words
        block_kinds = set()
        block_flagged = 0
    return starts


def _content_words_from(lines: list[Line], i: int) -> int:
    total = 0
    for j in range(i, len(lines)):
        if lines[j].flagged:
            break
        total += lines[j].words
    return total


_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?![\d%])"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_FULL_DATES = [
    re.compile(rf"\b{_MONTH} {_DAY},? {_YEAR}", _I),
    re.compile(rf"\b{_DAY} (?:of )?{_MONTH},? {_YEAR}", _I),
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
]
_MONTH_YEAR = re.compile(rf"\b{_MONTH},? {_YEAR}", _I)
# A bare year counts when a word like "in" or "since" leads it, or punctuation closes it,
# so counts ("2050 troops") and money ("$2022") are not taken for years.
_BARE_YEAR = re.compile(
    r"(?:\b(?:in|since|of|from|during|early|late|mid|year|summer|spring|autumn|fall|winter)"
    r"[ -](?P<year>(?:19|20)\d\d)\b(?!%))"
    r"|(?:(?<![\d$£€.,/])(?P<year2>(?:19|20)\d\d)(?=[.,;:)]|$))",
    _I | re.MULTILINE,
)

# Well-known events that date a story no earlier than themselves, for an appended story
# that states no date of its own. Each row: (pattern, earliest date, what it is).
ANCHOR_EVENTS: list[tuple[re.Pattern[str], date, str]] = [
    (
        re.compile(
            r"\bfebruary 24(?:th)?,? (?:2022 )?invasion\b|\bfull[- ]scale invasion\b"
            r"|\brussia['’]s (?:full[- ]scale )?invasion of ukraine\b",
            _I,
        ),
        date(2022, 2, 24),
        "Russia's full-scale invasion of Ukraine",
    ),
    (
        re.compile(r"\boct(?:ober|\.)? 7(?:th)?,? (?:2023 )?(?:attack|massacre|assault)s?\b", _I),
        date(2023, 10, 7),
        "the 7 October attack on Israel",
    ),
    (re.compile(r"\bcovid(?:-19)?\b|\bcoronavirus pandemic\b", _I), date(2020, 1, 1), "COVID-19"),
    (
        re.compile(r"\bannex(?:ation of|ed) (?:the )?crimea\b", _I),
        date(2014, 3, 18),
        "Russia's annexation of Crimea",
    ),
]

_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}


def stated_dates(text: str, today: date | None = None) -> list[tuple[date, str]]:
    """Dates a passage states, each as (date, precision); month and year dates are the
    first day of their month or year. Years after `today` are ignored (targets, not news).

    >>> for found in stated_dates("On June 16, 2022 they met; since 2014 and in March 2015."):
    ...     print(found)
    (datetime.date(2022, 6, 16), 'day')
    (datetime.date(2015, 3, 1), 'month')
    (datetime.date(2014, 1, 1), 'year')
    """
    today = today or date.today()
    found: list[tuple[date, str]] = []
    taken = bytearray(len(text))  # 1 where a more precise date was already read

    def take(match: re.Match[str]) -> None:
        taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            name = m.groupdict().get("month")
            month = _MONTHS[name.lower()] if name else int(m.group("mnum"))
            try:
                value = date(int(m.group("year")), month, int(m.group("day")))
            except ValueError:
                continue
            if value <= today:
                found.append((value, "day"))
                take(m)
    for m in _MONTH_YEAR.finditer(text):
        if taken[m.start()]:
            continue
        value = date(int(m.group("year")), _MONTHS[m.group("month").lower()], 1)
        if value <= today:
            found.append((value, "month"))
            take(m)
    for m in _BARE_YEAR.finditer(text):
        if taken[m.start(m.lastgroup or 0)]:
            continue
        year = int(m.group("year") or m.group("year2"))
        if year <= today.year:
            found.append((date(year, 1, 1), "year"))
    return found


def segment_anchor(text: str, published: date | None) -> tuple[date | None, str]:
    """The anchor of an appended story (segment 1, 2, ...): (date, precision).

    The rule: take every date the segment states (full dates, "March 2015", years such as
    "in 2022") and, where the segment mentions an event of ANCHOR_EVENTS that happened
    after the publication year, that event's year; the anchor is the latest year among
    them, at the best precision stated within that year (day, then month, then year; a
    month or year anchor is the first day of its month or year). A segment that states no
    date, or only mentions an event no later than the publication year, gets (None,
    "unknown"), so nothing in it is read against the page's own date.

    >>> segment_anchor("In Kyiv since Russia’s February 24th invasion.", date(2014, 12, 15))
    (datetime.date(2022, 1, 1), 'year')
    >>> segment_anchor("They met on Thursday.", date(2014, 12, 15))
    (None, 'unknown')
    >>> segment_anchor("On June 16, 2022, since the full-scale invasion.", date(2014, 1, 1))
    (datetime.date(2022, 6, 16), 'day')
    """
    candidates = stated_dates(text)
    published_year = published.year if published else None
    for pattern, earliest, _what in ANCHOR_EVENTS:
        if (published_year is None or earliest.year > published_year) and pattern.search(text):
            candidates.append((date(earliest.year, 1, 1), "year"))
    if not candidates:
        return None, "unknown"
    latest_year = max(value.year for value, _ in candidates)
    best = max(
        (c for c in candidates if c[0].year == latest_year),
        key=lambda c: (_PRECISION_RANK[c[1]], c[0]),
    )
    return best


def build_segments(text: str, lines: list[Line], published: date | None) -> list[Segment]:
    """Segments of the body: segment 0 is anchored to the publication date (precision
    "day", also for an approximate date, which is still the best day known; "unknown"
    without one), appended stories as `segment_anchor` finds."""
    starts = [lines[i].start for i in segment_starts(lines)]
    bounds = [0, *starts, len(text)]
    segments = [Segment(0, 0, bounds[1], published, "day" if published else "unknown")]
    for n in range(1, len(bounds) - 1):
        start, end = bounds[n], bounds[n + 1]
        content = "\n".join(
            line.text for line in lines if start <= line.start < end and not line.flagged
        )
        anchor, precision = segment_anchor(content, published)
        segments.append(Segment(n, start, end, anchor, precision))
    return segments
