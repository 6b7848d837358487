"""The same-event pair score: article profiles and score_pairs (helpers.compare)."""

from __future__ import annotations

import socket

import numpy as np
import pandas as pd
import pytest

from helpers import compare
from helpers.compare import build_profiles, profiles, score_pairs

# Two reports of one earthquake and a report of another earthquake of the same kind.
QUAKE_1 = (
    "A magnitude 6.8 earthquake struck the Andean town of Huaraz on Tuesday, killing at least "
    "14 people and flattening dozens of adobe homes, the civil defence agency said. Rescue "
    "teams searched the rubble through the night as aftershocks rattled the valley."
)
QUAKE_1_AGAIN = (
    "Rescuers in Huaraz dug through collapsed adobe houses after Tuesday's magnitude 6.8 "
    "quake, which killed at least 14 people. The civil defence agency said aftershocks kept "
    "residents sleeping outdoors across the valley."
)
QUAKE_2 = (
    "A magnitude 5.9 earthquake hit the coastal city of Tumbes on Sunday, injuring 30 people "
    "and damaging a hospital, the civil defence agency said. Residents fled into the streets "
    "as aftershocks shook the region."
)


def _entities(rows: list[tuple[str, str, str]]) -> pd.DataFrame:
    """An entities table from (doc_id, label, canonical) rows."""
    return pd.DataFrame({
        "doc_id": [d for d, _, _ in rows], "label": [lab for _, lab, _ in rows],
        "canonical": [c for _, _, c in rows],
        "entity_id": [f"{lab}:{c.lower().replace(' ', '-')}" for _, lab, c in rows],
    })


def _figures(rows: list[tuple[str, str, str, float | None, str | None, str | None]]
             ) -> pd.DataFrame:
    """A figures table from (doc_id, kind, surface, value, unit, date_value) rows."""
    cols = ("doc_id", "kind", "surface", "value", "unit", "date_value")
    return pd.DataFrame({c: [r[i] for r in rows] for i, c in enumerate(cols)})


def _pair_score(docs: pd.DataFrame, entities=None, figures=None, a: int = 0, b: int = 1
                ) -> float:
    return float(score_pairs(build_profiles(docs, entities, figures), np.array([a]),
                             np.array([b]))[0])


def test_scores_are_probabilities_and_symmetric():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [QUAKE_1, QUAKE_1_AGAIN, QUAKE_2]})
    prof = build_profiles(docs)
    left, right = np.array([0, 1, 0, 2]), np.array([1, 0, 2, 0])
    s = score_pairs(prof, left, right)
    assert s.dtype == np.float64 and ((s >= 0) & (s <= 1)).all()
    assert s[0] == s[1] and s[2] == s[3]
    assert len(score_pairs(prof, np.array([], dtype=np.int64), np.array([], dtype=np.int64))) == 0


def test_score_depends_on_the_pair_only():
    batch = pd.DataFrame({"doc_id": list("wxyz"),
                          "text": [QUAKE_2, QUAKE_1, "Markets fell on Friday.", QUAKE_1_AGAIN],
                          "published": ["2024-03-05", "2024-03-05", None, "2024-03-06"]})
    ents = _entities([("x", "GPE", "Huaraz"), ("z", "GPE", "Huaraz"), ("w", "GPE", "Tumbes")])
    in_batch = score_pairs(build_profiles(batch, ents, _figures([])), np.array([1, 0]),
                           np.array([3, 1]))
    alone = build_profiles(batch.iloc[[1, 3]].reset_index(drop=True), ents, _figures([]))
    assert score_pairs(alone, np.array([0]), np.array([1]))[0] == in_batch[0]
    other = build_profiles(batch.iloc[[0, 1]].reset_index(drop=True), ents, _figures([]))
    assert score_pairs(other, np.array([0]), np.array([1]))[0] == in_batch[1]


def test_same_event_outscores_same_kind_of_event():
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [QUAKE_1, QUAKE_1_AGAIN, QUAKE_2]})
    assert _pair_score(docs, a=0, b=1) > _pair_score(docs, a=0, b=2)


def test_places_people_and_figures_in_common_raise_the_score():
    """Same two texts; only the entity and figure tables differ."""
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [QUAKE_1, QUAKE_2]})
    apart_e = _entities([("a", "GPE", "Huaraz"), ("a", "PERSON", "Rosa Quispe"),
                         ("b", "GPE", "Tumbes"), ("b", "PERSON", "Jorge Salas")])
    shared_e = _entities([("a", "GPE", "Huaraz"), ("a", "PERSON", "Rosa Quispe"),
                          ("b", "GPE", "Huaraz"), ("b", "PERSON", "Rosa Quispe")])
    apart_f = _figures([("a", "count", "14 people", 14.0, "person", None),
                        ("b", "count", "30 people", 30.0, "person", None)])
    shared_f = _figures([("a", "count", "14 people", 14.0, "person", None),
                         ("b", "count", "14 people", 14.0, "person", None)])
    base = _pair_score(docs, apart_e, apart_f)
    assert _pair_score(docs, shared_e, apart_f) > base
    assert _pair_score(docs, apart_e, shared_f) > base


def test_dates_named_in_the_text_tell_events_apart():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [QUAKE_1, QUAKE_1_AGAIN]})
    ents = _entities([])
    same = _figures([("a", "date", "Tuesday, March 5, 2024", None, None, "2024-03-05"),
                     ("b", "date", "Tuesday", None, None, None),
                     ("b", "date", "March 5, 2024", None, None, "2024-03-05")])
    other = _figures([("a", "date", "Tuesday, March 5, 2024", None, None, "2024-03-05"),
                      ("b", "date", "Sunday", None, None, None),
                      ("b", "date", "June 9, 2019", None, None, "2019-06-09")])
    assert _pair_score(docs, ents, same) > _pair_score(docs, ents, other)


def test_a_shared_calendar_counts_between_texts_on_one_topic():
    """The same shared dates raise the score of two reports of one quake more than that of a
    quake and a council budget report from the same week."""
    budget = ("The city council approved a budget of 40 million for road repairs and two new "
              "libraries after a long debate, the mayor's office said on Tuesday.")
    docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [QUAKE_1, QUAKE_1_AGAIN, budget]})
    ents = _entities([])
    dates = [("a", "date", "Tuesday, March 5, 2024", None, None, "2024-03-05"),
             ("b", "date", "March 5, 2024", None, None, "2024-03-05"),
             ("c", "date", "March 5, 2024", None, None, "2024-03-05")]
    apart = [("a", "date", "Tuesday, March 5, 2024", None, None, "2024-03-05"),
             ("b", "date", "June 9, 2019", None, None, "2019-06-09"),
             ("c", "date", "June 9, 2019", None, None, "2019-06-09")]

    def logit(figs, b):
        p = _pair_score(docs, ents, _figures(figs), a=0, b=b)
        return np.log(p / (1 - p))

    one_topic = logit(dates, 1) - logit(apart, 1)
    unrelated = logit(dates, 2) - logit(apart, 2)
    assert one_topic > 0
    assert one_topic > 2 * max(unrelated, 0.0)


def test_publication_dates_far_apart_lower_the_score_and_unknown_is_neutral():
    def with_dates(a, b):
        return pd.DataFrame({"doc_id": ["a", "b"], "text": [QUAKE_1, QUAKE_1_AGAIN],
                             "published": [a, b]})
    near = _pair_score(with_dates("2024-03-05", "2024-03-06"))
    far = _pair_score(with_dates("2024-03-05", "2025-01-20"))
    unknown = _pair_score(with_dates(None, "2024-03-06"))
    assert near > far
    assert unknown > far  # a missing date is not counted as far apart


def test_tables_absent_means_text_only_weights():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [QUAKE_1, QUAKE_1_AGAIN]})
    assert not build_profiles(docs).has_tables
    assert build_profiles(docs, _entities([]), _figures([])).has_tables


def test_links_are_not_words():
    with_url = profiles.clean_text("https://news.example.com/2024/quake-hits\nA quake hit.")
    assert "example" not in with_url and "A quake hit." in with_url


def test_embedding_loads_without_network(monkeypatch):
    profiles._embedder.cache_clear()

    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    vectors = profiles.embed([QUAKE_1, QUAKE_1_AGAIN, ""])
    assert vectors.shape == (3, 256)
    assert np.linalg.norm(vectors[0]) == pytest.approx(1.0, abs=1e-4)
    assert not vectors[2].any()


def test_similarity_min_score_and_top_k_keep_a_subset_of_the_full_table():
    texts = [QUAKE_1, QUAKE_2, QUAKE_1_AGAIN, "Markets fell on Friday as bond yields rose."]
    full = compare.similarity(texts)
    scores = {(a, b): s for a, b, s in full.itertuples(index=False)}
    cut = float(full["score"].median())
    kept = compare.similarity(texts, min_score=cut)
    assert len(kept) == int((full["score"] >= cut).sum())
    assert all(scores[(a, b)] == s for a, b, s in kept.itertuples(index=False))
    top = compare.similarity(texts, top_k=1)
    pairs = set(zip(top["doc_a"], top["doc_b"], strict=True))
    assert ("0", "2") in pairs  # each quake report's best partner is the other report
    for doc in "0123":  # every article keeps its best partner
        mine = full[(full["doc_a"] == doc) | (full["doc_b"] == doc)]
        best = mine.loc[mine["score"].idxmax()]
        assert (best["doc_a"], best["doc_b"]) in pairs
    assert len(top) <= 4
    assert list(top.columns) == ["doc_a", "doc_b", "score"]


def test_profiles_built_apart_stack_to_the_same_scores():
    docs = pd.DataFrame({"doc_id": list("abcd"),
                         "text": [QUAKE_1, QUAKE_2, QUAKE_1_AGAIN, "Markets fell on Friday."]})
    whole = build_profiles(docs)
    parts = profiles.stack([build_profiles(docs.iloc[:2]), build_profiles(docs.iloc[2:])])
    left, right = np.array([0, 0, 1, 2]), np.array([2, 3, 2, 3])
    assert parts.doc_ids == whole.doc_ids
    assert (score_pairs(parts, left, right) == score_pairs(whole, left, right)).all()
    picked = profiles.take(whole, np.array([2, 0]))
    assert picked.doc_ids == ["c", "a"]
    assert score_pairs(picked, np.array([0]), np.array([1]))[0] == score_pairs(
        whole, np.array([0]), np.array([2]))[0]


def test_large_corpora_are_profiled_in_chunks_with_the_same_result(monkeypatch):
    """Memory follows the packed rows: a corpus above ``PROFILE_CHUNK`` is profiled chunk by
    chunk (tables split by article) and stacked, identical to one pass."""
    docs = pd.DataFrame({"doc_id": list("abcde"),
                         "text": [QUAKE_1, QUAKE_2, QUAKE_1_AGAIN, "Markets fell on Friday.",
                                  QUAKE_2 + " The hospital reopened."]})
    entities = _entities([("a", "GPE", "Huaraz"), ("c", "GPE", "Huaraz"), ("e", "GPE", "Tumbes")])
    figures = _figures([("a", "count", "14", 14.0, "people", None),
                        ("c", "count", "14", 14.0, "people", None)])
    whole = build_profiles(docs, entities, figures)
    monkeypatch.setattr(profiles, "PROFILE_CHUNK", 2)
    chunked = build_profiles(docs, entities, figures)
    assert chunked.doc_ids == whole.doc_ids and chunked.has_tables
    left, right = np.triu_indices(len(docs), 1)
    assert (score_pairs(chunked, left, right) == score_pairs(whole, left, right)).all()
