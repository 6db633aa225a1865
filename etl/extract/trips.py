"""What a trip told nearby says of the facts around it.

A welcome told just after an arrival is in the city reached and on the day of it; a stop
the sentence leaves undated takes the day of the meeting it puts there; a meeting the
text gives no tense of ("a banner advertises X's meeting with Y in Riyadh") is as far
along as the trip that takes its participant there.
"""

from __future__ import annotations

import re


def date_from_the_trip(facts: list[dict]) -> None:
    """An undated stop or meeting told just after a dated trip to the same country by the
    same person is part of it: "made his first trip to Mauritania on Tuesday. He was
    received at Nouakchott airport by ..." dates the welcome to Tuesday, not to the day the
    story ran."""
    trips = [f for f in facts if f["type"] == "visit" and not f.get("_default_date")
             and f.get("date") and f.get("status") == "occurred"]
    for fact in facts:
        if not fact.get("_default_date") or fact.get("status") != "occurred" or \
                fact["type"] not in ("visit", "meeting"):
            continue
        who = {fact["actor"]} if fact["type"] == "visit" else set(fact["participants"])
        n = fact.get("_sentence", -1)
        told = [t for t in trips if t["actor"] in who and t["country"] == fact.get("country")
                and 1 <= n - t.get("_sentence", -9) <= 2]
        if told:
            fact["date"] = told[-1]["date"]
            fact.pop("_default_date")


def date_from_the_meeting(facts: list[dict]) -> None:
    """A stop the sentence does not date, where it puts a dated meeting of the traveller in
    the same city: "then travelled to Cotonou, where he met President X on Tuesday"."""
    for fact in facts:
        if fact["type"] != "visit" or not fact.get("_default_date") or not fact.get("place"):
            continue
        days = {m["date"] for m in facts if m["type"] == "meeting" and not m.get(
            "_default_date") and m.get("date") and m.get("_sentence") == fact.get("_sentence")
            and fact["actor"] in m["participants"] and m.get("place") == fact["place"]
            and m.get("status") == fact.get("status")}
        if len(days) == 1:
            fact["date"] = days.pop()
            fact.pop("_default_date")


def place_from_the_trip(facts: list[dict]) -> None:
    """A meeting in person that names no place, told with or just after a participant's
    arrival in one city, is in that city: "flew to Addis Ababa on Sunday. On Monday he met
    the prime minister at the palace." Only one such city, and dates that agree."""
    stops = [f for f in facts if f["type"] == "visit" and f.get("place")
             and f.get("status") in ("occurred", "planned")]
    for fact in facts:
        if fact["type"] != "meeting" or fact.get("place") or fact.get("country") or \
                fact.get("mode") != "in_person":
            continue
        # a planned meeting belongs to a planned trip ("will travel to Dhaka on Thursday.
        # During the visit, she will call on the prime minister"), and takes its day too;
        # so does one the text only expects ("during the visit, he is likely to meet")
        during = bool(DURING_THE_STAY.search(fact.get("evidence", "")))
        if fact.get("status") not in ("occurred", "planned") and not (
                during and fact.get("status") == "possible"):
            continue
        n = fact.get("_sentence", -1)
        near = [t for t in stops if t["actor"] in fact["participants"]
                and (t["status"] == fact["status"] or during or _still_there(t, fact, stops))
                and 0 <= n - t.get("_sentence", -9) <= 4
                and (fact.get("_default_date") or days_apart(t, fact) <= 3)]
        cities = {(t["place"], t["country"]) for t in near}
        if len(cities) == 1:
            fact["place"], fact["country"] = next(iter(cities))
            fact["_place_from_trip"] = True
            days = {t.get("date") for t in near if t["status"] == fact["status"]} - {None}
            if fact["status"] == "planned" and not fact.get("date") and len(days) == 1:
                fact["date"] = days.pop()


# "During his stay, the minister will meet ...": a meeting of the trip just told, whatever
# its tense.
DURING_THE_STAY = re.compile(r"\b(?:during|in the course of)\s+(?:his|her|their|the)\s+"
                             r"(?:[\w-]+\s+){0,2}(?:stay|visit|trip|tour)\b", re.I)


def _still_there(stop: dict, meeting: dict, stops: list[dict]) -> bool:
    """A meeting planned for the days after an arrival told as done, with no other stop of
    theirs told in between: "arrived in Nairobi on Wednesday ... are expected to sign three
    agreements on Thursday" is in Nairobi."""
    if stop["status"] != "occurred" or meeting["status"] != "planned" or not (
            len(stop.get("date") or "") == len(meeting.get("date") or "") == 10) or not (
            stop["date"] <= meeting["date"]) or days_apart(stop, meeting) > 3:
        return False
    first, last = stop.get("_sentence", -1), meeting.get("_sentence", -1)
    return not any(t is not stop and t["actor"] == stop["actor"] and t["place"] != stop["place"]
                   and first <= t.get("_sentence", -9) <= last for t in stops)


def days_apart(a: dict, b: dict) -> int:
    """Days between two facts' dates, 0 when either is coarser than a day."""
    from datetime import date as day

    x, y = a.get("date") or "", b.get("date") or ""
    if len(x) != 10 or len(y) != 10:
        return 0
    return abs((day.fromisoformat(x) - day.fromisoformat(y)).days)


def status_from_the_trip(facts: list[dict]) -> None:
    """A meeting named by a noun with no cue of its status ("X's meeting with Y in
    Riyadh"), in a city one of its people has a planned trip to and no trip gone by, is
    planned too, and on the trip's day when the text gives the meeting none. Read on the
    merged facts: a stop the meeting itself places is planned once another report of it
    dates it ahead of the story."""
    for fact in facts:
        how = fact.get("_how") or {}
        if fact["type"] != "meeting" or fact.get("status") != "occurred" or how.get(
                "cues") or not how.get("noun") or not fact.get("place"):
            continue
        trips = [t for t in facts if t["type"] == "visit" and t.get("place") == fact["place"]
                 and t["actor"] in fact["participants"]]
        planned = [t for t in trips if t.get("status") == "planned"]
        if planned and not any(t.get("status") == "occurred" for t in trips):
            fact["status"] = "planned"
            days = {t.get("date") for t in planned if not t.get("_default_date")} - {None}
            if fact.get("_default_date") and len(days) == 1:
                fact["date"] = days.pop()
                fact.pop("_default_date")
