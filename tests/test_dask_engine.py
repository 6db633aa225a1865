"""The Dask engine gives the single-machine build's facts, fact for fact.

A real LocalCluster of 2 worker processes reads and extracts the fixture articles in parts
of two files, writes Parquet by year, and etl.build loads it; the mentions tables must
equal those of the ordinary build of the same articles.
"""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

pytest.importorskip("dask.distributed")

from etl.__main__ import main  # noqa: E402
from etl.engine_dask import build_dask, input_parts, iter_fact_rows  # noqa: E402
from etl.load import FACT_TABLES  # noqa: E402


def rows(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="module")
def dask_build(tmp_path_factory: pytest.TempPathFactory, fixture_articles: Path):
    folder = tmp_path_factory.mktemp("dask")
    db, facts = folder / "shuttle.duckdb", folder / "facts"
    report = build_dask([fixture_articles], db, workers=2, facts_dir=facts, files_per_task=2)
    return report, db, facts


def test_parts_follow_the_reader_order(fixture_articles: Path) -> None:
    parts = input_parts([fixture_articles], files_per_task=2)
    files = [f for part in parts for f in part]
    assert [len(p) for p in parts] == [2, 2, 2]
    assert files == sorted(files)
    assert all(Path(f).parent == fixture_articles for f in files)


@pytest.mark.parametrize("table", sorted(FACT_TABLES.values()))
def test_same_mentions_as_the_single_machine_build(dask_build, fixture_db: Path,
                                                   table: str) -> None:
    _, db, _ = dask_build
    sql = f"select * from {table} order by mention_id"
    expected = rows(fixture_db, sql)
    assert rows(db, sql) == expected


def test_same_articles_and_report(dask_build, fixture_build) -> None:
    report, db, _ = dask_build
    sql = "select id, title, published, sha256 from articles order by id"
    assert rows(db, sql) == rows(fixture_build.db, sql)
    assert report.facts == fixture_build.facts
    assert sum(report.facts.values()) > 0
    assert report.extracted == fixture_build.extracted == 6
    assert [str(p) for p in report.skipped] == [str(p) for p in fixture_build.skipped]
    assert any("2 Dask workers" in note for note in report.notes)


def test_facts_stay_as_parquet_partitioned_by_year(dask_build) -> None:
    report, _, facts = dask_build
    files = sorted((facts / "facts").glob("year=*/part-*.parquet"))
    assert len({f.parent.name for f in files}) >= 2
    for file in files:
        year = file.parent.name.removeprefix("year=")
        for fact in pq.read_table(file, columns=["date"]).column("date").to_pylist():
            assert fact is None or fact.startswith(year)
    assert len(list(iter_fact_rows(facts))) == sum(report.facts.values())
    articles = pq.read_table(facts / "articles")
    assert articles.num_rows == 6
    assert sorted(set(articles.column("part").to_pylist())) == [0, 1, 2]


def test_scheduler_needs_the_dask_engine(capsys: pytest.CaptureFixture[str],
                                         fixture_articles: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["build", "--articles", str(fixture_articles), "--db", str(tmp_path / "x.duckdb"),
              "--scheduler", "tcp://127.0.0.1:8786"])
    assert stop.value.code == 2
    assert "--engine dask" in capsys.readouterr().err
    assert not (tmp_path / "x.duckdb").exists()
