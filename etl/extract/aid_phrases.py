"""The words around an amount in the parse, which the rules of aid read: the token that
stands for the amount, the words above it up to its verb ("in aid", "package of") and the
aid nouns next to them. Shared by the test of whether an amount is aid (etl.extract.aid),
its status (etl.extract.aid_status) and its parties (etl.extract.aid_parties).
"""

from __future__ import annotations

from etl.extract.lexicon import LEX


def _lemma(token) -> str:
    return token.lemma_.lower()


def _chain_words(money_token) -> list:
    """The money token and the words above it up to its verb: "in aid", "package of"."""
    out = [money_token]
    t = money_token
    for _ in range(6):
        if t.head == t:
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


def _amount_token(span):
    """The token that stands for an amount in the parse: its number or scale word, or the
    currency word when the parser made it the phrase's head ("1.2 trillion won")."""
    root = span.root
    for t in span:
        if t.like_num or t.pos_ == "NUM":
            head = t.head if t.head in span else t
            return head
    return root
