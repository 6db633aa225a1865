"""The vocabulary of the extraction rules, read once from one data file per language.

Rules ask `LEX.visit.toward_verbs` (a frozenset of lemmas) or `LEX.pattern("aid.nouns")`
(one compiled regex of a list, longest entries first) instead of spelling words in code, so
a new cue is a one-line change to `en.yaml`.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent


class Section:
    """One section of the vocabulary: lists become frozensets, mappings stay mappings.

    Entries are attributes (`LEX.visit.nouns`) and, for sections that are plain mappings
    (`LEX.demonyms`), also keys (`LEX.demonyms["kenyan"]`).
    """

    def __init__(self, name: str, data: dict[str, Any]):
        self._name = name
        self._items = _freeze(data)
        for key, value in self._items.items():
            setattr(self, _attr(key), value)

    def __getitem__(self, key: str) -> Any:
        return self._items[key]

    def __contains__(self, key: object) -> bool:
        return key in self._items

    def get(self, key: str, default: Any = None) -> Any:
        return self._items.get(key, default)

    def items(self):
        return self._items.items()

    def keys(self):
        return self._items.keys()

    def __repr__(self) -> str:
        return f"<lexicon section {self._name}>"


def _attr(key: str) -> str:
    return re.sub(r"\W", "_", str(key))


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return frozenset(str(v).lower() if isinstance(v, str) else v for v in value)
    if isinstance(value, dict):
        return MappingProxyType({(k.lower() if isinstance(k, str) else k): _freeze(v)
                                 for k, v in value.items()})
    return value


class Lexicon:
    """The whole vocabulary of one language."""

    def __init__(self, data: dict[str, Any]):
        self.raw = data
        for name, section in data.items():
            setattr(self, name, Section(name, section) if isinstance(section, dict) else section)

    def words(self, dotted: str) -> frozenset[str] | MappingProxyType:
        """The list (or mapping) at a dotted path: words("aid.status_verbs.pledged")."""
        node: Any = self
        for part in dotted.split("."):
            node = node[part] if isinstance(node, MappingProxyType) else getattr(node, _attr(part))
        return node

    @cache  # noqa: B019 - one lexicon per language, kept for the process's life
    def keyed(self, dotted: str) -> MappingProxyType:
        """Each word of a mapping of lists with the key it is listed under, for rules that read
        a word and need its class: keyed("casualty.verbs")["abduct"] is "captured"."""
        out: dict[str, str] = {}
        for key, words in self.words(dotted).items():
            for word in words:
                if out.setdefault(word, key) != key:
                    raise ValueError(f"lexicon {dotted}: {word!r} is listed under both "
                                     f"{out[word]!r} and {key!r}")
        return MappingProxyType(out)

    @cache  # noqa: B019 - one lexicon per language, kept for the process's life
    def pattern(self, dotted: str, flags: int = re.IGNORECASE) -> re.Pattern:
        """One regex matching any entry of a list as whole words, longest entries first."""
        entries = self.words(dotted)
        return phrase_pattern(entries, flags)


def phrase_pattern(entries, flags: int = re.IGNORECASE, plurals: bool = False) -> re.Pattern:
    """A whole-word regex of phrases, longest first, spaces matching any run of spaces;
    with `plurals`, a phrase matches its plural too ("loans", "weapons").

    >>> phrase_pattern(["up to", "up"]).findall("up  to 5, up 3")
    ['up  to', 'up']
    >>> phrase_pattern(["loan"], plurals=True).findall("loans, a loan")
    ['loans', 'loan']
    """
    ordered = sorted({str(e) for e in entries}, key=len, reverse=True)
    body = "|".join(r"\s+".join(re.escape(w) for w in entry.split()) for entry in ordered)
    plural = r"(?:e?s)?" if plurals else ""
    return re.compile(rf"(?<![\w-])(?:{body}){plural}(?![\w-])", flags)


class _Loader(yaml.SafeLoader):
    """YAML 1.1 reads "off", "no" and "on" as booleans; in a word list they are words."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


@cache
def load(language: str = "en") -> Lexicon:
    """The vocabulary of `language`, from lexicon/<language>.yaml."""
    with (HERE / f"{language}.yaml").open(encoding="utf-8") as fh:
        return Lexicon(yaml.load(fh, Loader=_Loader))  # noqa: S506 - a safe loader


LEX = load("en")
