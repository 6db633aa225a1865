"""Who does what a verb says: its subjects (climbing control and relative clauses), the
name the parser stranded before it, and a passive's agents. Kept apart from syntax.py's
attachment helpers because every fact type asks it first."""

from __future__ import annotations

from etl.extract.syntax import INHERIT_DEPS, conjuncts


def subjects_of(verb, depth: int = 6, control: bool = True) -> list:
    """The subject tokens of a verb (with their conjuncts), climbing to the verb it depends
    on when it has none of its own ("expected to travel", "arrived in Kyiv and met",
    "called off a meeting to arrange the summit after speaking by phone").

    A relative clause's subject is the noun it describes ("Blinken, who arrived ...", "the
    delegation led by Diokno"). With `control`, an infinitive under "urged X", "invited X"
    is done by X; without it, the clause's own subject is taken (who was in the room).
    """
    v = verb
    for _ in range(depth):
        own = [c for c in v.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
        if not own and v.i >= 2 and v.doc[v.i - 1].text == "-" and (
                v.doc[v.i - 2].lower_ == "co"):
            # "A and B co-chaired": the tokenizer splits the verb, the parser gives the
            # subject to "co"
            own = [c for c in v.doc[v.i - 2].children if c.dep_ in ("nsubj", "nsubjpass")]
        if own:
            # two subjects are the parser splitting a title from its name ("Iran's top
            # diplomat Abbas Araghchi landed"): both are read
            out = []
            for subject in own:
                if subject.lower_ in ("who", "that", "which") and v.dep_ in ("relcl", "acl"):
                    subject = v.head
                out += [t for t in conjuncts(subject) if t not in out]
            return out
        stray = _stray_subject(v)
        if stray is not None:
            return conjuncts(stray)
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)
        if v.dep_ in ("relcl", "acl") and not infinitive and v.head.pos_ in (
                "PROPN", "NOUN", "PRON"):
            return conjuncts(v.head)
        if v.head == v:
            break
        if control and v.dep_ == "xcomp" and infinitive and \
                v.head.lemma_.lower() in OBJECT_CONTROL:
            objects = [c for c in v.head.children if c.dep_ == "dobj"]
            if objects:
                return conjuncts(objects[0])  # "urged donors to fund": the donors fund
        if v.dep_ in INHERIT_DEPS or v.dep_ in ("pobj", "prep", "acl", "relcl"):
            v = v.head
            continue
        if v.pos_ in ("NOUN", "PROPN") and v.dep_ in ("dobj", "pobj", "attr"):
            v = v.head
            continue
        break
    return []


def _stray_subject(verb):
    """The name just before a subjectless verb that the parser hung, after a comma, on an
    earlier name ("Speaking alongside his counterpart X, Foreign Minister Y said"): the
    verb's subject."""
    if verb.pos_ not in ("VERB", "AUX") or verb.i == 0:
        return None
    name = verb.doc[verb.i - 1]
    if name.dep_ != "appos" or name.ent_type_ != "PERSON" or name.head.i >= name.i:
        return None
    between = verb.doc[name.head.i + 1:name.left_edge.i]
    return name if any(t.text == "," for t in between) else None


# Verbs whose object, not subject, does what their infinitive says: "urged X to travel".
OBJECT_CONTROL = frozenset({"urge", "ask", "invite", "press", "encourage", "persuade",
                            "call", "tell", "force", "order", "allow", "authorize",
                            "authorise", "appeal", "pressure", "push", "implore", "beg"})


def agents_of(verb) -> list:
    """Persons of a passive's "by" phrase: "was welcomed by President X"."""
    out = []
    for c in verb.children:
        if c.dep_ == "agent":
            out += [conjuncts(g) for g in c.children if g.dep_ == "pobj"]
    return [t for group in out for t in group]
