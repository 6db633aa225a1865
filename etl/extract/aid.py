"""Aid: money or materiel promised, requested or given, with donor, recipient and status.

An amount is aid when the words that govern it speak of aid ("$75m in aid", "a £162m
package", "pledged $38 million") and none of them makes it a budget, a cost, trade or a
deal. The donor is the subject of the verb of giving (a country, an institution, or an
office-holder's country), the owner of the package ("Denmark's DKK 2bn") or the "from / by"
party; the recipient the "to / for" object; the status the verb's lemma and tense.

This module decides which amounts are aid and puts each fact together; the parties are
etl.extract.aid_parties', the status etl.extract.aid_status', the words around an amount
etl.extract.aid_phrases'.
"""

from __future__ import annotations

import re
from functools import cache

from etl.extract.aid_parties import (
    Parties,
    _donor,
    _fallback_recipient,
    _for_something_else,
    _in_donors_money,
    _issuer,
    _listed_donor,
    _recipient,
)
from etl.extract.aid_phrases import _amount_token, _lemma, _nearby_nouns
from etl.extract.aid_status import _status, _verb_status, _withheld, awaits_approval
from etl.extract.context import View
from etl.extract.lexicon import LEX, phrase_pattern
from etl.extract.person_names import _titled_re
from etl.extract.subjects import subjects_of
from etl.extract.syntax import conjuncts, prep_objects, verb_of
from etl.model import Article

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


QUALIFIER = re.compile(r"(?:\b(?P<q>up\s+to|more\s+than|over|about|around|nearly|almost|"
                       r"at\s+least|some|approximately|roughly|close\s+to|as\s+much\s+as)\s+"
                       r"(?:another\s+|an\s+additional\s+)?)$", re.IGNORECASE)
QUALIFIER_NAMES = {"up to": "up to", "more than": "more than", "over": "more than",
                   "about": "about", "around": "about", "nearly": "about", "almost": "about",
                   "at least": "at least", "some": "about", "approximately": "about",
                   "roughly": "about", "close to": "about", "as much as": "up to"}


# A short sentence that goes on about the aid the one before named: "It amounted to €3
# billion.", "The second was for €1.5 billion and arrived in March."
FOLLOW_ON = re.compile(r"^\s*(?:It|This|That|The\s+(?:first|second|third|fourth|fifth|next|"
                       r"previous|last|latest|new)\b|[Tt]he\s+(?:sum|amount|package|tranche))")


@cache
def _aid_type_patterns() -> list[tuple[str, re.Pattern]]:
    """One whole-word pattern per kind of aid; a word matches its plural too ("loans")."""
    return [(kind, phrase_pattern(LEX.words(f"aid.types.{kind}"), plurals=True))
            for kind in ("military", "humanitarian", "financial")]


def aid_type(text: str) -> str:
    """military, humanitarian, financial, mixed (two kinds but military) or unspecified.

    >>> aid_type("18 billion euros in loans"), aid_type("arms and ammunition")
    ('financial', 'military')
    """
    kinds = [name for name, pattern in _aid_type_patterns() if pattern.search(text)]
    if len(kinds) == 1:
        return kinds[0]
    if len(kinds) > 1:
        return kinds[0] if kinds[0] == "military" else "mixed"
    return "unspecified"


def _without_titles(text: str) -> str:
    """The sentence without its titled names: "Development Minister Jane Doe" says
    nothing of the kind of aid, nor does the portfolio before a title."""
    out, last = [], 0
    for m in _titled_re().finditer(text):
        before = re.search(r"(?:\b[A-Z][\w-]*\s+){0,3}$", text[last:m.start()])
        out.append(text[last:last + before.start()] if before else text[last:m.start()])
        last = m.end()
    return " ".join(out + [text[last:]])


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
        if status in ("pledged", "announced", "authorized") and awaits_approval(text):
            status = "proposed"  # "the plan, which still needs the approval of member states"
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
            donor = _issuer(_in_donors_money(m, None, recipient), recipient)
            found_by = "currency" if donor else found_by
        if recipient is None and not _for_something_else(token, parties, donor) and (
                follow_on or re.match(r"\s*(?:-\s*)?(?:The|It|This|Before|After)\b", text)):
            recipient = ctx_recipient  # "It amounted to €3 billion."
        currency = _in_donors_money(m, donor, recipient)
        q = QUALIFIER.search(text[max(0, m.start - 30):m.start])
        qualifier = QUALIFIER_NAMES.get(" ".join(q.group("q").lower().split())) if q else None
        date, default = _aid_date(view, token, m, follow_on, previous)
        fact = view.fact_base(article) | {
            "type": "aid", "donor": donor, "recipient": recipient, "amount": m.amount,
            "currency": currency, "aid_type": aid_type(_without_titles(text)), "status": status,
            "date": date, "_how": {"amount": m.text, "verb": (verb_of(token) or token).text,
                                   "donor": found_by},
        }
        if qualifier:
            fact["qualifier"] = qualifier
        if default:
            fact["_default_date"] = True
        facts.append(fact)
        if found_by == "subject":
            facts += [fact | {"donor": other, "_how": fact["_how"] | {"donor": "each"}}
                      for other in _each_of(token, parties, donor)]
    return facts


def _each_of(token, parties: Parties, donor: str | None) -> list[str]:
    """The other givers of "Qatar and Kuwait each pledged $50 million": each gave the sum,
    so each has a fact of its own. Without "each" the sum is the givers' together and stays
    one fact, under the first."""
    verb = verb_of(token)
    if verb is None:
        return []
    for s in subjects_of(verb):
        if parties.in_phrase(s) != donor:
            continue
        if not any(t.lower_ == "each" for t in [*s.children, *verb.children]):
            return []
        return [p for c in s.conjuncts if (p := parties.in_phrase(c)) and p != donor]
    return []


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
    at_subject = any(t == token or token in t.subtree for t in subjects_of(verb))
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


def _aid_date(view: View, token, m, follow_on: bool, previous: str | None):
    future = bool(re.search(r"\bwill\b", view.text[:m.start]))
    dates = view.dates(future)
    if dates:
        near = min(dates, key=lambda d: abs(d.start - m.start))
        if future and _told_in_the_past(view, near):
            # "Japan will provide ..., the embassy said on Monday": the Monday gone by
            near = next((d for d in view.dates(False) if d.start == near.start), near)
        return near.value, False
    if follow_on and previous:
        from etl.extract.dates import find_dates

        found = find_dates(previous, view.anchor, False)
        if found:
            return found[0].value, False
    return view.default_date(), True


def _told_in_the_past(view: View, date_ref) -> bool:
    """Whether a date hangs from a verb in the past tense ("said on Monday")."""
    if view.doc is None:
        return False
    span = view.doc.char_span(date_ref.start, date_ref.end, alignment_mode="expand")
    if span is None:
        return False
    verb = verb_of(span.root.head)
    return verb is not None and verb.tag_ == "VBD"


def conjoined(token) -> list:
    return conjuncts(token)
