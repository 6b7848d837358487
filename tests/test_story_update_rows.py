"""What an update of the story state reads of the known articles it reaches: the candidate
search reads their blocking rows from the state, a window chunk at a time, and finds the pairs
the whole profiles give; the grouping is handed whole profiles only of the articles it can
weigh, not of every undated known article."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from story_corpus import corpus

from helpers.compare import state, update_rows
from helpers.compare.candidates import CandidateParams, candidate_pairs
from helpers.compare.engine import EngineOptions
from helpers.compare.matching import _documents
from helpers.compare.profiles import build_profiles


def _mixed(n_stories: int, seed: int) -> pd.DataFrame:
    """Invented stories, every other one undated, interleaved (no story in one piece)."""
    table = corpus(n_stories, per_story=4, seed=seed)
    table.loc[table["story"] % 2 == 1, "published"] = pd.NaT
    order = np.random.default_rng(seed).permutation(len(table))
    return table.iloc[order].reset_index(drop=True)


@pytest.mark.parametrize("params", [
    CandidateParams(),
    # windows of more than window_rows articles are walked in chunks, max_df then counting
    # over every reached article; several slabs and blocks of new rows
    CandidateParams(window_rows=7, block_rows=3, slab_rows=4, slab_days=2.0, window_days=3.0,
                    max_df=6, top_k=3, embedding_k=2),
])
@pytest.mark.parametrize("held", [True, False])  # few rows are read once; many, a chunk a time
def test_candidate_search_over_stored_rows_finds_the_pairs_of_the_whole_profiles(
        tmp_path, monkeypatch, params, held):
    if not held:
        monkeypatch.setattr(update_rows, "HOLD_ROWS", 0)
    table = _mixed(10, seed=41)
    path = tmp_path / "stories.sqlite"
    state.update(table.iloc[:30], path)
    documents = _documents(table)
    new_rows = np.arange(30, len(table))
    with state.connect(path) as conn:
        reached = update_rows.UpdateRows(conn, documents, None, None)
        assert reached.valid[:30].all() and not reached.valid[30:].any()
        found = update_rows.candidate_pairs(reached, new_rows, params)
    whole = candidate_pairs(build_profiles(documents), params, rows=new_rows)
    assert len(whole) > 0
    assert np.array_equal(found.left, whole.left)
    assert np.array_equal(found.right, whole.right)


def test_whole_profiles_of_rows_are_the_built_ones(tmp_path):
    """Stored rows decode, and rows profiled by the update are taken, in the order asked."""
    table = _mixed(4, seed=42)
    path = tmp_path / "stories.sqlite"
    state.update(table.iloc[:10], path)
    documents = _documents(table)
    rows = np.array([12, 3, 0, 15, 7])  # stored and built rows, in any order
    with state.connect(path) as conn:
        got = update_rows.UpdateRows(conn, documents, None, None).profiles(rows)
    built = build_profiles(documents.iloc[rows])
    assert got.doc_ids == built.doc_ids
    for name in ("terms", "titles", "leads", "years"):
        assert (getattr(got, name) != getattr(built, name)).nnz == 0
    assert np.array_equal(got.embedding, built.embedding)
    assert np.array_equal(got.published, built.published, equal_nan=True)


def test_the_grouping_holds_only_the_articles_it_can_weigh_not_every_undated_one(
        tmp_path, monkeypatch):
    """Sixty undated known articles, and one new report of the first story: blocking keeps
    two partners by terms and one by embedding, so the grouping is handed the new article, its
    partners and their stories, not the other undated articles (which every new undated
    article can reach)."""
    table = corpus(21, per_story=3, seed=43, dated=False)
    extra = corpus(1, per_story=4, seed=43, dated=False).iloc[[3]]  # story 0's fourth report
    path = tmp_path / "stories.sqlite"
    options = EngineOptions(candidates=CandidateParams(top_k=2, embedding_k=1))
    before = state.update(table, path, options)
    held: list[list[str]] = []
    real = state.place

    def spy(profiles, story_of, next_story, options, stored=None, searched=None):
        held.append(list(profiles.doc_ids))
        return real(profiles, story_of, next_story, options, stored, searched=searched)

    monkeypatch.setattr(state, "place", spy)
    after = state.update(pd.concat([table, extra], ignore_index=True), path, options)
    assert after.n_new == 1 and after.n_known == 63
    grouped = set(held[0])
    first = {f"a000_{k}" for k in range(4)}
    assert first <= grouped
    assert len(grouped) <= 1 + 3 * 3  # the new one, and at most three partners' stories
    story = dict(zip(after.table["doc_id"], after.table["story_id"], strict=True))
    old = dict(zip(before.table["doc_id"], before.table["story_id"], strict=True))
    assert story["a000_3"] == old["a000_0"]
