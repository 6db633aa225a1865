"""Imported by the forkserver of the extraction pool (etl/pool.py preloads it): loads the
parser and the reference data once, in the forkserver, so every worker forked from it
starts with them in memory (shared, copy-on-write) instead of loading its own copy.

A pool of 2 took 9.9-16.4 s to start at load 13 on this 2-core machine, each worker
loading the same model; see BENCHMARKS.md for the figure with this module. Any failure
here is left for the workers to meet and report: the forkserver must start regardless.
"""

from __future__ import annotations


def _load_once() -> None:
    try:
        from etl.extract import extract_article
        from etl.pool import _warm_worker

        _warm_worker(extract_article)
    except Exception:  # noqa: BLE001 - a worker loads the parser itself and says what failed
        pass


_load_once()
