"""Placing new articles among known stories: pairs two strong links imply are weighed like the
batch path's closure, a known story's own pairs are never scored or counted twice, and known
stories merge only through the conservative merge of :func:`placement.merge_bridged`."""

from __future__ import annotations

from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pytest

from helpers.compare import engine, placement
from helpers.compare.candidates import Pairs
from helpers.compare.grouping import JOIN_LEVEL
from helpers.compare.scoring import merge_level


@dataclass(frozen=True)
class MadeUp:
    """An invented update for :func:`placement.place`: each article's known story (-1: new),
    the candidate pairs blocking proposes, and every pair's score (0 unless listed)."""

    story: dict[str, int]
    candidates: list[tuple[str, str]]
    scores: dict[tuple[str, str], float]


@dataclass(frozen=True)
class Placed:
    """What :func:`placement.place` did with a :class:`MadeUp` update."""

    story: dict[str, int]  # story number of each new article
    merged: dict[int, int]
    scored: list[frozenset[str]]  # pairs handed to the scorer, every call
    grouped: list[list[tuple[frozenset[str], float]]]  # pairs and weights of each grouping


def _place_made_up(monkeypatch, update: MadeUp) -> Placed:
    """Place ``update`` with its candidates and scores in place of blocking and the scorer."""
    names = list(update.story)
    table = {frozenset(p): s for p, s in update.scores.items()}
    scored, grouped = [], []

    def score(profiles, pairs, options=None):
        asked = [frozenset((names[a], names[b])) for a, b in zip(pairs.left, pairs.right,
                                                                 strict=True)]
        scored.extend(asked)
        return np.array([table.get(p, 0.0) for p in asked], dtype=np.float64)

    def spy_group(n, left, right, weights, **kw):
        assert n == len(names)  # every article is in the update's graph: node k is row k
        grouped.append([(frozenset((names[a], names[b])), float(w))
                        for a, b, w in zip(left, right, weights, strict=True)])
        return real_group(n, left, right, weights, **kw)

    codes = sorted(tuple(sorted((names.index(a), names.index(b)))) for a, b in
                   update.candidates)
    pairs = Pairs(np.array([a for a, _ in codes], np.int64), np.array([b for _, b in codes],
                                                                      np.int64))
    real_group = placement.group
    monkeypatch.setattr(placement, "candidates", lambda profiles, options, rows=None: pairs)
    monkeypatch.setattr(placement, "scores", score)
    monkeypatch.setattr(engine, "scores", score)
    monkeypatch.setattr(placement, "group", spy_group)
    story_of = np.array([update.story[n] for n in names], np.int64)
    done = placement.place(SimpleNamespace(doc_ids=np.array(names)), story_of,
                           int(story_of.max()) + 1, engine.EngineOptions())
    new = [n for n in names if update.story[n] < 0]
    return Placed(dict(zip(new, done.numbers.tolist(), strict=True)), done.merged, scored,
                  grouped)


def test_a_new_article_joins_a_story_through_another_new_articles_two_strong_links(
        monkeypatch):
    """n2 is no candidate of story 1 (k0, k1); n1 is, strongly, and n2 is n1's strong partner:
    the implied pair (k0, n2) is scored before grouping, as one run over everything scores it.
    Without it n2 first pairs with m, its best candidate, and the two stay apart from the
    story (m has nothing in common with it)."""
    update = MadeUp(
        story={"k0": 1, "k1": 1, "n1": -1, "n2": -1, "m": -1},
        candidates=[("k0", "n1"), ("n1", "n2"), ("n2", "m")],
        scores={("k0", "n1"): 0.9, ("k1", "n1"): 0.9, ("n1", "n2"): 0.6, ("n2", "m"): 0.7,
                ("k0", "n2"): 0.95, ("k1", "n2"): 0.9})
    placed = _place_made_up(monkeypatch, update)
    assert placed.story == {"n1": 1, "n2": 1, "m": 2} and placed.merged == {}
    assert frozenset(("k0", "n2")) in dict(placed.grouped[0])  # a candidate from the start


def test_a_known_storys_own_pairs_are_neither_implied_nor_counted_twice(monkeypatch):
    """n links strongly to k0 and k1, of one known story, and to the new n': the pairs they
    imply with n' are candidates; (k0, k1) is implied too, but the story's pairs count 1
    already: it is never scored, and each pair reaches a grouping once (parallel pairs would
    be summed)."""
    update = MadeUp(
        story={"k0": 1, "k1": 1, "k2": 1, "n": -1, "n'": -1},
        candidates=[("k0", "n"), ("k1", "n"), ("n", "n'")],
        scores={("k0", "n"): 0.9, ("k1", "n"): 0.9, ("k2", "n"): 0.8, ("n", "n'"): 0.8,
                ("k0", "n'"): 0.8, ("k1", "n'"): 0.7, ("k2", "n'"): 0.7})
    placed = _place_made_up(monkeypatch, update)
    assert placed.story == {"n": 1, "n'": 1}
    first = dict(placed.grouped[0])
    assert first[frozenset(("k0", "n'"))] == 0.8 and first[frozenset(("k1", "n'"))] == 0.7
    assert first[frozenset(("k0", "k1"))] == 1.0  # the story's own, certain pair
    for pairs in placed.grouped:
        assert len({p for p, _ in pairs}) == len(pairs)
    assert not [p for p in placed.scored if p <= {"k0", "k1", "k2"}]


def _bridge(sizes: int, bridge: float, others: float) -> MadeUp:
    """Known stories 1 (a0..) and 2 (b0..) of ``sizes`` articles; new j links to a0 and b0
    but belongs with the new c1, c2. The pair (a0, b0) that j implies scores ``bridge``, the
    other cross pairs of the two stories ``others``."""
    a, b = [f"a{k}" for k in range(sizes)], [f"b{k}" for k in range(sizes)]
    scores = {("j", "a0"): 0.6, ("j", "b0"): 0.6, ("j", "c1"): 0.95, ("j", "c2"): 0.95,
              ("c1", "c2"): 0.95}
    scores.update({(x, y): others for x in a for y in b})
    scores[("a0", "b0")] = bridge
    return MadeUp(story={"j": -1, "c1": -1, "c2": -1, **dict.fromkeys(a, 1),
                         **dict.fromkeys(b, 2)},
                  candidates=[("j", "a0"), ("j", "b0"), ("j", "c1"), ("j", "c2"),
                              ("c1", "c2")], scores=scores)


#: A cross mean that merges two known stories, and one between the join and the merge level
#: (a fragment would join at it, an established story does not).
ABOVE = (merge_level() + 1.0) / 2
BETWEEN = (JOIN_LEVEL + merge_level()) / 2


@pytest.mark.parametrize("sizes, bridge, others, merged", [
    (1, ABOVE, 0.0, True), (1, BETWEEN, 0.0, False),  # the merge level, not the join level
    (2, ABOVE, ABOVE, True), (2, ABOVE, (4 * BETWEEN - ABOVE) / 3, False),  # mean of all four
])
def test_known_stories_a_new_article_implies_together_merge_only_at_the_merge_level(
        monkeypatch, sizes, bridge, others, merged):
    """Two known stories that j (placed elsewhere) links strongly: the pair it implies between
    them is weighed only by the second pass (:func:`placement.merge_bridged`), which merges
    them when the mean of all their cross pairs reaches the merge level. In the first pass
    two one-article stories would join at the join level already."""
    placed = _place_made_up(monkeypatch, _bridge(sizes, bridge, others))
    assert placed.story == {"j": 3, "c1": 3, "c2": 3}
    assert placed.merged == ({2: 1} if merged else {})
    bridge_pair = frozenset(("a0", "b0"))
    assert bridge_pair not in dict(placed.grouped[0])  # never in the first pass
    assert [p for p, _ in placed.grouped[1]].count(bridge_pair) == 1
