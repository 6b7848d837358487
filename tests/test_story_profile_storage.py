"""How story profiles are stored: float32 weights with int32 term columns (half of float64 /
int64), scores as with float64 weights to within 1e-6, and chunks stacked into the same
arrays as one pass (helpers.compare.profiles)."""

from __future__ import annotations

import numpy as np
import pandas as pd
from story_corpus import corpus

from helpers.compare import profiles
from helpers.compare.profiles import build_profiles
from helpers.compare.scoring import score_pairs


def test_term_rows_are_float32_with_int32_columns():
    built = build_profiles(corpus(3, per_story=2, seed=30))
    for name in ("terms", "titles", "leads"):
        matrix = getattr(built, name)
        assert matrix.dtype == np.float32
        assert matrix.indices.dtype == np.int32 and matrix.indptr.dtype == np.int32
        assert matrix.shape[1] == profiles.COLUMNS <= np.iinfo(np.int32).max
    row = built.terms[0]
    assert abs(float((row.data.astype(np.float64) ** 2).sum()) - 1.0) < 1e-6  # unit length


def test_scores_match_float64_weights_within_1e_6(monkeypatch):
    table = corpus(6, per_story=3, seed=31)
    narrow = build_profiles(table)
    monkeypatch.setattr(profiles, "VALUE_TYPE", np.float64)
    wide = build_profiles(table)
    assert wide.terms.dtype == np.float64
    left, right = np.triu_indices(len(table), k=1)
    assert np.abs(score_pairs(narrow, left, right) - score_pairs(wide, left, right)).max() < 1e-6


def test_a_text_against_itself_still_scores_one():
    text = corpus(1, per_story=1, seed=32)["text"].iloc[0]
    built = build_profiles(pd.DataFrame({"doc_id": ["a", "b"], "text": [text, text]}))
    assert score_pairs(built, np.array([0]), np.array([1]))[0] == 1.0


def test_chunks_stack_into_the_same_arrays_as_one_pass(monkeypatch):
    table = corpus(4, per_story=3, seed=33)
    table.loc[5, "text"] = ""  # an article without words inside a chunk
    whole = build_profiles(table)
    monkeypatch.setattr(profiles, "PROFILE_CHUNK", 5)
    chunked = build_profiles(table)
    for name in ("terms", "titles", "leads", "people"):
        a, b = getattr(whole, name), getattr(chunked, name)
        assert a.dtype == b.dtype and a.indices.dtype == b.indices.dtype
        for field in ("data", "indices", "indptr"):
            assert np.array_equal(getattr(a, field), getattr(b, field))
    assert np.array_equal(whole.embedding, chunked.embedding)
    assert np.array_equal(whole.sentences, chunked.sentences)
    assert np.array_equal(whole.published, chunked.published)


def test_rows_packed_from_a_generator_equal_rows_from_a_list():
    rows = [{"harbour": 2.0, "crane": 1.0, "crane collapse": 3.0}, {}, {"zero": 0.0},
            {"ferry": 1.5}]
    listed = profiles.unit_rows(rows)
    streamed = profiles.unit_rows(row for row in rows)
    assert (listed != streamed).nnz == 0
    assert listed.indices.dtype == np.int32 and listed.data.dtype == np.float32
    assert np.diff(streamed.indptr).tolist() == [3, 0, 0, 1]  # empty and all-zero rows empty
