"""The dashboard in a real browser: seconds from a cold server to the first routes page
drawn, from navigation to the routes page drawn (warm), and from a filter change to the redraw.

    .venv/bin/python benchmarks/bench_browser.py --db /tmp/shuttle-bench/mentions-1m.duckdb
        [--runs 5] [--cold-runs 3] [--port 8641] [--json OUT.json]

Cold start: `streamlit run` started, a new browser opened on it, until the routes page is
drawn: what the first analyst of the morning waits (the server imports, opens the
database, runs every query once). Each of --cold-runs starts its own server. Every figure is
printed as min / median / max with the load average before its runs: the machine is shared.

Starts `streamlit run dashboard.py` on a free port reading --db, drives Debian chromium
through Playwright, and prints, over --runs repetitions: the time from `page.goto` to the
routes page fully drawn, and from choosing a diplomat in the sidebar to the page redrawn
with the new data. "Drawn" means: the routes title on screen (naming the diplomat after the
change), the script run finished (Streamlit's `data-test-script-state` back to
`notRunning`, so every element of the page has arrived), the map canvas and the stops table
present, and two animation frames passed, so the browser has painted what it received.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--enable-unsafe-swiftshader"]


def free_port(first: int) -> int:
    """The first port from `first` (up to 8 above it) that nothing listens on."""
    for port in range(first, first + 9):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port in {first}-{first + 8}")


def start(db: Path, first_port: int) -> tuple[subprocess.Popen, str]:
    """A streamlit server reading `db`, answering its health check."""
    port = free_port(first_port)
    env = {**os.environ, "SHUTTLE_DB": str(db)}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1",
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2):
                return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("streamlit did not start")


def drawn(page, title: str) -> None:
    """Wait until the routes page with `title` is complete and painted (see the docstring)."""
    page.get_by_text(title).first.wait_for(timeout=120_000)
    page.wait_for_selector("[data-test-script-state='notRunning']", timeout=120_000)
    page.locator("[data-testid='stDeckGlJsonChart'] canvas").first.wait_for(timeout=120_000)
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=120_000)
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def spread(samples: list[float]) -> dict[str, float]:
    return {"min": min(samples), "median": statistics.median(samples), "max": max(samples)}


def show(label: str, samples: list[float], at: str, target: str) -> None:
    f = spread(samples)
    print(f"{label:<30} min {f['min']:5.2f} s  median {f['median']:5.2f} s  max {f['max']:5.2f} s"
          f"  over {len(samples)} runs ({target}); load average {at}")


def launch(playwright):
    return playwright.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)


def cold_start(playwright, db: Path, first_port: int) -> float:
    """Seconds from starting a server to the routes page drawn in a new browser."""
    started = time.perf_counter()
    process, base = start(db, first_port)
    try:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1920, "height": 1080})
        page.goto(base)
        drawn(page, "Routes of")
        seconds = time.perf_counter() - started
        browser.close()
    finally:
        process.terminate()
        process.wait(timeout=20)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8641, help="first port to try")
    parser.add_argument("--diplomat", default="Antony Blinken")
    parser.add_argument("--json", type=Path, help="write the figures here too")
    args = parser.parse_args()
    args.runs, args.cold_runs = max(args.runs, 3), max(args.cold_runs, 3)
    from playwright.sync_api import sync_playwright

    loads, redraws, colds = [], [], []
    with sync_playwright() as playwright:
        cold_load = load()
        colds = [cold_start(playwright, args.db, args.port) for _ in range(args.cold_runs)]
        process, base = start(args.db, args.port)
        try:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(base)  # warm the server's caches once, as a first visitor would
            drawn(page, "Routes of")
            warm_load = load()
            for _ in range(args.runs):
                started = time.perf_counter()
                page.goto(base)
                drawn(page, "Routes of")
                loads.append(time.perf_counter() - started)
                box = page.locator("[data-testid='stSidebar'] [data-testid='stMultiSelect']").first
                box.click()
                page.keyboard.type(args.diplomat)
                option = page.get_by_role("option").filter(has_text=args.diplomat).first
                option.wait_for(timeout=30_000)
                started = time.perf_counter()
                option.click()
                drawn(page, f"Routes of {args.diplomat}")
                redraws.append(time.perf_counter() - started)
            browser.close()
        finally:
            process.terminate()
            process.wait(timeout=20)
    print(f"database: {args.db}")
    show("cold server to routes drawn", colds, cold_load, "target under 8 s")
    show("navigation to routes drawn", loads, warm_load, "target under 2.5 s")
    show("filter change to redraw", redraws, warm_load, "target under 0.7 s")
    if args.json:
        args.json.write_text(json.dumps({"db": str(args.db), "figures": {
            "cold": {**spread(colds), "runs": len(colds), "load": cold_load},
            "warm": {**spread(loads), "runs": len(loads), "load": warm_load},
            "filter": {**spread(redraws), "runs": len(redraws), "load": warm_load},
        }}, indent=1))


if __name__ == "__main__":
    main()
