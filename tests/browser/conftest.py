"""Browser test fixtures: a real `streamlit run dashboard.py` on a free port against the
database the real ETL builds from the fixture articles (tests/conftest.py pages_db), and
Debian's chromium driven by Playwright (never `playwright install`).

Screenshots go to artifacts/screenshots/ (gitignored; CI keeps them as artefacts).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = os.environ.get("SHUTTLE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--enable-unsafe-swiftshader",
]
VIEWPORT = {"width": 1920, "height": 1080}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def browser_db(pages_db) -> Path:
    """The database the servers read: the real build of the page tests (tests/conftest.py)."""
    return pages_db


@pytest.fixture(scope="session")
def server(browser_db, tmp_path_factory):
    """Base URL of a streamlit server on 127.0.0.1 reading the fixture database."""
    yield from start_server(browser_db, tmp_path_factory.mktemp("server"))


@pytest.fixture
def fresh_server(browser_db, tmp_path):
    """A server of its own that has answered no request yet (first-visit behaviour)."""
    yield from start_server(browser_db, tmp_path)


def start_server(db: Path, folder: Path, env_extra: dict[str, str] | None = None):
    """Start `streamlit run dashboard.py` on a free port reading `db` (with `env_extra` in
    its environment); yield its base URL once it answers, stop it afterwards.

    A server that exits at once is started again on another port, twice at most: under
    pytest-xdist another worker may take the free port between _free_port and the bind."""
    log = folder / "streamlit.log"
    env = {**os.environ, "SHUTTLE_DB": str(db), "PYTHONUNBUFFERED": "1", **(env_extra or {})}
    for attempt in range(3):
        port = _free_port()
        command = [
            sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--server.runOnSave", "false",
        ]
        with log.open("wb") as out:
            process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out,
                                       stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        if _answers(base, process, deadline=time.monotonic() + 60):
            break
        exited = process.poll() is not None
        process.kill()
        process.wait(timeout=10)
        said = log.read_text(errors="replace")
        if attempt == 2 or not exited or "is not available" not in said:
            pytest.fail(f"streamlit did not start:\n{said[-3000:]}")
    try:
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _answers(base: str, process: subprocess.Popen, deadline: float) -> bool:
    """Whether the server at `base` answers its health check before `deadline` (False as
    soon as its process has ended)."""
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return True
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            return False
        time.sleep(0.1)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and shutil.which("chromium") is None:
        pytest.skip(f"Debian chromium not found at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                                             headless=True)
        yield browser
        browser.close()


def _probe(url: str) -> bool:
    """Streamlit's frontend, served under a page path (/aid-amounts), first looks for its
    server under that path and then at the root: those 404s are expected."""
    return url.endswith(("/_stcore/health", "/_stcore/host-config"))


def _cancelled(request) -> bool:
    """A request to the app's own server that the browser dropped because the test moved
    to another address before the page finished loading its script chunks. Nothing
    failed: the next page loads them again. Requests anywhere else still count."""
    return (request.failure == "net::ERR_ABORTED"
            and request.url.startswith(("http://127.0.0.1:", "http://localhost:")))


@pytest.fixture
def page(browser):
    """A 1920x1080 page that records errors: console errors of page scripts, uncaught
    exceptions, failed requests (there must be none: the app works offline) and HTTP errors.
    The browser's own "Failed to load resource" console lines are left to the request
    checks, which know the URL."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1)
    page = context.new_page()
    page.console_errors = []

    def on_console(msg) -> None:
        if msg.type == "error" and not msg.text.startswith("Failed to load resource"):
            page.console_errors.append(msg.text)

    page.on("console", on_console)
    page.on("pageerror", lambda err: page.console_errors.append(f"pageerror: {err}"))
    page.on("requestfailed", lambda req: _cancelled(req)
            or page.console_errors.append(f"request failed: {req.url} {req.failure}"))
    page.on("response", lambda res: res.status >= 400 and not _probe(res.url)
            and page.console_errors.append(f"HTTP {res.status}: {res.url}"))
    yield page
    context.close()


def wait_for_app(page, text: str | None = None, *, timeout: float = 45_000) -> None:
    """Wait until Streamlit has run the script and drawn the page (and `text`, if given)."""
    wait_for_run(page, text, timeout=timeout)
    settle(page)  # deck.gl and plotly draw after the DOM settles


def wait_for_run(page, text: str | None = None, *, timeout: float = 45_000) -> None:
    """Wait until Streamlit has run the script and put its elements (and `text`, if given)
    on the page; what draws after the DOM (deck.gl, plotly) may still be drawing: a
    settle() follows (wait_for_app, or a map's wait_until_drawn)."""
    page.wait_for_selector("[data-testid='stAppViewContainer']", timeout=timeout)
    if text:
        page.get_by_text(text, exact=False).first.wait_for(state="visible", timeout=timeout)
    # The status widget shows while a run is in progress; skeletons while elements load.
    page.wait_for_function(
        "() => !document.querySelector(\"[data-testid='stStatusWidget']\")"
        " && !document.querySelector(\"[data-testid='stSkeleton']\")",
        timeout=timeout,
    )


def settle(page, *, interval: float = 150, frames: int = 3, longest: float = 6000) -> None:
    """Wait until what the window shows has stopped changing: `frames` screenshots in a
    row, `interval` ms apart, the same bytes (deck.gl and plotly draw after the DOM
    settles, on a loaded machine later than on an idle one). A page that keeps moving (a
    playback) is left after `longest` ms, as it is. The frames are compared as JPEG, which
    the browser encodes in about half the time of a PNG of the same window. A frame the
    browser takes longer than `longest` ms to give (a loaded machine) ends the wait too:
    this is a wait, never a check; the test's own waits and assertions follow it."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    waited, last, same = 0.0, None, 0
    while waited < longest:
        try:
            shot = page.screenshot(full_page=False, type="jpeg", quality=50, timeout=longest)
        except PlaywrightTimeout:
            return
        same = same + 1 if shot == last else 1
        if same >= frames:
            return
        last = shot
        page.wait_for_timeout(interval)
        waited += interval


def screenshot(page, name: str, *, full: bool = True) -> Path:
    """Save what a 1920x1080 screen shows as <name>.png and, with `full`, the whole page
    as <name>-full.png (the tables below the fold)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    if full:
        # Streamlit scrolls inside its own container, so a "full page" shot needs a tall
        # window: grow it to the content, shoot, and put it back.
        height = page.evaluate(
            "() => Math.max(...[...document.querySelectorAll('section, main, div')]"
            ".map(e => e.scrollHeight))"
        )
        page.set_viewport_size({"width": VIEWPORT["width"], "height": min(int(height), 6000)})
        settle(page)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-full.png"), full_page=True)
        page.set_viewport_size(VIEWPORT)
        settle(page)
    return path


class RunSpy:
    """The script runs of a page's server, followed off its websocket as the browser
    receives them: each run opens with a `new_session` message, and `session_status_changed`
    says whether a run is going (a `script_finished` can be dropped from the queue when a
    rerun starts). A new socket means the page was loaded again: what ran before is over."""

    def __init__(self, page) -> None:
        self.started = 0  # runs begun, on every socket of the page
        self._going: dict[object, bool] = {}  # the page's socket: is a run going
        page.on("websocket", self._watch)

    def _watch(self, ws) -> None:
        self._going = {ws: False}
        ws.on("framereceived", lambda payload: self._frame(ws, payload))

    def _frame(self, ws, payload) -> None:
        if isinstance(payload, str) or ws not in self._going:
            return
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg.FromString(payload)
        kind = msg.WhichOneof("type")
        if kind == "new_session":
            self.started += 1
            self._going[ws] = True
        elif kind == "session_status_changed":
            self._going[ws] = msg.session_status_changed.script_is_running
        elif kind == "script_finished":
            self._going[ws] = False

    @property
    def running(self) -> bool:
        return any(self._going.values())

    def idle(self, page, before: int | None = None, *, quiet: float = 300,
             none: float = 800, timeout: float = 30_000) -> None:
        """Wait until no run is going and none started for `quiet` ms. With `before` (the
        `started` count read before an action): until a run the action started has ended,
        or `none` ms have passed without one (an action that changed nothing). A wait on
        the server's own messages, never a check: the test's own waits follow."""
        waited = 0.0
        while waited < timeout:
            began = before is None or self.started > before
            if not self.running and (began or waited >= none):
                mark = self.started
                page.wait_for_timeout(quiet)
                waited += quiet
                if self.started == mark and not self.running:
                    return
            else:
                page.wait_for_timeout(50)
                waited += 50
