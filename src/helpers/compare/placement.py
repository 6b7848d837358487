"""Where an update of the story state puts its new articles: the batch path's grouping
(:func:`.engine.group_candidates`) over the new articles, the known articles they link to and
the rest of those articles' stories.

Candidate pairs involving a new article that score at least ``MIN_LINK`` link, and the
grouping's lazy completion scores the missing cross pairs of each pair of groups it weighs,
so a new article is weighed against the whole known story (at most ``MAX_JOINED`` of its
articles), not against the one article it happened to pair with. Known articles of one story
enter already joined (their pairs count 1, never re-scored), so a known story never splits;
in this first pass two known stories count as unrelated (their pairs 0).

A second pass (:func:`merge_bridged`) takes the first pass's groups as joined and merges two
of them when a new article's candidate pair links them and the mean over all their cross
pairs (known ones included, scored now) reaches the merge level, the rule by which one run
over everything joins two established groups. So known stories merge only when new articles
bridge them; :func:`assign` keeps the older number. (The fragment level there, letting small
known stories merge at :data:`.grouping.JOIN_LEVEL`, raised ECB+ agreement with the one-shot
grouping more but lowered BBC's: ``scripts/incremental_stories.py``.)

The candidates get the batch path's closure (:func:`.engine.closure`: the pair two strong
candidates imply through a common article), split by what the pair's articles are
(:func:`evidence`): a pair with a new article is a candidate like the others; a pair of two
known articles of different stories (implied through a new article) is bridging evidence,
weighed only by :func:`merge_bridged`, never by the first pass (there two known stories count
0, and a fragment would join at the lower join level); a pair of two known articles of one
story is dropped before it is scored (the story's pairs already count 1). No pair is handed
to a grouping twice (parallel edges would be summed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from .candidates import Pairs, merge
from .engine import MIN_LINK, EngineOptions, candidates, closure, first_seen, scores
from .grouping import Scorer, group
from .profiles import StoryProfiles
from .published import of_documents

#: Known articles of one story in an update's grouping (caps its certain pairs and the pairs
#: completion scores between a new article and the story).
MAX_JOINED = 50


def reach(documents: pd.DataFrame, new: np.ndarray, window: float,
          story_of: np.ndarray) -> np.ndarray:
    """Rows an update reads: the new articles, the known ones within ``window`` days of one
    (all of them when a new article has no date; undated known ones always), and every known
    article of a story one of those belongs to (a new article is weighed against the whole
    story, as the batch path's completion weighs it). ``story_of``: -1 for new rows."""
    when = of_documents(documents)
    if np.isnan(when[new]).any():
        return np.ones(len(documents), dtype=bool)
    lo, hi = np.min(when[new], initial=np.inf), np.max(when[new], initial=-np.inf)
    near = new | ((when >= lo - window) & (when <= hi + window)) | np.isnan(when)
    active = np.unique(story_of[near & (story_of >= 0)])
    return near | np.isin(story_of, active)


def _members(rows: np.ndarray, story_of: np.ndarray, touched: np.ndarray) -> np.ndarray:
    """Known rows (sorted) of the stories that the ``touched`` rows belong to: at most
    ``MAX_JOINED`` a story, the touched ones first, then the latest rows."""
    known = rows[story_of[rows] >= 0]
    stories = np.unique(story_of[touched][story_of[touched] >= 0])
    known = known[np.isin(story_of[known], stories)]
    order = np.lexsort((-known, ~np.isin(known, touched), story_of[known]))
    known, story = known[order], story_of[known[order]]
    starts = np.flatnonzero(np.r_[len(story) > 0, story[1:] != story[:-1]])
    rank = np.arange(len(known)) - np.repeat(starts, np.diff(np.r_[starts, len(known)]))
    return np.sort(known[rank < MAX_JOINED])


def _certain_pairs(rows: np.ndarray, stories: np.ndarray) -> Pairs:
    """Pairs of rows of the same story (``rows`` holds at most ``MAX_JOINED`` known rows a
    story): known stories enter the grouping already joined."""
    order = np.lexsort((rows, stories))
    rows, stories = rows[order], stories[order]
    starts = np.flatnonzero(np.r_[True, stories[1:] != stories[:-1]])
    parts = []
    for members in np.split(rows, starts[1:]):
        a, b = np.triu_indices(len(members), k=1)
        parts.append(Pairs(members[a], members[b]))
    return merge(parts)


@dataclass(frozen=True)
class Links:
    """Scored pairs of profile rows (``left < right``, unique, sorted)."""

    pairs: Pairs
    scores: np.ndarray

    def where(self, mask: np.ndarray) -> Links:
        """The pairs of ``mask`` (order kept)."""
        return Links(Pairs(self.pairs.left[mask], self.pairs.right[mask]), self.scores[mask])


@dataclass(frozen=True)
class Evidence:
    """The scored pairs an update groups by, each scoring at least ``MIN_LINK``."""

    links: Links  # pairs with a new article: its candidates and the pairs they imply
    bridges: Links  # implied pairs of two known articles of different stories


def _not_one_story(story_of: np.ndarray) -> Callable[[Pairs], np.ndarray]:
    """Mask of the pairs that are not two known articles of one story (those count 1
    already: scored again they would be counted twice)."""

    def wanted(pairs: Pairs) -> np.ndarray:
        a, b = story_of[pairs.left], story_of[pairs.right]
        return (a < 0) | (b < 0) | (a != b)

    return wanted


def evidence(profiles: StoryProfiles, story_of: np.ndarray, options: EngineOptions
             ) -> Evidence:
    """The new rows' candidate pairs and the pairs two strong ones imply
    (:func:`.engine.closure`, the batch path's), scored, of at least ``MIN_LINK``: those with
    a new article are links; those of two known articles of different stories (their common
    partner is new) are bridges, for :func:`merge_bridged` only; those of one known story are
    never scored. ``story_of``: -1 for new rows."""
    pairs = candidates(profiles, options, rows=np.flatnonzero(story_of < 0))
    scored = scores(profiles, pairs, options)
    pairs, scored = closure(profiles, pairs, scored, options, wanted=_not_one_story(story_of))
    found = Links(pairs, scored).where(scored >= MIN_LINK)
    new = (story_of[found.pairs.left] < 0) | (story_of[found.pairs.right] < 0)
    return Evidence(found.where(new), found.where(~new))


@dataclass(frozen=True)
class LocalGraph:
    """The articles one update groups: profile ``rows`` (sorted; node k is ``rows[k]``) and
    their known ``story`` numbers (-1 for new articles)."""

    rows: np.ndarray
    story: np.ndarray

    def nodes(self, rows: np.ndarray) -> np.ndarray:
        """Node numbers of profile ``rows`` (all of them in the graph)."""
        return np.searchsorted(self.rows, rows)


def _completion(profiles: StoryProfiles, graph: LocalGraph, options: EngineOptions) -> Scorer:
    """The grouping's scorer of missing node pairs: two known articles are never re-scored
    (1 when of one story, 0 when of two), a pair with a new article is scored as the batch
    path's completion scores it."""
    local = replace(options, engine="local")

    def complete(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        a, b = graph.story[left], graph.story[right]
        known = (a >= 0) & (b >= 0)
        out = (known & (a == b)).astype(np.float64)
        ask = ~known
        if ask.any():
            out[ask] = scores(profiles, Pairs(graph.rows[left[ask]], graph.rows[right[ask]]),
                              local)
        return out

    return complete


def _bridging(profiles: StoryProfiles, graph: LocalGraph, first: np.ndarray,
              options: EngineOptions) -> Scorer:
    """The second pass's scorer of missing node pairs: 1 inside one group of the first pass,
    else the pair's score (two known stories are weighed on their own articles' scores)."""
    local = replace(options, engine="local")

    def complete(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        out = (first[left] == first[right]).astype(np.float64)
        ask = out == 0
        if ask.any():
            out[ask] = scores(profiles, Pairs(graph.rows[left[ask]], graph.rows[right[ask]]),
                              local)
        return out

    return complete


def merge_bridged(profiles: StoryProfiles, graph: LocalGraph, first: np.ndarray, links: Pairs,
                  scored: np.ndarray, options: EngineOptions) -> np.ndarray:
    """Second pass over the groups ``first`` (node labels) of the first pass, each entering
    joined: two groups linked by a pair of ``links`` (node numbers, unique, that scored
    ``scored``: a new article's candidate pairs and the bridges of :func:`evidence`) merge
    when the mean of all their cross pairs reaches the merge level, the batch path's rule for
    two established groups (no fragment level: a known story is established). This is how two
    known stories merge: never by themselves, only when new articles bridge them, as one run
    over all the articles would weigh them. A link inside one group is left out (the group's
    pairs count 1 already; summed with it, the pair would count twice)."""
    from .scoring import merge_level

    certain = _certain_pairs(np.arange(len(first)), first)
    cross = first[links.left] != first[links.right]
    a = np.concatenate([links.left[cross], certain.left])
    b = np.concatenate([links.right[cross], certain.right])
    weight = np.concatenate([scored[cross], np.ones(len(certain))])
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    order = np.lexsort((hi, lo))
    level = merge_level()
    return group(len(first), lo[order], hi[order], weight[order], threshold=level,
                 join_level=level, complete=_bridging(profiles, graph, first, options))


@dataclass(frozen=True)
class Assignment:
    """Story numbers of the local graph's nodes after an update."""

    numbers: np.ndarray  # story number of each node
    next_story: int  # next free story number
    merged: dict[int, int]  # known story absorbed by this update -> the story it joined


def assign(labels: np.ndarray, story_of: np.ndarray, next_story: int) -> Assignment:
    """Story number of every node of the local graph: a group's oldest known story (the
    smallest number; the group's other known stories are absorbed into it), else a new number
    in order of first appearance. ``story_of`` is -1 for new articles."""
    ranks = first_seen(labels)
    n_groups = int(ranks.max()) + 1 if len(ranks) else 0
    none = np.iinfo(np.int64).max
    chosen = np.full(n_groups, none, dtype=np.int64)
    known = story_of >= 0
    np.minimum.at(chosen, ranks[known], story_of[known])
    opened = np.flatnonzero(chosen == none)  # groups of new articles only, in order
    chosen[opened] = next_story + np.arange(len(opened))
    numbers = chosen[ranks]
    moved = known & (numbers != story_of)
    merged = {int(a): int(b) for a, b in zip(story_of[moved], numbers[moved], strict=True)}
    return Assignment(numbers, next_story + len(opened), merged)


@dataclass(frozen=True)
class Placement:
    """Where an update puts its new articles."""

    numbers: np.ndarray  # story number of each new row, in row order
    next_story: int  # next free story number
    merged: dict[int, int]  # known story absorbed -> the (older) story it joined


def place(profiles: StoryProfiles, story_of: np.ndarray, next_story: int,
          options: EngineOptions) -> Placement:
    """Story numbers of the new rows of ``profiles`` (``story_of`` -1; known rows hold their
    story number), in row order, the next free story number and the known stories merged."""
    new_rows = np.flatnonzero(story_of < 0)
    found = evidence(profiles, story_of, options)
    pairs, scored, bridges = found.links.pairs, found.links.scores, found.bridges
    touched = np.unique(np.concatenate([new_rows, pairs.left, pairs.right,
                                        bridges.pairs.left, bridges.pairs.right]))
    old = _members(np.arange(len(story_of)), story_of, touched)
    graph = LocalGraph(np.union1d(touched, old), story_of[np.union1d(touched, old)])
    certain = _certain_pairs(old, story_of[old])
    left = graph.nodes(np.concatenate([pairs.left, certain.left]))
    right = graph.nodes(np.concatenate([pairs.right, certain.right]))
    weight = np.concatenate([scored, np.ones(len(certain))])
    order = np.lexsort((right, left))
    labels = group(len(graph.rows), left[order], right[order], weight[order],
                   complete=_completion(profiles, graph, options))
    links = Pairs(graph.nodes(np.concatenate([pairs.left, bridges.pairs.left])),
                  graph.nodes(np.concatenate([pairs.right, bridges.pairs.right])))
    labels = merge_bridged(profiles, graph, labels, links,
                           np.concatenate([scored, bridges.scores]), options)
    done = assign(labels, graph.story, next_story)
    return Placement(done.numbers[graph.nodes(new_rows)], done.next_story, done.merged)
