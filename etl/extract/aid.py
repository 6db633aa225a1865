"""Aid: money or materiel promised, requested or given, with donor, recipient and status.

An amount is aid only when the sentence speaks of aid (assistance, a loan, a pledge, relief)
and the amount is not a budget, a cost, a trade figure or a deal; the donor is the country,
institution or office-holder's country that gives, the status the nearest verb of giving.
"""

from __future__ import annotations

import re

from etl.extract.context import View
from etl.extract.people import DEMONYMS, home_country
from etl.model import Article
from etl.places import country_display_names

AID_WORDS = re.compile(
    r"\b(?:aid|assistance|support|package|loans?|grants?|pledg\w*|donat\w*|funding|funds?|"
    r"relief|tranches?|bailout|credit|humanitarian|hardware|weapons|missiles|equipment|"
    r"appeal\w*|contribut\w*|disburse\w*|reconstruction|emergency|help|financing|programme|"
    r"program|facility|ammunition|air\s+defen[cs]e|military|lending|gave|give|giving|provid\w*|"
    r"commit\w*|raise|paid|rebuild\w*|recovery)\b",
    re.IGNORECASE,
)
NOT_AID = re.compile(
    r"\b(?:budget(?!\s+support)|costs?|trade|deals?|(?:commercial|trade|business|investment)\s+"
    r"agreements?|deficits?|GDP|economy|"
    r"investments?|revenues?|exports?|imports?|sales|spending|spent\s+on|prices?|salar\w*|income|"
    r"market|profits?|debts?|fines?|ransom|worth\s+of\s+(?:commercial|contracts)|contracts?|"
    r"valuation|turnover|tariffs?|reserves|bonds?|per\s+cent|percent|a\s+year\s+on\s+defen)",
    re.IGNORECASE,
)
STATUS_WORDS = [
    ("delivered", re.compile(r"\b(?:disburs\w*|delivered|paid|pays|received|transferred|sent|"
                             r"handed\s+over|arrived|has\s+(?:so\s+far\s+)?(?:donated|given|"
                             r"provided)|donated|have\s+provided|released|allocated\s+and\s+"
                             r"paid|shipped)\b", re.IGNORECASE)),
    ("requested", re.compile(r"\b(?:appeal\w*|request(?:ed|s)?\s+(?:from\s+donors|for)|"
                             r"asked\s+(?:donors|for)|calls?\s+for|sought|"
                             r"need(?:s|ed)?(?=\s+(?:about\s+|some\s+|more\s+than\s+)?$)|"
                             r"seek(?:s|ing)?(?!\s+(?:approval|congressional))|"
                             r"request(?:ed|s|ing)?(?!\s+(?:to|from)?\s*Congress))\b",
                             re.IGNORECASE)),
    ("proposed", re.compile(r"\b(?:ask(?:s|ed|ing)?\s+Congress|notify\s+Congress|propos\w*|"
                            r"budget\s+request|"
                            r"request(?:ed|s)?\s+(?:from\s+)?Congress|persuade|approve\b|"
                            r"wants?|seek\w*\s+(?:approval|congressional)|under\s+debate|"
                            r"would\s+provide|bill\s+would|plans?\s+to\s+ask)\b", re.IGNORECASE)),
    ("authorized", re.compile(r"\b(?:approv(?:ed|es|al)|authori[sz](?:ed|es|ation)|passed|"
                              r"signed|sign|allocat\w*|greenlit|cleared|ratified|"
                              r"calling\s+for)\b", re.IGNORECASE)),
    ("announced", re.compile(r"\b(?:announc\w*|unveil\w*|revealed)\b", re.IGNORECASE)),
    ("pledged", re.compile(r"\b(?:pledg\w*|promis\w*|commit\w*|vow\w*|offer\w*|will\s+provide|"
                           r"would\s+(?:give|provide|contribute|send|donate)|will\s+(?:give|send|"
                           r"contribute|donate)|"
                           r"(?:is|are)\s+to\s+(?:give|provide|send)|"
                           r"will\s+give|providing|granted|to\s+deliver|plans\s+to\s+deliver|"
                           r"earmark\w*)\b", re.IGNORECASE)),
]
INSTITUTIONS = {
    "imf": "IMF", "international monetary fund": "IMF", "world bank": "World Bank",
    "european union": "European Union", "eu": "European Union",
    "european commission": "European Union", "brussels": "European Union",
    "nato": "NATO", "asian development bank": "ADB",
    "adb": "ADB", "usaid": "United States", "british public": "British public",
    "western countries": "Western countries", "western nations": "Western countries",
    "g7": "G7", "unrwa": "UNRWA",
    "washington": "United States", "london": "United Kingdom", "tokyo": "Japan",
    "berlin": "Germany", "paris": "France", "beijing": "China", "moscow": "Russia",
    "congress": "United States", "the senate": "United States", "the pentagon": "United States",
    "house of representatives": "United States", "the white house": "United States",
    "downing street": "United Kingdom", "bundestag": "Germany", "the kremlin": "Russia",
    "tokyo's": "Japan", "european council": "European Union",
    "european investment bank": "European Investment Bank", "eib": "European Investment Bank",
    "african development bank": "African Development Bank",
    "inter-american development bank": "Inter-American Development Bank",
}
_INST_RE = re.compile(r"\b(?:" + "|".join(sorted((re.escape(k) for k in INSTITUTIONS),
                                                 key=len, reverse=True)) + r")\b", re.IGNORECASE)
_DEMONYM_RE = re.compile(r"(?<![\w.])(?:" + "|".join(sorted((re.escape(k) for k in DEMONYMS if
                                                          k[0].isalpha()), key=len,
                                                         reverse=True))
                         + r")(?!\w)", re.IGNORECASE)
NO_DONOR = re.compile(r"\b(?:donors|international\s+community|countries\s+pledged|"
                      r"several\s+countries|UN\s+appeal|appeal(?:ed|s)?\b)", re.IGNORECASE)
RECIPIENT_WORDS = {"gaza": "Gaza", "palestinians": "Palestinians", "unrwa": "UNRWA",
                   "central america": "Central America", "the palestinian authority":
                   "Palestinian Authority", "kiev": "Ukraine", "kyiv": "Ukraine"}
QUALIFIER = re.compile(r"(?:\b(?P<q>up\s+to|more\s+than|over|about|around|nearly|almost|"
                       r"at\s+least|some|approximately|roughly|close\s+to|as\s+much\s+as)\s+"
                       r"(?:another\s+|an\s+additional\s+)?)$", re.IGNORECASE)
QUALIFIER_NAMES = {"up to": "up to", "more than": "more than", "over": "more than",
                   "about": "about", "around": "about", "nearly": "about", "almost": "about",
                   "at least": "at least", "some": "about", "approximately": "about",
                   "roughly": "about", "close to": "about", "as much as": "up to"}
AID_TYPES = [
    ("military", re.compile(r"\b(?:military|weapons?|arms|missiles?|defen[cs]e|ammunition|"
                            r"hardware|troops|security\s+assistance|tanks)\b", re.IGNORECASE)),
    ("humanitarian", re.compile(r"\b(?:humanitarian|relief|emergency|food|shelter|disaster|"
                                r"refugees?|medical|typhoon|earthquake|quake)\b", re.IGNORECASE)),
    ("financial", re.compile(r"\b(?:loans?|financial|macro-financial|budget\s+support|credit|"
                             r"bailout|tranches?|fund\s+facility|standby|economic)\b",
                             re.IGNORECASE)),
]


def _parties(text: str, view: View) -> list[tuple[int, int, str]]:
    """Countries and institutions named in the sentence: (start, end, display name)."""
    names = country_display_names()
    out = []
    for m in _INST_RE.finditer(text):
        if m.group(0).isupper() or m.group(0)[0].isupper():
            out.append((m.start(), m.end(), INSTITUTIONS[m.group(0).lower()]))
    for place in view.places:
        if not place.is_city and not _in_a_name(text, place.end):
            out.append((place.start, place.end, names.get(place.country, place.country)))
    for m in _DEMONYM_RE.finditer(text):
        if not m.group(0)[0].isupper() or _in_a_name(text, m.end()):
            continue
        iso = DEMONYMS[m.group(0).lower()]
        if not any(s <= m.start() < e for s, e, _ in out):
            out.append((m.start(), m.end(), names.get(iso, iso)))
    for p in view.people:
        iso = home_country(p.name, view.anchor)
        if iso and not re.match(r"\s*(?:said|told|says)", text[p.end:p.end + 10]):
            out.append((p.start, p.end, names.get(iso, iso)))
    out.sort()
    return out


def _in_a_name(text: str, end: int) -> bool:
    """ "Ukraine Freedom Support Act": a country that begins a proper name is no party."""
    return bool(re.match(r"\s+(?!And\b)[A-Z][a-z]+\s+[A-Z]", text[end:end + 30]))


def _opposed(text: str, start: int, end: int) -> bool:
    """ "caused by Russia's invasion", "against Russia": the party aid is given against."""
    return bool(re.search(r"\b(?:against|by|from|with|on|of)\s+(?:the\s+)?$",
                          text[max(0, start - 14):start])
                or re.match(r"(?:'s|’s)\s+(?:full-scale\s+)?(?:invasion|war|aggression|attack|"
                            r"offensive|forces|troops|army)", text[end:end + 30]))


def _status(text: str, start: int, end: int) -> str | None:
    clause_start = max(text.rfind(";", 0, start), 0)
    before = text[clause_start:start]
    after = text[end:end + 60]
    best, best_dist = None, 10**6
    for status, pattern in STATUS_WORDS:
        for m in pattern.finditer(before):
            dist = len(before) - m.end()
            if dist < best_dist:
                best, best_dist = status, dist
        m = pattern.search(after)
        if m and m.start() + 5 < best_dist:
            best, best_dist = status, m.start() + 5
    return best


# A short sentence that goes on about the aid the one before named: "It amounted to €3
# billion.", "The second was for €1.5 billion and arrived in March."
FOLLOW_ON = re.compile(r"^\s*(?:It|This|That|The\s+(?:first|second|third|fourth|fifth|next|"
                       r"previous|last|latest|new)\b|[Tt]he\s+(?:sum|amount|package|tranche))")


def from_sentence(view: View, article: Article, ctx_donor: str | None = None,
                  previous: str | None = None) -> list[dict]:
    """Aid facts of one sentence; `ctx_donor` is the donor the article last named and
    `previous` the sentence before when it spoke of aid."""
    text = view.text
    money = [m for m in view.money() if not m.restated]
    if not money:
        return []
    follow_on = False
    if not AID_WORDS.search(text):
        if not (previous and FOLLOW_ON.match(text) and len(text) < 160):
            return []
        follow_on = True
    parties = _parties(text, view)
    facts = []
    for m in money:
        near = text[max(0, m.start - 45):m.end + 35]
        if NOT_AID.search(near) and not re.search(r"\b(?:aid|assistance|loan|lend|pledge)",
                                                  text[max(0, m.start - 25):m.end + 25]):
            continue
        if m.amount < 1000:
            continue
        status = _status(text, m.start, m.end)
        if status is None and previous and (follow_on or re.match(
                r"\s*(?:Before|After)\s+that\b", text)):
            # "Before that, there was a tranche on May 25": no verb of its own, so the
            # status of the aid the sentence before described.
            status = _status(previous + " " + text, len(previous) + 1 + m.start,
                             len(previous) + 1 + m.end)
        status = status or "pledged"
        donor = _donor(text, m, parties, status)
        if donor is None and status != "requested" and not NO_DONOR.search(text):
            donor = ctx_donor
        recipient = _recipient(text, m, parties, donor)
        q = QUALIFIER.search(text[max(0, m.start - 30):m.start])
        qualifier = QUALIFIER_NAMES.get(" ".join(q.group("q").lower().split())) if q else None
        dates = view.dates(bool(re.search(r"\bwill\b", text[:m.start])))
        date = (min(dates, key=lambda d: abs(d.start - m.start)).value if dates
                else view.default_date())
        if not dates and follow_on:
            # "...in January. It amounted to €3 billion.": the date the sentence before gave.
            from etl.extract.dates import find_dates

            found = find_dates(previous, view.anchor, False)
            if found:
                date = found[0].value
                dates = found
        fact = view.fact_base(article) | {
            "type": "aid", "donor": donor, "recipient": recipient, "amount": m.amount,
            "currency": m.currency, "aid_type": _aid_type(text), "status": status,
            "date": date,
        }
        if qualifier:
            fact["qualifier"] = qualifier
        if not dates:
            fact["_default_date"] = True
        facts.append(fact)
    return facts


def _donor(text: str, m, parties, status: str) -> str | None:
    before = [p for p in parties if p[1] <= m.start]
    if status == "requested" or NO_DONOR.search(text[:m.start]):
        explicit = [p for p in before if re.match(r"\s+(?:pledged|promised|gave|will|has|have)",
                                                  text[p[1]:p[1] + 12])]
        return explicit[-1][2] if explicit else None
    by = [p for p in parties if m.end <= p[0] <= m.end + 70 and re.search(
        r"\b(?:(?:provided|funded|financed|pledged|given|set\s+up|offered|granted|donated|"
        r"promised|contributed|backed)\s+by|from)\s+(?:the\s+)?$",
        text[max(0, p[0] - 30):p[0]])]
    if by:
        return by[0][2]
    candidates = [p for p in before if not re.search(r"\b(?:to|for|in)\s+(?:the\s+)?$",
                                                     text[max(0, p[0] - 12):p[0]])]
    # The giver is the party a verb of giving follows ("Norway $11.5 million" in a list
    # elides the verb); otherwise the clause's first party, its subject.
    acting = [p for p in candidates if re.match(
        r"\s*(?:(?:government|officials|authorities|cabinet|ministry|administration|has|have|"
        r"had|is|was|will|would|said|says|also|had\s+so\s+far|it)\s+)*"
        r"(?:pledg|promis|give|gave|provid|donat|announc|commit|offer|grant|paid|pay|sen[dt]|"
        r"deliver|contribut|approv|allocat|disburs|\$|£|€|¥|\d)", text[p[1]:p[1] + 40])]
    if acting:
        return acting[-1][2]
    if candidates:
        return candidates[0][2]
    after = [p for p in parties if p[0] >= m.end and re.search(
        r"\b(?:from|by)\s+(?:the\s+)?$", text[max(0, p[0] - 12):p[0]])]
    return after[0][2] if after else None


def _recipient(text: str, m, parties, donor: str | None) -> str | None:
    tail = text[m.end:]
    for key, name in RECIPIENT_WORDS.items():
        if re.search(rf"\b(?:to|for|in|into)\s+(?:the\s+)?{key}\b", tail, re.IGNORECASE):
            return name
    for p in parties:
        if p[2] != donor and re.search(r"\b(?:to|for|in|into|help|lend|give|gave|send|sent)\s+"
                                       r"(?:the\s+)?$", text[max(0, p[0] - 12):p[0]]):
            return p[2]
    others = [p[2] for p in parties if p[2] != donor and not _opposed(text, p[0], p[1])]
    return others[0] if others else None


def _aid_type(text: str) -> str:
    kinds = [name for name, pattern in AID_TYPES if pattern.search(text)]
    if len(kinds) == 1:
        return kinds[0]
    if len(kinds) > 1:
        return kinds[0] if kinds[0] == "military" else "mixed"
    return "unspecified"
