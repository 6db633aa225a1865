"""The extraction pool: articles out to worker processes in chunks, their facts back in
order, a few chunks in flight per worker so memory stays flat however many articles come."""

from __future__ import annotations

import multiprocessing
import multiprocessing.forkserver
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TypeVar

from etl import settings
from etl.extract import extract_article
from etl.model import Article
from etl.stopping import deferred_stops

# Articles handed to a worker process at once; a few chunks per worker are in flight at
# any time, so memory stays flat however many articles there are.
CHUNK_ARTICLES = 32
CHUNKS_IN_FLIGHT_PER_WORKER = 3

T = TypeVar("T")


@dataclass
class Outcome:
    """One article after extraction: its facts, None when reused, or the error."""

    article: Article
    facts: list[dict] | None
    error: str | None = None



Extractor = Callable[[Article], list[dict]]


class ArticleTimeout(BaseException):
    """Raised by an article's alarm inside its extraction. A BaseException, so that no
    `except Exception` of the rules can swallow it and carry on."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise ArticleTimeout in the block once `seconds` have passed (0: no limit).

    An interval timer (SIGALRM), so it stops pure-Python and regex work mid-way, in a
    worker process as in a build with --workers 1. Signals reach only the main thread: in
    another thread (the dashboard's first-start build) the block runs without a limit.
    """
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return

    def alarm(signum: int, frame: object) -> None:
        raise ArticleTimeout

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _extract_one(article: Article, extract: Extractor = extract_article,
                 seconds: float | None = None) -> Outcome:
    """The facts of one article, or the error: a failure or an extraction over `seconds`
    (default settings.ARTICLE_SECONDS) is reported by the article's id, and the run goes on."""
    limit = settings.ARTICLE_SECONDS if seconds is None else seconds
    try:
        with time_limit(limit):
            facts = extract(article)  # a FactList keeps the offices the article gave people
            return Outcome(article, facts if isinstance(facts, list) else list(facts))
    except ArticleTimeout:
        return Outcome(article, None, f"article {article.id}: extraction took over {limit:g} s, "
                       f"the limit per article (${settings.ARTICLE_SECONDS_ENV}); skipped")
    except Exception as err:  # one bad article must not stop the run
        return Outcome(article, None, f"extraction failed: {type(err).__name__}: {err}")


def _warm_worker(extract: Extractor | None, ready=None) -> None:
    """Worker start: load the reference data (gazetteer, people, roles, the parser) once,
    before the first chunk arrives, by extracting a made-up two-sentence article with
    `extract` and no time limit (loading is no article's cost, and an import cut short by
    the limit would leave the parser unusable); then say so on `ready` (the pool's semaphore),
    so a caller can wait for warm workers. A worker ignores Ctrl-C: the terminal sends it
    to the whole process group, and the build itself stops the workers and says so."""
    from etl.read import parse_article_text

    if ready is not None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    if extract is not None:
        _extract_one(parse_article_text(
            "The minister flew to Paris on Monday. She met the president in Berlin on 3 May "
            "2024.", id="warm-up", title="Warm-up"), extract, seconds=0)
    if ready is not None:
        ready.release()


def _started() -> None:
    """A task that does nothing: submitting one makes the pool start a process."""


def _extract_chunk(
    articles: list[Article], extract: Extractor, seconds: float | None = None,
) -> list[tuple[list[dict] | None, str | None]]:
    """Worker side: facts or error per article, without sending the articles back. The
    time limit comes from the build (a worker's own settings are those of its start)."""
    return [(o.facts, o.error) for o in (_extract_one(a, extract, seconds) for a in articles)]


def _start_forkserver_deaf_to_ctrl_c() -> None:
    """Start the forkserver (once per process) with Ctrl-C ignored. A terminal sends Ctrl-C
    to every process of the build, and the forkserver, importing its preload, and each new
    worker, until its initializer ran, printed a KeyboardInterrupt traceback of its own. An
    ignored signal stays ignored across exec, Python then installs no handler for it, and
    the forkserver hands the same to every worker it forks; the build alone stops them."""
    if threading.current_thread() is not threading.main_thread():
        multiprocessing.forkserver.ensure_running()
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        multiprocessing.forkserver.ensure_running()
    finally:
        signal.signal(signal.SIGINT, previous)


class ExtractionPool:
    """`workers` processes that run `extract`, started as soon as the pool is made unless
    not `start` (then on demand, so a build with nothing to extract starts none).

    A process needs about a second to start (imports, then the reference data, loaded by
    extracting a made-up article); `wait_warm` waits for that, so a benchmark can time
    the extraction alone. The processes fork from a forkserver that has imported the
    extraction code once, and inherit neither DuckDB's threads nor open files. `extract`
    must be a module-level function.
    """

    def __init__(self, workers: int, extract: Extractor = extract_article, *,
                 start: bool = True) -> None:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["etl.pool"])
        _start_forkserver_deaf_to_ctrl_c()
        self.workers = workers
        self.extract = extract
        self._ready = context.Semaphore(0)
        self._warm = False
        with deferred_stops():  # a worker half-started by Ctrl-C fails with a traceback
            self.executor = ProcessPoolExecutor(
                max_workers=workers, mp_context=context, initializer=_warm_worker,
                initargs=(extract, self._ready))
            if start:  # else each starts with the first chunk that finds no idle process
                for _ in range(workers):
                    self.executor.submit(_started)

    def wait_warm(self, timeout: float = 300.0) -> None:
        """Return once every process has started and loaded its reference data (for a
        pool made with `start`); TimeoutError if that takes over `timeout` seconds."""
        if not self._warm:
            deadline = time.monotonic() + timeout
            for _ in range(self.workers):
                if not self._ready.acquire(timeout=max(deadline - time.monotonic(), 0)):
                    raise TimeoutError(f"the extraction workers did not start in {timeout} s")
            self._warm = True

    def close(self) -> None:
        """Stop the workers once their chunks in hand are done (a Ctrl-C meanwhile waits)."""
        with deferred_stops():
            self.executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def extract_stream(
    items: Iterable[Article | T],
    workers: int = 1,
    reuse: Callable[[Article], bool] = lambda article: False,
    extract: Extractor = extract_article,
    pool: ExtractionPool | None = None,
) -> Iterator[Outcome | T]:
    """An Outcome per article: reused (facts None) when `reuse(article)`, extracted by
    `extract` otherwise, in `workers` processes when more than one (`extract` must then be
    a module-level function; `pool`, when given, is used instead of starting processes,
    and its extractor and size win). Other items (problems) pass through as they come, so
    with workers they may come before articles read earlier; the order is the same on
    every run."""
    if pool is None and workers <= 1:
        warm = False
        for item in items:
            if not isinstance(item, Article):
                yield item
            elif reuse(item):
                yield Outcome(item, None)
            else:
                if not warm:  # the first article's limit is not spent loading the rules
                    _warm_worker(extract)
                    warm = True
                yield _extract_one(item, extract)
        return
    if pool is None:
        with ExtractionPool(workers, extract, start=False) as own:
            yield from _pooled_stream(items, reuse, own)
    else:
        yield from _pooled_stream(items, reuse, pool)


def _pooled_stream(
    items: Iterable[Article | T], reuse: Callable[[Article], bool], pool: ExtractionPool,
) -> Iterator[Outcome | T]:
    """extract_stream with workers: chunks of articles out to `pool`, their outcomes back
    in the order the articles came."""
    in_flight: deque[tuple[list[Article], Future]] = deque()
    keep = pool.workers * CHUNKS_IN_FLIGHT_PER_WORKER
    chunk: list[Article] = []

    def submit() -> None:
        with deferred_stops():  # submitting may start a worker process
            in_flight.append((chunk[:], pool.executor.submit(
                _extract_chunk, chunk[:], pool.extract, settings.ARTICLE_SECONDS)))
        chunk.clear()

    def drain(keep: int) -> Iterator[Outcome]:
        while len(in_flight) > keep:
            articles, future = in_flight.popleft()
            for article, (facts, error) in zip(articles, future.result(), strict=True):
                yield Outcome(article, facts, error)

    try:
        for item in items:
            if not isinstance(item, Article):
                yield item
            elif reuse(item):
                yield Outcome(item, None)
            else:
                chunk.append(item)
                if len(chunk) >= CHUNK_ARTICLES:
                    submit()
                    yield from drain(keep)
        if chunk:
            submit()
        yield from drain(keep=0)
    finally:
        for _, future in in_flight:
            future.cancel()
