"""What each aid amount is in its sentence: a commitment, a part of a larger amount, a
stated total or a rate; and, for a part, which amount of the sentence holds it.

The extractor gives an aid fact its amount and its sentence, not the amount's place in it,
and the marts need to know whether "EUR 3 bn, the first instalment of a package of up to
EUR 18 bn" is new money (it is not: it moves the package's delivered amount) or whether
"bringing the total to GBP 50 m" is a new pledge (it is not: a total is never a package).
So this step finds each fact's amount in its sentence (etl.extract.money.find_money, the
extractor's own reader of amounts) and reads the words around it:

- rate:   "EUR 1.5 billion a month", "GBP 3 billion a year": a flow, not an amount to add;
- total:  "a total of", "brings the total to", "raising ... to", "from $100m to $300m",
          "in total", "so far", "to date", "since the start of the war", "a wider
          international package of": a figure that includes others;
- part:   "tranche", "instalment", "disbursement", "of the EUR 18 bn", "out of that sum",
          a delivered figure beside a larger commitment ("pledged 9 bn ... so far received
          1 bn"), and the pieces of a package the sentence breaks down ("GBP 600 m, including
          GBP 242 m"): inside a package, never beside it;
- commitment: anything else, and the pieces of a figure that is wider than the recipient
          ("USD 61 bn for Ukraine, part of a USD 95 bn package for US allies": the 95 bn is
          a total of several recipients, the 61 bn the package).

An amount the step cannot find in its sentence (a headline the extractor normalised) is a
commitment unless the sentence says total as a whole. The result is the temp table
stg_aid_roles (mention_id, role, container_id, reason) that etl/sql/intermediate reads.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from etl import statements
from etl.extract.money import Money, find_money

ROLES = ("commitment", "part", "total", "rate")
# An amount matches the fact's amount within this share (the extractor rounds "8.12 billion"
# to cents, nothing more).
_SAME_AMOUNT = 0.005

_QUALIFY = r"(?:(?:up to|about|around|nearly|some|more than|over|roughly|almost|just over|" \
    r"just under|an estimated|a further|another)\s+)?"
_RATE_AFTER = re.compile(
    r"^\s*(?:[\w-]+\s+){0,2}?(?:a|per|each|every)\s+(?:month|year|week|day|annum|quarter)\b"
    r"|^\s*(?:monthly|annually|yearly)\b", re.IGNORECASE)
# A total: the words just before the amount say it includes others ("a total of", "the
# total amount of which is", "raising ... to", "disbursements reached", "a wider
# international package of"), or only that it is counted to date ("so far", "in all").
_TOTAL_BEFORE = re.compile(
    r"\btotal(?:s|led|ling|ed|ing)?\b[^.;]{0,60}$"
    r"|\b(?:rais|bring|brought|increas|doubl|tripl|lift|boost|top)\w*\b[^.;]*\bto\s+"
    + _QUALIFY + r"$"
    r"|\b(?:reach(?:ed|es)?|stood at|stands at)\s+" + _QUALIFY + r"$"
    r"|\b(?:international|wider|overall|combined|global|joint|multinational)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:package|effort|programme|program|plan|support|appeal|"
    r"response)\b[^.;]*$", re.IGNORECASE)
_TO_DATE_BEFORE = re.compile(r"\b(?:so far|to date|in all|altogether|all told|cumulative\w*)"
                             r"\b[^.;]*$", re.IGNORECASE)
_TOTAL_AFTER = re.compile(
    r"^[^.;]{0,60}?\b(?:in total|in all|altogether|all told|so far|to date|overall|"
    r"cumulatively)\b"
    r"|^[^.;]*?\bsince\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:start|beginning|outbreak|"
    r"invasion|war|conflict|launch|(?:19|20)\d\d)\w*\b"
    r"|^[^.;]*?\bsince\s+[^.;]*?\b(?:began|begun|started|broke out|erupted)\b",
    re.IGNORECASE)
_NOT_TOTAL = re.compile(r"\b(?:largest|biggest|first|most|highest)\b[^.;]*\bsince\b",
                        re.IGNORECASE)
_SINCE_BEFORE = re.compile(
    r"\bsince\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:start|beginning|outbreak|invasion|war|"
    r"conflict|(?:19|20)\d\d)\w*\b[^.;]*$", re.IGNORECASE)
# "from $100 million to $300 million": both are levels of a running total.
_FROM_BEFORE = re.compile(r"\bfrom\s+" + _QUALIFY + r"$", re.IGNORECASE)
_TO_BETWEEN = re.compile(r"^\s*to\s+" + _QUALIFY + r"$", re.IGNORECASE)
# A part: a word for a piece of a larger sum before the amount ("another tranche of ... in
# the amount of EUR 1.5 bn", "disbursal of USD 1.1 bn") unless a word for the whole stands
# between ("the first instalment of an assistance package of up to EUR 18 bn": the 18 bn is
# the package); or the amount in apposition to one (", the first instalment of", "loan
# tranche"), or "of the", "out of that sum".
_PIECE = r"(?:tranche|instal(?:l)?ment|disbursement|disbursal|payment|portion)"
_WHOLE = r"(?:package|programme|program|facility|plan|pledge|envelope|loan|fund|commitment)"
_PART_BEFORE = re.compile(rf"\b{_PIECE}s?\b((?:(?!\b{_WHOLE}s?\b)[^.;]){{0,80}})$",
                          re.IGNORECASE)
_PART_AFTER = re.compile(
    rf"^[^.;]{{0,80}}?,\s*(?:the|a|an|its)\s+(?:[\w-]+\s+){{0,2}}?{_PIECE}\s+(?:of|under|from)\b"
    rf"|^\s*(?:[\w-]+\s+){{0,2}}?{_PIECE}\b"
    r"|^[^.;]{0,120}?\bthe first in a series\b"
    r"|^\s*(?:[\w-]+\s+){0,3}?(?:out of|of)\s+(?:the|that|this|its|their)\s+"
    r"(?:[\w-]+\s+){0,3}?(?:sum|total|package|programme|program|amount|facility|pledge|"
    r"commitment|envelope)s?\b",
    re.IGNORECASE)
_OF_NEXT = re.compile(r"^\s*(?:out\s+)?of\s+(?:the|a|an|its|that)?\s*" + _QUALIFY + r"$",
                      re.IGNORECASE)
# The word of inclusion stands just before the piece ("GBP 600 m, including GBP 242 m"), not
# somewhere between ("USD 9 bn, some of which could go to Gaza, ... USD 7.4 bn for Taiwan").
_CONTAINS = re.compile(r"\b(?:including|includes|included|of which|comprising|among them)\s+"
                       + _QUALIFY + r"$|:\s*$", re.IGNORECASE)
_INSIDE = re.compile(r"\b(?:part of|as part of|within)\s+(?:a|an|the|its|their)?\s*"
                     r"(?:[\w-]+\s+){0,4}?$", re.IGNORECASE)
# The sentence as a whole, for an amount the step cannot find in it.
_SAYS_TOTAL = re.compile(r"\btotal(?:s|led|ling|ed|ing)?\b|\bin all\b|\baltogether\b|"
                         r"\bso far\b|\bto date\b|\bcumulative|\bsince the (?:start|beginning|"
                         r"outbreak)", re.IGNORECASE)


@dataclass(frozen=True)
class Amount:
    """One aid fact's amount as the sentence gives it."""

    amount: float
    currency: str
    status: str | None = None
    recipient: str | None = None


@dataclass(frozen=True)
class Role:
    """What an amount is: one of ROLES, the index (among the sentence's facts) of the amount
    that holds it when it is a part or a piece, and the words that decided it."""

    role: str
    container: int | None
    reason: str

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ValueError(f"an aid amount is one of {ROLES}, not {self.role!r}")


def classify(text: str, amounts: Sequence[Amount]) -> list[Role]:
    """The role of each of a sentence's aid amounts, in the order given.

    >>> [r.role for r in classify("The EU paid EUR 3 billion, the first instalment of a "
    ...     "package of up to EUR 18 billion.", [Amount(3e9, "EUR"), Amount(18e9, "EUR")])]
    ['part', 'commitment']
    >>> [r.role for r in classify("The House approved $61 billion for Ukraine, part of a "
    ...     "$95 billion package for allies.", [Amount(61e9, "USD", recipient="Ukraine"),
    ...                                         Amount(95e9, "USD", recipient="Ukraine")])]
    ['commitment', 'total']
    >>> classify("Britain will keep providing GBP 3 billion a year.", [Amount(3e9, "GBP")])[0]
    Role(role='rate', container=None, reason="'a year' after the amount")
    """
    money = [m for m in find_money(text) if not m.restated]
    located = _locate(money, amounts)
    roles: dict[int, Role] = {}
    # containers and their pieces first: a piece's role depends on its container's
    for i, at in enumerate(located):
        if at is None or i in roles:
            continue
        pieces = _pieces(text, money, at)
        if pieces:
            _decide_container(text, money, located, amounts, i, pieces, roles)
    for i, at in enumerate(located):
        if i in roles:
            continue
        roles[i] = _alone(text, money, located, amounts, i, at)
    return [roles[i] for i in range(len(amounts))]


def _locate(money: list[Money], amounts: Sequence[Amount]) -> list[int | None]:
    """For each fact, the index of its amount in `money` (each amount used once)."""
    used: set[int] = set()
    out: list[int | None] = []
    for a in amounts:
        found = None
        for j, m in enumerate(money):
            if j in used or m.currency != a.currency:
                continue
            if abs(m.amount - a.amount) <= _SAME_AMOUNT * max(a.amount, 1.0):
                found = j
                break
        if found is not None:
            used.add(found)
        out.append(found)
    return out


def _before(text: str, money: list[Money], j: int) -> str:
    start = money[j - 1].end if j > 0 else 0
    return text[start:money[j].start]


def _after(text: str, money: list[Money], j: int) -> str:
    end = money[j + 1].start if j + 1 < len(money) else len(text)
    return text[money[j].end:end]


def _pieces(text: str, money: list[Money], j: int) -> list[int]:
    """The amounts (indices in `money`) the amount at j breaks down into: the one after a
    word of inclusion ("including", "of which", a colon), and for a list after a colon the
    rest of the list; or the amount before "part of a" when j is the whole."""
    out: list[int] = []
    nxt = j + 1
    if nxt < len(money) and money[nxt].currency == money[j].currency \
            and money[nxt].amount < money[j].amount and _CONTAINS.search(_after(text, money, j)):
        out.append(nxt)
        if _after(text, money, j).rstrip().endswith(":"):
            k = nxt + 1
            while k < len(money) and money[k].currency == money[j].currency \
                    and money[k].amount < money[j].amount:
                out.append(k)
                k += 1
    prv = j - 1
    if prv >= 0 and money[prv].currency == money[j].currency \
            and money[prv].amount < money[j].amount and _INSIDE.search(_before(text, money, j)):
        out.append(prv)
    return out


def _names(phrase: str, party: str | None) -> bool:
    return bool(party) and party.lower() in phrase.lower()


def _decide_container(text: str, money: list[Money], located: list[int | None],
                      amounts: Sequence[Amount], i: int, pieces: list[int],
                      roles: dict[int, Role]) -> None:
    """A figure broken into pieces is the package and its pieces are parts of it, unless it
    covers more than the pieces' recipient: the pieces name the recipient and the figure does
    not, or a piece's recipient is not the figure's. Then the figure is a total of several
    recipients and each piece is a commitment of its own."""
    at = located[i]
    recipient = amounts[i].recipient
    piece_recipients = {amounts[k].recipient for k, loc in enumerate(located) if loc in pieces}
    wider = (any(_names(_after(text, money, p), recipient) for p in pieces)
             and not _names(_after(text, money, at), recipient)) \
        or any(r is not None and r != recipient for r in piece_recipients)
    if wider or _TOTAL_BEFORE.search(_before(text, money, at)):
        roles[i] = Role("total", None, "covers pieces given for the recipient")
        for k, loc in enumerate(located):
            if loc in pieces and k not in roles:
                roles[k] = Role("commitment", None, "a piece of a wider total")
        return
    roles[i] = Role("commitment", None, "broken down into parts")
    for k, loc in enumerate(located):
        if loc in pieces and k not in roles:
            roles[k] = Role("part", i, "a piece of the figure it follows or precedes")


def _alone(text: str, money: list[Money], located: list[int | None],
           amounts: Sequence[Amount], i: int, at: int | None) -> Role:
    if at is None:
        if _SAYS_TOTAL.search(text) and amounts[i].amount == max(
                a.amount for a in amounts if a.currency == amounts[i].currency):
            return Role("total", None, "the sentence says total")
        return Role("commitment", None, "amount not found in the sentence")
    before, after = _before(text, money, at), _after(text, money, at)
    rate = _RATE_AFTER.match(after)
    if rate:
        return Role("rate", None, f"'{' '.join(rate.group(0).split()[-2:])}' after the amount")
    nxt, prv = at + 1, at - 1
    if (nxt < len(money) and money[nxt].currency == money[at].currency
            and _FROM_BEFORE.search(before) and _TO_BETWEEN.match(after)) or (
            prv >= 0 and money[prv].currency == money[at].currency
            and _FROM_BEFORE.search(_before(text, money, prv)) and _TO_BETWEEN.match(before)):
        return Role("total", None, "a level the support rises from or to")
    if _TOTAL_BEFORE.search(before):
        return Role("total", None, "stated as a total")
    container = _larger(money, located, amounts, i, at)
    if _PART_BEFORE.search(before) or _PART_AFTER.match(after) or (
            _OF_NEXT.match(after) and nxt < len(money)
            and money[nxt].amount > money[at].amount):
        return Role("part", container, "a tranche or share of a larger amount")
    if amounts[i].status == "delivered" and container is not None \
            and located[container] is not None and located[container] < at:
        return Role("part", container, "delivered beside a larger commitment")
    if (_TO_DATE_BEFORE.search(before) or _TOTAL_AFTER.match(after)
            or _SINCE_BEFORE.search(before)) and not _NOT_TOTAL.search(before + after):
        return Role("total", None, "counted to date")
    return Role("commitment", None, "")


def _larger(money: list[Money], located: list[int | None], amounts: Sequence[Amount],
            i: int, at: int) -> int | None:
    """The fact (index) whose amount is the nearest larger one of the same currency."""
    best = None
    for k, loc in enumerate(located):
        if k == i or loc is None or money[loc].currency != money[at].currency \
                or money[loc].amount <= money[at].amount:
            continue
        if best is None or abs(loc - at) < abs(located[best] - at):
            best = k
    return best


def stage_aid_roles(con: duckdb.DuckDBPyConnection) -> None:
    """Temp table stg_aid_roles: each aid mention's role, the mention whose amount holds it
    (container_id, a part only) and the reason, from its sentence."""
    rows = statements.execute(con, "staging/aid_sentences").fetchall()
    out: dict[str, list] = {"mention_id": [], "role": [], "container_id": [], "reason": []}
    for ids, text, amounts in _by_sentence(rows):
        for mention_id, role in zip(ids, classify(text, amounts), strict=True):
            out["mention_id"].append(mention_id)
            out["role"].append(role.role)
            out["container_id"].append(None if role.container is None
                                       else ids[role.container])
            out["reason"].append(role.reason)
    table = pa.table({k: pa.array(v, pa.string()) for k, v in out.items()})
    con.register("_stg_aid_roles_arrow", table)
    try:
        statements.execute(con, "staging/stg_aid_roles")
    finally:
        con.unregister("_stg_aid_roles_arrow")


def _by_sentence(rows: Iterable[tuple]) -> Iterable[tuple[list[str], str, list[Amount]]]:
    """(mention ids, sentence, amounts) per sentence, from rows of (mention_id, article_id,
    evidence_start, evidence, amount, currency, status, recipient)."""
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for row in rows:
        groups[(row[1], row[2], row[3])].append(row)
    for (_, _, text), members in groups.items():
        members.sort(key=lambda r: (r[4], r[0]))
        yield ([m[0] for m in members], text,
               [Amount(float(m[4]), str(m[5]).upper().strip(), m[6], m[7]) for m in members])
