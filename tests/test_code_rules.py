"""House rules the code keeps: SQL lives in .sql files (etl/sql, ui/sql), loaded by name; no
module of the app or of the benchmarks is over MAX_MODULE_LINES lines; every statement a
module names exists."""

from __future__ import annotations

import ast
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 450
# The app's Python: the write side (the extraction rules too), the read side and the pages;
# and the benchmarks, which run the app's SQL and their own the same way.
APP = sorted({*ROOT.glob("etl/**/*.py"), *ROOT.glob("ui/**/*.py"), *ROOT.glob("views/*.py"),
              ROOT / "dashboard.py", *ROOT.glob("benchmarks/*.py")})
SQL_VERB = re.compile(r"^\s*(select|insert|update|delete|create|drop|alter|attach|detach|copy|"
                      r"set|use|with|pragma|checkpoint)\s", re.IGNORECASE)
SQL_WORD = re.compile(r"\b(from|into|table|values|where|as|set|macro)\b", re.IGNORECASE)


def sql_strings(source: str) -> list[tuple[int, str]]:
    """String literals (docstrings aside) that read as SQL: a verb first, then SQL words.

    >>> sql_strings('x = "select id from articles"\\ny = "set up the page"')
    [(1, 'select id from articles')]
    """
    tree = ast.parse(source)
    docs = {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef,
                                 ast.AsyncFunctionDef))
            and node.body and isinstance(node.body[0], ast.Expr)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Constant) and isinstance(node.value, str)) \
                or id(node) in docs:
            continue
        verb = SQL_VERB.match(node.value)
        if verb and SQL_WORD.search(node.value, verb.end()):
            found.append((node.lineno, node.value))
    return found


def tracked(paths: list[Path]) -> list[Path]:
    """The paths git tracks or would add (a file ignored by .gitignore never reaches CI)."""
    ignored = subprocess.run(["git", "check-ignore", "--stdin"], cwd=ROOT, text=True,
                             input="\n".join(str(p) for p in paths), capture_output=True)
    if ignored.returncode not in (0, 1):
        pytest.skip("not a git checkout")
    left_out = set(ignored.stdout.split())
    return [p for p in paths if str(p) not in left_out]


@pytest.mark.parametrize("path", APP, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sql_in_python(path):
    assert sql_strings(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", APP, ids=lambda p: str(p.relative_to(ROOT)))
def test_modules_are_small(path):
    lines = len(path.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{lines} lines"


def test_every_statement_named_is_a_file_git_keeps():
    """statements.execute(con, "store/insert_row") and friends name etl/sql/<name>.sql;
    ui/queries.run(con, "route_stops") names ui/sql/<name>.sql."""
    etl_names, ui_names = set(), set()
    for path in APP:
        text = path.read_text(encoding="utf-8")
        etl_names |= set(re.findall(r'statements\.(?:execute|statement)\(\s*(?:[\w.]+,\s*)?'
                                    r'"([a-z_]+/[a-z_]+)"', text))
        ui_names |= set(re.findall(r'\b(?:run|sql_text)\(\s*(?:con,\s*)?"([a-z_]+)"', text))
    assert len(etl_names) > 30 and len(ui_names) > 20  # the patterns still find the calls
    files = [ROOT / "etl" / "sql" / f"{n}.sql" for n in sorted(etl_names)]
    files += [ROOT / "ui" / "sql" / f"{n}.sql" for n in sorted(ui_names)]
    missing = [str(p.relative_to(ROOT)) for p in files if not p.is_file()]
    assert missing == []
    kept = tracked(files)
    assert [str(p.relative_to(ROOT)) for p in files if p not in kept] == []
