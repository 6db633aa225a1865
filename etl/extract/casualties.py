"""Casualty figures: counts of people killed, wounded, displaced, missing or captured.

A number is a casualty figure when a metric word is bound to it ("4,634 dead", "killing at
least 20", "the death toll rose to 5,087", "displaced more than 1.1 million"); money,
percentages, ages, years and counts of other things are not. "No one was killed" is 0.
"""

from __future__ import annotations

import re

from etl.extract.context import View
from etl.extract.lexicon import LEX
from etl.extract.numbers import find_numbers
from etl.model import Article


def _metric_words(metric: str) -> str:
    """One regex alternation of a metric's words from the lexicon, longest first."""
    words = sorted(LEX.words(f"casualty.metrics.{metric}"), key=len, reverse=True)
    return "(?:" + "|".join(r"\s+".join(re.escape(w) for w in word.split()) for word in words) + ")"


METRICS = ("killed", "wounded", "displaced", "missing", "captured")
METRIC_AFTER = [(metric, _metric_words(metric)) for metric in METRICS]
# Between a number and its metric: "people were", "civilians have been", "of them".
_FILLER = (r"(?:\s+(?:more|other|people|persons|person|man|woman|child|civilian|soldier|"
           r"civilians|Palestinians|Israelis|Ukrainians|"
           r"protesters|demonstrators|children|women|soldiers|troops|residents|citizens|"
           r"others|individuals|migrants|of\s+them|in\s+all|in\s+total|so\s+far|"
           r"(?-i:[A-Z][a-z]+(?:s|ese|i)|[A-Z]{2,5})|are|were|was|have|has|had|been|being|reported|"
           r"reportedly|"
           r"confirmed|feared|believed|now|still|also|who|inside|medical|health|staff|"
           r"personnel|workers|journalists|aid|police|officers|security|were\s+reported|"
           r"remain|remains|remained|having|got|getting|lost|"
           r"[a-z]+-[a-z]+)){0,5}\s+")
TOLL_BEFORE = re.compile(
    r"(?P<m>death\s+toll|toll|number\s+of\s+(?:dead|deaths|people\s+killed)|"
    r"deaths|killed|killing|kills|wounded|wounding|injured|injuring|displaced|displacing|"
    r"displacement|missing|captured|capturing|abducted|abducting|kidnapped|kidnapping|"
    r"seized|seizing|claimed\s+the\s+lives\s+of|taking\s+hostage|took\s+hostage|"
    r"shot\s+dead|shooting\s+dead|gunned\s+down|gunning\s+down|executed|executing|"
    r"massacred|massacring|slaughtered|murdered|murdering|uprooted|uprooting)"
    r"(?:\s+(?:has|have|had|now|also|so\s+far|reportedly|in\s+\w+|from\s+\w+|of|is|was|"
    r"stood|stands|rose|risen|rises|climbed|climbs|jumped|reached|reaches|hit|nears|neared|"
    r"surpassed|surpasses|exceeded|topped|passed|increased|to|at|more\s+than|at\s+least|"
    r"nearly|about|around|over|some|almost|up\s+to|approximately|roughly|close\s+to|"
    r"an\s+estimated|the|another|a\s+total\s+of|as\s+many\s+as)){0,6}\s+$",
    re.IGNORECASE,
)
TOLL_METRIC = {"death toll": "killed", "toll": "killed", "deaths": "killed", "killed": "killed",
               "killing": "killed", "kills": "killed", "wounded": "wounded",
               "wounding": "wounded", "injured": "wounded", "injuring": "wounded",
               "displaced": "displaced", "displacing": "displaced",
               "displacement": "displaced", "missing": "missing", "captured": "captured",
               "capturing": "captured", "abducted": "captured", "abducting": "captured",
               "kidnapped": "captured", "kidnapping": "captured", "seized": "captured",
               "seizing": "captured", "taking hostage": "captured", "took hostage": "captured",
               "claimed the lives of": "killed", "shot dead": "killed",
               "shooting dead": "killed", "gunned down": "killed", "gunning down": "killed",
               "executed": "killed", "executing": "killed", "massacred": "killed",
               "massacring": "killed", "slaughtered": "killed", "murdered": "killed",
               "murdering": "killed", "uprooted": "displaced", "uprooting": "displaced"}
QUALIFIERS = [
    ("at least", r"at\s+least|no\s+fewer\s+than|a\s+minimum\s+of"),
    ("more than", r"more\s+than|over|upwards\s+of|in\s+excess\s+of|surpass\w*|exceed\w*|"
                  r"topp\w*|passed"),
    ("up to", r"up\s+to|as\s+many\s+as|as\s+much\s+as"),
    ("about", r"about|around|nearly|almost|some|approximately|roughly|close\s+to|"
              r"an\s+estimated|nears|neared|estimated|approaching"),
]
NOT_PEOPLE_AFTER = re.compile(
    r"^\s*(?:percent|per\s+cent|%|years?|-year|days?|hours?|minutes?|km|miles|kilomet|metres|"
    r"attacks?|houses|homes|buildings|targets|tonnes|tons|trucks|aircraft|rockets|missiles|"
    r"drones|shells|times|cases|arrested|detained|affected|votes|seats|signatures|troops\s+"
    r"(?:to|were\s+sent|deployed)|soldiers\s+(?:to|were\s+sent|deployed))",
    re.IGNORECASE,
)
ZERO = re.compile(r"\b(?:no\s+one|nobody|no\s+(?:one|people)\s+(?:was|were|had\s+been))"
                  r"\s+(?:was\s+|were\s+|had\s+been\s+|has\s+been\s+)?(?P<a>killed|hurt|"
                  r"injured|wounded)(?:\s+or\s+(?P<b>wounded|injured|hurt|killed))?|"
                  r"\bno\s+(?P<c>casualties|deaths|fatalities|injuries)\b", re.IGNORECASE)
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


LOOSE_TOLL = re.compile(
    r"\b(?P<m>death\s+toll|toll|number\s+of\s+(?:people\s+)?(?:killed|dead|deaths|displaced|"
    r"wounded|injured|missing)(?:\s+people)?|deaths)\b[^.;:]{0,90}?\b(?:at|to|of|reached|hit|"
    r"is|was|stands\s+at|stood\s+at|surpassed|passed|exceeded|topped|nears|neared)"
    r"(?:\s+(?:more\s+than|at\s+least|nearly|about|around|over|some|almost|up\s+to|"
    r"approximately|roughly|close\s+to|an\s+estimated))?\s+$",
    re.IGNORECASE,
)


ASIDE_METRIC = {"killed": "killed", "wounded": "wounded", "injured": "wounded",
                "displaced": "displaced", "abducted": "captured", "kidnapped": "captured",
                "captured": "captured"}
ASIDE_METRICS = "(?P<am>" + "|".join(ASIDE_METRIC) + ")"
AMONG = re.compile(r"(?:\s+[\w'’-]+){0,6}?\s+(?:were|are|was)\s+(?:also\s+)?among\s+"
                   r"(?:the\s+|those\s+)?(?P<w>dead|killed|victims|wounded|injured)\b",
                   re.IGNORECASE)


def _qualifier(text: str) -> str | None:
    for name, pattern in QUALIFIERS:
        if re.search(rf"\b(?:{pattern})\s*$", text, re.IGNORECASE):
            return name
    return None


def _metric_for(text: str, num_start: int, num_end: int) -> tuple[str | None, int]:
    after = text[num_end:num_end + 70]
    if NOT_PEOPLE_AFTER.match(after):
        return None, 0
    for metric, words in METRIC_AFTER:
        m = re.match(rf"(?:{_FILLER}|\s*)(?:{words})\b", after, re.IGNORECASE)
        if m:
            return metric, 1
    aside = re.match(rf"(?:\s+[\w'’-]+){{0,2}},[^,;.]{{2,90}},\s*(?:(?:were|was|have|has|had|"
                     rf"been|reportedly|also)\s+){{1,3}}(?:{ASIDE_METRICS})\b",
                     text[num_end:num_end + 160], re.IGNORECASE)
    if aside:  # "140 people, most of them pilgrims, were killed"
        return ASIDE_METRIC[aside.group("am").lower()], 1
    among = AMONG.match(after)
    if among and not re.search(r"\bof\s+$", text[max(0, num_start - 4):num_start]):
        # "eight members of one family were among the dead"
        return ("wounded" if among.group("w").lower() in ("wounded", "injured") else "killed"), 1
    before = text[max(0, num_start - 90):num_start]
    loose = LOOSE_TOLL.search(text[max(0, num_start - 160):num_start])
    if loose:
        word = " ".join(loose.group("m").lower().split())
        for key, metric in (("displaced", "displaced"), ("wounded", "wounded"),
                            ("injured", "wounded"), ("missing", "missing")):
            if key in word:
                return metric, 2
        return "killed", 2
    m = TOLL_BEFORE.search(before)
    if m:
        word = " ".join(m.group("m").lower().split())
        metric = TOLL_METRIC.get(word)
        if word.startswith("number of"):
            metric = "killed"
        # "killed and injured more than 1,000": a mixed count, no figure for either.
        if re.search(r"\b(?:killed|dead)\s+(?:and|or)\s+(?:injured|wounded)\s+[\w\s]*$",
                     before[-40:], re.IGNORECASE):
            return None, 0
        if metric and (re.match(r"\s+(?:people|persons|civilians|[A-Z][a-z]+s|others|"
                                r"children|and|of)\b|\s*[,.;]|\s*$|\s+(?:in|on|since|by|"
                                r"across|as|after|so|from|according|with|,)\b",
                                after + " ", re.IGNORECASE)
                       or population_of(text, num_end) != "all"
                       or PEOPLE_NOUN.match(after)):
            # "killed three aid workers", "captured 200 government troops"
            return metric, 2
    return None, 0


# People a verb before the number may count: "shot dead 13 villagers", "killed 40 people".
PEOPLE_NOUN = re.compile(r"\s+(?:[a-z]+\s+)?(?:people|persons|villagers|residents|passengers|"
                         r"worshippers|pilgrims|migrants|refugees|inhabitants|farmers|"
                         r"students|protesters|demonstrators|members|family\s+members|"
                         r"relatives|guests|shoppers|commuters|miners|fishermen)\b",
                         re.IGNORECASE)


def _inherited(text: str, num, facts: list[dict]) -> str | None:
    """A figure that leans on its neighbour: "including 66 children", "and 122 others in",
    "from 38 to 74 fatalities"."""
    after = text[num.end:num.end + 40]
    nxt = re.match(r"\s+to\s+(\d[\d,]*)", after)
    if nxt and re.search(r"\bfrom\s+$", text[max(0, num.start - 6):num.start]):
        metric, _ = _metric_for(text, num.end + nxt.start(1), num.end + nxt.end())
        return metric
    if not facts:
        return None
    before = text[max(0, num.start - 30):num.start]
    people_after = re.match(r"\s+(?:[a-z]+\s+)?(?:children|women|men|people|civilians|"
                            r"soldiers|journalists|staff|workers|doctors|nurses|medics|"
                            r"personnel|minors|babies|elderly|[A-Z][a-z]+s)\b", after)
    if re.search(r"\bincluding\s+(?:at\s+least\s+|some\s+|about\s+)?$", before) and people_after:
        return facts[-1]["metric"]  # "including 66 children": a part of the same count
    if re.search(r"(?:,|\band)\s+(?:about\s+|nearly\s+|more\s+than\s+|some\s+)?$", before) and (
            re.match(r"\s+(?:others|more)\b", after)
            or re.match(r"\s+in\s+(?:the\s+)?[A-Z]", after)):
        return facts[-1]["metric"]  # "..., and about 2,050 in the West Bank"
    return None


# Without one of these words a sentence holds no casualty figure; checking first keeps the
# number rules off most sentences.
CASUALTY_WORDS = re.compile(
    r"kill|dead|death|died|die\b|wound|injur|hurt|displac|missing|captur|hostage|prisoner|"
    r"fled|flee|refugee|toll|casualt|fatalit|uproot|homeless|lives|bodies|abduct|kidnap|"
    r"evacuat|martyr|unaccounted|perish|slain|drown|massacre|murder|seized|shot|gunned|"
    r"execut|slaughter|from\s+their\s+homes", re.IGNORECASE)


# A sentence that goes on from the one before: "It added that...", "The ministry also said".
CONTINUES = re.compile(r"^\s*(?:It|They|The\s+(?:watchdog|ministry|agency|group|organi[sz]ation|"
                       r"office|monitor|army|military|police|authorities|officials|UN)|"
                       r"According\s+to\s+the\s+(?:watchdog|ministry|agency|group))\b")


def from_sentence(view: View, article: Article, last_reporter: str | None = None,
                  last_where: str | None = None) -> list[dict]:
    """Casualty facts of one sentence; the last reporter and place carry over to a sentence
    that continues the report ("It added that...")."""
    facts = _figures(view, article)
    for fact in facts:
        fact["where"] = fact["where"] or last_where
    if facts and CONTINUES.match(view.text):
        for fact in facts:
            if not fact["reported_by"] or CONTINUES.match(fact["reported_by"] or ""):
                fact["reported_by"] = last_reporter or fact["reported_by"]
            fact["where"] = fact["where"] or last_where
    return facts


def _figures(view: View, article: Article) -> list[dict]:
    text = view.text
    if not CASUALTY_WORDS.search(text):
        return []
    money_spans = [(m.start, m.end) for m in view.money()]
    date_spans = [(d.start, d.end) for d in view.dates(False)]
    facts: list[dict] = []
    prev_qualifier = None
    prev_end = -100
    for num in find_numbers(text):
        if any(s <= num.start < e for s, e in money_spans + date_spans):
            continue
        if re.match(r"(?:19|20)\d\d$", num.text) or num.value != int(num.value):
            continue
        if num.text.lower() == "dozens":
            continue  # "killed dozens": no figure a chart may draw
        if re.search(r"\bno\s+$", text[max(0, num.start - 4):num.start]):
            continue
        if text[max(0, num.start - 1):num.start] in ("$", "£", "€", "#", "-") or \
                text[num.end:num.end + 1] in ("%",):
            continue
        metric, _ = _metric_for(text, num.start, num.end)
        if metric is None:
            metric = _inherited(text, num, facts)
        if metric is None:
            metric = _metric_by_syntax(_doc_of(view), num.start, num.end)
        if metric is None:
            continue
        qualifier = _qualifier(text[max(0, num.start - 40):num.start])
        if qualifier is None and prev_qualifier and re.fullmatch(
                r"\s*\w*\s*(?:dead|killed|wounded|injured)?\s*(?:,\s*)?and\s*",
                text[prev_end:num.start]):
            qualifier = prev_qualifier
        prev_qualifier, prev_end = qualifier, num.end
        facts.append(_fact(view, article, metric, int(num.value), qualifier, num.start, num.end))
    for m in ZERO.finditer(text):
        words = [w for w in (m.group("a"), m.group("b"), m.group("c")) if w]
        for word in words:
            metric = {"killed": "killed", "casualties": "killed", "deaths": "killed",
                      "fatalities": "killed"}.get(word.lower(), "wounded")
            facts.append(_fact(view, article, metric, 0, None, m.start()))
    return facts


# Verbs whose subject (intransitive, passive) or object (active) a casualty count may be.
VERB_METRIC = {
    "kill": "killed", "die": "killed", "perish": "killed", "murder": "killed",
    "massacre": "killed", "slay": "killed", "execute": "killed", "drown": "killed",
    "behead": "killed", "slaughter": "killed", "martyr": "killed",
    "wound": "wounded", "injure": "wounded", "hurt": "wounded", "maim": "wounded",
    "displace": "displaced", "uproot": "displaced", "flee": "displaced",
    "abduct": "captured", "kidnap": "captured", "capture": "captured",
}
# Words that, as the complement of "be"/"remain"/"leave", make the subject a count:
# "19 people remain missing", "four were dead".
STATE_METRIC = {"dead": "killed", "missing": "missing", "injured": "wounded",
                "wounded": "wounded", "displaced": "displaced", "homeless": "displaced"}
# Nouns that name what happened to a count: "the killing of 30", "100 people hostage".
NOUN_METRIC = {"death": "killed", "killing": "killed", "massacre": "killed",
               "murder": "killed", "execution": "killed", "fatality": "killed",
               "casualty": "killed", "hostage": "captured", "captive": "captured",
               "abduction": "captured", "kidnapping": "captured", "displacement": "displaced",
               "injury": "wounded"}
COUNTED = re.compile(
    r"(?:people|persons?|civilians?|soldiers?|troops|servicemen|fighters|militants|rebels|"
    r"police(?:men)?|officers|guards|children|kids|boys|girls|women|men|babies|infants|"
    r"students|pupils|workers|staff|journalists|medics|doctors|nurses|volunteers|villagers|"
    r"residents|passengers|worshippers|pilgrims|migrants|refugees|inhabitants|farmers|"
    r"protesters|demonstrators|members|relatives|family|others|hostages|prisoners|"
    r"individuals|victims|lives|bodies)$", re.IGNORECASE)


# Plural nouns that count things, not people: "killed 19 cattle", "destroyed 12 tanks".
THINGS = re.compile(
    r"(?:cattle|animals|sheep|cows|goats|camels|horses|livestock|birds|dogs|tanks|vehicles|"
    r"cars|trucks|aircraft|planes|jets|drones|missiles|rockets|shells|houses|homes|"
    r"buildings|villages|towns|targets|positions|weapons|guns|acres|hectares|tonnes|tons|"
    r"dollars|euros|percent|years|months|weeks|days|hours|times|cases|votes|seats)$",
    re.IGNORECASE)


def _doc_of(view: View):
    """The sentence's parse; one the visit and meeting rules did not need is made here,
    only for a sentence whose figures the word patterns could not bind."""
    if view.doc is None:
        from etl.extract.pipeline import nlp

        with nlp().select_pipes(disable=["ner"]):
            view.doc = nlp()(view.text)
    return view.doc


def _metric_by_syntax(doc, start: int, end: int) -> str | None:
    """The metric of a number the grammar binds to a casualty verb or state, however far the
    words stand apart: "the strikes, which hit ... on Saturday, killed 19 people", "249
    people, most of them ..., were killed", "the 30 people who died"."""
    if doc is None:
        return None
    toks = [t for t in doc if start <= t.idx < end]
    if not toks:
        return None
    num = toks[-1]
    head = num.head if num.dep_ in ("nummod", "quantmod", "compound") else num
    if head is not num and not (COUNTED.match(head.text) or head.ent_type_ == "NORP"
                                or (head.tag_ in ("NNS", "NNPS") and not THINGS.match(head.text))):
        return None  # "killed 19 tanks": a count of things
    node = head
    while node.dep_ == "conj" and node.head is not node:
        node = node.head  # "killed 4 soldiers and 2 civilians"
    for child in node.children:
        if child.dep_ == "relcl" and child.lemma_.lower() in VERB_METRIC:
            return VERB_METRIC[child.lemma_.lower()]  # "the 30 people who died"
        if child.dep_ in ("amod", "acl") and child.lemma_.lower() in ("kill", "wound",
                                                                       "injure", "displace"):
            return VERB_METRIC[child.lemma_.lower()]  # "19 people killed in the blast"
    if node.dep_ == "compound" and node.head.lemma_.lower() in NOUN_METRIC:
        return NOUN_METRIC[node.head.lemma_.lower()]  # "holding 100 people hostage"
    if node.dep_ == "pobj" and node.head.text.lower() == "of" and \
            node.head.head.lemma_.lower() in NOUN_METRIC:
        return NOUN_METRIC[node.head.head.lemma_.lower()]  # "the killing of 30 civilians"
    verb = node.head
    if node.dep_ == "pobj" and verb.text.lower() in ("to", "at", "of"):
        verb = verb.head  # "the toll ... had risen to 249"
        if verb.pos_ in ("VERB", "AUX"):
            return _metric_of_subject(verb)
        return None
    if node.dep_ == "attr" and verb.lemma_.lower() == "be":
        return _metric_of_subject(verb)  # "the dead were 19 people"
    if node.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.pos_ in ("VERB", "AUX"):
        lemma = verb.lemma_.lower()
        if _mixed(verb):
            return None  # "killed and injured more than 1,000": no figure for either
        if lemma in VERB_METRIC and not (node.dep_ == "nsubj" and lemma in (
                "kill", "wound", "injure", "displace", "capture", "abduct", "kidnap",
                "murder", "execute", "massacre", "slaughter", "behead")):
            return VERB_METRIC[lemma]  # an active killer is not a count of the killed
        if node.dep_ in ("nsubj", "nsubjpass"):
            for child in verb.children:
                if child.dep_ in ("acomp", "attr", "oprd") and \
                        child.text.lower() in STATE_METRIC:
                    return STATE_METRIC[child.text.lower()]
    return None


def _mixed(verb) -> bool:
    """Whether two casualty verbs of different metrics share the count."""
    others = [c for c in verb.children if c.dep_ == "conj"]
    if verb.dep_ == "conj":
        others.append(verb.head)
    mine = VERB_METRIC.get(verb.lemma_.lower())
    return any(VERB_METRIC.get(o.lemma_.lower(), mine) != mine for o in others)


def _metric_of_subject(verb) -> str | None:
    """The metric a toll-like subject names: "the death toll", "the number of people
    killed", "the dead"."""
    for subject in verb.children:
        if subject.dep_ not in ("nsubj", "nsubjpass"):
            continue
        words = [t for t in subject.subtree]
        if subject.lemma_.lower() in ("toll", "number", "count", "figure", "tally", "total") \
                or subject.text.lower() in STATE_METRIC:
            for t in words:
                word = t.text.lower()
                if word in STATE_METRIC:
                    return STATE_METRIC[word]
                if t.lemma_.lower() in VERB_METRIC:
                    return VERB_METRIC[t.lemma_.lower()]
                if t.lemma_.lower() in NOUN_METRIC:
                    return NOUN_METRIC[t.lemma_.lower()]
            if subject.lemma_.lower() == "toll":
                return "killed"
    return None


def _population_words() -> list[tuple[str, re.Pattern]]:
    out = []
    for name, words in LEX.casualty.populations.items():
        body = "|".join(r"\s+".join(re.escape(w) for w in word.split())
                        for word in sorted(words, key=len, reverse=True))
        out.append((name, re.compile(rf"^\s+(?:[\w-]+\s+){{0,2}}?(?:{body})\b", re.IGNORECASE)))
    return out


POPULATIONS = _population_words()


def population_of(text: str, end: int) -> str:
    """Whom a count counts: "2,055 children", "15 civilians", "88 UN staff", else all.

    >>> population_of("killing 15 civilians", 10), population_of("20 people died", 2)
    ('civilians', 'all')
    """
    after = text[end:end + 40]
    for name, pattern in POPULATIONS:
        if pattern.match(after):
            return name
    return "all"


def _fact(view: View, article: Article, metric: str, value: int, qualifier: str | None,
          pos: int = 0, end: int = 0) -> dict:
    text = view.text
    # The figure's own date stands near it ("20 killed on Monday", "officials said
    # Thursday"); a date further off belongs to another event ("since the Oct. 7 attack").
    near = [d for d in view.dates(False) if d.precision == "day"
            and not re.match(r"['’]s\b", text[d.end:d.end + 2])
            and not re.search(r"\b(?:since|followed|after|before|until|from|began|started|"
                              r"erupted|broke\s+out)\s+(?:[\w'’.]+\s+){0,2}$",
                              text[max(0, d.start - 30):d.start])
            and min(abs(d.start - pos), abs(d.end - pos)) < 150]
    reported = [d for d in view.dates(False) if d.precision == "day" and re.search(
        r"\b(?:said|says|reported|announced|told|stated)\b",
        text[max(0, d.start - 20):d.end + 20])]
    if near:
        as_of = min(near, key=lambda d: min(abs(d.start - pos), abs(d.end - pos))).value
    elif reported:
        as_of = reported[0].value  # "The army on Sunday reported ...": the report's day
    else:
        as_of = view.default_date()
    return view.fact_base(article) | {
        "type": "casualty", "metric": metric, "value": value, "qualifier": qualifier,
        "as_of": as_of, "reported_by": _reporter(text), "where": _where(view, pos),
        "population": population_of(text, end) if end else "all",
    }


def _reporter(text: str) -> str | None:
    m = REPORTER.search(text)
    if m and m.group("who"):
        who = re.sub(r"\s+(?:of|for|and|the)$", "", m.group("who").strip())
        who = re.sub(r"\s+(?:figures|data|said|says)$", "", who)
        if who and who[0].isupper() and not re.match(
                r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Today|Yesterday|"
                r"January|February|March|April|May|June|July|August|September|October|"
                r"November|December|Last|This|On|In|At)\b", who):
            return who
    # "..., the Gaza health ministry said": the phrase between the last comma (or the
    # sentence start) and the verb of saying.
    for m in SPEAKER.finditer(text):
        who = re.sub(r"^(?:[A-Z]{2,6}\s*[-–]\s*)?(?:(?:[Bb]ut|[Aa]nd|[Ww]hile)\s+)?"
                     r"(?:[Tt]he|[Aa]n?)\s+", "", m.group("who").strip())
        words = who.split()
        if 1 <= len(words) <= 6 and (ORG_WORD.search(who) or all(w[0].isupper() for w in words)):
            return who
    m = REPORTER_SUBJECT.search(text)
    if m:
        return re.sub(r"^the\s+", "", m.group("who").strip())
    return None


SPEAKER = re.compile(r"(?:^|[,;]\s*|[”\"]\s*)(?P<who>[^,;”\"]{2,70}?)\s+(?:said|says|reported|"
                     r"reports|announced|estimated|estimates|stated|told)\b")
ORG_WORD = re.compile(r"\b(?:ministry|agency|authorit(?:y|ies)|officials?|police|army|military|"
                      r"office|department|committee|commission|council|organi[sz]ation|"
                      r"government|UN|WHO|UNHCR|OCHA|UNICEF|IOM|Red\s+Cross|Crescent|group|"
                      r"monitor|observatory|spokes(?:man|woman|person)|association|watchdog|"
                      r"institute|cent(?:re|er)|foundation|network|coalition|United\s+Nations)\b",
                      re.IGNORECASE)


def _where(view: View, pos: int = 0) -> str | None:
    """Where the figure is from: an "in eastern Ukraine" phrase, else the place named
    nearest the figure (a country, a city), else None (the article's last place is used by
    the caller for sentences that continue a report)."""
    found = [m for m in WHERE.finditer(view.text)
             if any(p.start >= m.start("w") - 1 and p.start < m.end("w") for p in view.places)
             or re.search(r"[A-Z]\w+\s+(?:Strip|Bank)", m.group("w"))]
    if found:
        best = min(found, key=lambda m: abs(m.start() - pos))
        return re.sub(r"^the\s+", "", best.group("w"))
    places = view.places
    if places:
        best = min(places, key=lambda p: abs(p.start - pos))
        return best.text if best.is_city else re.sub(r"^the\s+", "", best.text)
    return None
