"""The command line: python -m etl build | extract | export | correct (see --help on each)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import textwrap
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from etl import settings, unchanged
from etl.facts import contract_fact
from etl.oneline import one_line, shown_path
from etl.stopping import stop

EXIT_STATUSES = """exit status:
  0  every file was read and loaded cleanly
  1  some file was skipped or some fact dropped (each is listed with its reason),
     or the command could not finish
  2  the command line itself is wrong"""

class Stopped(BaseException):
    """SIGTERM (`kill`, a service manager stopping the job) raised as an exception, as
    Ctrl-C is, so the build's clean-up runs (its temp file goes) before the process ends."""


def _on_signal(signum: int, frame: object) -> None:
    """Ctrl-C and SIGTERM as exceptions, raised once no worker is being started or stopped
    (etl/stopping.py)."""
    stop(KeyboardInterrupt() if signum == signal.SIGINT else Stopped(signal.Signals(signum).name))


def _wrapped(text: str) -> str:
    """A help paragraph wrapped for an 80-column terminal (the raw formatter keeps lines)."""
    return textwrap.fill(" ".join(text.split()), width=79)


def _existing_paths(parser: argparse.ArgumentParser, paths: Sequence[str], what: str) -> list[Path]:
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        parser.error(f"{what} not found: {', '.join(missing)}")
    return [Path(p) for p in paths]


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return value


def _progress(paths: Sequence[Path]):
    from etl.build import count_inputs
    from etl.progress import Progress

    return Progress(count_inputs(paths))


def dask_missing() -> str | None:
    """What to install for `--engine dask` when dask.distributed is not there, else None:
    Dask is an optional extra, not part of requirements.txt."""
    import importlib.util

    try:
        found = importlib.util.find_spec("dask.distributed") is not None
    except ImportError:  # dask itself missing: find_spec imports the parent package
        found = False
    if found:
        return None
    return ("--engine dask needs Dask, which is not installed: run "
            "'pip install -r requirements-dask.txt' (or use the default --engine local)")


def _inputs(paths: Sequence[Path], args: argparse.Namespace) -> unchanged.Inputs | None:
    """The fingerprint of this local build's inputs (etl/unchanged.py), None for a Dask
    build (it writes Parquet beside the database, which the shortcut does not cover)."""
    if args.engine != "local":
        return None
    return unchanged.inputs_fingerprint(
        paths, settings.corrections_path(args.corrections), follow_links=args.follow_links,
        extractor="etl.extract.extract_article")


def cmd_build(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    started = time.monotonic()
    given = [folder for group in args.articles or [] for folder in group]
    paths = _existing_paths(parser, given or [str(settings.ARTICLES_DIR)], "articles directory")
    db = settings.db_path(args.db)
    if args.scheduler and args.engine != "dask":
        parser.error("--scheduler goes with --engine dask")
    if args.follow_links and args.engine == "dask":
        parser.error("--follow-links goes with --engine local")
    inputs = _inputs(paths, args)
    last = None if args.rebuild else unchanged.unchanged_since(db, inputs)
    if last is not None:  # before importing the build: that alone takes longer
        print(unchanged.nothing_changed_message(db, last, time.monotonic() - started))
        return last.exit_code
    from etl.build import BuildError, build

    progress = _progress(paths)
    try:
        if args.engine == "dask":
            missing = dask_missing()
            if missing:
                progress.close()
                print(missing, file=sys.stderr)
                return 1
            from etl.engine_dask import build_dask

            report = build_dask(paths, db, scheduler=args.scheduler,
                                workers=max(args.workers, 2), progress=progress,
                                rebuild=args.rebuild, corrections=args.corrections)
        else:
            report = build(paths, db, workers=args.workers, progress=progress,
                           rebuild=args.rebuild, corrections=args.corrections,
                           follow_links=args.follow_links)
    except BuildError as err:
        progress.close()
        print(one_line(f"build failed: {err}; the previous database is untouched"),
              file=sys.stderr)
        return 1
    finally:
        progress.close()
    summary = report.summary()
    unchanged.remember(db, inputs, report.stamp, summary, report.exit_code)
    print(summary)
    return report.exit_code


def cmd_extract(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from etl.build import ReadWarning, classify_problems, extract_stream
    from etl.model import Problem
    from etl.read import iter_articles

    paths = _existing_paths(parser, args.paths, "path")
    fixes = None
    if args.with_corrections is not None:
        from etl.corrections import CorrectionSet

        fixes = CorrectionSet.load(args.with_corrections or None)
    from etl.extract import extract_article
    from etl.extract.registry import use_observed
    from etl.roles import observations_of

    read_ids: set[str] = set()
    roles: list[dict] = []
    waiting: list = []
    progress = _progress(paths)
    problems: list[Problem] = []
    counts: Counter[str] = Counter()
    articles = 0
    try:
        out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    except OSError as err:
        parser.error(f"cannot write {args.out}: {err.strerror or err}")
    try:
        items = classify_problems(iter_articles(paths, follow_links=args.follow_links))
        for outcome in extract_stream(items, workers=args.workers):
            if isinstance(outcome, ReadWarning):
                problems.append(outcome.problem)
                continue
            progress.advance()
            if isinstance(outcome, Problem):
                problems.append(outcome)
                continue
            article = outcome.article
            articles += 1
            if outcome.error:
                problems.append(Problem(article.path or article.id, outcome.error))
                continue
            read_ids.add(article.id)
            facts = outcome.facts if outcome.facts is not None else []
            roles += getattr(facts, "roles", [])
            if getattr(facts, "gaps", None):
                waiting.append(article)  # another article may say who holds the office
                continue
            _write_facts(out, article, facts, fixes, problems, counts)
        # Articles that named an office nobody was known to hold, read again with what
        # every article said of offices (curated roles still come first).
        use_observed(observations_of(roles))
        for article in waiting:
            _write_facts(out, article, extract_article(article), fixes, problems, counts)
    finally:
        if out is not sys.stdout:
            out.close()
    progress.close()
    for problem in problems:
        print(problem, file=sys.stderr)  # one line: Problem escapes its path and reason
    for line in fixes.summary_lines(read_ids) if fixes is not None else []:
        print(line, file=sys.stderr)
    print(f"{articles} articles, {sum(counts.values())} facts "
          f"({', '.join(f'{k} {n}' for k, n in sorted(counts.items())) or 'none'}), "
          f"{len(problems)} problems; facts written to {args.out}", file=sys.stderr)
    return 1 if problems else 0


def _write_facts(out, article, facts, fixes, problems: list, counts: Counter) -> None:
    """One article's facts, corrected and capped, as FACTS.md lines."""
    from etl.build import cap_facts
    from etl.extract import with_plan_month

    if fixes is not None:
        facts = fixes.apply(article, facts)
    facts, problem = cap_facts(article, facts)
    if problem:
        problems.append(problem)
    for fact in facts:
        counts[str(fact.get("type"))] += 1
        out.write(json.dumps(contract_fact(article.id, with_plan_month(fact, article)),
                             ensure_ascii=False) + "\n")


def cmd_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import duckdb

    from etl.export import export_tables

    db = settings.db_path(args.db)
    if not db.is_file():
        parser.error(f"database not found: {db}")
    try:
        written = export_tables(db, Path(args.out), args.format)
    except (OSError, duckdb.Error) as err:
        print(f"export failed: {err}", file=sys.stderr)
        return 1
    for path, rows in written:
        print(f"wrote {path} ({rows} rows)")
    print(f"{len(written)} tables exported from {db}")
    return 0


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m etl",
        description="Turn news articles into the Shuttle database and per-article facts.\n"
        "Run 'python -m etl COMMAND --help' for the options of each command.",
        epilog=EXIT_STATUSES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    db_help = ("the DuckDB database file (default: $SHUTTLE_DB if set, "
               f"else {settings.DEFAULT_DB.relative_to(settings.ROOT)})")
    corrections_help = ("the analyst corrections applied after extraction (default: "
                        "$SHUTTLE_CORRECTIONS if set, else data/corrections.jsonl)")
    workers_help = ("how many processes extract facts side by side (default 1); "
                    "more is faster on a large corpus with several CPU cores")
    follow_help = ("also read symbolic links in the article folders that lead outside them "
                   "(by default such a link is skipped with a message)")

    build = commands.add_parser(
        "build", help="build or update the database from a folder of articles",
        description=_wrapped(
            "Read every article, extract its facts and write the database. Articles "
            "unchanged since the last build keep their facts without being extracted again; "
            "files removed since then drop out. The new database is written beside the old "
            "one and swapped in only when complete, so the dashboard can keep reading "
            "meanwhile. Ends with a summary: articles read, reused and extracted, each "
            "skipped file with its reason, facts by type, seconds."),
        epilog=EXIT_STATUSES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    build.add_argument(
        "--articles", action="append", nargs="+", metavar="DIR",
        help="folders (or files) of articles: .md with front matter, .txt, .html or .jsonl; "
        "several after one --articles, or --articles given again "
        f"(default: {settings.ARTICLES_DIR.relative_to(settings.ROOT)})",
    )
    build.add_argument("--follow-links", action="store_true", help=follow_help)
    build.add_argument("--db", metavar="PATH", help=db_help)
    build.add_argument("--workers", type=_positive, default=1, metavar="N", help=workers_help)
    build.add_argument(
        "--rebuild", action="store_true",
        help="extract every article again, even those unchanged since the last build",
    )
    build.add_argument("--corrections", metavar="FILE", help=corrections_help)
    build.add_argument(
        "--engine", choices=("local", "dask"), default="local",
        help="local (default): this machine, --workers processes; dask: read and extract "
        "as Dask tasks (a local cluster of --workers processes, at least 2, unless "
        "--scheduler is given), keep the facts as Parquet by year in <db name>.facts/ "
        "beside the database, then load them as a local build does",
    )
    build.add_argument(
        "--scheduler", metavar="ADDRESS",
        help="with --engine dask: the address of a running Dask scheduler "
        "(tcp://host:8786); its workers must import this project and see the article "
        "and facts folders at the same paths",
    )
    build.set_defaults(run=cmd_build, parser=build)

    extract = commands.add_parser(
        "extract", help="write the facts of some articles to a JSONL file (FACTS.md format)",
        description=_wrapped(
            "Read the given articles and write their facts, one JSON object per line in the "
            "FACTS.md format, without touching the database. Problems go to stderr."),
        epilog=EXIT_STATUSES, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    extract.add_argument("paths", nargs="+", metavar="PATH",
                         help="article files or folders of them")
    extract.add_argument("--out", required=True, metavar="FACTS.jsonl",
                         help="the file to write the facts to ('-' writes to the screen)")
    extract.add_argument("--workers", type=_positive, default=1, metavar="N", help=workers_help)
    extract.add_argument("--follow-links", action="store_true", help=follow_help)
    extract.add_argument(
        "--with-corrections", nargs="?", const="", default=None, metavar="FILE",
        help="apply the analyst corrections to the facts before writing them (from FILE, "
        "else $SHUTTLE_CORRECTIONS, else data/corrections.jsonl); orphaned ones are listed")
    extract.set_defaults(run=cmd_extract, parser=extract)

    export = commands.add_parser(
        "export", help="write every table of the database to Parquet or CSV files",
        description=_wrapped(
            "Write each table of the database (articles, sentences, mentions and the marts) "
            "to its own file in a folder, named after the table, for use in other tools."),
        epilog="exit status:\n  0  every table was written\n  1  a table could not be "
        "written\n  2  the command line itself is wrong",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    export.add_argument("--db", metavar="PATH", help=db_help)
    export.add_argument("--out", required=True, metavar="DIR",
                        help="the folder to write the files to (created when missing)")
    export.add_argument("--format", choices=("parquet", "csv"), default="parquet",
                        help="parquet (default: compact, keeps types) or csv (opens anywhere)")
    export.set_defaults(run=cmd_export, parser=export)

    from etl.corrections import add_correct_command
    from etl.registry_io import add_people_command

    add_correct_command(commands, db_help, corrections_help)
    add_people_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; Ctrl-C, SIGTERM and a file that cannot be read or written end it
    with one line naming what happened (exit 130, 143 and 1), never a traceback."""
    parser = make_parser()
    args = parser.parse_args(argv)
    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}
    what = args.command
    try:
        return args.run(args, args.parser)
    except KeyboardInterrupt:
        print(f"\n{what} interrupted (Ctrl-C){_untouched(what)}", file=sys.stderr)
        return 130
    except Stopped as stop:
        print(f"\n{what} stopped ({stop}){_untouched(what)}", file=sys.stderr)
        return 143
    except OSError as err:
        where = f"{shown_path(err.filename)}: " if err.filename else ""
        print(one_line(f"{what} failed: {where}{err.strerror or err}"), file=sys.stderr)
        return 1
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _untouched(command: str) -> str:
    return "; the previous database is untouched" if command == "build" else ""


if __name__ == "__main__":
    sys.exit(main())
