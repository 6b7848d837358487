"""Placing new articles among known stories: pairs two strong links imply are weighed like the
batch path's closure, a known story's own pairs are never scored or counted twice (their
stored scores count), and known stories merge or split as one run over everything would group
them, with stable ids."""

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
    moved: dict[str, int]  # known article -> its story, where it left its own
    scored: list[frozenset[str]]  # pairs handed to the scorer, every call
    grouped: list[list[tuple[frozenset[str], float]]]  # pairs and weights of each grouping


def _place_made_up(monkeypatch, update: MadeUp,
                   stored: dict[tuple[str, str], float] | None = None,
                   asked: list[set[str]] | None = None) -> Placed:
    """Place ``update`` with its candidates and scores in place of blocking and the scorer;
    ``stored``: the state's stored scores of known pairs; ``asked`` gets the articles of each
    read of them (then not every article need be in the grouping)."""
    names = list(update.story)
    table = {frozenset(p): s for p, s in update.scores.items()}
    scored, grouped = [], []

    def score(profiles, pairs, options=None):
        asked = [frozenset((names[a], names[b])) for a, b in zip(pairs.left, pairs.right,
                                                                 strict=True)]
        scored.extend(asked)
        return np.array([table.get(p, 0.0) for p in asked], dtype=np.float64)

    def spy_group(n, left, right, weights, **kw):
        if asked is not None:
            return real_group(n, left, right, weights, **kw)
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
    kept = sorted(tuple(sorted((names.index(a), names.index(b)))) + (s,)
                  for (a, b), s in (stored or {}).items())
    links = placement.Links(Pairs(np.array([a for a, _, _ in kept], np.int64),
                                  np.array([b for _, b, _ in kept], np.int64)),
                            np.array([s for _, _, s in kept], np.float64))
    source = links
    if asked is not None:
        def among(rows):
            asked.append({names[r] for r in rows})
            return links.among(rows)

        source = SimpleNamespace(among=among)
    done = placement.place(SimpleNamespace(doc_ids=np.array(names)), story_of,
                           int(story_of.max()) + 1, engine.EngineOptions(), source)
    new = [n for n in names if update.story[n] < 0]
    return Placed(dict(zip(new, done.numbers.tolist(), strict=True)), done.merged,
                  {names[r]: k for r, k in done.moved.items()}, scored, grouped)


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


#: A cross mean that merges two established stories, and one between the join and the merge
#: level (a fragment joins at it, an established story does not).
ABOVE = (merge_level() + 1.0) / 2
BETWEEN = (JOIN_LEVEL + merge_level()) / 2


@pytest.mark.parametrize("sizes, bridge, others, merged", [
    (1, BETWEEN, 0.0, True), (1, JOIN_LEVEL / 2, 0.0, False),  # fragments: the join level
    (4, ABOVE, ABOVE, True), (4, ABOVE, (16 * BETWEEN - ABOVE) / 15, False),  # mean of all 16
])
def test_known_stories_a_new_article_links_merge_as_one_run_would_group_them(
        monkeypatch, sizes, bridge, others, merged):
    """Two known stories that j (placed elsewhere) links: the pair it implies between them is
    a link like any other, and the grouping scores their other cross pairs (new articles link
    them). They merge, under the older id, by the rule one run over everything applies: a
    fragment at the join level, two established stories when the mean of all their cross
    pairs reaches the merge level."""
    placed = _place_made_up(monkeypatch, _bridge(sizes, bridge, others))
    assert placed.story == {"j": 3, "c1": 3, "c2": 3}
    assert placed.merged == ({2: 1} if merged else {})
    assert [p for p, _ in placed.grouped[0]].count(frozenset(("a0", "b0"))) == 1
    assert len(placed.grouped) == 1  # one grouping, as one run over everything


def _two_events(joined: float) -> MadeUp:
    """Known story 1 = x0, y0: an early run joined them as two fragments at ``joined``. New
    x1..x3 report x0's event, y1..y3 y0's; the two events share a topic (cross pairs 0.5)."""
    xs, ys = [f"x{k}" for k in range(4)], [f"y{k}" for k in range(4)]
    scores = {(a, b): 0.5 for a in xs for b in ys}
    scores.update({(a, b): 0.9 for group in (xs, ys) for a in group for b in group if a < b})
    scores[("x0", "y0")] = joined
    return MadeUp(story={"x0": 1, "y0": 1, **dict.fromkeys(xs[1:] + ys[1:], -1)},
                  candidates=[(a, b) for group in (xs, ys) for a in group for b in group
                              if a < b and "0" not in a + b]
                  + [("x0", "x1"), ("y0", "y1"), ("x1", "y1")], scores=scores)


def test_a_story_of_two_fragments_splits_when_new_articles_show_two_events(monkeypatch):
    """x0 and y0 were joined when each was alone (0.55: a fragment's join level). With three
    more reports of each event, one run over everything makes two established groups whose
    mean (about 0.5) stays below the merge level: the known story splits. x0's group, the
    earlier, keeps its number; y0 moves to the new story of its event. Their pair's stored
    score counts (it is never scored again)."""
    update = _two_events(joined=0.55)
    stored = {("x0", "y0"): 0.55}
    placed = _place_made_up(monkeypatch, update, stored)
    assert {placed.story[f"x{k}"] for k in (1, 2, 3)} == {1}
    assert {placed.story[f"y{k}"] for k in (1, 2, 3)} == {2}
    assert placed.moved == {"y0": 2} and placed.merged == {}
    assert frozenset(("x0", "y0")) not in placed.scored
    assert dict(placed.grouped[0])[frozenset(("x0", "y0"))] == 0.55  # the stored score


def test_without_a_stored_score_a_known_story_stays_whole(monkeypatch):
    """The same update, nothing stored (a state written before scores were kept): the pair
    counts 1, the state's own decision, and the story does not split."""
    placed = _place_made_up(monkeypatch, _two_events(joined=0.55))
    assert placed.moved == {}
    assert set(placed.story.values()) == {1}


@pytest.mark.parametrize("labels, story, numbers, merged", [
    # a story split in two: the larger piece keeps the number, the other piece a new one
    ([0, 0, 0, 1, 1], [5, 5, 5, 5, -1], [5, 5, 5, 9, 9], {}),
    # a tie: the earlier group keeps it
    ([0, 1], [5, 5], [5, 9], {}),
    # two stories in one group: the older number survives
    ([0, 0, 0], [7, 5, -1], [5, 5, 5], {7: 5}),
    # story 7 split: most of it joins story 5 (absorbed), the rest opens a new story
    ([0, 0, 0, 1, 0], [5, 7, 7, 7, -1], [5, 5, 5, 9, 5], {7: 5}),
])
def test_ids_stay_where_most_of_a_story_is(labels, story, numbers, merged):
    done = placement.assign(np.array(labels), np.array(story), 9)
    assert done.numbers.tolist() == numbers and done.merged == merged


def test_a_stored_link_between_two_stories_moves_an_article_as_one_run_would(monkeypatch):
    """Story 1 holds x0 and y0 (joined early, 0.55); story 2 holds y1, which y0 matched
    strongly (0.9, a stored link). New x1..x3 report x0's event, new y2 y1's. One run over
    everything puts y0 with y1 and y2 (mean 0.525, a fragment's join level) and not with
    x0..x3 (0.475): the stored link, never scored again, moves y0 to story 2. Without it y0
    would only split off, alone."""
    xs = ["x0", "x1", "x2", "x3"]
    scores = {(a, b): 0.9 for a in xs for b in xs if a < b}
    scores.update({("x0", "y0"): 0.55, ("x1", "y0"): 0.45, ("x2", "y0"): 0.45,
                   ("x3", "y0"): 0.45, ("y0", "y1"): 0.9, ("y1", "y2"): 0.9,
                   ("y0", "y2"): 0.15})
    update = MadeUp(story={"x0": 1, "y0": 1, "y1": 2, "x1": -1, "x2": -1, "x3": -1, "y2": -1},
                    candidates=[(a, b) for a in xs for b in xs if a < b] + [("y1", "y2")],
                    scores=scores)
    stored = {("x0", "y0"): 0.55, ("y0", "y1"): 0.9}
    placed = _place_made_up(monkeypatch, update, stored)
    assert placed.story == {"x1": 1, "x2": 1, "x3": 1, "y2": 2}
    assert placed.moved == {"y0": 2} and placed.merged == {}
    assert not {frozenset(("x0", "y0")), frozenset(("y0", "y1"))} & set(placed.scored)
    alone = _place_made_up(monkeypatch, update, {("x0", "y0"): 0.55})
    assert alone.moved == {"y0": 3}


def test_stored_scores_are_asked_for_only_among_the_known_articles_grouped(monkeypatch):
    """n links to story 1 only: story 2 (j0, j1) is not in the grouping, so its stored pairs,
    and its stored pair with story 1, are never asked for."""
    update = MadeUp(story={"k0": 1, "k1": 1, "j0": 2, "j1": 2, "n": -1},
                    candidates=[("k0", "n")], scores={("k0", "n"): 0.9, ("k1", "n"): 0.9})
    stored = {("k0", "k1"): 0.8, ("j0", "j1"): 0.9, ("k1", "j0"): 0.3}
    asked: list[set[str]] = []
    placed = _place_made_up(monkeypatch, update, stored, asked)
    assert asked and all(rows <= {"k0", "k1"} for rows in asked)
    assert {"k0", "k1"} in asked
    assert placed.story == {"n": 1} and placed.merged == {} and placed.moved == {}
