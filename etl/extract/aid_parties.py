"""The parties of an aid amount: the countries and institutions a sentence names
(Parties), the donor (the subject of the verb of giving, the owner of the package, the
"from / by" party, a listed giver, the issuer of the currency) and the recipient (the
"to / for" object, or a country named that is neither giver nor adversary).
"""

from __future__ import annotations

import re
from functools import cache

from etl.extract.aid_phrases import _aid_phrases, _lemma
from etl.extract.aid_status import _verb_status
from etl.extract.context import View
from etl.extract.lexicon import LEX, phrase_pattern
from etl.extract.subjects import OBJECT_CONTROL, subjects_of
from etl.extract.syntax import prep_objects, verb_of
from etl.places import (
    country_display_names,
    country_names,
    fold,
    is_capital,
    issuing_country,
    lookup_country,
    own_unit,
)

RECIPIENT_WORDS = {"gaza": "Gaza", "palestinians": "Palestinians", "unrwa": "UNRWA",
                   "central america": "Central America", "palestinian authority":
                   "Palestinian Authority"}


@cache
def _institutions() -> re.Pattern:
    return phrase_pattern(LEX.institutions.keys())


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
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for o in c.children:
                    found = self.of(o) if o.dep_ == "pobj" else None
                    if found:
                        return found  # "the central bank of Pakistan", "the people of Gaza"
        return None


GENERIC_GIVERS = {"government", "administration", "cabinet", "ministry", "state", "country",
                  "nation", "we", "i", "it", "they", "our", "us", "authorities", "officials",
                  "kingdom", "republic"}


def _speaker_party(token, view: View, parties: Parties) -> str | None:
    """Whose "we", "it" or "the government" a giving verb has: the party of the subject of
    the verb of saying above it, else the country of the story's subject."""
    for v in token.ancestors:
        if _lemma(v) in LEX.status.reporting_verbs or _lemma(v) in ("announce", "pledge"):
            for s in subjects_of(v):
                if s == token:
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
            if c.dep_ in ("poss", "compound", "amod", "nmod") and c != token:
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
        if v != verb and (_lemma(v) in OBJECT_CONTROL or not (
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
    # "reached an agreement with Pakistan on a $7 billion loan": the deal's other party
    holders += [c for v in holders if v.pos_ in ("VERB", "AUX") for c in v.children
                if c.dep_ == "dobj" and _lemma(c) in _DEALS]
    for h in holders:
        into = ("into", "in") if h.pos_ not in ("VERB", "AUX") or _lemma(h) in (
            "invest", "inject", "pour", "spend", "channel", "deposit") else ("into",)
        words = ("to", "for") + into + (
            ("with",) if _lemma(h) in _DEALS | {"deposit", "sign", "conclude", "place",
                                                "loan"} else ())
        for o in prep_objects(h, words):  # "signed a $500 million loan with Bangladesh"
            found = _recipient_word(o) or parties.in_phrase(o) or _people_of(o, parties) or (
                _fund_for(o, parties))
            if found and found != donor:
                return found
        for c in h.children:
            if c.dep_ in ("dative", "iobj") or (c.dep_ == "dobj" and c != token and
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


_DEALS = frozenset({"deal", "agreement", "accord", "pact", "arrangement"})
_FUNDS = frozenset({"fund", "appeal", "facility", "programme", "program", "effort", "plan",
                    "response", "trust", "account", "mechanism"})


def _fund_for(token, parties: Parties) -> str | None:
    """ "pledged $50 million to the reconstruction fund for Lebanon": the party a fund is
    for."""
    if _lemma(token) not in _FUNDS:
        return None
    return next(filter(None, (parties.in_phrase(o) for o in prep_objects(token, ("for",)))),
                None)


def _for_something_else(token, parties: Parties, donor: str | None) -> bool:
    """ "$13.6 billion for security on the US border": the amount is for something at the
    donor's own home, so no country elsewhere in the sentence is its recipient."""
    if donor is None:
        return False
    for o in prep_objects(token, ("for", "to")):
        if parties.in_phrase(o) or _people_of(o, parties) or _recipient_word(o):
            return False
        if any(parties.of(t) == donor for t in o.subtree if t != o):
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
        if _giver_at(view, s, e) or re.match(r"\s*[$£€¥₹]|\s+(?:(?:each|also|jointly|"
                                             r"together)\s+)?(?:said|says|pledged|gave|"
                                             r"will|would|has|had)\b", text[e:e + 24]):
            continue  # "and Norway $11.5 million", "Denmark said": a giver, not a recipient
        return name
    return None


def _in_donors_money(m, donor: str | None, recipient: str | None = None) -> str:
    """A bare shared money word ("50 million riyals", "500 million dinars") is the donor's
    own currency when the donor is a country whose money has that name, else the
    recipient's ("Pakistan received 500 crore rupees from the bank": Pakistani rupees)."""
    words = m.text.split()
    word = words[-1].strip(".,;:").lower() if words else ""
    if not (donor or recipient) or len(words) < 2 or not word.isalpha():
        return m.currency
    preceding = words[-2].lower()
    if preceding in LEX.demonyms or fold(preceding) in country_names():
        return m.currency  # "Saudi riyals": the text says whose
    for party in (donor, recipient):
        unit = own_unit(word, lookup_country(party)) if party else None
        if unit:
            return unit
    return m.currency


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
