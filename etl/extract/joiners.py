"""Parties that join a meeting the article told before: "X has cancelled a summit with A,
B and C. ... King D would have hosted the summit" makes D one of its parties."""

from __future__ import annotations

import re


def with_joiners(facts: list[dict]) -> list[dict]:
    """ "X has cancelled a summit with A, B and C. ... King D would have hosted the
    summit": D joins the last meeting the article told by that noun."""
    out: list[dict] = []
    for fact in facts:
        if fact["type"] != "meeting_join":
            out.append(fact)
            continue
        # the meeting told by that noun, not one told beside it ("on the sidelines of the
        # summit, A met B" is no summit of A and B)
        told = [f for f in out if f["type"] == "meeting" and fact["person"] not in
                f["participants"] and _told_by(f, fact["noun"])]
        if told:
            group = told[-1]["participants"]
            for f in out:  # every telling of that meeting
                if f["type"] == "meeting" and f["participants"] == group:
                    f["participants"] = sorted(set(group) | {fact["person"]})
    return out


def _told_by(meeting: dict, noun: str) -> bool:
    """Whether a meeting's sentence tells it by `noun`, not only names it as the setting."""
    for m in re.finditer(rf"\b{re.escape(noun)}", meeting.get("evidence", ""), re.I):
        if not _SETTING.search(meeting["evidence"][max(0, m.start() - 30):m.start()]):
            return True
    return False


_SETTING = re.compile(r"\b(?:sidelines?|margins?|ahead|before|after)\s+of\s+(?:the\s+)?"
                      r"(?:[\w-]+\s+){0,2}$|\b(?:before|after|ahead)\s+(?:the\s+)?"
                      r"(?:[\w-]+\s+){0,2}$", re.I)
