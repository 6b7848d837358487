"""Lazy completion: the grouping scores, on demand, the cross pairs of two groups that the
sparse pair list lacks, so a sparse list groups as the full list does (helpers.compare.grouping
``group(..., complete=)`` and ``engine.group_candidates``)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from story_corpus import corpus

from helpers.compare import engine, group
from helpers.compare.candidates import CandidateParams, Pairs
from helpers.compare.profiles import build_profiles


def _full(n: int, scores: dict[tuple[int, int], float]) -> tuple[np.ndarray, ...]:
    a, b = np.triu_indices(n, k=1)
    s = np.array([scores.get((i, j), 0.0) for i, j in zip(a.tolist(), b.tolist(), strict=True)])
    return a, b, s


def _scorer(scores: dict[tuple[int, int], float], asked: list[tuple[int, int]]):
    def complete(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        out = []
        for i, j in zip(left.tolist(), right.tolist(), strict=True):
            asked.append((i, j))
            out.append(scores.get((i, j), 0.0))
        return np.array(out)

    return complete


@dataclass(frozen=True)
class SparseList:
    """Every pair of a few stories, scored, and the sparse list a blocker would keep."""

    a: np.ndarray
    b: np.ndarray
    s: np.ndarray
    scores: dict[tuple[int, int], float]
    keep: np.ndarray


def _sparse_list(rng: np.random.Generator, story: np.ndarray, same: tuple[float, float],
                 other: tuple[float, float], share: float) -> SparseList:
    """Pairs within a story score in ``same``, others in ``other``; the list keeps each
    article's best partner and a random ``share`` of the rest: groups are linked, but most of
    their cross pairs are missing."""
    a, b = np.triu_indices(len(story), k=1)
    s = np.where(story[a] == story[b], rng.uniform(*same, len(a)), rng.uniform(*other, len(a)))
    scores = dict(zip(zip(a.tolist(), b.tolist(), strict=True), s.tolist(), strict=True))
    keep = rng.random(len(a)) < share
    for i in range(len(story)):
        mine = np.flatnonzero((a == i) | (b == i))
        keep[mine[np.argmax(s[mine])]] = True
    return SparseList(a, b, s, scores, keep)


def test_missing_cross_pairs_that_match_bring_a_group_together():
    # 0-1 and 2-3 are two halves of one story; the list holds only 0-1, 2-3 and 1-2. Without
    # completion the halves' mean is 0.9 / 4; the unlisted 0-2, 0-3, 1-3 score high as well.
    scores = {(0, 1): 0.95, (2, 3): 0.95, (1, 2): 0.9, (0, 2): 0.85, (0, 3): 0.8, (1, 3): 0.9}
    left, right = np.array([0, 2, 1]), np.array([1, 3, 2])
    listed = np.array([scores[(0, 1)], scores[(2, 3)], scores[(1, 2)]])
    assert group(4, left, right, listed, threshold=0.65).tolist() == [0, 0, 1, 1]
    asked: list[tuple[int, int]] = []
    labels = group(4, left, right, listed, threshold=0.65, complete=_scorer(scores, asked))
    assert labels.tolist() == [0, 0, 0, 0]
    assert not set(asked) & {(0, 1), (2, 3), (1, 2)}  # listed pairs are never re-scored


def test_missing_cross_pairs_that_do_not_match_keep_two_events_apart():
    # One strong listed link between two stories; the unlisted cross pairs score low: the
    # completed mean stays below the level, as with every pair listed.
    scores = {(0, 1): 0.95, (2, 3): 0.95, (1, 2): 0.9, (0, 2): 0.1, (0, 3): 0.05, (1, 3): 0.1}
    left, right = np.array([0, 2, 1]), np.array([1, 3, 2])
    listed = np.array([0.95, 0.95, 0.9])
    labels = group(4, left, right, listed, threshold=0.65, complete=_scorer(scores, []))
    assert labels.tolist() == group(4, *_full(4, scores), threshold=0.65).tolist() == [0, 0, 1, 1]


@pytest.mark.parametrize("seed", range(8))
def test_a_sparse_list_with_completion_groups_as_the_full_list(seed):
    rng = np.random.default_rng(seed)
    n = 24
    pairs = _sparse_list(rng, rng.integers(0, 6, n), (0.55, 1.0), (0.0, 0.3), share=0.33)
    a, b, s, keep = pairs.a, pairs.b, pairs.s, pairs.keep
    expected = group(n, a, b, s)
    sparse = group(n, a[keep], b[keep], s[keep], complete=_scorer(pairs.scores, []))
    assert sparse.tolist() == expected.tolist()


@pytest.mark.parametrize("seed", range(4))
def test_completion_in_small_batches_asks_the_same_pairs_and_groups_the_same(seed):
    # Sixty articles in stories of 3-8 and a sparse list (best partner plus a fifth of the
    # rest): the first rounds complete many group pairs. With batch=3 the scorer never sees
    # more than three pairs at once, yet is asked the same pairs in the same order, and the
    # summed scores (irregular floats) give the same groups.
    rng = np.random.default_rng(100 + seed)
    n = 60
    story = np.repeat(np.arange(12), rng.integers(3, 9, 12))[:n]
    pairs = _sparse_list(rng, story, (0.45, 1.0), (0.0, 0.45), share=0.2)
    a, b, s, keep, scores = pairs.a, pairs.b, pairs.s, pairs.keep, pairs.scores
    whole: list[tuple[int, int]] = []
    batched: list[tuple[int, int]] = []
    sizes: list[int] = []
    small = _scorer(scores, batched)

    def counted(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        sizes.append(len(left))
        return small(left, right)

    expected = group(n, a[keep], b[keep], s[keep], complete=_scorer(scores, whole))
    labels = group(n, a[keep], b[keep], s[keep], complete=counted, batch=3)
    assert len(whole) > 30 and max(sizes) <= 3
    assert batched == whole
    assert labels.tolist() == expected.tolist()


def test_without_completion_the_sparse_list_can_split_a_story():
    rng = np.random.default_rng(3)
    n = 24
    story = np.repeat(np.arange(4), 6)
    a, b = np.triu_indices(n, k=1)
    s = np.where(story[a] == story[b], rng.uniform(0.7, 1.0, len(a)), 0.0)
    chain = b == a + 1  # only neighbours listed
    assert len(set(group(n, a[chain], b[chain], s[chain]).tolist())) > 4
    scores = dict(zip(zip(a.tolist(), b.tolist(), strict=True), s.tolist(), strict=True))
    completed = group(n, a[chain], b[chain], s[chain], complete=_scorer(scores, []))
    assert completed.tolist() == group(n, a, b, s).tolist()


def test_fast_path_with_two_partners_per_article_still_groups_as_exact():
    profiles = build_profiles(corpus(12, per_story=4, seed=11, dated=False))
    options = engine.EngineOptions(candidates=CandidateParams(top_k=2, embedding_k=0))
    pairs = engine.candidates(profiles, options)
    scored = engine.scores(profiles, pairs, options)
    exact = engine.story_graph(profiles, exact=True)
    assert len(pairs) < len(exact.pairs) / 4
    without = engine.group(len(profiles), pairs.left, pairs.right, scored)
    assert not (engine.first_seen(without) == engine.first_seen(exact.labels)).all()
    completed = engine.group_candidates(profiles, pairs, scored, options)
    assert (engine.first_seen(completed) == engine.first_seen(exact.labels)).all()
    fast = engine.story_graph(profiles, options)  # with the implied pairs as well
    assert (engine.first_seen(fast.labels) == engine.first_seen(exact.labels)).all()


def test_two_strong_candidate_pairs_make_their_third_pair_a_candidate():
    # Two partners per article: a story of six reports lacks some of its pairs; closure adds,
    # scored, each pair that two strong candidates through a common article (no hub) imply.
    profiles = build_profiles(corpus(6, per_story=6, seed=12, dated=False))
    options = engine.EngineOptions(candidates=CandidateParams(top_k=2, embedding_k=0))
    pairs = engine.candidates(profiles, options)
    scored = engine.scores(profiles, pairs, options)
    closed, closed_scores = engine.closure(profiles, pairs, scored, options)
    before = list(zip(pairs.left.tolist(), pairs.right.tolist(), strict=True))
    after = list(zip(closed.left.tolist(), closed.right.tolist(), strict=True))
    assert set(before) < set(after) and after == sorted(set(after))
    assert np.array_equal(closed_scores, engine.scores(profiles, closed, options))
    partners: dict[int, set[int]] = {}
    for (i, j), s in zip(before, scored.tolist(), strict=True):
        if s >= engine.JOIN_LEVEL:
            partners.setdefault(i, set()).add(j)
            partners.setdefault(j, set()).add(i)
    implied = {(i, k) for linked in partners.values() if len(linked) <= options.candidates.top_k
               for i in linked for k in linked if i < k}
    assert set(after) - set(before) == implied - set(before)


def test_closure_wants_the_sorted_candidate_list():
    # The implied pairs are slotted into the list by binary search: an unsorted list (not as
    # candidates() gives it) is refused rather than merged out of order.
    profiles = build_profiles(corpus(4, per_story=4, seed=13, dated=False))
    options = engine.EngineOptions(candidates=CandidateParams(top_k=2, embedding_k=0))
    pairs = engine.candidates(profiles, options)
    scored = engine.scores(profiles, pairs, options)
    backwards = Pairs(pairs.left[::-1].copy(), pairs.right[::-1].copy())
    with pytest.raises(ValueError, match="sorted"):
        engine.closure(profiles, backwards, scored[::-1].copy(), options)
