"""Aid: money or materiel promised, requested or given, with donor, recipient and status.

An amount is aid when the words that govern it speak of aid ("$75m in aid", "a £162m
package", "pledged $38 million") and none of them makes it a budget, a cost, trade or a
deal. The donor is the subject of the verb of giving (a country, an institution, or an
office-holder's country), the owner of the package ("Denmark's DKK 2bn") or the "from / by"
party; the recipient the "to / for" object; the status the verb's lemma and tense.
"""

from __future__ import annotations

import re
from functools import cache

from etl.extract.context import View
from etl.extract.lexicon import LEX, phrase_pattern
from etl.extract.syntax import (
    OBJECT_CONTROL,
    conjuncts,
    modal_children,
    negated,
    prep_objects,
    subjects_of,
    verb_of,
)
from etl.model import Article
from etl.places import (
    country_display_names,
    country_names,
    fold,
    is_capital,
    issuing_country,
    lookup_country,
    own_unit,
)

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
NO_DONOR = re.compile(r"\b(?:donors|international\s+community|countries\s+pledged|"
                      r"several\s+countries|UN\s+appeal|appeal(?:ed|s)?\b)", re.IGNORECASE)
RECIPIENT_WORDS = {"gaza": "Gaza", "palestinians": "Palestinians", "unrwa": "UNRWA",
                   "central america": "Central America", "palestinian authority":
                   "Palestinian Authority"}
QUALIFIER = re.compile(r"(?:\b(?P<q>up\s+to|more\s+than|over|about|around|nearly|almost|"
                       r"at\s+least|some|approximately|roughly|close\s+to|as\s+much\s+as)\s+"
                       r"(?:another\s+|an\s+additional\s+)?)$", re.IGNORECASE)
QUALIFIER_NAMES = {"up to": "up to", "more than": "more than", "over": "more than",
                   "about": "about", "around": "about", "nearly": "about", "almost": "about",
                   "at least": "at least", "some": "about", "approximately": "about",
                   "roughly": "about", "close to": "about", "as much as": "up to"}
# Verbs that ask someone else to approve: what they govern is still a proposal.
PERSUADING = {"persuade", "urge", "ask", "press", "push", "lobby", "want", "seek", "try",
              "call", "hope", "need", "convince"}
STATUS_ORDER = ("delivered", "requested", "proposed", "authorized", "announced", "pledged")
# A short sentence that goes on about the aid the one before named: "It amounted to €3
# billion.", "The second was for €1.5 billion and arrived in March."
FOLLOW_ON = re.compile(r"^\s*(?:It|This|That|The\s+(?:first|second|third|fourth|fifth|next|"
                       r"previous|last|latest|new)\b|[Tt]he\s+(?:sum|amount|package|tranche))")


@cache
def _institutions() -> re.Pattern:
    return phrase_pattern(LEX.institutions.keys())


@cache
def _aid_type_patterns() -> list[tuple[str, re.Pattern]]:
    return [(kind, phrase_pattern(LEX.words(f"aid.types.{kind}")))
            for kind in ("military", "humanitarian", "financial")]


def aid_type(text: str) -> str:
    """military, humanitarian, financial, mixed (two kinds but military) or unspecified."""
    kinds = [name for name, pattern in _aid_type_patterns() if pattern.search(text)]
    if len(kinds) == 1:
        return kinds[0]
    if len(kinds) > 1:
        return kinds[0] if kinds[0] == "military" else "mixed"
    return "unspecified"


def _lemma(token) -> str:
    return token.lemma_.lower()


class Parties:
    """Countries and institutions named in one sentence, by character span."""

    def __init__(self, view: View):
        self.view = view
        names = country_display_names()
        spans: list[tuple[int, int, str]] = []
        for m in _institutions().finditer(view.text):
            word = m.group(0)
            if word[0].isupper():
                spans.append((m.start(), m.end(), LEX.institutions[" ".join(word.lower().split())]))
        for place in view.places:
            if not place.is_city:
                spans.append((place.start, place.end, names.get(place.country, place.country)))
            elif is_capital(place.name, place.country):
                # "granted Kyiv $17 billion", "Tokyo will lend": a capital for its state
                spans.append((place.start, place.end, names.get(place.country, place.country)))
        self.spans = spans

    def of(self, token) -> str | None:
        """The party a token names: an institution, a country, an office-holder's country,
        or a nationality word ("British aid")."""
        view = self.view
        for s, e, name in self.spans:
            if s <= token.idx < e:
                return name
        person = view.person_at(token)
        if person:
            home = view.roster.home_of(person.name) if view.roster else None
            return country_display_names().get(home, home) if home else None
        if token.lemma_.lower() == "bloc" and view.bloc:
            return view.bloc  # "the 27-nation bloc will provide"
        iso = LEX.demonyms.get(token.lower_)
        if iso and token.text[0].isupper():
            return country_display_names().get(iso, iso)
        if token.lower_ in ("it", "they") and token.dep_ in ("nsubj", "nsubjpass"):
            return None
        return None

    def in_phrase(self, token) -> str | None:
        """The party of a noun phrase: its head word or a word that describes it."""
        found = self.of(token)
        if found:
            return found
        for c in token.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod", "appos"):
                found = self.of(c)
                if found:
                    return found
        return None


def _chain_words(money_token) -> list:
    """The money token and the words above it up to its verb: "in aid", "package of"."""
    out = [money_token]
    t = money_token
    for _ in range(6):
        if t.head is t:
            break
        t = t.head
        out.append(t)
        if t.pos_ in ("VERB", "AUX"):
            break
    return out


def _nearby_nouns(money_token) -> set[str]:
    words = set()
    for t in _chain_words(money_token):
        words.add(_lemma(t))
        for c in t.children:
            if c.dep_ in ("compound", "amod", "pobj", "prep", "nmod", "dobj"):
                words.add(_lemma(c))
                for g in c.children:
                    if g.dep_ == "pobj":
                        words.add(_lemma(g))
    return words


def _withheld(token) -> bool:
    """Aid a verb above the amount suspends, freezes or cuts: money held back is neither
    promised nor given, so it is no aid fact (the earlier pledge, if told, is one)."""
    verb = verb_of(token)
    for v in ([verb, *verb.ancestors] if verb is not None else [])[:3]:
        if v.pos_ in ("VERB", "AUX") and _lemma(v) in LEX.aid.withheld_verbs and not negated(v):
            return True
    return False


def _is_aid(view: View, m, token) -> bool:
    """Aid when an aid word governs the amount, or the sentence speaks of aid and nothing
    around the amount makes it a budget, a cost, trade or a deal."""
    words = _nearby_nouns(token)
    if words & LEX.aid.not_aid_words <= {"spending", "bill"} and words & (
            LEX.aid.request_nouns | {"emergency", "supplemental"}):
        return True  # "a request for $106 billion in emergency spending"
    if words & LEX.aid.not_aid_words and not words & {
            "aid", "assistance", "loan", "grant", "pledge", "relief", "humanitarian", "credit",
            "bailout", "donation", "tranche"}:
        return False
    if words & LEX.aid.nouns:
        return True
    text = view.text
    near = text[max(0, m.start - 45):m.end + 35]
    if NOT_AID.search(near) and not re.search(r"\b(?:aid|assistance|loan|lend|pledge)",
                                              text[max(0, m.start - 25):m.end + 25]):
        return False
    return bool(AID_WORDS.search(text))


def _verb_status(v) -> tuple[str | None, bool]:
    """(status, whether a status verb said it) of one verb: "approved" is authorized, a
    giving verb tells by its tense ("will give" pledged, "is providing" announced, "gave"
    delivered)."""
    lemma = _lemma(v)
    if lemma == "reach" and any(c.dep_ == "dobj" and _lemma(c) in ("agreement", "deal", "accord")
                                for c in v.children):
        return "authorized", True  # "reached agreement on a loan": agreed, nothing paid yet
    future = bool(modal_children(v) & (LEX.status.future_auxiliaries |
                                       LEX.status.possible_modals)) or any(
        c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
    for status in STATUS_ORDER:
        if lemma in LEX.words(f"aid.status_verbs.{status}"):
            if status == "delivered" and (future or negated(v)):
                return "pledged", True
            return status, True
    if lemma in LEX.aid.giving_verbs:
        if future or negated(v):
            return "pledged", False
        perfect = any(c.lemma_ == "have" and c.dep_ == "aux" for c in v.children)
        if v.tag_ in ("VBZ", "VBP", "VBG") and not perfect:
            return "announced", False
        return "delivered", False
    return None, False


def _status(view: View, token) -> str | None:
    """The aid status the words governing an amount give it: the nearest verb of a stated
    status ("announced plans to pour"), else the tense of the verb of giving."""
    for t in _aid_phrases(token):
        lemma = _lemma(t)
        if t.pos_ not in ("NOUN", "PROPN") or t is token:
            continue
        if lemma in LEX.aid.request_nouns:
            return "requested"
        if lemma in ("pledge", "promise", "commitment"):
            return "pledged"
    verb = verb_of(token)
    if verb is None:
        return None
    if _lemma(verb) in ("include", "contain", "comprise", "cover"):
        for s in subjects_of(verb):
            if _lemma(s) in LEX.aid.request_nouns:
                return "requested"  # "the request also includes $9 billion"
            if _lemma(s) in LEX.aid.proposal_nouns:
                return "proposed"
    giving: str | None = None
    for v in [verb, *verb.ancestors]:
        if v.pos_ not in ("VERB", "AUX"):
            continue
        lemma = _lemma(v)
        if v.dep_ in ("acl", "relcl") and _lemma(v.head) in LEX.aid.proposal_nouns | {
                "resolution", "measure", "package", "law", "act"}:
            continue  # "passed a bill calling for $350 million": the bill's fate counts
        if lemma in ("ask", "request", "seek", "urge", "want") and (
                _asks_legislature(v) or any(_lemma(c) in LEX.aid.legislatures
                                            for c in v.children)):
            return "proposed"
        subjects = [_lemma(s) for s in subjects_of(v, control=False)]
        if lemma in ("approve", "pass", "vote", "clear", "back") and subjects and any(
                s in LEX.aid.legislatures for s in subjects):
            return "authorized"
        status, stated = _verb_status(v)
        if stated and status == "authorized" and any(_lemma(a) in PERSUADING for a in v.ancestors):
            return "proposed"  # "trying to persuade Congress to approve $61 billion"
        if status in ("pledged", "announced", "delivered") and _lemma(v) in LEX.aid.giving_verbs \
                | {"spend"} and any(_lemma(a) in ("want", "propose", "seek") for a in v.ancestors):
            return "proposed"  # "Obama wants to spend $1 billion"
        if stated:
            return status
        if status and giving is None:
            giving = status
        if lemma in LEX.status.reporting_verbs:
            break
    if giving in ("pledged", "announced") and _under_a_bill(verb):
        return "proposed"  # "a bill that would provide $X": not law until it passes
    if giving is None:
        # "The previous tranche was sent on May 29, it also amounted to €1.5 billion": a
        # verb of amounting leaves the status to the other verbs of the sentence.
        for v in token.doc:
            if v.pos_ == "VERB" and v is not verb and (v.dep_ in ("ROOT", "conj", "parataxis",
                                                                 "ccomp")):
                status, stated = _verb_status(v)
                if status:
                    return status
    return giving


def _under_a_bill(verb) -> bool:
    """Whether a verb of giving describes a bill or legislation ("the bill would provide")."""
    for t in [verb, *verb.ancestors][:4]:
        if _lemma(t) in LEX.aid.proposal_nouns:
            return True
        if t.dep_ in ("relcl", "acl") and _lemma(t.head) in LEX.aid.proposal_nouns:
            return True
    return any(_lemma(s) in LEX.aid.proposal_nouns for s in subjects_of(verb))


def _asks_legislature(verb) -> bool:
    for t in verb.subtree:
        if _lemma(t) in LEX.aid.legislatures and t.text[0].isupper():
            return True
    return False


GENERIC_GIVERS = {"government", "administration", "cabinet", "ministry", "state", "country",
                  "nation", "we", "i", "it", "they", "our", "us", "authorities", "officials",
                  "kingdom", "republic"}


def _aid_phrases(token) -> list:
    """The amount's token and the aid nouns around it, nearest first: "$X in aid", the
    nouns above it up to its verb ("a package of $X"), the verb's object."""
    out = []

    def add(h) -> None:
        out.append(h)
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "of", "for"):
                out.extend(g for g in c.children if g.dep_ == "pobj" and _lemma(g) in
                           LEX.aid.nouns)
            if c.dep_ == "dobj" and _lemma(c) in LEX.aid.nouns:
                out.append(c)

    for t in _chain_words(token):
        if t.pos_ in ("VERB", "AUX"):
            add(t)
            break
        add(t)
    return list(dict.fromkeys(out))


def _speaker_party(token, view: View, parties: Parties) -> str | None:
    """Whose "we", "it" or "the government" a giving verb has: the party of the subject of
    the verb of saying above it, else the country of the story's subject."""
    for v in token.ancestors:
        if _lemma(v) in LEX.status.reporting_verbs or _lemma(v) in ("announce", "pledge"):
            for s in subjects_of(v):
                if s is token:
                    continue
                found = parties.in_phrase(s)
                if found:
                    return found
    if view.focus and view.roster:
        home = view.roster.home_of(view.focus)
        if home:
            return country_display_names().get(home, home)
    return None


# Verbs whose subject is the giver of the amount their infinitive gives: "plans to give".
CONTROL_VERBS = frozenset({"plan", "decide", "agree", "promise", "want", "intend", "aim",
                           "hope", "expect", "prepare", "vow", "offer", "seek", "try",
                           "move", "continue", "begin", "start", "be", "have"})


def _donor(view: View, parties: Parties, token, status: str) -> tuple[str | None, str]:
    """(donor, how it was found) of an amount."""
    for phrase in _aid_phrases(token):
        if phrase.dep_ == "pobj" and phrase.head.lower_ == "for":
            continue  # "a loan for Kenya's infrastructure programme": whom it is for
        for c in phrase.children:
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c is not token:
                found = parties.of(c)
                if found:
                    return found, "owner"  # "Denmark's DKK 2bn", "UK aid"
    for phrase in _aid_phrases(token):
        holders = [phrase] + [c for c in phrase.children if c.dep_ in ("acl", "relcl")]
        for h in holders:
            # "from the EU", "a package set up by Western countries"
            agents = [g for c in h.children if c.dep_ == "agent" for g in c.children
                      if g.dep_ == "pobj"]
            for o in prep_objects(h, ("from", "by")) + agents:
                found = parties.in_phrase(o)
                if found:
                    return found, "from"
    verb = verb_of(token)
    if verb is None:
        return None, "none"
    for v in [verb, *verb.ancestors]:
        if v.pos_ not in ("VERB", "AUX"):
            continue
        if v is not verb and (_lemma(v) in OBJECT_CONTROL or not (
                _lemma(v) in LEX.status.reporting_verbs or _verb_status(v)[0]
                or _lemma(v) in CONTROL_VERBS)):
            # "Guterres said Gaza was becoming ... and urged donors to fund $1.2 billion":
            # the subject of another clause's verb is not the giver
            if v.dep_ in ("ROOT",):
                break
            continue
        if _lemma(v) in ("receive", "get", "secure", "obtain", "win", "seek", "need", "request"):
            for o in prep_objects(v, ("from", "by")):
                found = parties.in_phrase(o)
                if found:
                    return found, "from"
            if _lemma(v) in ("receive", "get", "secure", "obtain", "win"):
                return None, "receiver"
        for o in prep_objects(v, ("by",)) + [t for c in v.children if c.dep_ == "agent"
                                              for t in c.children]:
            found = parties.in_phrase(o)
            if found:
                return found, "agent"
        for s in subjects_of(v):
            found = parties.in_phrase(s)
            if found:
                return found, "subject"
            if s.lower_ in GENERIC_GIVERS or _lemma(s) in GENERIC_GIVERS:
                found = _speaker_party(s, view, parties)
                if found:
                    return found, "speaker"
        if v.dep_ in ("ROOT",):
            break
    return None, "none"


def _recipient(view: View, parties: Parties, token, donor: str | None) -> str | None:
    if _for_something_else(token, parties, donor):
        return None
    verb = verb_of(token)
    holders = _aid_phrases(token)
    if verb is not None:
        holders += [verb] + [v for v in verb.ancestors if v.pos_ in ("VERB", "AUX")][:2]
    for h in holders:
        into = ("into", "in") if h.pos_ not in ("VERB", "AUX") or _lemma(h) in (
            "invest", "inject", "pour", "spend", "channel") else ("into",)
        words = ("to", "for") + into + (
            ("with",) if _lemma(h) in ("deposit", "sign", "conclude", "place", "loan", "deal",
                                       "agreement") else ())
        for o in prep_objects(h, words):  # "signed a $500 million loan with Bangladesh"
            found = _recipient_word(o) or parties.in_phrase(o) or _people_of(o, parties)
            if found and found != donor:
                return found
        for c in h.children:
            if c.dep_ in ("dative", "iobj") or (c.dep_ == "dobj" and c is not token and
                                                 _lemma(h) in ("give", "grant", "lend",
                                                               "send", "offer", "pay", "help")):
                found = parties.in_phrase(c)
                if found and found != donor:
                    return found
        if _lemma(h) in ("receive", "get", "secure", "obtain"):
            for s in subjects_of(h):
                found = parties.in_phrase(s)
                if found and found != donor:
                    return found
        for c in h.children:
            if c.dep_ in ("advcl", "xcomp") and _lemma(c) in ("help", "support", "assist"):
                for g in c.subtree:
                    found = _recipient_word(g) if g.dep_ in ("dobj", "nsubj", "pobj") else None
                    found = found or parties.of(g)
                    if found and found != donor and g.dep_ in ("dobj", "nsubj", "pobj"):
                        return found
    return None


def _for_something_else(token, parties: Parties, donor: str | None) -> bool:
    """ "$13.6 billion for security on the US border": the amount is for something at the
    donor's own home, so no country elsewhere in the sentence is its recipient."""
    if donor is None:
        return False
    for o in prep_objects(token, ("for", "to")):
        if parties.in_phrase(o) or _people_of(o, parties) or _recipient_word(o):
            return False
        if any(parties.of(t) == donor for t in o.subtree if t is not o):
            return True
    return False


def _people_of(token, parties: Parties) -> str | None:
    """ "for people across the Palestinian territories", "for civilians in Sudan": the
    party of the place the people the money is for are in."""
    if _lemma(token) not in PEOPLE_NOUNS:
        return None
    for o in prep_objects(token, ("in", "across", "of", "from", "throughout")):
        found = parties.in_phrase(o)
        if found:
            return found
    return None


PEOPLE_NOUNS = frozenset({"people", "civilian", "refugee", "survivor", "victim", "family",
                          "child", "resident", "those", "population", "community", "household",
                          "displace", "person", "citizen"})


def _fallback_recipient(view: View, parties: Parties, token, donor: str | None) -> str | None:
    """A country the sentence names that is neither a giver nor an adversary ("caused by
    Russia's invasion"): the recipient when the grammar names none."""
    text = view.text
    tail = text[token.idx:]
    for key, name in RECIPIENT_WORDS.items():
        if re.search(rf"\b(?:to|for|in|into)\s+(?:the\s+)?{key}\b", tail, re.IGNORECASE):
            return name
    countries = set(country_display_names().values())
    for s, e, name in sorted(parties.spans):
        if name == donor or name not in countries:
            continue
        if re.search(r"\b(?:against|by|from|with|on|of)\s+(?:the\s+)?$", text[max(0, s - 14):s]):
            continue
        if fold(text[s:e]) not in country_names() and re.search(
                r"\b(?:in|at)\s+$", text[max(0, s - 4):s], re.IGNORECASE):
            continue  # "In Brussels on Thursday, ... said": where it was said, not for whom
        if re.search(r"\b(?:in|at)\s+(?:[A-Z][\w'’-]+\s+){0,2}[A-Z][\w'’-]+,\s*$",
                     text[max(0, s - 40):s]):
            continue  # "speaking in Colombo, Sri Lanka": the country of a city he was in
        if re.match(r"(?:'s|’s)\s+(?:full-scale\s+)?(?:invasion|war|aggression|attack|"
                    r"offensive|forces|troops|army)", text[e:e + 30]):
            continue
        if _giver_at(view, s, e) or re.match(r"\s*[$£€¥₹]|\s+(?:said|says|pledged|gave|"
                                             r"will|would|has|had)\b", text[e:e + 12]):
            continue  # "and Norway $11.5 million", "Denmark said": a giver, not a recipient
        return name
    return None


def _in_donors_money(m, donor: str | None) -> str:
    """A bare shared money word ("50 million riyals", "500 million dinars") is the donor's
    own currency when the donor is a country whose money has that name."""
    words = m.text.split()
    word = words[-1].strip(".,;:").lower() if words else ""
    if not donor or len(words) < 2 or not word.isalpha():
        return m.currency
    preceding = words[-2].lower()
    if preceding in LEX.demonyms or fold(preceding) in country_names():
        return m.currency  # "Saudi riyals": the text says whose
    return own_unit(word, lookup_country(donor)) or m.currency


def _issuer(currency: str, recipient: str | None) -> str | None:
    """The country whose own money the amount is in, when no one is named as giving it:
    "plans to deliver £3 billion of military assistance to Ukraine" is British aid. Never
    the recipient's own currency, which is a budget, not a gift."""
    code = issuing_country(currency)
    name = country_display_names().get(code) if code else None
    return name if name and name != recipient else None


def _giver_at(view: View, start: int, end: int) -> bool:
    span = view.doc.char_span(start, end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("nsubj", "nsubjpass")


def _listed_donor(view: View, parties: Parties, m) -> str | None:
    """ "Denmark said it would give $38 million, and Norway $11.5 million": in a list the
    verb of giving is left out and the giver stands right before its amount."""
    before = view.text[:m.start]
    for s, e, name in parties.spans:
        if e > m.start:
            continue  # a party after the amount is not the giver standing before it
        if re.fullmatch(r"\s*(?:,\s*)?(?:and\s+|also\s+)?", before[e:]) and re.search(
                r"(?:,|\band)\s*$", before[:s]):
            return name
    return None


def _recipient_word(token) -> str | None:
    words = " ".join(t.lower_ for t in token.subtree)
    for key, name in RECIPIENT_WORDS.items():
        if re.search(rf"\b{key}\b", words):
            return name
    return None


def from_sentence(view: View, article: Article, ctx_donor: str | None = None,
                  previous: str | None = None, ctx_recipient: str | None = None,
                  ctx_status: str | None = None) -> list[dict]:
    """Aid facts of one sentence; `ctx_donor`, `ctx_recipient` and `ctx_status` are the
    parties and stage of the article's last aid fact and `previous` the sentence before
    when it spoke of aid."""
    text = view.text
    money = [m for m in view.money() if not m.restated and m.amount >= 1000]
    if not money or view.doc is None:
        return []
    parties = Parties(view)
    # "About $14.3 billion would go to Israel" after a sentence on an aid package: a part
    # of it, at the package's stage
    shares = {m.start for m in money if previous and _allocated(view, parties, m)}
    follow_on = False
    gives = not AID_WORDS.search(text) and _gives_to_a_party(view, money)
    if not AID_WORDS.search(text) and not gives and not shares:
        if not (previous and FOLLOW_ON.match(text) and len(text) < 160):
            return []
        follow_on = True
    facts = []
    for m in money:
        span = view.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        token = _amount_token(span)
        share = m.start in shares
        if not follow_on and not gives and not share and not _is_aid(view, m, token):
            continue
        if _withheld(token):
            continue  # "suspended budget support worth EUR 503 million": nothing given
        status = _status(view, token)
        if share and (status is None or status == "pledged") and ctx_status:
            status = ctx_status
        if status is None and previous and (follow_on or re.match(
                r"\s*(?:Before|After)\s+that\b", text)):
            status = "delivered" if re.search(r"\b(?:paid|sent|received|disbursed|"
                                              r"transferred)\b", previous) else None
        status = status or "pledged"
        donor = _listed_donor(view, parties, m)
        found_by = "listed"
        if donor is None:
            donor, found_by = _donor(view, parties, token, status)
        if donor is None and (status != "requested" or share) and not NO_DONOR.search(text) \
                and found_by != "receiver":
            donor, found_by = ctx_donor, "article"
        recipient = _recipient(view, parties, token, donor)
        if recipient is None and not _for_something_else(token, parties, donor):
            recipient = _fallback_recipient(view, parties, token, donor)
        if recipient is None and donor is not None and found_by == "subject" and \
                _recipient(view, parties, token, None) == donor:
            # "The Ukraine Freedom Support Act authorises $350 million to Kiev": a party
            # does not give to itself; the one the money goes to is the recipient
            donor, recipient, found_by = None, donor, "none"
            if status != "requested" and not NO_DONOR.search(text):
                donor, found_by = ctx_donor, "article"
        if donor is None and found_by in ("none", "article") and status != "requested" \
                and not NO_DONOR.search(text):
            donor = _issuer(m.currency, recipient)
            found_by = "currency" if donor else found_by
        if recipient is None and not _for_something_else(token, parties, donor) and (
                follow_on or re.match(r"\s*(?:-\s*)?(?:The|It|This|Before|After)\b", text)):
            recipient = ctx_recipient  # "It amounted to €3 billion."
        currency = _in_donors_money(m, donor)
        q = QUALIFIER.search(text[max(0, m.start - 30):m.start])
        qualifier = QUALIFIER_NAMES.get(" ".join(q.group("q").lower().split())) if q else None
        date, default = _aid_date(view, token, m, follow_on, previous)
        fact = view.fact_base(article) | {
            "type": "aid", "donor": donor, "recipient": recipient, "amount": m.amount,
            "currency": currency, "aid_type": aid_type(text), "status": status,
            "date": date, "_how": {"amount": m.text, "verb": (verb_of(token) or token).text,
                                   "donor": found_by},
        }
        if qualifier:
            fact["qualifier"] = qualifier
        if default:
            fact["_default_date"] = True
        facts.append(fact)
    return facts


def _allocated(view: View, parties: Parties, m) -> bool:
    """ "The largest share, about $61.4 billion, is for Ukraine", "$14.3 billion would go to
    Israel", "$2 billion is earmarked for Jordan": an amount a verb of allotting sends to a
    party."""
    span = view.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    token = _amount_token(span)
    verb = verb_of(token)
    if verb is not None and _lemma(verb) in ("include", "contain", "comprise") and any(
            _lemma(s) in LEX.aid.request_nouns | LEX.aid.proposal_nouns | {"package", "plan"}
            and any(c.lower_ in ("the", "this", "that") for c in s.children)
            for s in subjects_of(verb)):
        return True  # "The request also includes $9 billion": a part of the one just told
    if verb is None or _lemma(verb) not in ALLOT_VERBS:
        return False
    at_subject = any(t is token or token in t.subtree for t in subjects_of(verb))
    if not at_subject:
        return False
    for o in prep_objects(verb, ("to", "for")) + [
            g for c in verb.children if c.dep_ in ("acomp", "attr")
            for g in prep_objects(c, ("to", "for"))]:
        if parties.in_phrase(o):
            return True
    return False


ALLOT_VERBS = frozenset({"be", "go", "earmark", "allocate", "set", "reserve", "destine",
                         "head", "flow"})


def _gives_to_a_party(view: View, money) -> bool:
    """ "The EU announced EUR 50m for Chad", "Germany plans to pour 500 million euros into
    Afghanistan": an amount a verb of giving or committing sends to a country, without any
    word of aid, is aid."""
    parties = Parties(view)
    for m in money:
        span = view.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        token = _amount_token(span)
        if _nearby_nouns(token) & LEX.aid.not_aid_words:
            continue
        verb = verb_of(token)
        if verb is None or not (_verb_status(verb)[0] or _lemma(verb) in ("approve",)):
            continue
        if _recipient(view, parties, token, None):
            return True
    return False


def _amount_token(span):
    """The token that stands for an amount in the parse: its number or scale word, or the
    currency word when the parser made it the phrase's head ("1.2 trillion won")."""
    root = span.root
    for t in span:
        if t.like_num or t.pos_ == "NUM":
            head = t.head if t.head in span else t
            return head
    return root


def _aid_date(view: View, token, m, follow_on: bool, previous: str | None):
    future = bool(re.search(r"\bwill\b", view.text[:m.start]))
    dates = view.dates(future)
    if dates:
        return min(dates, key=lambda d: abs(d.start - m.start)).value, False
    if follow_on and previous:
        from etl.extract.dates import find_dates

        found = find_dates(previous, view.anchor, False)
        if found:
            return found[0].value, False
    return view.default_date(), True


def conjoined(token) -> list:
    return conjuncts(token)

