"""The Dask engine: the same per-batch work on a ``distributed.LocalCluster`` gives the same
tables as local mode, in memory and as partitioned Parquet."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import pipeline, schema
from helpers.cli import main as cli_main

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    # One in-process worker thread keeps the test light; the work is the same as on a cluster.
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        yield cluster


def assert_same(a, b):
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_dask_engine_matches_local(cluster, seed_documents, seed_analysis):
    analysis = helpers.analyze(
        seed_documents, cache=False, engine="dask", scheduler=cluster.scheduler_address,
        batch_size=1,
    )
    assert analysis.info["engine"] == "dask" and analysis.info["n_parsed"] == 2
    assert_same(seed_analysis, analysis)


def test_dask_writes_partitioned_parquet(cluster, tmp_path, seeds_dir, seed_analysis):
    with distributed.Client(cluster.scheduler_address) as client:
        info = pipeline.analyze_to_folder(
            seeds_dir, tmp_path / "out", cache=False, engine="dask", scheduler=client,
            chunk_size=1, batch_size=1,
        )
    assert info["n_parts"] == 2
    assert sorted(p.name for p in (tmp_path / "out" / "quotes.parquet").iterdir()) == [
        "part-00000.parquet", "part-00001.parquet",
    ]
    assert_same(seed_analysis, helpers.Analysis.load(tmp_path / "out"))


def test_extract_command_with_dask(cluster, tmp_path, seeds_dir, seed_analysis):
    out = tmp_path / "x"
    code = cli_main(["extract", "--corpus", str(seeds_dir), "--out", str(out), "--no-cache",
                     "--dask", cluster.scheduler_address])
    assert code == 0
    assert_same(seed_analysis, helpers.Analysis.load(out))


def test_dask_needs_a_scheduler(seed_documents):
    with pytest.raises(ValueError, match="scheduler"):
        helpers.analyze(seed_documents, cache=False, engine="dask")
