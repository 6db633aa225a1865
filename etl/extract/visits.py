"""Visits: a person is, was or will be in a place.

A visit needs a traveller (a person before the travel words, or the story's subject for "he"
and "they") and a destination that a locative phrase introduces ("to Kyiv", "in Brussels",
"visit Germany", "from Poland" for a departure point). Status comes from the clause's verbs.
"""

from __future__ import annotations

import re

from etl.extract.context import View
from etl.extract.cues import (
    CANCELLED,
    MAIN_CLAUSE_PLAN,
    PAST,
    clause_start,
    mode_of,
    status_in,
)
from etl.extract.geo import PlaceRef
from etl.extract.people import home_country
from etl.model import Article
from etl.places import is_capital

# Words that move a person toward a place; the place follows within the clause.
DEST_TRIGGER = re.compile(
    r"\b(?:visit(?:s|ed|ing)?|trip|tour(?:s|ed|ing)?|travel(?:s|led|ed|ling|ing)?|"
    r"journey(?:ed)?|head(?:s|ed|ing)?|fl(?:y|ew|ies|ying|own)|arriv(?:e|es|ed|ing|al)|"
    r"land(?:s|ed|ing)?|bound|depart(?:s|ed|ing|ure)?|left|leaves?|leaving|en\s+route|"
    r"go(?:es|ing)?|went|gone|stop(?:s|ped|over)?|take|takes|took|taking|embark(?:s|ed|ing)?|"
    r"came|come|comes|coming|attend(?:s|ed|ing)?|be|been|was|were|is|are|met|meet(?:s|ing)?|"
    r"sent|send|sends|dispatch(?:ed|es)?|"
    r"meeting|talks|summit|speaking|spoke|says|said|press\s+conference|stay(?:s|ed|ing)?)\b",
    re.IGNORECASE,
)
STRONG_TRAVEL = re.compile(
    r"\b(?:visit(?:s|ed|ing)?|trip|tour(?:s|ed|ing)?|travel(?:s|led|ed|ling|ing)?|"
    r"journey(?:ed)?|head(?:s|ed|ing)?|fl(?:y|ew|ies|ying|own)|arriv(?:e|es|ed|ing|al)|"
    r"land(?:s|ed|ing)?|bound\s+for|depart(?:s|ed|ing|ure)?|left|leaves?|leaving|en\s+route|"
    r"embark(?:s|ed|ing)?|stop(?:s|ped|over)?|train|take[sn]?\s+(?:[\w-]+\s+){0,4}to|"
    r"sen[dt]s?\s+(?:[\w.-]+\s+){0,5}to|dispatch(?:ed|es)?\s+(?:[\w.-]+\s+){0,5}to|"
    r"took\s+(?:[\w-]+\s+){0,4}to|meetings?\s+in)\b",
    re.IGNORECASE,
)
ORIGIN_BEFORE = re.compile(
    r"(?:\bfrom|\bdepart(?:s|ed|ing|ure)?(?:\s+from)?|\bleft|\bleaves|\bleaving|"
    r"\bboard(?:s|ed|ing)?\s+(?:his|her|their|the|a)?\s*(?:aircraft|plane|jet|flight|train)"
    r"\s+(?:in|at))\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
# What may stand between a locative word and the place: "to the heavily-bombed town of".
LOCATIVE_BEFORE = re.compile(
    r"(?:\b(?:to|in|into|at|via|toward|towards|visit(?:s|ed|ing)?|tour(?:s|ed|ing)?\s+of|"
    r"trip\s+to|arriv(?:e|es|ed|ing)\s+(?:in|at)|reach(?:es|ed)?|bound\s+for|left\s+for|"
    r"leaves?\s+for|depart(?:s|ed)?\s+for|heads?\s+for|headed\s+for)"
    r"(?:\s+(?:the|a|an|both|either|[a-z][\w-]*(?:\s+(?:town|city|capital|port|village|region))?\s+of|"
    r"close|allies|and|partners|U\.S\.|US|Western|key|several|neighbouring|neighboring|"
    r"other|[a-z]+-[a-z]+|heavily|bombed|town|city|capital|port|village|region|of))*\s+$)",
    re.IGNORECASE,
)
# "the Amman visit", "his Kyiv trip": the place names the trip that follows it.
NOUN_AFTER = re.compile(r"\s+(?:visit|trip|stop|stopover|leg|tour)\b", re.IGNORECASE)
LIST_GAP = re.compile(r"^(?:\s*(?:,|;|and|&|then|as\s+well\s+as|before|after|followed\s+by)"
                      r"\s*(?:to|in|on\s+to|onto|then|the)?\s*)+$", re.IGNORECASE)
NOT_A_VISIT_CONTEXT = re.compile(
    r"\b(?:war|conflict|fighting|crisis|invasion|attacks?|situation|support|aid|interests?|"
    r"sanctions|investments?|troops|forces|elections?|embassy|ambassador|born|lives|"
    r"based|economy|people|deaths?|killed|violence|operations?|offensive|peace|ceasefire|truce|"
    r"hostilities|strikes|bombing|bombardment|shelling|hostages|humanitarian|"
    r"anger|amid|outrage|protests?|concerns?|fears?|gains|positions|airspace|border|"
    r"members?|membership|relations|ties|stake|policy|role|missiles|weapons|arms|supplies|"
    r"supply|exports?|shipments?|ammunition|drones|money|help|assistance|message|threat|"
    r"threats|access|routes?|pressure|visitors|tourists|migrants|refugees|investors)"
    r"\s+(?:in|to|into|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
HOME_WORDS = re.compile(r"\b(?:return(?:s|ed|ing)?|back\s+to|home|heading\s+home)\b",
                        re.IGNORECASE)
ATTRIBUTION_BEFORE = re.compile(r"(?:\bsaid|\bsays|\btold|\baccording\s+to|\bquoted)\s*,?\s*$")


GROUP_SUBJECT = re.compile(r"\b(?:the\s+(?:trio|pair|two|three|four|leaders|men|ministers|"
                           r"diplomats)|they|both(?:\s+(?:men|leaders|diplomats|ministers))?)\s+"
                           r"(?:[\w-]+\s+){0,6}$", re.IGNORECASE)


# A person right after these verbs is their object, not the one who travels.
OBJECT_BEFORE = re.compile(
    r"\b(?:meet|met|meets|meeting|see|saw|sees|join(?:ed|s)?|with|invited|invites|hosted|"
    r"hosts|welcomed|welcomes|received|receives|thanked|praised|urged|asked|called|phoned|"
    r"told|replac\w+|succeed\w*|and\s+(?:with|also))\s+(?:(?:[A-Z][\w.’'-]*|the|his|her|"
    r"their|former|new|then)\s+){0,5}$")


def travellers(view: View, before: int) -> list[str]:
    """People who are the subject of travel words at `before`, or the implied subject."""
    prior = [p for p in view.people if p.start < before]
    if prior and re.match(r"(?:'s|’s)\s+(?:[\w-]+\s+){0,2}$", view.text[prior[-1].end:before]):
        return [prior[-1].name]
    if GROUP_SUBJECT.search(view.text[max(0, before - 70):before]):
        lead = _leading_people(view)
        if len(lead) >= 2:
            return lead
        if view.subject:
            return list(view.subject)
    guests = [p.name for p in view.people if p.start < before and re.search(
        r"\b(?:hosted|hosts|hosting|welcomed|welcomes|received|receives)\s+"
        r"(?:[A-Z][\w.’'-]*\s+){0,5}$", view.text[max(0, p.start - 60):p.start])]
    if guests:
        return guests  # "Trump hosted Modi for a visit in Washington": the guest travelled
    names = []
    meeting_there = re.match(r"(?:met|meet|meets|meeting|talks)\b", view.text[before:before + 8])
    for p in view.people:
        if p.start >= before:
            continue
        if ATTRIBUTION_BEFORE.search(view.text[max(0, p.start - 20):p.start]):
            continue
        if not meeting_there and OBJECT_BEFORE.search(view.text[max(0, p.start - 70):p.start]):
            continue  # "to meet Prime Minister X in Rome before flying to Paris": X stays
        between = view.text[p.end:before]
        speaking_there = re.fullmatch(r"\s*,?\s*(?:told|said|says|tells)\s+(?:[\w-]+\s+){0,2}"
                                      r"(?:in|at)\s+(?:the\s+)?", between)
        if not speaking_there and re.search(r"[;]|\b(?:told|said|asked|urged|called)\b",
                                            between):
            continue
        names.append(p.name)
    if meeting_there and names:
        # "to meet Prime Minister X in Rome": whoever is met is there too.
        names += [p.name for p in view.people if before < p.start < before + 70
                  and re.match(r"[^,;]{0,25}\b(?:in|at)\b", view.text[p.end:p.end + 30])]
    tail = view.text[before:]
    by = [p for p in view.people if p.start >= before and re.search(
        r"\b(?:by|of)\s+(?:[A-Z][\w.]*\s+){0,4}$", view.text[max(before, p.start - 40):p.start])
          and re.search(r"\b(?:trip|visit|tour|journey)\b", view.text[:p.start])]
    if by and not any(p.start < before for p in view.people):
        return [by[0].name]
    for p in view.people:
        if p.start >= before and re.search(
                r"\b(?:alongside|along\s+with|together\s+with|accompanied\s+by|joined\s+by)\s+"
                r"(?:[\w'’-]+\s+){0,5}$", view.text[max(before, p.start - 60):p.start]):
            names.append(p.name)
    sender = re.search(r"\b(?:take[sn]?|took|sen[dt]s?|dispatch(?:ed|es)?)\s+"
                       r"(?:[\w.’'-]+\s+){0,6}$",
                       view.text[max(0, before - 80):before + 12])
    if not names and sender:
        # "sent Foreign Minister X to Washington", "will take the top US diplomat to Paris":
        # the traveller is the object of the verb.
        names = [p.name for p in view.people if before - 80 < p.start < before + 60]
    elif not names and re.search(r"\btake(?:s)?\b|\btook\b", tail[:40] + view.text[:before][-40:]):
        names = [p.name for p in view.people if p.start > before - 80]
    if not names:
        names = [n for n in view.subject if n]
    participle = re.search(r"\b(?:speaking|arriving|visiting|addressing|appearing|standing|"
                           r"touring|landing)\b[^,;]*$", view.text[:before + 20], re.IGNORECASE)
    if not names and (re.match(r"\s*(?:At|In|During|After)\b", view.text) or participle):
        comma = view.text.find(",", before)
        if comma > 0:
            names = [p.name for p in view.people if comma < p.start < comma + 40][:1]
    return list(dict.fromkeys(names))


def _leading_people(view: View) -> list[str]:
    """The persons named before the sentence's first verb: its compound subject."""
    verb = re.search(r"\b(?:have|has|had|were|was|will|are|is|met|said|arrived|travell?ed|"
                     r"visited|flew|left|departed)\b", view.text)
    end = verb.start() if verb else len(view.text)
    return list(dict.fromkeys(p.name for p in view.people if p.start < end))


def destinations(view: View) -> list[tuple[PlaceRef, str]]:
    """Places the sentence puts someone in: (place, 'dest' | 'origin')."""
    out: list[tuple[PlaceRef, str]] = []
    prev: PlaceRef | None = None
    for place in view.places:
        before = view.text[max(0, place.start - 80):place.start]
        if _is_modifier(view.text, place):
            prev = None
            continue
        if ORIGIN_BEFORE.search(before[-40:]) and (
                not re.search(r"\bfrom\s+(?:[\w-]+\s+){0,2}$", before[-40:])
                or STRONG_TRAVEL.search(before[-70:])):
            out.append((place, "origin"))
        elif NOT_A_VISIT_CONTEXT.search(before[-45:]):
            prev = None
            continue
        elif NOUN_AFTER.match(view.text[place.end:place.end + 20]) or LOCATIVE_BEFORE.search(
                before) or (
                re.search(r"\bfor\s+(?:the\s+)?$", before) and not re.search(
                    r"\b(?:support|aid|help|backing|solidarity|sanctions|funding|war|"
                    r"peace|security)\s+for\s+(?:the\s+)?$", before) and re.search(
                    r"\b(?:left|leaves?|leaving|depart\w*|bound|head\w*|fl(?:y|ew|ies|ying)|"
                    r"set\s+off|set\s+out)\b", view.text[:place.start], re.IGNORECASE)) or (
                prev is not None and LIST_GAP.match(view.text[prev.end:place.start])):
            out.append((place, "dest"))
        elif prev is not None and re.fullmatch(r",\s*", view.text[prev.end:place.start]) and \
                not place.is_city and prev.is_city and prev.country == place.country:
            # "Ankara, Turkey": the country only qualifies the city.
            continue
        else:
            prev = None
            continue
        prev = place
    # "Ankara, Turkey" gives one visit, to the city.
    cities = {p.country for p, _ in out if p.is_city}
    out = [(p, k) for p, k in out if p.is_city or p.country not in cities
           or not _qualifies_city(view.text, p, out)]
    return out


def _qualifies_city(text: str, country: PlaceRef, found: list[tuple[PlaceRef, str]]) -> bool:
    return any(p.is_city and p.country == country.country and
               re.fullmatch(r",\s*", text[p.end:country.start]) for p, _ in found)


def _is_modifier(text: str, place: PlaceRef) -> bool:
    """ "US Secretary", "Ukraine's", "Kyiv-based", "US-China": a place used as an adjective."""
    after = text[place.end:place.end + 25]
    if re.match(r"(?:'s|’s)\b", after):
        return True
    if re.match(r"-(?!based)[A-Za-z]", after) or re.match(r"-based", after):
        return True
    if not place.is_city and re.match(
            r"\s+(?:[A-Z][a-z]+\s+)?(?:Secretary|Minister|President|officials?|forces|army|"
            r"military|government|troops|allies|lawmakers|ambassador|embassy|envoy|aid|"
            r"support|diplomat|leader|Congress|Senate|Foreign|Defen[cs]e|State)\b", after):
        return True
    return False


# "Poland refused to let Lavrov attend", "North Macedonia would allow him to take part":
# a host's permission decides a visit.
PERMISSION = re.compile(
    r"\b(?P<verb>refus(?:ed|es)\s+to\s+(?:let|allow|admit)|barred|banned|denied\s+entry\s+to|"
    r"(?:would|will|could|may|might)\s+(?:allow|let|permit)|agreed\s+to\s+(?:let|allow)|"
    r"allowed|invited)\s+(?P<who>him|her|them|[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)\s+"
    r"(?:to\s+)?(?:attend|take\s+part|enter|visit|come|participate|join)",
)


def permission_visits(view: View, article: Article) -> list[dict]:
    """Visits a host country grants or refuses."""
    out = []
    for m in PERMISSION.finditer(view.text):
        # A country inside a relative clause (", which has joined ... Ukraine,") is not
        # the one granting permission.
        aside = [(r.start(), r.end()) for r in re.finditer(r",\s*(?:which|who)\b[^,]*,",
                                                            view.text)]
        hosts = [p for p in view.places if p.end <= m.start() and not p.is_city
                 and not _is_modifier(view.text, p)
                 and not any(s <= p.start < e for s, e in aside)]
        if not hosts:
            continue
        host = hosts[-1]
        who = m.group("who")
        if who in ("him", "her", "them"):
            names = [p.name for p in view.people if p.start < m.start()][:1] or (
                [view.focus] if view.focus else [])
        else:
            names = [p.name for p in view.people if m.start("who") <= p.start < m.end("who")]
        verb = m.group("verb").lower()
        if verb.startswith(("refus", "barred", "banned", "denied")):
            status = "cancelled"
        elif verb.startswith(("would", "will", "could", "may", "might", "invited")):
            status = "possible"
        else:
            status = "occurred"
        dates = view.dates(status == "possible")
        for name in names:
            out.append(view.fact_base(article) | {
                "type": "visit", "actor": name, "place": None, "country": host.country,
                "date": dates[0].value if dates else None, "status": status})
    return out


SCHEDULE_LINE = re.compile(
    r"^\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]+)[^:]{0,40}:\s*")


def schedule_stops(view: View, article: Article) -> list[dict]:
    """An itinerary line ("Monday, May 22: Jerusalem, Israel") puts the story's traveller
    at the place on that date."""
    m = SCHEDULE_LINE.match(view.text)
    if not m or not view.focus or not view.places:
        return []
    places = [p for p in view.places if p.start >= m.end() - 1 and not _is_modifier(
        view.text, p)]
    if not places:
        return []
    dates = [d for d in view.dates(True) if d.start < m.end()]
    date = dates[0].value if dates else None
    status = "planned" if date and view.anchor and date > view.anchor.isoformat() else \
        status_in(view.text[m.end():], "planned")
    return [view.fact_base(article) | {
        "type": "visit", "actor": view.focus, "place": place.name, "country": place.country,
        "date": date, "status": status} for place in places]


def from_sentence(view: View, article: Article) -> list[dict]:
    """Visit facts of one sentence."""
    text = view.text
    if not view.people and SCHEDULE_LINE.match(text):
        return schedule_stops(view, article)
    if PERMISSION.search(text):
        return permission_visits(view, article)
    if not view.places or not (view.people or view.subject):
        return []
    found = destinations(view)
    if not found:
        return []
    facts = []
    for place, kind in found:
        trigger = NOUN_AFTER.match(text, place.end) or _trigger_before(text, place.start)
        if trigger is None:
            continue
        if kind == "dest" and not STRONG_TRAVEL.search(text) and not _presence(text, view, place):
            continue
        if HOME_WORDS.search(text[max(0, place.start - 25):place.start]):
            continue
        actors = travellers(view, trigger.start() if kind == "dest" else place.start)
        if not actors:
            actors = travellers(view, place.start)
        clause_start = _clause_start(text, trigger.start())
        window = text[clause_start:place.end]
        status = status_in(window)
        if status == "occurred" and not PAST.search(window) and MAIN_CLAUSE_PLAN.search(
                text[place.end:]):
            # "During his stay in Nairobi, Kerry will discuss...": the main clause's tense.
            status = "planned"
        if kind == "dest" and status == "occurred" and re.search(
                r"\b(?:flies|heads|leaves|departs|travels|sets\s+off|is\s+(?:flying|heading|"
                r"travell?ing|en\s+route|bound))\s+(?:\w+\s+){0,2}(?:to|for)\s+$",
                text[max(0, place.start - 40):place.start]):
            status = "planned"  # "as he flies to Brussels": the arrival is still ahead
        if kind == "dest" and status == "occurred" and re.search(
                r"\bto\s+$", text[max(0, trigger.start() - 4):
                                                               trigger.start()]):
            status = "planned"  # "leaves today to fly to Riyadh": the purpose is still ahead
        rest = re.split(r"[,;]", text[place.end:])[0][:120]
        if status != "cancelled" and CANCELLED.search(rest):
            status = "cancelled"
        for actor in actors:
            if kind == "dest" and not STRONG_TRAVEL.search(text) and _at_home(
                    actor, place, view):
                continue
            if kind == "dest" and not place.is_city and home_country(
                    actor, view.anchor) == place.country:
                continue
            if _at_home(actor, place, view) and kind == "dest" and re.search(
                    r"\b(?:in|at)\s+(?:the\s+)?$", text[max(0, place.start - 8):place.start]):
                continue
            fact = view.fact_base(article) | {
                "type": "visit", "actor": actor,
                "place": place.name, "country": place.country,
                "date": None, "status": status,
            }
            future = status in ("planned", "possible")
            fact["date"] = _nearest_date(view, future, trigger.start(), place.start, kind)
            if fact["date"] and not view.dates(future):
                fact["_default_date"] = True
            mode = mode_of(text)
            if mode:
                fact["mode"] = mode
            fact["_kind"] = kind
            facts.append(fact)
    return facts


def _trigger_before(text: str, pos: int) -> re.Match | None:
    last = None
    for m in DEST_TRIGGER.finditer(text, 0, pos):
        last = m
    if last is None:
        m = re.search(r"\b(?:in|to)\b", text[:pos])
        return m
    return last


def _clause_start(text: str, pos: int) -> int:
    return clause_start(text, pos)


def _presence(text: str, view: View, place: PlaceRef) -> bool:
    """ "Blinken, speaking Tuesday in London": presence without a travel verb."""
    before = text[max(0, place.start - 60):place.start]
    if not re.search(r"\b(?:in|at)\s+$", before):
        return False
    near = [p for p in view.people if abs(p.start - place.start) < 90]
    if not near and not view.subject:
        return False
    if any(re.fullmatch(r"\s+in\s+", text[p.end:place.start]) for p in near):
        return True
    return bool(re.search(
        r"\b(?:speaking|spoke|met|meets|meetings?|talks|summit|conference|attend(?:s|ed|ing)?|"
        r"arriv\w*|visit\w*|held|hosted|stay(?:s|ed|ing)?|will\s+be|was|were|is|are|be|told|"
        r"said|says|tells|advised|addressed|remarks|event|ceremony|forum|gathering|session|"
        r"rally|reporters|journalists)\s+"
        r"(?:[\w,-]+\s+){0,4}(?:in|at)\s+(?:the\s+)?$", before, re.IGNORECASE))


def _at_home(actor: str, place: PlaceRef, view: View) -> bool:
    home = home_country(actor, view.anchor)
    if home is None or home != place.country:
        return False
    return not place.is_city or is_capital(place.name, home)


def _nearest_date(view: View, future: bool, trigger: int, place: int, kind: str) -> str | None:
    # A date far from the trigger belongs to another event of the sentence.
    dates = [d for d in view.dates(future) if min(abs(d.start - trigger), abs(d.start - place))
             < 70]
    if not dates:
        return view.default_date() if not future else None
    best = min(dates, key=lambda d: min(abs(d.start - trigger), abs(d.start - place)))
    return best.value
