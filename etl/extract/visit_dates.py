"""The date of a stop (or of a meeting): the date that hangs from its word of travel, else
the sentence's only date when no clause of its own holds it; the story's own day when the
text gives none and the stop happened.
"""

from __future__ import annotations

from etl.extract.context import View
from etl.extract.lexicon import LEX
from etl.extract.syntax import AheadOf, governors, verb_of


def _date(view: View, trigger, place_token, status: str,
          cues: list[str] = ()) -> tuple[str | None, bool]:
    """The date of the stop and whether it is the story's own day (no date stated).

    Only what happened is dated to the story's day when the text gives no date: a plan or
    a cancellation without a date has none. A weekday of a cancelled plan ("has cancelled
    the summit it was scheduled to host on Wednesday") is the plan's, so it lies ahead."""
    # "begins a tour on Monday": a weekday beside a verb in the simple present is ahead
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else verb_of(trigger)
    future = status in ("planned", "possible") or (
        status == "cancelled" and any(c.startswith("planned") for c in cues)) or (
        verb is not None and verb.tag_ in ("VBZ", "VBP") and not (
            verb.lemma_.lower() == "be" and trigger.pos_ == "NOUN")  # "is on a visit": now
        and not any(c.dep_ == "aux" for c in verb.children))
    undated = status in ("planned", "possible", "cancelled")
    dates = view.dates(future)
    told = []  # dates of the telling: "the trip was announced on Friday"
    earlier = []  # days of what the event is ahead of: "arrived on Tuesday ahead of talks"
    if dates and view.doc is not None:
        chain = set(governors(trigger, conj=False)) | {trigger, place_token}
        main = _ahead_of(trigger)
        own = []
        others = []  # dates the sentence gives to something else
        for d in dates:
            span = view.doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is None:
                continue
            if undated and status != "cancelled" and (_of_the_telling(span.root, trigger)
                                                      or _before_the_clause(span.root, verb)):
                told.append(d)
                continue
            if status == "occurred" and _before_the_clause(span.root, verb):
                told.append(d)  # "said on Monday he had met X": the saying's day
                continue
            if main is not None and verb_of(span.root) == main:
                # the parser hangs the talks' own day on the arrival: "arrived on Tuesday
                # ahead of talks with X on Wednesday"
                (own if span.root.i > trigger.i else earlier).append(d)
                continue
            if _not_its_own(span.root, trigger, undated):
                others.append(d)
                continue
            if _hangs_from(span.root, chain):
                own.append(d)
        dates = [d for d in dates if d not in told and d not in others and d not in earlier]
        if len(own) > 1 and place_token != trigger:
            # "visited Kampala on Monday and Nairobi on Wednesday": each stop's own date
            # follows it
            after = [d for d in own if d.start > place_token.idx]
            own = after or own
        if own:
            if _a_later_stop(place_token, own[0], view):
                return own[0].value[:7], False
            return _day_or_month(own[0], trigger, view, status), False
        if len(dates) == 1:
            span = view.doc.char_span(dates[0].start, dates[0].end, alignment_mode="expand")
            if span is not None and not _belongs_elsewhere(span.root, trigger):
                return _day_or_month(dates[0], trigger, view, status), False
    if earlier and not own:
        return earlier[0].value[:7], False  # later than that day, most often in its month
    if undated:
        return None, False
    if told and not dates:
        # "said on Monday he had met X in Kyiv": on that day or before, most often in its
        # month; the story's day would be later than the telling
        return told[0].value[:7], False
    if verb is not None and _repeated(verb):
        # "has visited Kampala four times": no one day, only the story's year
        day = view.default_date()
        return (day[:4] if day else None), False
    return view.default_date(), True


def _apart_clause(trigger):
    """The "before / until / after" phrase a stop's word of travel stands in ("before
    heading to Riyadh", "after a week in Madrid"), or None: what the main clause dates
    happened at another time."""
    t = trigger
    for _ in range(4):
        if t.head == t:
            return None
        if t.dep_ in ("pcomp", "pobj") and t.head.lower_ in ("before", "until", "after"):
            return t.head
        if t.pos_ == "VERB" and t.dep_ not in ("xcomp", "conj"):
            return None
        t = t.head
    return None


_OFTEN = {"twice", "thrice", "repeatedly", "often", "frequently", "regularly"}


def _repeated(verb) -> bool:
    """Whether a verb tells several events: "has visited Kampala four times", "twice"."""
    near = [c for c in verb.children if c.dep_ in ("advmod", "npadvmod")]
    return any(t.lower_ in _OFTEN for c in near for t in (c, *c.children)) or any(
        c.lemma_.lower() == "time" and any(g.dep_ == "nummod" or g.lower_ in ("several", "many")
                                           for g in c.children) for c in near)


def _not_its_own(token, trigger, undated: bool) -> bool:
    """A date the sentence gives to something else: a past verb the plan is told under,
    or the count of times ("for the second time this year")."""
    return undated and _of_a_past_verb(token, trigger) or _counts_times(token)


def _counts_times(token) -> bool:
    """ "met X for the second time this year": the year counts the meetings, it does not
    date this one."""
    head = token.head
    return token.dep_ == "npadvmod" and head.lemma_.lower() == "time" and any(
        c.dep_ == "amod" and c.ent_type_ == "ORDINAL" or c.lower_ in _ORDINALS
        for c in head.children)


_ORDINALS = {"first", "second", "third", "fourth", "fifth", "sixth", "last", "latest"}


def _of_a_past_verb(token, trigger) -> bool:
    """Whether a date hangs on another verb in the past tense that the plan is told in a
    clause under: "landed in Hanoi on Sunday, the first leg of a tour that will take him
    to Vientiane" does not date the plan; "arrived on Wednesday but was to leave for Israel
    the same night", a plan coordinated with the arrival, keeps its day."""
    verb = verb_of(token)
    if verb is None or verb == trigger or verb.tag_ != "VBD":
        return False
    t = trigger
    for _ in range(8):
        if t == verb:
            return False
        if t.dep_ in ("relcl", "acl", "appos") or t.head == t:
            return True
        t = t.head
    return True


def _day_or_month(date, trigger, view: View, status: str) -> str:
    """The date's value, or its month when the stop is told at another time than the day
    the main clause gives: "began a tour in Doha on Saturday before heading to Riyadh" puts
    Riyadh later, "returned on Friday after a week in Madrid" Madrid earlier, in the same
    month most often."""
    span = view.doc.char_span(date.start, date.end, alignment_mode="expand")
    if status == "occurred" and span is not None and _told_as_before(trigger, span.root):
        return date.value[:7]
    apart = _apart_clause(trigger)
    if apart is None:
        return date.value
    if span is not None and span.root in apart.subtree or any(
            t.lower_ in _SAME_DAY and t.head.lower_ in _PARTS_OF_DAY for t in apart.subtree):
        return date.value  # "before flying to Rome that evening": still the same day
    return date.value[:7]


def _told_as_before(trigger, date_token) -> bool:
    """ "arrived in Washington on Wednesday from France, where he had visited Marseille": a
    stop told in the past perfect under a main clause in the simple past was earlier than
    the main clause's day, most often in its month (a plan so told, "had been due to", is
    not earlier)."""
    mine, theirs = _verb_at(trigger), verb_of(date_token)
    return mine is not None and theirs is not None and mine != theirs and _perfect(mine) and (
        theirs.tag_ == "VBD" and not _perfect(theirs))


def _verb_at(token):
    verb = token if token.pos_ in ("VERB", "AUX") else verb_of(token)
    while verb is not None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        verb = verb.head  # "where he had co-chaired ... and visited Marseille"
    return verb


def _perfect(verb) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


_SAME_DAY = {"that", "same", "later"}
_PARTS_OF_DAY = {"morning", "afternoon", "evening", "night", "day"}


def _of_the_telling(token, trigger) -> bool:
    """Whether a date is the day a plan was told, not the day it is for: it hangs on a verb
    of saying or announcing ("was announced on Friday", "said on Monday he will go")."""
    t = token
    for _ in range(4):
        if t.head == t:
            return False
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t != trigger and t.lemma_.lower() in LEX.status.reporting_verbs
    return False


def _before_the_clause(token, verb) -> bool:
    """ "said on Monday he would travel to Rome": a date between a verb of saying and the
    subject of what was said is the day of the saying, wherever the parser hangs it."""
    if verb is None or verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in (
            LEX.status.reporting_verbs):
        return False
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and verb.head.i < token.i < subject.i


def _hangs_from(token, chain: set) -> bool:
    """Whether a date hangs from the travel word, not from another event on the way
    ("his third trip since the attack of 7 October")."""
    t = token
    if t.dep_ == "prep" and t.lower_ in _OWN_CLAUSE:
        return False  # the parser made "since 2020" one phrase headed by its preposition
    for _ in range(8):
        if t in chain:
            return True
        if t.head == t:
            return False
        if t.dep_ == "pobj" and t.head.lower_ in _OWN_CLAUSE | {"of", "from"}:
            return False
        t = t.head
        if t.dep_ == "acl" and t.tag_ == "VBN" and t.lemma_.lower() in (
                LEX.visit.label_participles):
            continue  # "received a delegation led by X on Monday": the participle is a label
        if _onset(t):
            continue
        if t.pos_ in ("VERB", "AUX") and t not in chain and t.dep_ not in ("aux", "auxpass"):
            return t in chain
    return False


def _ahead_of(trigger):
    """The verb of the clause an event is told "ahead of" ("arrived ... ahead of talks"), or
    None."""
    frame = next((g for g in governors(trigger, frames=True) if isinstance(g, AheadOf)), None)
    if frame is None:
        return None
    return frame.token if frame.token.pos_ in ("VERB", "AUX") else verb_of(frame.token)


def _a_later_stop(place_token, date, view: View) -> bool:
    """ "a tour of Egypt, Tunisia and Togo starting Sunday", "from Sunday to Wednesday": the
    first day is the first stop's; a later stop of the list is later, most often in the
    same month."""
    if place_token is None or place_token.dep_ != "conj":
        return False
    span = view.doc.char_span(date.start, date.end, alignment_mode="expand")
    return span is not None and (_onset(span.root.head) or span.root.head.lower_ == "from")


def _onset(verb) -> bool:
    """ "will tour Egypt starting Sunday": the participle's date is the trip's first day."""
    return verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp", "prep", "acl") and (
        verb.lemma_.lower() in LEX.visit.onset_verbs)


def _belongs_elsewhere(token, trigger) -> bool:
    """A date inside a clause of its own ("since the Oct. 7 attack") is that clause's."""
    t = token
    if t.dep_ == "prep" and t.lower_ in _OWN_CLAUSE:
        return True
    for _ in range(8):
        if t.head == t or t == trigger:
            return False
        if t.dep_ == "pobj" and t.head.lower_ in _OWN_CLAUSE:
            return True
        t = t.head
        if t.pos_ == "VERB" and t != trigger and trigger not in t.subtree and not _onset(t):
            return True
    return False


# Prepositions whose date is another event's: "his first since 2020", "after the attack".
_OWN_CLAUSE = {"since", "after", "before", "until", "following"}
