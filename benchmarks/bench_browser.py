"""The dashboard in a real browser: seconds from navigation to the routes page drawn, and
from a filter change to the redraw.

    .venv/bin/python benchmarks/bench_browser.py --db /tmp/shuttle-bench/mentions-1m.duckdb

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


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(db: Path) -> tuple[subprocess.Popen, str]:
    """A streamlit server reading `db`, answering its health check."""
    port = free_port()
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--diplomat", default="Antony Blinken")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    process, base = start(args.db)
    loads, redraws = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium",
                                                 args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1920, "height": 1080})
            page.goto(base)  # warm the server's caches once, as a first visitor would
            drawn(page, "Routes of")
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
    load = os.getloadavg()[0]
    print(f"database: {args.db} (load {load:.1f})")
    print(f"navigation to routes drawn: median {statistics.median(loads):.2f} s, "
          f"max {max(loads):.2f} s over {len(loads)} runs (target under 3 s)")
    print(f"filter change to redraw:    median {statistics.median(redraws):.2f} s, "
          f"max {max(redraws):.2f} s over {len(redraws)} runs (target under 1 s)")


if __name__ == "__main__":
    main()
