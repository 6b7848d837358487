"""Story grouping at scale: the candidate path groups planted stories like the exact path,
keeps the contract columns, gives a sparse similarity table, and runs identically on Dask."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from story_corpus import corpus

from helpers import compare
from helpers.compare import engine
from helpers.compare.profiles import build_profiles
from helpers.evaluation.stories import adjusted_rand_index


def test_fast_path_finds_the_planted_stories():
    table = corpus(30, per_story=3, seed=6)
    grouped = engine.stories(table, small=0)
    assert adjusted_rand_index(grouped["story_id"].tolist(), table["story"].tolist()) == 1.0
    assert grouped["story_id"].iloc[0] == "s1"  # numbered by first article
    assert (grouped["story_size"] == 3).all()
    assert set(table.columns) <= set(grouped.columns)
    assert list(grouped.columns[-2:]) == ["story_id", "story_size"]


def test_fast_path_agrees_with_exact_all_pairs():
    profiles = build_profiles(corpus(25, per_story=4, seed=7, dated=False))
    fast = engine.story_graph(profiles)
    exact = engine.story_graph(profiles, exact=True)
    assert len(fast.pairs) < len(exact.pairs)
    assert (engine.first_seen(fast.labels) == engine.first_seen(exact.labels)).all()


def test_compare_stories_switches_to_the_fast_path_above_the_small_size(monkeypatch):
    table = corpus(12, per_story=2, seed=8)
    calls = []
    real = engine.story_graph
    monkeypatch.setattr(engine, "story_graph", lambda *a, **k: calls.append(1) or real(*a, **k))
    monkeypatch.setattr(engine, "SMALL_CORPUS", 10)
    fast = compare.stories(table)
    assert calls and fast["story_id"].nunique() == 12
    monkeypatch.setattr(engine, "SMALL_CORPUS", 1000)
    exact = compare.stories(table)
    assert len(calls) == 1
    assert adjusted_rand_index(fast["story_id"].tolist(), exact["story_id"].tolist()) == 1.0


def test_sparse_similarity_keeps_best_partners_above_min_score():
    table = corpus(10, per_story=3, seed=9)
    full = compare.similarity(table)
    sparse = compare.sparse_similarity(table, min_score=0.3, top_k=2)
    assert list(sparse.columns) == ["doc_a", "doc_b", "score"]
    assert sparse["score"].dtype == "Float64" and (sparse["score"] >= 0.3).all()
    assert len(sparse) < len(full)
    counts = pd.concat([sparse["doc_a"], sparse["doc_b"]]).value_counts()
    assert counts.max() <= 2 * 2  # each pair is among the top 2 of one of its articles
    same = sparse["doc_a"].str[:4] == sparse["doc_b"].str[:4]
    assert same.all() and len(sparse) == 30


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster:
        yield cluster


def test_dask_gives_identical_candidates_scores_and_stories(cluster):
    table = corpus(20, per_story=3, seed=10)
    table.loc[::7, "published"] = pd.NaT
    profiles = build_profiles(table)
    params = engine.CandidateParams(slab_rows=8, block_rows=4)  # several tasks
    local = engine.EngineOptions(candidates=params, score_chunk=25)
    dask = engine.EngineOptions(candidates=params, score_chunk=25, engine="dask",
                                scheduler=cluster.scheduler_address)
    a, b = engine.candidates(profiles, local), engine.candidates(profiles, dask)
    assert np.array_equal(a.left, b.left) and np.array_equal(a.right, b.right)
    assert np.array_equal(engine.scores(profiles, a, local), engine.scores(profiles, b, dask))
    pd.testing.assert_frame_equal(engine.stories(table, local, small=0),
                                  engine.stories(table, dask, small=0))


def test_stories_command_on_dask_writes_the_same_table(cluster, tmp_path):
    from helpers.cli import main as cli_main

    folder = tmp_path / "news"
    folder.mkdir()
    for row in corpus(5, per_story=2, seed=21).itertuples():
        (folder / f"{row.doc_id}.txt").write_text(f"{row.title}\n\n{row.text}\n")
    local, dask = tmp_path / "local.csv", tmp_path / "dask.csv"
    assert cli_main(["stories", "--corpus", str(folder), "--state", str(tmp_path / "a.sqlite"),
                     "--table", str(local)]) == 0
    assert cli_main(["stories", "--corpus", str(folder), "--state", str(tmp_path / "b.sqlite"),
                     "--table", str(dask), "--dask", cluster.scheduler_address]) == 0
    pd.testing.assert_frame_equal(pd.read_csv(local), pd.read_csv(dask))


def test_story_state_update_on_dask_is_identical(cluster, tmp_path):
    """A second run (new articles placed among known stories, with completion) gives the same
    stories on Dask as locally."""
    from helpers.compare import state

    table = corpus(12, per_story=3, seed=22)
    table.loc[::5, "published"] = pd.NaT
    first = table[table["doc_id"].str.endswith("_0")]
    params = engine.CandidateParams(slab_rows=8, block_rows=4)
    tables = []
    for name, options in (("local", engine.EngineOptions(candidates=params, score_chunk=25)),
                          ("dask", engine.EngineOptions(candidates=params, score_chunk=25,
                                                        engine="dask",
                                                        scheduler=cluster.scheduler_address))):
        state.update(first, tmp_path / f"{name}.sqlite", options)
        tables.append(state.update(table, tmp_path / f"{name}.sqlite", options).table)
    pd.testing.assert_frame_equal(*tables)
