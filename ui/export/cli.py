"""The command line: python -m ui.export --db PATH --out DECK.pptx|DIR [...]: the weekly
briefing deck, or one 1920x1080 PNG per view."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb

from ui import queries
from ui.export.deck import build_deck
from ui.export.render import slide_pngs
from ui.export.slides import VIEWS, build_slides
from ui.export.words import plural
from ui.scope import Filters


def parse_views(text: str) -> list[str]:
    """'routes,aid' -> ['routes', 'aid'], rejecting unknown names.

    >>> parse_views("routes, aid,routes")
    ['routes', 'aid']
    """
    views = list(dict.fromkeys(v.strip().lower() for v in text.split(",") if v.strip()))
    unknown = [v for v in views if v not in VIEWS]
    if unknown:
        raise argparse.ArgumentTypeError(
            f"unknown view(s) {', '.join(unknown)}; choose from {', '.join(VIEWS)}")
    return views


def cli_filters(con: duckdb.DuckDBPyConnection, diplomats: Sequence[str],
                first: int | None, last: int | None, *, verified_only: bool = False
                ) -> Filters:
    bounds = queries.year_bounds(con)
    years = None
    if first is not None or last is not None:
        lo = first if first is not None else (bounds[0] if bounds else last)
        hi = last if last is not None else (bounds[1] if bounds else first)
        years = (min(lo, hi), max(lo, hi))
    return Filters(diplomats=tuple(diplomats), years=years, year_bounds=bounds,
                   verified_only=verified_only)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m ui.export",
        description="Write a briefing deck (PPTX) or slide images (PNG, when --out is a "
        "folder) of the dashboard's views.")
    parser.add_argument("--db", type=Path, default=None,
                        help="database file (default: $SHUTTLE_DB or data/shuttle.duckdb)")
    parser.add_argument("--out", type=Path, required=True,
                        help="a .pptx file, or a folder for one PNG per view")
    parser.add_argument("--diplomat", action="append", default=[], metavar="NAME",
                        help="a diplomat to keep (repeatable); the first is the person view")
    parser.add_argument("--from", dest="first", type=int, metavar="YEAR")
    parser.add_argument("--to", dest="last", type=int, metavar="YEAR")
    parser.add_argument("--views", type=parse_views, default=list(VIEWS[:3]),
                        help=f"comma-separated, from {','.join(VIEWS)} (default: "
                        "routes,aid,casualties)")
    parser.add_argument("--verified-only", action="store_true",
                        help="only the facts an analyst verified or corrected (the Review "
                        "page); the title slide says how many and by whom")
    args = parser.parse_args(argv)

    from etl.settings import db_path
    from ui import db

    path = db_path(args.db)
    if not path.exists():
        print(f"No database at {path}: run 'python -m etl build' first.", file=sys.stderr)
        return 2
    con = db.cursor(db.open_handle(path))
    f = cli_filters(con, args.diplomat, args.first, args.last,
                    verified_only=args.verified_only)
    slides, empty = build_slides(con, f, args.views)
    for line in empty:
        print(line, file=sys.stderr)
    if not slides:
        print("No view has anything to show under these filters; nothing written.",
              file=sys.stderr)
        return 1
    as_deck = args.out.suffix.lower() == ".pptx"
    if as_deck:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(build_deck(slides, f, omitted=empty))
        print(f"Wrote {args.out}: title slide and {plural(len(slides), 'view')}.")
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        pngs = slide_pngs(slides)
        for i, (slide, png) in enumerate(zip(slides, pngs, strict=True), start=1):
            target = args.out / f"{i:02d}-{slide.view}.png"
            target.write_bytes(png)
            print(f"Wrote {target}: {slide.headline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
