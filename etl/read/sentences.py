"""Sentence splitting with character offsets into the normalised body: ends at . ! ? or an
ellipsis, except after abbreviations, initials, list numbers and inside tickers."""

from __future__ import annotations

import re

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
    kh. ts. zh. sh. ch. dz.
    """.split()  # the last row: two-letter initials of transliterated names, "Kh. Battulga"
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
