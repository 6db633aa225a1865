"""The figures of RELIABILITY.md for issue 20: each attack of the issue run against a checkout
of Shuttle, with its wall time, the peak resident memory of the process tree it ran, its exit
status and what it said. Run it on the code before a change and after, to compare:

    .venv/bin/python benchmarks/bench_reliability.py [--root CHECKOUT] [--only 2,4,...]

--root is the checkout whose code runs (default: this one; a copy of an older commit, made
with `git archive COMMIT | tar -x -C DIR`, runs with this virtual environment). Articles are
written here from templates in the project's own words, into a temporary folder. Commands
that never end (a runaway article before the time limit) are stopped after --timeout
seconds and reported so. The load average is printed first: the machine is shared.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
GOOD = ("Antony Blinken arrived in {place} on Monday for talks with officials. Japan pledged "
        "$2 million in aid to Ukraine on Tuesday. At least {n} people were killed in Kharkiv, "
        "the emergency service said.")
PLACES = ["Paris", "Berlin", "Rome", "Warsaw", "Vienna", "Madrid", "Cairo", "Tokyo"]

# Runs a command and reports its exit status, seconds and the peak memory of its tree.
WRAP = r"""
import json, os, resource, signal, subprocess, sys, time
timeout, out, err = float(sys.argv[1]), sys.argv[2], sys.argv[3]
started = time.monotonic()
with open(out, "wb") as o, open(err, "wb") as e:
    child = subprocess.Popen(sys.argv[4:], stdout=o, stderr=e, start_new_session=True)
    try:
        rc = child.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
        rc = "timeout"
print(json.dumps({"rc": rc, "seconds": time.monotonic() - started,
                  "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))
"""


def article(folder: Path, n: int, extra: str = "", body: str | None = None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"a-{n:05d}.md"
    text = body or GOOD.format(place=PLACES[n % len(PLACES)], n=n + 3)
    path.write_text(f"---\nid: a-{n:05d}\ntitle: Report {n}\n{extra}published: 2024-05-02\n"
                    f"---\n\n{text}\n", encoding="utf-8")
    return path


class Bench:
    def __init__(self, root: Path, work: Path, timeout: float) -> None:
        self.root, self.work, self.timeout = root, work, timeout
        self.env = {**os.environ, "PYTHONPATH": str(root)}

    def run(self, *command: object, env: dict[str, str] | None = None,
            timeout: float | None = None) -> dict:
        out, err = self.work / "out.txt", self.work / "err.txt"
        done = subprocess.run(
            [sys.executable, "-c", WRAP, str(timeout or self.timeout), str(out), str(err),
             *map(str, command)], cwd=self.root, capture_output=True, text=True,
            env={**self.env, **(env or {})})
        result = json.loads(done.stdout)
        result["out"] = out.read_text(errors="replace")
        result["err"] = err.read_text(errors="replace")
        result["tracebacks"] = (result["out"] + result["err"]).count("Traceback")
        return result

    def etl(self, *args: object, **kwargs) -> dict:
        return self.run(sys.executable, "-m", "etl", *args, **kwargs)

    def python(self, code: str, **kwargs) -> dict:
        return self.run(sys.executable, "-c", code, **kwargs)


def show(item: str, what: str, result: dict, said: str) -> None:
    rc = result["rc"]
    print(f"{item:>3} | {what:<44} | {result['seconds']:7.1f} s | {result['peak_mb']:7.0f} MB "
          f"| exit {rc!s:>7} | tracebacks {result['tracebacks']} | {said}")


def last_line(result: dict, *needles: str) -> str:
    lines = [ln for ln in (result["out"] + result["err"]).splitlines()
             if any(n in ln for n in needles)] if needles else []
    text = (lines or [ln for ln in (result["err"] + result["out"]).splitlines() if ln][-1:]
            or [""])[-1]
    return text.strip()[:150]


def item2(b: Bench, w: Path) -> None:
    folder = w / "names"
    for n in range(3):
        article(folder, n)
    raw = os.fsencode(folder)
    with open(raw + b"/bad\xff\xfename.md", "wb") as handle:
        handle.write(article(w / "tmp", 9).read_bytes())
    (folder / "x\nBuilt forged.md").write_bytes(b"")
    r = b.etl("build", "--articles", folder, "--db", w / "names.duckdb")
    forged = sum(line.startswith("Built forged") for line in r["out"].splitlines())
    show("2", "non-UTF-8 and newline file names", r,
         f"forged summary lines {forged}; {last_line(r, 'Error', 'bad', 'forged')}")


RUNAWAY = """
import sys
from pathlib import Path
from etl.build import build
from etl.extract import extract_article
def runaway(article):
    if "runaway" in article.id:
        while True:
            pass
    return extract_article(article)
report = build([Path(sys.argv[1])], Path(sys.argv[2]), extract=runaway)
print(report.summary())
"""


def item3(b: Bench, w: Path) -> None:
    folder = w / "runaway"
    for n in range(3):
        article(folder, n)
    (folder / "runaway.md").write_text("---\nid: runaway\ntitle: Runaway\n---\n\n"
                                       "Wang Yi arrived in Nairobi on Monday.\n")
    r = b.run(sys.executable, "-c", RUNAWAY, folder, w / "runaway.duckdb")
    show("3", "an article whose extraction never ends", r,
         "never finished" if r["rc"] == "timeout" else last_line(r, "runaway"))


def alias_bomb() -> str:
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{n}: &a{n} [{','.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 9)]
    return "\n".join(lines) + "\ntitle: *a8\n"


def item4(b: Bench, w: Path) -> None:
    folder = w / "bomb"
    article(folder, 0)
    (folder / "bomb.md").write_text(f"---\nid: bomb\n{alias_bomb()}---\n\nTalks went on.\n")
    r = b.etl("build", "--articles", folder, "--db", w / "bomb.duckdb")
    show("4", f"YAML alias bomb ({len(alias_bomb())} bytes)", r, last_line(r, "bomb.md"))


def item5(b: Bench, w: Path) -> None:
    folder = w / "fixes"
    article(folder, 0)
    path = w / "corrections.jsonl"
    path.write_bytes(b'{"id": "x\xff"}\n' + b"[" * 100_000 + b"\n")
    r = b.etl("build", "--articles", folder, "--db", w / "fixes.duckdb", "--corrections", path)
    show("5", "corrections: a bad byte, 100,000 nested [", r,
         last_line(r, "corrections.jsonl:", "Error"))
    shared = w / "team" / "corrections.jsonl"
    shared.parent.mkdir()
    shared.write_text("")
    os.chmod(shared, 0o664)
    link = w / "linked.jsonl"
    link.symlink_to(shared)
    code = ("import sys; from etl import corrections as cx; c = cx.new_correction('reject', "
            "{'article_id': 'a', 'type': 'visit', 'actor': 'A B', 'evidence': 'x'}, 'r', 'u');"
            " cx.append_correction(c, sys.argv[1])")
    r = b.run(sys.executable, "-c", code, link)
    show("5", "writing through a link to a 0664 file", r,
         f"link kept: {link.is_symlink()}; mode {oct(os.stat(link).st_mode & 0o777)}")


def item6(b: Bench, w: Path) -> None:
    big, small = w / "big", w / "small"
    for n in range(300):
        article(big, n)
    for n in range(3):
        article(small, 500 + n)
    db = w / "two.duckdb"
    first = subprocess.Popen([sys.executable, "-m", "etl", "build", "--articles", str(big),
                              "--db", str(db)], cwd=b.root, env=b.env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while first.poll() is None and not any(".tmp-" in p.name for p in w.iterdir()):
        time.sleep(0.02)
    r = b.etl("build", "--articles", small, "--db", db,
              env={"SHUTTLE_BUILD_WAIT_SECONDS": "600"})
    first.wait()
    count = subprocess.run([sys.executable, "-c", "import duckdb, sys; print(duckdb.connect("
                            "sys.argv[1], read_only=True).execute('select count(*) from "
                            "articles').fetchone()[0])", str(db)], capture_output=True,
                           text=True).stdout.strip()
    show("6", "second build (3 articles) during a 300-article one", r,
         f"first exit {first.returncode}; the database holds {count} articles "
         f"(the later build's result: 3)")


def item7(b: Bench, w: Path) -> None:
    folder = w / "links"
    article(folder, 0)
    secret = w / "secret.txt"
    secret.write_text("Server notes\nThe root password is hunter2, the notes said.\n")
    (folder / "passwd.txt").symlink_to(secret)
    db = w / "links.duckdb"
    r = b.etl("build", "--articles", folder, "--db", db)
    stored = subprocess.run([sys.executable, "-c", "import duckdb, sys; print(duckdb.connect("
                             "sys.argv[1], read_only=True).execute(\"select count(*) from "
                             "articles where id = 'passwd'\").fetchone()[0])", str(db)],
                            capture_output=True, text=True).stdout.strip()
    show("7", "a link to a file outside the folder", r,
         f"stored: {stored == '1'}; {last_line(r, 'passwd')}")


DAMAGE = """
import os, sys
path, how = sys.argv[1], sys.argv[2]
size = os.path.getsize(path)
with open(path, "r+b") as handle:
    if how == "truncated":
        handle.truncate(size // 2)
    else:
        handle.seek((size // 2) // 262144 * 262144 + 4096)
        handle.write(os.urandom(4096))
"""
PAGES = """
import sys
from streamlit.testing.v1 import AppTest
at = AppTest.from_file("dashboard.py", default_timeout=60)
at.run()
boxes = 0
pages = ["views/routes.py", "views/aid.py", "views/casualties.py", "views/people.py",
         "views/briefing.py", "views/sources.py", "views/corrections.py"]
for page in pages:
    at.switch_page(page).run()
    boxes += bool(at.exception)
print(f"{boxes} of {len(pages)} pages show an exception box")
"""


def item8(b: Bench, w: Path) -> None:
    folder = w / "damaged"
    for n in range(80):
        article(folder, n)
    for how in ("truncated", "bad block"):
        db = w / f"damaged-{how.replace(' ', '-')}.duckdb"
        b.etl("build", "--articles", folder, "--db", db)
        b.run(sys.executable, "-c", DAMAGE, db, how)
        pages = b.python(PAGES, env={"SHUTTLE_DB": str(db)})
        r = b.etl("build", "--articles", folder, "--db", db)
        show("8", f"incremental build, database {how}", r,
             last_line(r, "Error", "damaged", "Built"))
        show("8", f"the dashboard's pages, database {how}", pages, last_line(pages, "pages"))


def mount(w: Path, options: str) -> Path | None:
    point = w / f"mnt-{options.replace(',', '-').replace('=', '')}"
    point.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
                          capture_output=True)
    return point if done.returncode == 0 else None


def item9(b: Bench, w: Path) -> None:
    folder = w / "stop"
    for n in range(600):
        article(folder, n)
    full = mount(w, "size=3m")
    if full is not None:
        r = b.etl("build", "--articles", folder, "--db", full / "db.duckdb")
        show("9", "disk full (3 MB tmpfs)", r,
             f"left: {len(list(full.iterdir()))} files; {last_line(r, 'Error', 'failed')}")
        subprocess.run(["umount", "-l", str(full)])
    ro = mount(w, "size=3m,ro")
    if ro is not None:
        r = b.etl("build", "--articles", folder, "--db", ro / "db.duckdb")
        show("9", "read-only folder", r, last_line(r, "Error", "failed"))
        subprocess.run(["umount", "-l", str(ro)])
    for name, sig in (("Ctrl-C", signal.SIGINT), ("SIGTERM", signal.SIGTERM)):
        for workers in ("1", "2"):
            db = w / f"stop-{sig}-{workers}.duckdb"
            started = time.monotonic()
            child = subprocess.Popen(
                [sys.executable, "-m", "etl", "build", "--articles", str(folder), "--db",
                 str(db), "--workers", workers], cwd=b.root, env=b.env, text=True,
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
            while child.poll() is None and not any(".tmp-" in p.name for p in w.iterdir()):
                time.sleep(0.02)
            time.sleep(1)
            if sig == signal.SIGINT:
                os.killpg(child.pid, sig)
            else:
                child.send_signal(sig)
            out, err = child.communicate()
            left = [p.name for p in w.iterdir() if p.name.startswith(db.name)
                    and p.name != db.name]
            result = {"rc": child.returncode, "seconds": time.monotonic() - started,
                      "peak_mb": 0, "tracebacks": (out + err).count("Traceback"),
                      "out": out, "err": err}
            show("9", f"{name} during a build, --workers {workers}", result,
                 f"left behind: {len(left)} files; {last_line(result, 'build ')}")


MD = """
import re
from ui.escape import md
texts = ["see https://ministry.example.org/x", "www.ministry.example.org",
         "press@ministry.example.org", ":material/rocket_launch:", ":red[warning]"]
pattern = re.compile(r"(https?|ftp)://|\\bwww\\.|[-.\\w+]@[-\\w]+(\\.[-\\w]+)+"
                     r"|:material/\\w+:|:[a-z]+[\\[:]", re.I)
left = sum(bool(pattern.search(re.sub(r"\\\\(.)", r"\\1", md(t)))) for t in texts)
print(f"{left} of {len(texts)} texts still become a link or an icon")
"""


def item10(b: Bench, w: Path) -> None:
    r = b.python(MD)
    show("10", "links and icons in escaped article text", r, last_line(r, "texts"))


def item11(b: Bench, w: Path) -> None:
    log = w / "streamlit.log"
    with socket.socket(socket.AF_INET6) as probe:  # a port free on every interface
        probe.bind(("::", 0))
        port = probe.getsockname()[1]
    with log.open("wb") as out:
        server = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "dashboard.py",
                                   "--server.port", str(port), "--server.fileWatcherType",
                                   "none"],
                                  cwd=b.root, env={**b.env, "SHUTTLE_DB": str(w / "none.db")},
                                  stdout=out, stderr=subprocess.STDOUT)
    time.sleep(12)
    addresses = listening(port)
    server.terminate()
    server.wait()
    result = {"rc": 0, "seconds": 12, "peak_mb": 0, "tracebacks": 0}
    show("11", "streamlit run dashboard.py", result,
         f"listens on {', '.join(sorted(addresses)) or 'nothing'}")


def listening(port: int) -> set[str]:
    """The addresses a socket listens on `port` at (Linux /proc/net/tcp*), readable."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table, encoding="ascii") as handle:
            next(handle)
            for line in handle:
                local, state = line.split()[1], line.split()[3]
                address, _, hex_port = local.partition(":")
                if state == "0A" and int(hex_port, 16) == port:
                    found.add({"0100007F": "127.0.0.1", "00000000": "0.0.0.0 (every interface)",
                               "00000000000000000000000001000000": "::1",
                               "00000000000000000000000000000000": ":: (every interface)"}
                              .get(address, address))
    return found


def item12(b: Bench, w: Path) -> None:
    path = w / "many.jsonl"
    with path.open("w") as handle:
        for n in range(100_000):
            handle.write(json.dumps({"id": f"l{n}", "title": f"Line {n}",
                                     "text": GOOD.format(place="Paris", n=n)}) + "\n")
    r = b.python("import sys; from etl.read import iter_articles; "
                 "print(sum(1 for _ in iter_articles([sys.argv[1]])), 'items')".replace(
                     "sys.argv[1]", repr(str(path))))
    show("12", ".jsonl of 100,000 lines, read", r, last_line(r, "items"))
    one, two = w / "one", w / "two"
    article(one, 0)
    article(two, 1)
    r = b.etl("build", "--articles", one, two, "--db", w / "ab.duckdb")
    show("12", "--articles A B", r, last_line(r, "error", "Built"))
    old = w / "old"
    article(old, 0, body=GOOD.format(place="Paris", n=3)).write_text(
        "---\nid: old\ntitle: Old\npublished: 0001-01-01\n---\n\nTalks went on.\n")
    r = b.etl("build", "--articles", old, "--db", w / "old.duckdb")
    show("12", "published 0001-01-01", r, last_line(r, "0001", "Built"))


ITEMS = {"2": item2, "3": item3, "4": item4, "5": item5, "6": item6, "7": item7, "8": item8,
         "9": item9, "10": item10, "11": item11, "12": item12}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--root", type=Path, default=HERE)
    parser.add_argument("--only", default=",".join(ITEMS))
    parser.add_argument("--timeout", type=float, default=180)
    args = parser.parse_args()
    print(f"root {args.root}; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for item in args.only.split(","):
        with tempfile.TemporaryDirectory(prefix=f"rel-{item}-") as work:
            ITEMS[item](Bench(args.root.resolve(), Path(work), args.timeout), Path(work))


if __name__ == "__main__":
    main()
