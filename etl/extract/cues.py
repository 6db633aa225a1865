"""Word cues shared by the fact rules: status from verbs and modals, travel mode, negation.

Status lies in the words around a trigger ("is expected to head", "called off", "could
cross paths"), so each function reads a window of the clause, not the whole article.
"""

from __future__ import annotations

import re

CANCELLED = re.compile(
    r"\b(?:call(?:ed|s|ing)?\s+off|cancel(?:l?ed|s|ling|lation)?|scrap(?:ped|s)?|"
    r"shelv(?:ed|es|ing)|refus(?:ed|es|ing)\s+(?:to|most)|ruled?\s+out|rules\s+out|"
    r"postpon(?:e|ed|es|ing)|abandon(?:ed|s)?|pull(?:ed|s)?\s+out|"
    r"(?:will|would|did|does|do)\s+not\s+(?:travel|go|visit|attend|meet)|"
    r"won['’]t\s+(?:travel|go|visit|attend|meet)|no\s+longer|skip(?:ped|s)?|snub(?:bed|s)?|"
    r"decided\s+against|put\s+on\s+hold|called\s+it\s+off|not\s+(?:be\s+)?attend(?:ing)?|"
    r"absence|barred|denied|blocked|declin(?:e|ed|es|ing)\s+to|reject(?:ed|s)?|"
    r"turn(?:ed|s)?\s+down)\b",
    re.IGNORECASE,
)
POSSIBLE = re.compile(
    r"\b(?:could|might|may|possibl[ey]|potential(?:ly)?|consider(?:s|ed|ing)?|"
    r"speculat(?:ion|ed|es)|rumou?r(?:ed|s)?|mull(?:s|ed|ing)?|not\s+(?:yet\s+)?confirmed|"
    r"not\s+been\s+confirmed|if\s+it\s+works|hope[sd]?\s+to|invite[sd]?|invitation|"
    r"open\s+to|would\s+(?:like|allow|be\s+willing)|willing\s+to|no\s+(?:meeting|plans?)\b|"
    r"does\s+not\s+have\s+a|doesn['’]t\s+have\s+a|not\s+planned|offered\s+to|seek(?:s|ing)?|"
    r"perhaps|likely|unlikely|chance|not\s+yet|no\s+(?:\w+\s+){0,2}(?:meeting|talks|visit|trip)|"
    r"on\s+(?:the\s+)?agenda\s+yet)\b",
    re.IGNORECASE,
)
PLANNED = re.compile(
    r"\b(?:will|shall|(?:is|are|was|were)\s+(?:set|due|scheduled|expected|slated|to)\b|"
    r"set\s+to|due\s+to|expected|scheduled|plan(?:s|ned|ning)?|to\s+(?:visit|travel|"
    r"head|attend|meet|hold|fly|go|make)|going\s+to|upcoming|would|next\s+(?:week|month|year)|"
    r"tomorrow|later\s+this|bound\s+for|en\s+route|heads?\s+to|intend(?:s|ed)?|aim(?:s|ed)?\s+to|"
    r"ahead\s+of|forthcoming|"
    r"agree[sd]?\s+to|announced\s+(?:a|his|her)\s+(?:visit|trip|plan)|embark|itinerary|agenda|will\s+be)\b",
    re.IGNORECASE,
)
PAST = re.compile(
    r"\b(?:arrived|visited|travell?ed|flew|landed|met|left|departed|went|came|toured|"
    r"(?:was|were)\s+in|had\s+been|has\s+been|stayed|spent|held|attended|spoke|returned|"
    r"took|boarded|crossed|paid)\b",
    re.IGNORECASE,
)
MAIN_CLAUSE_PLAN = re.compile(r"^[^;]{0,80}?\b(?:will|is\s+to|are\s+to|is\s+expected|"
                              r"are\s+expected|is\s+set\s+to|are\s+set\s+to|is\s+due|"
                              r"plans\s+to)\b", re.IGNORECASE)

PHONE = re.compile(r"\b(?:phone|telephone|phoned|telephoned|conference\s+call|spoke\s+by|"
                   r"(?:a|the|their|his|her)\s+(?:\w+\s+)?call\b|calls?\s+(?:with|between)|"
                   r"calling\s+(?:President|Prime|Chancellor|King|[A-Z][a-z]+\s+[A-Z]))",
                   re.IGNORECASE)
VIDEO = re.compile(r"\b(?:video|virtual(?:ly)?|videoconference|video-link|online\s+summit|"
                   r"by\s+video|zoom)\b", re.IGNORECASE)
# The words of a journey by train, not any railway the sentence mentions ("praised the new
# railway", "a rail link"): "by train", "an overnight train", "a train journey".
TRAIN = re.compile(r"\b(?:by\s+(?:train|rail)|(?:a|the|an|his|her|their|overnight|night|special)"
                   r"\s+(?:[\w-]+\s+){0,2}?train\b(?!\s+(?:line|station|link|project|network|"
                   r"tracks?))|train\s+(?:journey|ride|trip)|rail\s+journey)", re.IGNORECASE)
AIR = re.compile(r"\b(?:fl(?:y|ew|ies|ying|own)|aircraft|plane|Air\s+Force\s+One|airport|jet|"
                 r"airbase|air\s+base|landed)\b", re.IGNORECASE)
ROAD = re.compile(r"\b(?:drove|drive|motorcade|by\s+car|by\s+road|convoy)\b", re.IGNORECASE)


_CLAUSE_BREAK = re.compile(r";|—|\s–\s|[”\"],?\s+|"
                           r",?\s+(?:but|although|though|while|whereas|after|"
                           r"despite|as)\s+|,\s+(?:and|who|which)\s+", re.IGNORECASE)


def clause_start(text: str, pos: int) -> int:
    """Where the clause holding `pos` starts: after the last ";", "but", "although"...

    >>> t = "Officials refused contact, although Blinken met Lavrov"
    >>> t[clause_start(t, t.index("met")):]
    'Blinken met Lavrov'
    """
    last = 0
    for m in _CLAUSE_BREAK.finditer(text, 0, pos):
        last = m.end()
    return last


def status_in(window: str, default: str = "occurred") -> str:
    """The status a clause gives an event: cancelled > possible > planned > occurred.

    >>> status_in("Blinken is then expected to head")
    'planned'
    >>> status_in("on a trip where he could cross paths")
    'possible'
    >>> status_in("Jordan called off the summit")
    'cancelled'
    >>> status_in("Kerry met")
    'occurred'
    """
    if CANCELLED.search(window):
        return "cancelled"
    if POSSIBLE.search(window):
        return "possible"
    if PLANNED.search(window):
        return "planned"
    return default


def mode_of(text: str) -> str | None:
    """Travel mode named in a sentence, if any."""
    if TRAIN.search(text):
        return "train"
    if AIR.search(text):
        return "air"
    if ROAD.search(text):
        return "road"
    return None


def meeting_mode(text: str) -> str:
    """in_person unless the sentence speaks of a call or a video link.

    >>> meeting_mode("Kerry spoke by telephone with Lavrov"), meeting_mode("a virtual summit")
    ('phone', 'video')
    """
    if VIDEO.search(text):
        return "video"
    if PHONE.search(text):
        return "phone"
    return "in_person"
