"""Who gave a casualty figure ("according to the health ministry", "..., the UN said") and
where it is from ("in eastern Ukraine", else the place named nearest the figure).
"""

from __future__ import annotations

import re

from etl.extract.context import View

REPORTER = re.compile(
    r"\b(?:according\s+to|said|says|reported\s+by|figures\s+(?:from|released\s+by)|data\s+"
    r"from|citing)\s+(?:the\s+|new\s+)?(?P<who>(?:[A-Z][\w'’-]*|of|for|and)(?:\s+(?:[A-Z][\w'’-]*"
    r"|of|for|and|the)){0,6})",
)
REPORTER_SUBJECT = re.compile(
    r"(?P<who>(?:the\s+)?(?:[A-Z][\w'’-]*\s+){0,5}(?:[Mm]inistry(?:\s+of\s+[A-Z]\w+)?|"
    r"UN|United\s+Nations|UNHCR|OCHA|WHO|officials|authorities|police|army|military|"
    r"government|Red\s+Cross|AAPP|agency|[Aa]ssociation[\w ]*))\s+(?:said|says|reported|"
    r"reports|announced|estimated|figures)")
WHERE = re.compile(r"\b(?:in|across|on)\s+(?P<w>(?:(?:eastern|western|northern|southern|"
                   r"central|north|south|east|west)(?:ern)?\s+)?(?:the\s+)?[A-Z][\w'’-]+"
                   r"(?:\s+(?:Strip|Bank|[A-Z][\w-]+))?)")


def _reporter(text: str) -> str | None:
    m = REPORTER.search(text)
    if m and m.group("who"):
        who = m.group("who").strip()
        tail = _ORG_TAIL.match(text, m.start("who") + len(who))
        if tail:
            who += tail.group(0)  # "according to the Afghan health ministry"
        who = re.sub(r"\s+(?:of|for|and|the)$", "", who)
        who = re.sub(r"\s+(?:figures|data|said|says)$", "", who)
        if who and who[0].isupper() and not re.match(
                r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Yesterday|"
                r"January|February|March|April|May|June|July|August|September|October|"
                r"November|December|Last|This|On|In|At)\b", who):
            return who
    m = _LOWER_REPORTER.search(text)
    if m:
        return m.group("who")  # "according to the provincial health ministry"
    # "..., the Gaza health ministry said": the phrase between the last comma (or the
    # sentence start) and the verb of saying.
    for m in SPEAKER.finditer(text):
        who = re.sub(r"^(?:[A-Z]{2,6}\s*[-–]\s*)?(?:(?:[Bb]ut|[Aa]nd|[Ww]hile)\s+)?"
                     r"(?:[Tt]he|[Aa]n?)\s+", "", m.group("who").strip())
        words = who.split()
        if words and words[0].lower() in _NOT_SPEAKERS:
            continue  # "An estimated 150,000 people": a qualifier, not who estimated
        if 1 <= len(words) <= 6 and (ORG_WORD.search(who) or all(w[0].isupper() for w in words)):
            return who
    m = REPORTER_SUBJECT.search(text)
    if m:
        return re.sub(r"^the\s+", "", m.group("who").strip())
    return None


_NOT_SPEAKERS = {"a", "an", "the", "some", "about", "nearly", "more", "at", "up", "over",
                 "around", "almost", "roughly", "it", "this", "that", "there"}
SPEAKER = re.compile(r"(?:^|[,;]\s*|[”\"]\s*)(?P<who>[^,;”\"]{2,70}?)\s+(?:said|says|reported|"
                     r"reports|announced|estimated|estimates|stated|told)\b")
ORG_WORD = re.compile(r"\b(?:ministry|agency|authorit(?:y|ies)|officials?|police|army|military|"
                      r"office|department|committee|commission|council|organi[sz]ation|"
                      r"government|UN|WHO|UNHCR|OCHA|UNICEF|IOM|Red\s+Cross|Crescent|group|"
                      r"monitor|observatory|spokes(?:man|woman|person)|association|watchdog|"
                      r"institute|cent(?:re|er)|foundation|network|coalition|United\s+Nations)\b",
                      re.IGNORECASE)


# Lower-case words that go on a capitalised name of who reports: "Afghan health ministry".
_REPORTING_BODY = (r"(?:ministry|agency|authorit(?:y|ies)|officials?|police|army|military|"
                   r"office|department|committee|commission|council|government|"
                   r"spokes(?:man|woman|person))\b")
_ORG_TAIL = re.compile(rf"(?:\s+[a-z][\w-]*){{0,2}}?\s+{_REPORTING_BODY}")
_LOWER_REPORTER = re.compile(
    rf"\baccording\s+to\s+(?:the\s+)?(?P<who>(?:[a-z][\w'’-]*\s+){{0,2}}?{_REPORTING_BODY})")


def _where(view: View, pos: int = 0) -> str | None:
    """Where the figure is from: an "in eastern Ukraine" phrase, else the place named
    nearest the figure (a country, a city), else None (the article's last place is used by
    the caller for sentences that continue a report)."""
    found = [m for m in WHERE.finditer(view.text)
             if any(p.start >= m.start("w") - 1 and p.start < m.end("w") for p in view.places)
             or re.search(r"[A-Z]\w+\s+(?:Strip|Bank)", m.group("w"))]
    if found:
        best = min(found, key=lambda m: abs(m.start() - pos))
        end = max([best.end("w")] + [p.end for p in view.places
                                     if best.start("w") <= p.start < best.end("w")])
        return re.sub(r"^the\s+", "", view.text[best.start("w"):end])  # "Papua New Guinea"
    places = view.places
    if places:
        best = min(places, key=lambda p: abs(p.start - pos))
        return best.text if best.is_city else re.sub(r"^the\s+", "", best.text)
    return None
