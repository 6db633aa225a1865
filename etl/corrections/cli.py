"""The command line of corrections: python -m etl correct list | reject | edit | add |
verify | withdraw."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import duckdb

from etl import settings, statements
from etl.corrections.lines import append_correction, read_corrections
from etl.corrections.record import Correction, CorrectionError, corrections_path, describe
from etl.corrections.review import withdrawal_of, withdrawn_by
from etl.corrections.store import correction_of_addition, correction_of_mention
from etl.facts import FACT_TYPES

# the reason a verification gives when the analyst gives none
VERIFY_REASON = "checked against the evidence sentence"


def add_correct_command(commands: Any, db_help: str, corrections_help: str) -> None:
    """Register `correct list | reject | edit | add | verify | withdraw` on the CLI's
    subparsers."""
    correct = commands.add_parser(
        "correct", help="list, or add an analyst correction (reject, edit, add or verify a "
        "fact; withdraw a correction)",
        description="Corrections are appended to the corrections file and applied by the "
        "next 'python -m etl build'. A fact is named by its mention_id in the built "
        "database (the Sources page and event_mentions show it); the correction stores "
        "what the fact says and its evidence, so it survives re-extraction.",
    )
    actions = correct.add_subparsers(dest="correct_action", required=True, metavar="ACTION")

    def common(sub: argparse.ArgumentParser, needs_db: bool = True,
               reason: str | None = None) -> None:
        sub.add_argument("--corrections", metavar="FILE", help=corrections_help)
        if needs_db:
            sub.add_argument("--db", metavar="PATH", help=db_help)
            sub.add_argument("--reason", required=reason is None, default=reason,
                             help="why: kept in the audit trail"
                             + (f" (default: {reason!r})" if reason else ""))
            sub.add_argument("--user", help="who (default: $SHUTTLE_USER, else the login)")
        sub.set_defaults(run=cmd_correct, parser=sub)

    listing = actions.add_parser("list", help="print the corrections, oldest first")
    common(listing, needs_db=False)
    listing.add_argument("--db", metavar="PATH", help=db_help)

    reject = actions.add_parser("reject", help="drop a fact the extractor got wrong")
    reject.add_argument("mention_id", help="the fact's mention_id in the database")
    common(reject)

    edit = actions.add_parser("edit", help="change fields of a fact")
    edit.add_argument("mention_id", help="the fact's mention_id in the database")
    edit.add_argument("--set", action="append", required=True, metavar="FIELD=VALUE",
                      dest="values", help="a new value (null clears it; participants "
                      "separated by ';'); give it once per field")
    common(edit)

    verify = actions.add_parser("verify", help="confirm a fact as extracted (it lapses "
                                "when its sentence or fields change)")
    verify.add_argument("mention_id", help="the fact's mention_id in the database")
    common(verify, reason=VERIFY_REASON)

    withdraw = actions.add_parser("withdraw", help="take back a correction (the withdrawal "
                                  "is a line of its own; nothing is deleted)")
    withdraw.add_argument("correction_id", help="the id of the correction (correct list)")
    common(withdraw)

    add = actions.add_parser("add", help="add a fact the extractor missed")
    add.add_argument("article_id", help="the article's id")
    add.add_argument("type", choices=tuple(FACT_TYPES), help="the fact type")
    add.add_argument("--evidence", required=True,
                     help="the span of the article the fact rests on, verbatim")
    add.add_argument("--set", action="append", required=True, metavar="FIELD=VALUE",
                     dest="values", help="a field of the fact; give it once per field")
    common(add)


def _pairs(values: Sequence[str]) -> dict[str, str]:
    pairs = {}
    for item in values:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CorrectionError(f"--set {item!r} is not FIELD=VALUE")
        pairs[name.strip()] = value
    return pairs


def cmd_correct(args: Any, parser: Any) -> int:
    """Run one `correct` action; 0 when done, 1 when the correction was refused."""
    path = corrections_path(args.corrections)
    db = settings.db_path(args.db)
    if args.correct_action == "list":
        return _list(path, db)
    if args.correct_action == "withdraw":
        try:
            correction = withdrawal_of(args.correction_id, args.reason, args.user, path)
        except CorrectionError as err:
            print(f"correction refused: {err}", file=sys.stderr)
            return 1
        return _written(correction, path)
    if not db.is_file():
        parser.error(f"database not found: {db} (build it first: python -m etl build)")
    try:
        con = duckdb.connect(str(db), read_only=True)
        try:
            if args.correct_action == "add":
                correction = correction_of_addition(
                    con, args.article_id, args.type, args.evidence, _pairs(args.values),
                    args.reason, args.user)
            else:
                changes = _pairs(args.values) if args.correct_action == "edit" else None
                correction = correction_of_mention(con, args.correct_action, args.mention_id,
                                                   args.reason, args.user, changes)
        finally:
            con.close()
    except (CorrectionError, duckdb.Error) as err:
        print(f"correction refused: {err}", file=sys.stderr)
        return 1
    return _written(correction, path)


def _written(correction: Correction, path: Path) -> int:
    append_correction(correction, path)
    print(f"{describe(correction)}\nwritten to {path}; "
          "'python -m etl build' applies it")
    return 0


def _list(path: Path, db: Path) -> int:
    corrections, problems = read_corrections(path)
    status: dict[str, tuple[str, str]] = {}
    if db.is_file():
        try:
            con = duckdb.connect(str(db), read_only=True)
            try:
                status = {i: (s, d) for i, s, d in statements.execute(
                    con, "corrections/outcomes").fetchall()}
            finally:
                con.close()
        except duckdb.Error:
            status = {}
    gone = withdrawn_by(corrections)
    for c in corrections:
        state, detail = status.get(c.id, ("pending", "not applied by a build yet"))
        if c.id in gone and state != "withdrawn":
            state, detail = "withdrawn", f"by {gone[c.id].id}; the next build leaves it out"
        print(f"{c.created_at}  {describe(c)}  [{state}: {detail}]")
    for problem in problems:
        print(problem)
    print(f"{len(corrections)} correction{'s' if len(corrections) != 1 else ''} in {path}")
    return 1 if problems else 0
