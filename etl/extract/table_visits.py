"""Visits the meetings of an article put on the map: a guest at the table was there.

"Kenyan President X and Ugandan President Y discussed trade in Kampala" says X was in
Kampala, though no verb of travel or presence names him. The sentence rules read
presence from the subject of a meeting verb; this pass reads it from the meeting itself,
whatever the words, for every participant the article (or the registry) ties to another
country than the meeting's. A participant whose home is not known is left alone: a
meeting in Kampala does not say that someone nobody placed is a guest there.
"""

from __future__ import annotations

from collections.abc import Callable


def visits_at_the_table(facts: list[dict], home_of: Callable[[str], str | None]) -> list[dict]:
    """New visit facts for the foreign participants of placed in-person meetings that no
    visit of the article already puts in that country."""
    placed = {(f["actor"], f.get("country")) for f in facts if f["type"] == "visit"}
    out = []
    for m in facts:
        if m["type"] != "meeting" or m.get("mode") != "in_person" or not m.get("place") or \
                not m.get("country") or m.get("status") not in ("occurred", "planned") or \
                m.get("_place_from_trip"):  # a place only read off a trip says no more
            continue
        for person in m["participants"]:
            home = home_of(person)
            if not home or home == m["country"] or (person, m["country"]) in placed:
                continue
            placed.add((person, m["country"]))
            visit = {k: v for k, v in m.items() if k in (
                "article", "evidence", "evidence_start", "evidence_end", "date", "status",
                "_sentence", "_people", "_default_date")}
            visit |= {"type": "visit", "actor": person, "place": m["place"],
                      "country": m["country"],
                      "_how": {"relation": "presence", "trigger": "meeting", "cues": (
                          m.get("_how") or {}).get("cues") or []}}
            out.append(visit)
    return out
