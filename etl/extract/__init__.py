"""Fact extraction: (Article) -> list of FACTS.md facts, one module per fact type.

The sentences that can hold a visit, a meeting or aid are parsed by spaCy in one batch; the
article's names are then resolved against each other (longest full form, surnames, office
titles); each sentence that is not page chrome is read by the rules of every fact type.
Facts of one article that say the same thing twice are merged, so the article yields one
fact per person, place and trip, the most specific date kept.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from etl.extract import aid, casualties, meetings, visits
from etl.extract.article_context import ArticleContext
from etl.extract.confidence import score_fact
from etl.extract.dateline import for_the_parser
from etl.extract.dates import precision_of
from etl.extract.joiners import with_joiners
from etl.extract.person_names import titled_surnames
from etl.extract.pipeline import MAX_PARSE_CHARS, parse, worth_parsing
from etl.extract.trips import (
    date_from_the_meeting,
    date_from_the_trip,
    days_apart,
    place_from_the_trip,
    status_from_the_trip,
)
from etl.model import Article, Sentence

log = logging.getLogger("etl.extract")
RULES = {
    "visits": lambda view, article, ctx: visits.from_sentence(view, article),
    "meetings": lambda view, article, ctx: meetings.from_sentence(view, article),
    "aid": lambda view, article, ctx: aid.from_sentence(view, article, ctx.last_donor,
                                                        ctx.aid_context, ctx.last_recipient,
                                                        ctx.last_aid_status),
    "casualties": lambda view, article, ctx: casualties.from_sentence(
        view, article, ctx.last_reporter, ctx.last_where),
}
# Which status a merged meeting or visit keeps: what happened beats what was announced.
STATUS_RANK = {"cancelled": 4, "occurred": 3, "planned": 2, "possible": 1}
# A "sentence" longer than this (a table, text without full stops) is read in pieces of at
# most PIECE_CHARS, cut at spaces, so the cost of the rules stays linear in its length.
MAX_SENTENCE_CHARS = MAX_PARSE_CHARS
PIECE_CHARS = 600


def readable_sentences(article: Article) -> list[Sentence]:
    """The article's sentences that are not page chrome, long ones cut into pieces."""
    out: list[Sentence] = []
    for s in article.sentences:
        if s.boilerplate or len(s.text) < 12:
            continue
        if len(s.text) <= MAX_SENTENCE_CHARS:
            out.append(s)
            continue
        for k, (start, end) in enumerate(_pieces(s.text)):
            out.append(replace(s, n=s.n * 1000 + k + 1, start=s.start + start,
                               end=s.start + end, text=s.text[start:end]))
    return out


def _pieces(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    while start < len(text):
        end = min(len(text), start + PIECE_CHARS)
        if end < len(text):
            cut = max(text.rfind(" ", start + PIECE_CHARS // 2, end), -1)
            end = cut if cut > start else end
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        if piece.strip():
            spans.append((start + lead, start + len(piece.rstrip())))
        start = end
    return spans


class FactList(list):
    """The facts of one article (a list like any other), with what the article said of
    offices beside them: `roles`, the offices it gave people ("Kenya's Foreign Minister
    Musalia Mudavadi"), and `gaps`, the role phrases it used that nobody is known to hold
    ("the Kenyan foreign minister"), which another article's roles may answer."""

    def __init__(self, facts=(), roles=(), gaps=()):
        super().__init__(facts)
        self.roles: list[dict] = list(roles)
        self.gaps: list[dict] = list(gaps)


def extract_article(article: Article) -> FactList:
    """All facts of one article, in the FACTS.md format plus evidence offsets.

    Each fact dict carries the FACTS.md fields, `confidence` with `confidence_reasons`,
    and `evidence_start` / `evidence_end` (offsets into article.text) so the database can
    show evidence in place. A sentence that trips a rule is logged and skipped; the rest
    of the article still counts.
    """
    sentences = readable_sentences(article)
    surnames = titled_surnames(article.text)
    gated = [s for s in sentences if worth_parsing(s.text, surnames)]
    try:
        docs = dict(zip((s.n for s in gated), parse([for_the_parser(s.text) for s in gated]),
                        strict=True))
    except Exception:  # noqa: BLE001 - without a parse the cheap rules still read the article
        log.warning("%s: the parser failed; reading without syntax", article.id, exc_info=True)
        docs = {}
    ctx = ArticleContext(article, sentences, docs)
    facts: list[dict] = []
    for sentence in sentences:
        view = ctx.view(sentence)
        for name, rule in RULES.items():
            try:
                found = rule(view, article, ctx)
            except Exception:  # noqa: BLE001 - one odd sentence must not lose the article
                log.warning("%s: rule %s failed on sentence %d", article.id, name,
                            sentence.n, exc_info=True)
                continue
            for fact in found:
                fact["_sentence"] = sentence.n
                fact["_people"] = {p.name: (p.how, p.known) for p in view.people}
            facts.extend(found)
            ctx.note(found)
        ctx.remember(view)
    facts = _called_off_before(with_joiners(facts))
    place_from_the_trip(facts)  # first: a welcome placed by the trip is dated by it too
    facts += meetings.in_the_hosts_country(facts)
    date_from_the_trip(facts)
    date_from_the_meeting(facts)
    merged = [_not_yet(fact, article) for fact in merge(facts)]
    status_from_the_trip(merged)  # last: a trip is planned once its day is known
    return FactList([_finish(fact, article) for fact in merged], *_offices(ctx, sentences))


def _called_off_before(facts: list[dict], reach: int = 3) -> list[dict]:
    """ "Biden was to attend a summit in Amman. ... The meeting was called off": the plan
    the article told last, up to `reach` sentences before, is called off with every
    telling of it in those sentences."""
    out: list[dict] = []
    for mark in facts:
        if mark["type"] != "called_off":
            out.append(mark)
            continue
        n = mark["_sentence"]
        told = [f for f in out if f["type"] == mark["kind"] and 0 < n - f["_sentence"] <= reach
                and f.get("status") in ("planned", "possible")]
        if not told:
            continue
        last = told[-1]
        same = ("participants",) if last["type"] == "meeting" else ("_sentence",)
        off = [f for f in told if all(f.get(k) == last.get(k) for k in same)]
        if last["type"] == "visit":  # and the meetings the trip was for
            off += [f for f in out if f["type"] == "meeting" and f["_sentence"] == last["_sentence"]
                and f.get("status") in ("planned", "possible")
                and any(v["actor"] in f["participants"] and v["country"] == f.get("country")
                        for v in off)]
        for f in off:
            f["status"] = "cancelled"
            f["_how"]["cues"] = list(f["_how"].get("cues") or []) + [mark["cue"]]
    return out


def _offices(ctx: ArticleContext, sentences: list[Sentence]) -> tuple[list[dict], list[dict]]:
    """The article's role observations and role gaps, as rows for the database."""
    by_n = {s.n: s for s in sentences}
    roles, seen = [], set()
    for o in ctx.people.observations:
        s = by_n.get(o.sentence)
        key = (o.name, o.office, o.country)
        if s is None or key in seen or len(o.country) != 2:
            continue
        seen.add(key)
        roles.append({"name": o.name, "office": o.office, "title": o.title,
                      "country": o.country, "day": ctx.people.anchors.get(o.sentence),
                      "evidence": s.text, "evidence_start": s.start, "evidence_end": s.end})
    gaps = [{"office": office, "country": country, "title": title,
             "day": ctx.people.anchors.get(n)}
            for office, country, title, n in dict.fromkeys(ctx.people.gaps)]
    return roles, gaps


def _finish(fact: dict, article: Article) -> dict:
    """The fact with its confidence and without the rules' working notes."""
    fact["confidence"], fact["confidence_reasons"] = score_fact(fact, article)
    for key in [k for k in fact if k.startswith("_")]:
        del fact[key]
    return fact


def _anchor(fact: dict, article: Article):
    """The day the story that tells the fact was published (an appended older story has its
    own), or None when that day is not known."""
    anchor = article.published
    for segment in article.segments:
        if segment.start <= fact.get("evidence_start", 0) < segment.end:
            anchor = segment.anchor if segment.anchor_precision == "day" else None
    return anchor


def with_plan_month(fact: dict, article: Article) -> dict:
    """The fact as the FACTS.md file writes it: a plan, hope or call-off the text gives no
    date is written with its story's month ("YYYY-MM when only that is known"): the plan
    is news in that month, and what the text says of it is true then. The database keeps
    it undated, so a route places it by the story's own dated stops."""
    if fact.get("type") not in ("visit", "meeting") or fact.get("date") or fact.get(
            "status") not in ("planned", "possible", "cancelled"):
        return fact
    anchor = _anchor(fact, article)
    return fact if anchor is None else {**fact, "date": anchor.isoformat()[:7]}


def _not_yet(fact: dict, article: Article) -> dict:
    """A visit or meeting dated after the story was published cannot have happened yet:
    "Kerry's trip to Sri Lanka on May 2" in an April story is planned."""
    anchor = _anchor(fact, article)
    date = fact.get("date") or ""
    if fact["type"] in ("visit", "meeting") and fact.get("status") == "occurred" and anchor \
            and date and date > anchor.isoformat()[:len(date)]:
        fact["status"] = "planned"  # "next month", "on May 2" in an April story
    return fact


def _key(fact: dict) -> tuple:
    kind = fact["type"]
    if kind == "visit":
        return kind, fact["actor"], fact.get("place") or "", fact.get("country") or ""
    return kind, fact["metric"], fact["value"]  # casualty


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
        if (kept_stated is None) != (stated is None) and kept.get("date") != fact.get(
                "date") and ANOTHER.search(kept["evidence"] + " " + fact["evidence"]):
            # "another tranche ... also €1.5 billion": a new payment of the same size, unless
            # the day stated is the story's own ("today I can announce another £30 million")
            continue
        return key
    return ("aid", fact.get("donor"), fact["currency"], amount, stated, fact.get("evidence_start"))


def _other_trip(a: dict, b: dict) -> bool:
    """Two stops of one person in one place that the text dates to periods that do not
    meet, or days more than a week apart, a stated date each: two trips, not one told
    twice ("arrived on Sunday", "met on Monday" is one stay)."""
    if not _other_days(a, b):
        return False
    x, y = a["date"], b["date"]
    return days_apart(a, b) > 7 if len(x) == len(y) == 10 else True


def _other_days(a: dict, b: dict) -> bool:
    """Whether two stops have stated dates that differ at the coarser precision of the two."""
    x, y = a.get("date") or "", b.get("date") or ""
    if not x or not y or a.get("_default_date") or b.get("_default_date"):
        return False
    n = min(len(x), len(y))
    return x[:n] != y[:n]


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
        if fact["type"] == "meeting":
            key = _meeting_key(fact, merged)
        elif fact["type"] == "aid":
            key = _aid_key(fact, merged)
        else:
            key = _key(fact)
            while fact["type"] == "visit" and key in merged and _other_trip(merged[key], fact):
                key = (*key, "another trip")  # "last visited Dhaka in March" beside June's
        if key not in merged:
            merged[key] = dict(fact)
            continue
        kept = merged[key]
        date_field = "as_of" if fact["type"] == "casualty" else "date"
        kept_default = kept.pop("_default_date", False)
        if kept_default and fact.get(date_field) and not fact.get("_default_date"):
            # A date the text states beats the publication day given to an undated report.
            kept[date_field] = fact[date_field]
        else:
            if fact["type"] == "visit" and not kept_default and not fact.get(
                    "_default_date") and kept["status"] == fact["status"] == "occurred" and len(
                    kept.get("date") or "") == len(fact.get("date") or "") == 10:
                kept["date"] = min(kept["date"], fact["date"])  # a stay starts on its first day
            else:
                kept[date_field] = _better_date(kept.get(date_field), fact.get(date_field))
            if fact.get("_default_date") and kept[date_field] == fact.get(date_field):
                kept["_default_date"] = True
        kept["_mentions"] = kept.get("_mentions", 1) + 1
        if fact["type"] in ("meeting", "visit") and {kept.get("status"), fact.get("status")} & {
                "occurred", "cancelled"}:
            kept["status"] = max(kept["status"], fact["status"], key=STATUS_RANK.get)
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
    out = list(merged.values())
    # A country-level visit that the same article also names by a city of that country
    # is the same stop told twice; what the country-level report states (a status cue, a
    # date) beats what the city report only defaulted to.
    # Not when the text gives them different statuses on different days: "arrived in
    # Pakistan on Saturday ... on Sunday he will travel to Lahore" are two stops.
    cities = [f for f in out if f["type"] == "visit" and f.get("place")]
    kept = []
    for f in out:
        city = None if f["type"] != "visit" or f.get("place") else next((
            c for c in cities if (c["actor"], c["country"]) == (f["actor"], f.get("country"))
            and (_defaulted(c) or c["status"] == f["status"] or not _other_days(c, f))), None)
        if city is None:
            kept.append(f)
            continue
        if _defaulted(city) and not _defaulted(f):
            city["status"], city["date"] = f["status"], f.get("date")
            city.pop("_default_date", None)
            city["_how"] = dict(city.get("_how") or {}, cues=(f.get("_how") or {}).get("cues"))
    return kept


def _defaulted(fact: dict) -> bool:
    """A fact whose status comes only from the tense and whose date is the story's day."""
    return bool(fact.get("_default_date")) and not (fact.get("_how") or {}).get("cues")


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
