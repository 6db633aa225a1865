"""Analyst corrections: JSON lines kept apart from the database, applied to each article's
facts after extraction, keyed by what a fact says (never by offsets or mention ids).

A correction names its target by article id, fact type, the fields that identify the fact
(the contract's `identity`, etl/facts.py) and the evidence text. Offsets and mention ids
change whenever the article text shifts or the extractor changes its mind about a status;
what a fact says and the sentence it rests on do not, so a correction keyed that way still
applies after a re-extraction or a paragraph added above the sentence. The format is
documented in data/README-corrections.md.

    record.py  the record and its checks                apply.py  applying them to facts
    lines.py   the file: read, and appended to          store.py  the built database's side
    cli.py     python -m etl correct                    review.py review states, withdrawals
"""

from etl.corrections.apply import CorrectionSet, Result, apply_to_facts
from etl.corrections.cli import add_correct_command, cmd_correct
from etl.corrections.lines import append_correction, read_corrections
from etl.corrections.record import (
    ACTIONS,
    CORRECTIONS_ENV,
    DEFAULT_PATH,
    FACT_ACTIONS,
    USER_ENV,
    Correction,
    CorrectionError,
    coerce_value,
    corrections_path,
    current_user,
    describe,
    evidence_matches,
    fact_problems,
    fact_words,
    find_span,
    identity,
    new_correction,
    normal_text,
    target_of,
)
from etl.corrections.review import (
    REVIEW_STATES,
    STATE_OF_ACTION,
    in_force,
    lapse,
    withdrawal_of,
    withdrawn_by,
)
from etl.corrections.store import (
    article_mentions,
    correction_of_addition,
    correction_of_mention,
    mention_target,
    normalise_flags,
    previously_corrected,
)

__all__ = [
    "ACTIONS", "CORRECTIONS_ENV", "DEFAULT_PATH", "FACT_ACTIONS", "REVIEW_STATES",
    "STATE_OF_ACTION", "USER_ENV", "Correction", "CorrectionError", "CorrectionSet", "Result",
    "add_correct_command", "append_correction", "apply_to_facts", "article_mentions",
    "cmd_correct", "coerce_value", "correction_of_addition", "correction_of_mention",
    "corrections_path", "current_user", "describe", "evidence_matches", "fact_problems",
    "fact_words", "find_span", "identity", "in_force", "lapse", "mention_target",
    "new_correction", "normal_text", "normalise_flags", "previously_corrected",
    "read_corrections", "target_of", "withdrawal_of", "withdrawn_by",
]
