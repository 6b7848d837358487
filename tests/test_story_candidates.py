"""Candidate pairs by blocking: planted same-story articles are found, the pairs stay far
below all pairs, dates far apart are never paired, and ``rows`` restricts the pairs."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest
from story_corpus import corpus

from helpers.compare.candidates import CandidateParams, candidate_pairs
from helpers.compare.profiles import build_profiles


def _truth_pairs(table: pd.DataFrame) -> set[tuple[int, int]]:
    story = table["story"].to_numpy()
    a, b = np.triu_indices(len(table), k=1)
    same = story[a] == story[b]
    return set(zip(a[same].tolist(), b[same].tolist(), strict=True))


def test_planted_stories_are_all_candidates():
    table = corpus(40, per_story=3, seed=1)
    pairs = candidate_pairs(build_profiles(table))
    found = set(zip(pairs.left.tolist(), pairs.right.tolist(), strict=True))
    assert _truth_pairs(table) <= found


def test_pairs_are_unique_ordered_int64():
    pairs = candidate_pairs(build_profiles(corpus(20, seed=2)))
    assert pairs.left.dtype == np.int64 and pairs.right.dtype == np.int64
    assert (pairs.left < pairs.right).all()
    codes = pairs.left * 10_000 + pairs.right
    assert (np.diff(codes) > 0).all()  # sorted, no duplicates


def test_never_all_pairs():
    table = corpus(100, per_story=2, seed=3, dated=False)
    n = len(table)
    params = CandidateParams(top_k=3, embedding_k=2)
    pairs = candidate_pairs(build_profiles(table), params)
    assert len(pairs) <= n * (params.top_k + params.embedding_k) < n * (n - 1) // 2
    found = set(zip(pairs.left.tolist(), pairs.right.tolist(), strict=True))
    assert _truth_pairs(table) <= found  # still every planted pair


def test_dates_far_apart_are_not_paired_but_undated_articles_are():
    table = corpus(1, per_story=3, seed=4)
    table.loc[1, "published"] = table.loc[0, "published"] + pd.Timedelta(days=60)
    table.loc[2, "published"] = pd.NaT
    pairs = candidate_pairs(build_profiles(table))
    found = set(zip(pairs.left.tolist(), pairs.right.tolist(), strict=True))
    assert (0, 1) not in found
    assert {(0, 2), (1, 2)} <= found


def test_rows_restricts_to_pairs_touching_them():
    table = corpus(15, per_story=3, seed=5)
    rows = np.array([4, 9])
    pairs = candidate_pairs(build_profiles(table), rows=rows)
    assert len(pairs) > 0
    assert (np.isin(pairs.left, rows) | np.isin(pairs.right, rows)).all()
    found = set(zip(pairs.left.tolist(), pairs.right.tolist(), strict=True))
    assert {(3, 4), (4, 5), (9, 10), (9, 11)} <= found


def test_a_window_walked_in_chunks_gives_the_same_pairs():
    table = corpus(20, per_story=3, seed=6, dated=False)  # one window: the whole corpus
    profiles = build_profiles(table)
    whole = candidate_pairs(profiles)
    chunked = candidate_pairs(profiles, CandidateParams(window_rows=7, block_rows=5))
    assert np.array_equal(whole.left, chunked.left)
    assert np.array_equal(whole.right, chunked.right)


def test_undated_articles_walked_in_chunks_count_blocking_terms_over_the_corpus():
    # Undated articles are compared with the whole corpus; walked in chunks, their blocking
    # terms (at most max_df articles) are counted over the corpus, for their own terms only.
    table = corpus(24, per_story=3, seed=8)
    table.loc[table.index[::4], "published"] = pd.NaT
    profiles = build_profiles(table)
    undated = np.flatnonzero(np.isnan(profiles.published))
    for max_df in (2, 4, 1000):
        params = CandidateParams(max_df=max_df, top_k=2, embedding_k=0)
        whole = candidate_pairs(profiles, params, rows=undated)
        chunked = candidate_pairs(profiles, replace(params, window_rows=9, block_rows=4),
                                  rows=undated)
        assert np.array_equal(whole.left, chunked.left)
        assert np.array_equal(whole.right, chunked.right)


def test_publication_days_of_mixed_dates():
    from helpers.compare.published import days

    out = days(pd.Series(["1970-01-02", None, "2024-03-01T23:00:00-02:00"]))
    assert out[0] == 1.0 and np.isnan(out[1])
    assert out[2] == pytest.approx(19784.0417, abs=1e-3)  # 2024-03-02 01:00 UTC


def test_wide_vocabularies_renumber_terms_by_search(monkeypatch):
    from helpers.compare import candidates

    profiles = build_profiles(corpus(15, per_story=3, seed=20))
    table = candidate_pairs(profiles)
    monkeypatch.setattr(candidates, "DENSE_TABLE_MAX", 0)
    search = candidate_pairs(profiles)
    assert np.array_equal(table.left, search.left) and np.array_equal(table.right, search.right)


def test_nearest_by_embedding_alone_finds_the_planted_stories():
    table = corpus(30, per_story=3, seed=12)
    params = CandidateParams(top_k=0, embedding_k=2)
    pairs = candidate_pairs(build_profiles(table), params)
    found = set(zip(pairs.left.tolist(), pairs.right.tolist(), strict=True))
    assert _truth_pairs(table) <= found
    assert len(pairs) <= len(table) * params.embedding_k


def test_nearest_by_embedding_respect_the_date_window_and_skip_empty_texts():
    table = corpus(1, per_story=3, seed=13)
    table.loc[1, "published"] = table.loc[0, "published"] + pd.Timedelta(days=60)
    table.loc[2, "text"] = ""
    table.loc[2, "title"] = ""
    pairs = candidate_pairs(build_profiles(table), CandidateParams(top_k=0, embedding_k=5))
    assert len(pairs) == 0
