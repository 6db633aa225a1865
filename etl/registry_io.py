"""python -m etl people export | import: the curated registry as one shareable CSV.

The registry is two files under data/reference (people.csv: name, aliases; roles.csv:
name, title, country, start, end). A team shares it as one CSV with a row per office
(name, aliases, title, country, start, end; a person without an office has one row with
the office columns empty). Import checks every line first and writes nothing unless all
of them are good, so a bad file never leaves the registry half-applied; by default it
merges (the people in the file replace their rows, everyone else stays), with --replace
the file becomes the whole registry.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from etl import settings

COLUMNS = ("name", "aliases", "title", "country", "start", "end")
# Offices that are no country's: the codes the registry uses for organisations.
ORGANISATIONS = {"UN", "EU", "NATO", "African Union", "OSCE", "ASEAN", "G7", "G20", "IMF",
                 "World Bank", "Arab League", "OAS", "WHO", "IAEA", "Holy See", "UNHCR",
                 "UNICEF", "WFP", "ICRC", "OECD", "WTO", "Commonwealth"}


@dataclass
class Registry:
    """People with their aliases, and their dated offices."""

    people: dict[str, list[str]] = field(default_factory=dict)
    roles: list[dict[str, str]] = field(default_factory=list)


def read_registry(folder: Path) -> Registry:
    reg = Registry()
    with (folder / "people.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            reg.people[row["name"]] = [a for a in (row.get("aliases") or "").split(";") if a]
    roles_path = folder / "roles.csv"
    if roles_path.exists():
        with roles_path.open(encoding="utf-8", newline="") as fh:
            reg.roles = [dict(row) for row in csv.DictReader(fh)]
    return reg


def export_registry(folder: Path, out: Path) -> int:
    """Write the registry as one CSV; returns the rows written."""
    reg = read_registry(folder)
    by_name: dict[str, list[dict[str, str]]] = {}
    for role in reg.roles:
        by_name.setdefault(role["name"], []).append(role)
    rows = 0
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for name in sorted(set(reg.people) | set(by_name)):
            aliases = ";".join(reg.people.get(name, []))
            for role in by_name.get(name) or [{}]:
                writer.writerow([name, aliases, role.get("title", ""), role.get("country", ""),
                                 role.get("start", ""), role.get("end", "")])
                rows += 1
    return rows


def _day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _known_country(code: str) -> bool:
    from etl.places import country_display_names

    return code in country_display_names() or code in ORGANISATIONS


def check_line(row: dict[str, str], line: int) -> list[str]:
    """What is wrong with one line of an import file (empty when nothing)."""
    errors = []
    if not (row.get("name") or "").strip():
        errors.append(f"line {line}: the name is empty")
    office = [row.get(k, "").strip() for k in ("title", "country", "start", "end")]
    if any(office):
        title, country, start, end = office
        if not title:
            errors.append(f"line {line}: an office needs a title")
        if not _known_country(country):
            errors.append(f"line {line}: {country!r} is neither an ISO 3166 country code nor "
                          "an organisation the registry knows")
        try:
            first, last = _day(start), _day(end)
        except ValueError:
            errors.append(f"line {line}: start and end must be dates like 2024-09-10")
        else:
            if first and last and last < first:
                errors.append(f"line {line}: the office ends ({end}) before it starts ({start})")
    return errors


def parse_import(text: str) -> tuple[Registry, list[str]]:
    """The registry a file describes, and every problem with its lines."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        return Registry(), [f"line 1: missing columns {', '.join(missing)} (the header must "
                            f"be {','.join(COLUMNS)})"]
    reg, errors = Registry(), []
    for line, row in enumerate(reader, start=2):
        row = {k: (v or "").strip() for k, v in row.items() if k}
        problems = check_line(row, line)
        errors += problems
        if problems:
            continue
        aliases = [a.strip() for a in row["aliases"].split(";") if a.strip()]
        known = reg.people.setdefault(row["name"], [])
        known += [a for a in aliases if a not in known]
        if row["title"]:
            reg.roles.append({"name": row["name"], "title": row["title"],
                              "country": row["country"], "start": row["start"],
                              "end": row["end"]})
    return reg, errors


def import_registry(folder: Path, file: Path, replace: bool = False) -> tuple[int, list[str]]:
    """Check `file` and, if every line is good, write it into the registry at `folder`.
    Returns (people written, problems); with problems nothing is written."""
    try:
        text = file.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        return 0, [f"{file}: cannot be read as UTF-8 text: {err}"]
    incoming, errors = parse_import(text)
    if errors:
        return 0, [f"{file}: {e}" for e in errors]
    current = Registry() if replace else read_registry(folder)
    for name in incoming.people:
        current.people[name] = incoming.people[name]
    current.roles = [r for r in current.roles if r["name"] not in incoming.people]
    current.roles += incoming.roles
    _write_atomically(folder / "people.csv", ("name", "aliases"),
                      [[n, ";".join(a)] for n, a in current.people.items()])
    _write_atomically(folder / "roles.csv", ("name", "title", "country", "start", "end"),
                      [[r["name"], r["title"], r["country"], r.get("start", ""),
                        r.get("end", "")] for r in current.roles])
    return len(incoming.people), []


def _write_atomically(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def cmd_people(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    import sys

    folder = settings.REFERENCE_DIR
    if args.action == "export":
        rows = export_registry(folder, Path(args.out))
        print(f"wrote {args.out} ({rows} rows) from {folder}", file=sys.stderr)
        return 0
    count, problems = import_registry(folder, Path(args.file), replace=args.replace)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"nothing imported: {len(problems)} problem(s)", file=sys.stderr)
        return 1
    print(f"imported {count} people into {folder}; run `python -m etl build` to use them",
          file=sys.stderr)
    return 0


def add_people_command(commands) -> None:
    """The `people` subcommand of python -m etl."""
    people = commands.add_parser(
        "people", help="export or import the curated registry of people and offices",
        description="Share the registry of data/reference (or $SHUTTLE_REFERENCE_DIR) as one "
        "CSV with a row per office: name, aliases (;-separated), title, country, start, end.")
    actions = people.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write the registry to one CSV file")
    export.add_argument("--out", required=True, metavar="FILE.csv")
    imports = actions.add_parser(
        "import", help="check a CSV file and, if every line is good, write it into the "
        "registry (nothing is written otherwise)")
    imports.add_argument("file", metavar="FILE.csv")
    imports.add_argument("--replace", action="store_true",
                         help="the file becomes the whole registry (default: its people "
                         "replace their rows, everyone else stays)")
    people.set_defaults(run=cmd_people, parser=people)
