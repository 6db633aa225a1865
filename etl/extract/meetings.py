"""Meetings: two or more named persons meet, talk by phone or by video.

The trigger ("met", "talks with", "spoke by telephone", "virtual summit") must stand in the
sentence; participants are the persons of the clause less those quoted as sources ("said
O'Brien"), plus the story's subject when the sentence says "he" or "they".
"""

from __future__ import annotations

import re

from etl.extract.context import View
from etl.extract.cues import clause_start, meeting_mode, status_in
from etl.extract.visits import ATTRIBUTION_BEFORE, NOT_A_VISIT_CONTEXT, _is_modifier
from etl.model import Article

TRIGGER = re.compile(
    r"\b(?:met|meet(?:s|ing|ings)?|talks|talked|spoke\s+(?:by|with|to|on)|speak\s+(?:with|to)|"
    r"(?:phone|telephone|video|conference)\s+call|call(?:ed|ing)?\s+(?:President|Prime|with|"
    r"[A-Z])|phoned|telephoned|summit|sat\s+down\s+with|host(?:s|ed|ing)?|welcomed|"
    r"shook\s+hands|shake\s+hands|face-to-face|held\s+discussions|discussions|"
    r"courtesy\s+call|press\s+conference\s+with|cross\s+paths|encounter|visit(?:ed|s|ing)?\s+"
    r"(?:President|Prime|King|Chancellor))\b",
    re.IGNORECASE,
)


def participants(view: View, trigger: re.Match) -> list[str]:
    before = view.text[:trigger.start()]
    owner = [p for p in view.people if p.end <= trigger.start() and re.fullmatch(
        r"(?:'s|’s)\s+(?:[\w-]+\s+){0,2}", view.text[p.end:trigger.start()])]
    if owner and not re.search(r"\b(?:met|meets|talks|spoke)\b", before):
        # "Starmer's upcoming meeting at the White House": only the owner and whoever the
        # text says the meeting is with.
        others = [p.name for p in view.people if p.start > trigger.end() and re.search(
            r"\bwith\s+(?:[\w-]+\s+){0,4}$", view.text[trigger.end():p.start])]
        return sorted(dict.fromkeys([owner[-1].name] + others))
    # The meeting's clause ends where a new clause begins after the trigger (", who holds",
    # "; he will also", ", where he is to see"): persons beyond it meet someone else.
    clause_end = len(view.text)
    end = re.compile(r";|,\s*(?:who|which|where|whose|while|before|after|and\s+(?:then|later|"
                     r"also|will|is|was))\b|\.\s")
    first_after = next((p for p in view.people if p.start >= trigger.end()), None)
    after_object = end.search(view.text, first_after.end) if first_after else None
    if after_object:
        clause_end = after_object.start()
    names = []
    for p in view.people:
        if p.start > clause_end:
            continue
        if ATTRIBUTION_BEFORE.search(view.text[max(0, p.start - 20):p.start]):
            continue
        if re.search(r"\b(?:representatives?|supporters|allies|aides?|officials|envoys?|"
                     r"delegation|loyalists)\s+(?:of|to|for)\s+(?:[\w.-]+\s+){0,3}$",
                     view.text[max(0, p.start - 50):p.start]):
            continue  # "met ... representatives of Juan Guaido": he was not there
        if p.start > trigger.end() and re.match(
                r"(?:'s|’s)\s+(?!(?:meeting|talks|visit|trip|call|summit|counterpart|host|hosts|"
                r"invitation)\b)", view.text[p.end:p.end + 30]):
            continue  # "Zelensky's requests": named, but not at the table
        if re.match(r"\s*,?\s*(?:said|says|told)\b", view.text[p.end:p.end + 12]) and \
                p.start > trigger.end():
            continue
        names.append(p.name)
    if view.subject and (len(set(names)) < 2 or re.match(
            r"\s*(?:they|he|she|the\s+\w+)\b", view.text, re.IGNORECASE)):
        names = list(view.subject) + names
    return sorted(dict.fromkeys(n for n in names if n))


def place_of(view: View, after: int) -> tuple[str | None, str | None]:
    """The meeting's place: a place after "in"/"at" near the trigger, else at the start."""
    for place in view.places:
        before = view.text[max(0, place.start - 30):place.start]
        if _is_modifier(view.text, place) or NOT_A_VISIT_CONTEXT.search(before):
            continue
        leading = re.match(r"\s*(?:In|At)\s+(?:the\s+)?$", view.text[:place.start])
        if not leading and not (after <= place.start <= after + 110):
            continue
        if re.search(r"\b(?:in|at)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$", before) and not re.search(
                r"\b(?:war|conflict|crisis|invasion|fighting|support|interests|sanctions|"
                r"troops)\s+in\s+$", before):
            return place.name, place.country
    # "will visit Moscow next week for talks with Lavrov": the talks are where the visit is.
    for place in reversed([p for p in view.places if p.end <= after]):
        before = view.text[max(0, place.start - 40):place.start]
        same_clause = ";" not in view.text[place.end:after]
        if same_clause and not _is_modifier(view.text, place) and re.search(
                r"\b(?:visit(?:s|ed|ing)?|arriv(?:e|es|ed|ing)\s+in|travel(?:s|led|ed|ling)?"
                r"\s+to|fl(?:y|ew|ies)\s+to|(?:visit|trip|tour|stay|stop)\s+(?:to|in)|in)"
                r"\s+(?:the\s+)?$", before):
            return place.name, place.country
    return None, None


def _local_mode(text: str, trigger: re.Match) -> str:
    """The mode one trigger speaks of: words right around it ("spoke by phone",
    "meet in person"), so one sentence can hold a call and a meeting."""
    window = text[max(0, trigger.start() - 25):trigger.end() + 25]
    if re.search(r"\bin\s+person\b|face-to-face", window, re.IGNORECASE):
        return "in_person"
    return meeting_mode(window)


def from_sentence(view: View, article: Article) -> list[dict]:
    """Meeting facts of one sentence: one per mode the sentence speaks of."""
    text = view.text
    triggers = list(TRIGGER.finditer(text))
    if not triggers:
        return []
    people = participants(view, triggers[0])
    if len(people) < 2:
        return []
    by_mode: dict[str, list[re.Match]] = {}
    for trigger in triggers:
        by_mode.setdefault(_local_mode(text, trigger), []).append(trigger)
    if "in_person" in by_mode and len(by_mode) == 2 and not re.search(
            r"\bin\s+person\b|in-person|face-to-face|\bvisit|\bmet\s+in\b|\bat\s+the\b",
            text, re.IGNORECASE) and len({
                _fact(view, article, people, found[0], mode, whole=False)["status"]
                for mode, found in by_mode.items()}) == 1:
        # "held talks ... by video link": the talks are the video call, not a second meeting.
        other = next(mode for mode in by_mode if mode != "in_person")
        by_mode = {other: by_mode[other] + by_mode["in_person"]}
    if len(by_mode) == 1:
        # One kind of meeting: the whole sentence describes it.
        mode = meeting_mode(text) if "in_person" in by_mode else next(iter(by_mode))
        return [_fact(view, article, people, triggers[0], mode, whole=True)]
    return [_fact(view, article, people, found[0], mode, whole=False)
            for mode, found in by_mode.items()]


def _fact(view: View, article: Article, people: list[str], trigger: re.Match, mode: str,
          whole: bool) -> dict:
    text = view.text
    if whole:
        start = clause_start(text, trigger.start())
    else:
        start = max(0, trigger.start() - 45, clause_start(text, trigger.start()))
    window = text[start:min(len(text), trigger.end() + 40)]
    status = status_in(window)
    if status == "planned" and re.search(r"\b(?:not|no)\b[^.;]{0,30}\bplanned\b", window):
        status = "possible"
    if status == "planned" and re.search(r"\bto\s+$", text[max(0, trigger.start() - 4):
                                                          trigger.start()]) and \
            re.search(r"\bhad\s+(?:already\s+)?(?:travell?ed|flown|gone|come|been)\b",
                      text[start:trigger.start()]) and not re.search(
                r"\b(?:will|would|is\s+to|are\s+to|due|expected|plans?|scheduled)\b",
                text[start:trigger.start()]):
        status = "occurred"  # "had travelled to Washington to meet Biden": it happened
    place, country = place_of(view, trigger.start()) if mode == "in_person" else (None, None)
    future = status in ("planned", "possible")
    dates = view.dates(future)
    if not whole:
        dates = [d for d in dates if abs(d.start - trigger.start()) < 60]
    date = None
    default = False
    if dates:
        date = min(dates, key=lambda d: abs(d.start - trigger.start())).value
    elif status == "occurred":
        date = view.default_date()
        default = True
    fact = view.fact_base(article) | {
        "type": "meeting", "participants": people, "place": place, "country": country,
        "date": date, "status": status, "mode": mode,
    }
    if default and date:
        fact["_default_date"] = True
    return fact
