"""Fact extraction: (Article) -> list of FACTS.md facts, one module per fact type.

Each sentence that is not page chrome is tagged once (people, places) and read by the rules
of every fact type; facts of one article that say the same thing twice are then merged, so
the article yields one fact per person, place and trip, the most specific date kept.
"""

from __future__ import annotations

import logging
import re

from etl.extract import aid, casualties, meetings, visits
from etl.extract.context import ArticleContext
from etl.extract.dates import precision_of
from etl.model import Article

log = logging.getLogger("etl.extract")
RULES = {
    "visits": lambda view, article, ctx: visits.from_sentence(view, article),
    "meetings": lambda view, article, ctx: meetings.from_sentence(view, article),
    "aid": lambda view, article, ctx: aid.from_sentence(view, article, ctx.last_donor,
                                                        ctx.aid_context),
    "casualties": lambda view, article, ctx: casualties.from_sentence(
        view, article, ctx.last_reporter, ctx.last_where),
}
# Which status a merged meeting keeps: what happened beats what was announced.
MEETING_STATUS_RANK = {"cancelled": 4, "occurred": 3, "planned": 2, "possible": 1}


def extract_article(article: Article) -> list[dict]:
    """All facts of one article, in the FACTS.md format plus evidence offsets.

    Each fact dict carries the FACTS.md fields and, beside them, `evidence_start` and
    `evidence_end` (offsets into article.text) so the database can show evidence in place.
    A sentence that trips a rule is logged and skipped; the rest of the article still counts.
    """
    ctx = ArticleContext(article)
    facts: list[dict] = []
    for sentence in article.sentences:
        if sentence.boilerplate or len(sentence.text) < 12:
            continue
        view = ctx.view(sentence)
        for name, rule in RULES.items():
            try:
                found = rule(view, article, ctx)
                facts.extend(found)
                ctx.note(found)
            except Exception:  # noqa: BLE001 - one odd sentence must not lose the article
                log.warning("%s: rule %s failed on sentence %d", article.id, name,
                            sentence.n, exc_info=True)
        ctx.remember(view)
    return [_not_yet(fact, article) for fact in merge(facts)]


def _not_yet(fact: dict, article: Article) -> dict:
    """A visit or meeting dated after the story was published cannot have happened yet:
    "Kerry's trip to Sri Lanka on May 2" in an April story is planned."""
    anchor = article.published
    for segment in article.segments:
        if segment.start <= fact.get("evidence_start", 0) < segment.end:
            anchor = segment.anchor if segment.anchor_precision == "day" else None
    if fact["type"] in ("visit", "meeting") and fact.get("status") == "occurred" \
            and anchor and len(fact.get("date") or "") == 10 \
            and fact["date"] > anchor.isoformat():
        fact["status"] = "planned"
    return fact


def _key(fact: dict) -> tuple:
    kind = fact["type"]
    if kind == "visit":
        return kind, fact["actor"], fact.get("place") or "", fact.get("country") or ""
    if kind == "meeting":
        return kind, tuple(fact["participants"]), fact.get("mode")
    if kind == "casualty":
        return kind, fact["metric"], fact["value"]
    return kind, fact.get("evidence_start")  # meetings and aid are keyed by their own rules


ANOTHER = re.compile(r"\b(?:another|previous|next|second|third|fourth|fifth|sixth|latest|"
                     r"also\s+amounted|also\s+(?:€|\$|£))", re.IGNORECASE)


def _aid_key(fact: dict, merged: dict[tuple, dict]) -> tuple:
    """The same sum told twice is one fact: same currency and amount, donors that do not
    disagree (one may be unnamed), and stated dates that do not differ (tranches of one
    size paid on different days are different payments)."""
    stated = None if fact.get("_default_date") else fact.get("date")
    amount = round(float(fact["amount"]), -3)
    for key, kept in merged.items():
        if kept["type"] != "aid" or kept["currency"] != fact["currency"]:
            continue
        if round(float(kept["amount"]), -3) != amount:
            continue
        if kept.get("donor") and fact.get("donor") and kept["donor"] != fact["donor"]:
            continue
        kept_stated = None if kept.get("_default_date") else kept.get("date")
        if kept_stated and stated and kept_stated != stated:
            continue
        if (kept_stated is None) != (stated is None) and ANOTHER.search(
                kept["evidence"] + " " + fact["evidence"]):
            continue  # "another tranche ... also €1.5 billion": a new payment of the same size
        return key
    return ("aid", fact.get("donor"), fact["currency"], amount, stated, fact.get("evidence_start"))


def _better_date(a: str | None, b: str | None) -> str | None:
    order = {"day": 3, "month": 2, "year": 1, "unknown": 0}
    if not a:
        return b
    if not b:
        return a
    return a if order[precision_of(a)] >= order[precision_of(b)] else b


def merge(facts: list[dict]) -> list[dict]:
    """One fact per person-place (visit), party set (meeting), amount or figure."""
    merged: dict[tuple, dict] = {}
    for fact in facts:
        key = _key(fact)
        if fact["type"] == "meeting":
            key = _meeting_key(fact, merged)
        elif fact["type"] == "aid":
            key = _aid_key(fact, merged)
        if key not in merged:
            merged[key] = dict(fact)
            continue
        kept = merged[key]
        date_field = "as_of" if fact["type"] == "casualty" else "date"
        if kept.pop("_default_date", False) and fact.get(date_field) and not fact.get(
                "_default_date"):
            # A date the text states beats the publication day given to an undated report.
            kept[date_field] = fact[date_field]
        else:
            kept[date_field] = _better_date(kept.get(date_field), fact.get(date_field))
            if fact.get("_default_date") and kept[date_field] == fact.get(date_field):
                kept["_default_date"] = True
        if fact["type"] in ("meeting", "visit") and {kept.get("status"), fact.get("status")} & {
                "occurred", "cancelled"}:
            kept["status"] = max(kept["status"], fact["status"], key=MEETING_STATUS_RANK.get)
        if fact["type"] == "aid":
            for field in ("donor", "recipient"):
                kept[field] = kept.get(field) or fact.get(field)
        if fact["type"] in ("visit", "meeting"):
            if not kept.get("place") and fact.get("place"):
                kept["place"], kept["country"] = fact["place"], fact["country"]
            if not kept.get("country") and fact.get("country"):
                kept["country"] = fact["country"]
            if not kept.get("mode") and fact.get("mode"):
                kept["mode"] = fact["mode"]
    out = []
    for fact in merged.values():
        fact.pop("_kind", None)
        fact.pop("_default_date", None)
        out.append(fact)
    # A country-level visit that the same article also names by a city of that country
    # is the same stop told twice.
    cities = {(f["actor"], f["country"]) for f in out if f["type"] == "visit" and f.get("place")}
    return [f for f in out if not (f["type"] == "visit" and not f.get("place")
                                   and (f["actor"], f["country"]) in cities)]


def _meeting_key(fact: dict, merged: dict[tuple, dict]) -> tuple:
    """Meetings of the same people merge when their places and modes do not disagree."""
    for key, kept in merged.items():
        if kept["type"] != "meeting" or kept["participants"] != fact["participants"]:
            continue
        if kept.get("mode") != fact.get("mode"):
            continue
        if kept.get("place") and fact.get("place") and kept["place"] != fact["place"]:
            continue
        if (kept.get("status") == "occurred") != (fact.get("status") == "occurred"):
            # Announced and then held: one meeting, when both reports give the same day.
            a, b = kept.get("date"), fact.get("date")
            if not (a and b and len(a) == len(b) == 10 and a == b):
                continue
        return key
    return ("meeting", tuple(fact["participants"]), fact.get("mode"), fact.get("place"),
            fact.get("evidence_start"))
