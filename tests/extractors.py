"""Extractors for the reliability tests, at module level so that extraction worker processes
can import them: the real extractor, except on articles whose id asks for a runaway."""

from __future__ import annotations

import re

from etl.extract import extract_article
from etl.model import Article


def runaway_on_request(article: Article) -> list[dict]:
    """Never returns for an article whose id holds "runaway" (a loop in Python) or
    "backtrack" (a regular expression that backtracks for ever, in C); the real facts
    otherwise."""
    if "runaway" in article.id:
        while True:
            pass
    if "backtrack" in article.id:
        re.match(r"(a+)+$", "a" * 64 + "b")
    return extract_article(article)
