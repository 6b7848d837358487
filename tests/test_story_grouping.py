"""Story grouping from a sparse list of scored pairs (helpers.compare.grouping.group)."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.compare import group


def _naive_average_linkage(n: int, scores: dict[tuple[int, int], float],
                           threshold: float) -> list[int]:
    """Reference: merge the best pair of clusters (mean over all cross pairs, absent = 0)
    one at a time until the best mean is below ``threshold``."""
    clusters = [[i] for i in range(n)]

    def mean(a: list[int], b: list[int]) -> float:
        total = sum(scores.get((min(i, j), max(i, j)), 0.0) for i in a for j in b)
        return total / (len(a) * len(b))

    while len(clusters) > 1:
        best, pair = -1.0, None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                m = mean(clusters[x], clusters[y])
                if m > best:
                    best, pair = m, (x, y)
        if best < threshold:
            break
        x, y = pair
        clusters[x] = clusters[x] + clusters.pop(y)
    labels = [0] * n
    for k, members in enumerate(sorted(clusters, key=min)):
        for i in members:
            labels[i] = k
    return labels


def test_two_cliques_joined_by_one_strong_pair_stay_apart():
    # 0-1-2 and 3-4-5 are stories; 2-3 share one link above the merge level (say, a name in
    # common): single linkage would chain the two, average linkage does not.
    left = np.array([0, 0, 1, 3, 3, 4, 2])
    right = np.array([1, 2, 2, 4, 5, 5, 3])
    scores = np.array([0.9, 0.8, 0.85, 0.9, 0.8, 0.95, 0.7])
    labels = group(6, left, right, scores, threshold=0.5)
    assert labels.tolist() == [0, 0, 0, 1, 1, 1]
    assert labels.dtype == np.int64


def test_absent_pairs_count_as_unrelated():
    # 0-1 and 1-2 match, 0-2 is not in the list: the mean of {0,1} with 2 is (0.7 + 0) / 2.
    labels = group(3, np.array([0, 1]), np.array([1, 2]), np.array([0.9, 0.7]), threshold=0.5)
    assert labels.tolist() == [0, 0, 1]
    # Listing 0-2 as a match brings 2 in.
    labels = group(3, np.array([0, 1, 0]), np.array([1, 2, 2]), np.array([0.9, 0.7, 0.6]),
                   threshold=0.5)
    assert labels.tolist() == [0, 0, 0]


def test_labels_numbered_by_first_appearance_and_isolated_articles_alone():
    labels = group(5, np.array([4, 1]), np.array([2, 3]), np.array([0.9, 0.9]), threshold=0.5)
    assert labels.tolist() == [0, 1, 2, 1, 2]


def test_a_single_article_joins_at_a_lower_level_than_two_stories_merge():
    # {0..3} and {4..7} are stories (0.9) that match each other at 0.6; 8 matches the first
    # at 0.55 and the second at 0.
    n, a, b, s = _two_groups(4, 4, within=0.9, across=0.6)
    a, b = np.concatenate([a, np.arange(4)]), np.concatenate([b, np.full(4, 8)])
    s = np.concatenate([s, np.full(4, 0.55)])
    assert group(9, a, b, s, threshold=0.7, join_level=0.5).tolist() == [0] * 4 + [1] * 4 + [0]
    # plain average linkage at 0.7 leaves the single article alone
    assert group(9, a, b, s, threshold=0.7, join_level=0.7).tolist() == [0] * 4 + [1] * 4 + [2]


def test_no_pairs_and_no_articles():
    assert group(3, np.array([], dtype=np.int64), np.array([], dtype=np.int64),
                 np.array([])).tolist() == [0, 1, 2]
    assert group(0, np.array([], dtype=np.int64), np.array([], dtype=np.int64),
                 np.array([])).tolist() == []


def test_pair_order_and_self_pairs_do_not_matter():
    a = group(4, np.array([0, 2, 1]), np.array([1, 3, 1]), np.array([0.9, 0.8, 1.0]), 0.5)
    b = group(4, np.array([3, 1]), np.array([2, 0]), np.array([0.8, 0.9]), 0.5)
    assert a.tolist() == b.tolist() == [0, 0, 1, 1]


@pytest.mark.parametrize("seed", range(6))
def test_same_groups_as_one_merge_at_a_time(seed):
    rng = np.random.default_rng(seed)
    n = 14
    a, b = np.triu_indices(n, k=1)
    keep = rng.random(len(a)) < 0.5
    a, b = a[keep], b[keep]
    story = rng.integers(0, 4, n)
    s = np.where(story[a] == story[b], rng.uniform(0.5, 1.0, len(a)),
                 rng.uniform(0.0, 0.6, len(a)))
    pairs = zip(a.tolist(), b.tolist(), strict=True)
    expected = _naive_average_linkage(n, dict(zip(pairs, s.tolist(), strict=True)), 0.4)
    assert group(n, a, b, s, threshold=0.4, join_level=0.4).tolist() == expected


def _two_groups(small: int, big: int, within: float, across: float
                ) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """Articles ``0..big-1`` (one story) and ``big..big+small-1`` (another group), every pair
    scored ``within`` inside a group and ``across`` between the two."""
    n = big + small
    a, b = np.triu_indices(n, k=1)
    same = (a < big) == (b < big)
    return n, a, b, np.where(same, within, across)


def test_a_fragment_of_up_to_three_articles_joins_at_the_join_level():
    # Three short reports that match each other (0.9) and the story of four at 0.55: above the
    # join level (0.5), below the merge level (0.7): a fragment, it joins.
    n, a, b, s = _two_groups(3, 4, within=0.9, across=0.55)
    assert group(n, a, b, s, threshold=0.7, join_level=0.5).tolist() == [0] * 7


def test_two_stories_of_four_need_the_merge_level():
    n, a, b, s = _two_groups(4, 4, within=0.9, across=0.55)
    assert group(n, a, b, s, threshold=0.7, join_level=0.5).tolist() == [0] * 4 + [1] * 4
