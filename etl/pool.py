"""The extraction pool: articles out to worker processes in chunks, their facts back in
order, a few chunks in flight per worker so memory stays flat however many articles come."""

from __future__ import annotations

import multiprocessing
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from etl.extract import extract_article
from etl.model import Article

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


def _extract_one(article: Article, extract: Extractor = extract_article) -> Outcome:
    try:
        facts = extract(article)  # a FactList keeps the offices the article gave people
        return Outcome(article, facts if isinstance(facts, list) else list(facts))
    except Exception as err:  # one bad article must not stop the run
        return Outcome(article, None, f"extraction failed: {type(err).__name__}: {err}")


def _warm_worker(extract: Extractor | None, ready=None) -> None:
    """Worker start: load the reference data (gazetteer, people, roles) once, before the
    first chunk arrives, by extracting a made-up two-sentence article; then say so on
    `ready` (a semaphore of the pool), so a caller can wait for warm workers."""
    from etl.read import parse_article_text

    if extract is not None:
        _extract_one(parse_article_text(
            "The minister flew to Paris on Monday. She met the president in Berlin on 3 May "
            "2024.", id="warm-up", title="Warm-up"), extract)
    if ready is not None:
        ready.release()


def _started() -> None:
    """A task that does nothing: submitting one makes the pool start a process."""


def _extract_chunk(
    articles: list[Article], extract: Extractor
) -> list[tuple[list[dict] | None, str | None]]:
    """Worker side: facts or error per article, without sending the articles back."""
    return [(o.facts, o.error) for o in (_extract_one(a, extract) for a in articles)]


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
        self.workers = workers
        self.extract = extract
        self._ready = context.Semaphore(0)
        self._warm = False
        # another extractor (a test's) has no reference data to warm
        warm_with = extract if extract is extract_article else None
        self.executor = ProcessPoolExecutor(
            max_workers=workers, mp_context=context, initializer=_warm_worker,
            initargs=(warm_with, self._ready))
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
        for item in items:
            if not isinstance(item, Article):
                yield item
            elif reuse(item):
                yield Outcome(item, None)
            else:
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
        in_flight.append((chunk[:], pool.executor.submit(_extract_chunk, chunk[:],
                                                         pool.extract)))
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
