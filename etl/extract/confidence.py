"""How sure the extractor is of a fact, from how each part of it was found.

Every fact starts from the reliability of the rule that read it (a verb of travel with its
destination is surer than a place after "in" beside a verb of speaking) and moves with the
evidence for each part: a person from the registry or only from the statistical parser, a
stated date or the story's own day, a status cue or none, the same fact told more than
once. The weights were set on the shared development corpora so that facts given 0.8 or
more are right at least nine times in ten (see benchmarks/bench_confidence.py).
"""

from __future__ import annotations

from etl.model import Article

# Where a rule starts, before the parts of the fact move it.
BASE = {
    "visit": {"dest": 0.72, "origin": 0.66, "presence": 0.55, "itinerary": 0.78,
              "permission": 0.7, "dateline": 0.6},
    "meeting": 0.68,
    "aid": 0.66,
    "casualty": 0.74,
}
PERSON_WEIGHT = {"reference": 0.1, "surname": 0.06, "titled": 0.04, "entity": -0.04,
                 "role": 0.02, "counterpart": -0.02}


def _clamp(x: float) -> float:
    return round(min(0.99, max(0.05, x)), 2)


def score_fact(fact: dict, article: Article) -> tuple[float, list[str]]:
    """(confidence in [0, 1], the reasons) for one fact before its working notes go."""
    kind = fact["type"]
    how = fact.get("_how") or {}
    reasons: list[str] = []
    if kind == "visit":
        relation = how.get("relation", "dest")
        score = BASE["visit"].get(relation, 0.6)
        reasons.append(f"place: {relation} of '{how.get('trigger', '?')}'")
        score += _person(fact["actor"], fact, reasons)
    elif kind == "meeting":
        score = BASE["meeting"]
        reasons.append(f"meeting word '{how.get('trigger', '?')}'")
        score += sum(_person(p, fact, reasons) for p in fact["participants"]) / max(
            1, len(fact["participants"]))
        if len(fact["participants"]) > 3:
            score -= 0.08
            reasons.append("more than three parties")
        if fact.get("_place_from_trip"):
            score -= 0.05
            reasons.append("place: the city of the trip just told")
    elif kind == "aid":
        score = BASE["aid"]
        reasons.append(f"amount '{how.get('amount', '?')}' governed by '{how.get('verb', '?')}'")
        if fact.get("donor") and how.get("donor") == "currency":
            reasons.append("donor from the currency")  # neither a gain nor a loss
        elif fact.get("donor"):
            score += 0.06
            reasons.append("donor named")
        else:
            score -= 0.04
            reasons.append("no donor named")
        if fact.get("recipient"):
            score += 0.04
            reasons.append("recipient named")
    else:
        score = BASE["casualty"]
        reasons.append("figure bound to a casualty word")
        if fact.get("reported_by"):
            score += 0.06
            reasons.append("source of the figure named")
    cues = how.get("cues") or []
    if kind in ("visit", "meeting"):
        if cues:
            reasons.append("status from " + "; ".join(cues[:2]))
        elif fact.get("status") == "occurred":
            reasons.append("status from the verb's tense")
    if fact.get("_default_date"):
        score -= 0.04
        reasons.append("date: the story's own day")
    elif fact.get("date") or fact.get("as_of"):
        score += 0.04
        reasons.append("date stated")
    mentions = fact.get("_mentions", 1)
    if mentions > 1:
        score += min(0.12, 0.05 * (mentions - 1))
        reasons.append(f"told {mentions} times in the article")
    if len(fact.get("evidence") or "") > 400:
        score -= 0.06
        reasons.append("long sentence")
    return _clamp(score), reasons


def _person(name: str, fact: dict, reasons: list[str]) -> float:
    how, known = (fact.get("_people") or {}).get(name, ("role", False))
    weight = PERSON_WEIGHT.get(how, 0.0) + (0.04 if known else 0.0)
    reasons.append(f"{name}: {'registry' if known else how}")
    return weight
