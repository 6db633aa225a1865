"""Which facts a deck shows and who vouched for them, for its title slide.

A minister's deck is only as good as its least checked fact, so the title slide says how
many of the facts on the slides an analyst verified (or corrected) and who, and with
"verified facts only" that every one was. A fact is one row a slide draws: a stop or a
meeting on a map, an aid package behind the bars, a casualty report on the timeline;
a stop on both the routes and the itinerary slide counts once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from ui.export.words import plural
from ui.trust import REVIEWED

COLUMNS = ["fact", "id", "review_state", "reviewed_by"]
# (view kind, which frame of the built view, its id column, the fact's name)
SOURCES = {
    "routes": (("frame", "stop_id", "stop"), ("meetings", "meeting_id", "meeting")),
    "person": (("frame", "stop_id", "stop"), ("meetings", "meeting_id", "meeting")),
    "aid": (("rows", "package_id", "aid"),),  # one package, counted once
    "casualties": (("frame", "report_id", "casualty"),),
}
MAX_NAMED = 4  # analysts named on the title slide; the rest are counted


def facts_of(kind: str, frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The facts a view of `kind` draws, one row each (COLUMNS), from its frames by name
    (frame, rows, meetings). A frame without review columns gives unreviewed facts."""
    parts = []
    for name, id_column, fact in SOURCES.get(kind, ()):
        frame = frames.get(name)
        if frame is None or frame.empty or id_column not in frame:
            continue
        parts.append(pd.DataFrame({
            "fact": fact,
            "id": frame[id_column].astype(str),
            "review_state": frame["review_state"] if "review_state" in frame
            else "unreviewed",
            "reviewed_by": frame["reviewed_by"] if "reviewed_by" in frame else None,
        }))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS)


def _analysts(facts: pd.DataFrame) -> Counter:
    counts: Counter = Counter()
    for names in facts["reviewed_by"]:
        if names is None or isinstance(names, float):
            continue
        for name in dict.fromkeys(str(n) for n in names if n):
            counts[name] += 1
    return counts


def trust_line(facts: Sequence[pd.DataFrame], *, verified_only: bool) -> str:
    """The title slide's line on the facts shown: how many, how many reviewed, by whom.

    >>> one = pd.DataFrame({"fact": ["stop", "aid"], "id": ["s1", "a1"],
    ...                     "review_state": ["verified", "unreviewed"],
    ...                     "reviewed_by": [["ana"], None]})
    >>> trust_line([one, one.iloc[:1]], verified_only=False)
    'Facts shown: 2, of which 1 verified or corrected, by ana (1); 1 unreviewed.'
    >>> trust_line([one.iloc[:1]], verified_only=True)
    'Verified facts only: all 1 fact shown verified or corrected, by ana (1).'
    """
    frames = [f for f in facts if not f.empty]
    every = (pd.concat(frames, ignore_index=True).drop_duplicates(["fact", "id"])
             if frames else pd.DataFrame(columns=COLUMNS))
    reviewed = every[every["review_state"].isin(REVIEWED)]
    counts = _analysts(reviewed)
    named = [f"{name} ({n})" for name, n in counts.most_common(MAX_NAMED)]
    if len(counts) > MAX_NAMED:
        named.append(f"{plural(len(counts) - MAX_NAMED, 'other')}")
    by = f", by {', '.join(named)}" if named else ""
    if verified_only:
        left = len(every) - len(reviewed)
        head = (f"Verified facts only: all {plural(len(every), 'fact')} shown verified or "
                f"corrected{by}." if not left else
                f"Verified facts only: {len(reviewed)} of {plural(len(every), 'fact')} "
                f"shown verified or corrected{by}.")
        return head
    rest = len(every) - len(reviewed)
    return (f"Facts shown: {len(every)}, of which {len(reviewed)} verified or corrected{by}"
            + (f"; {rest} unreviewed." if rest else "."))
