"""Where an update of the story state puts its new articles: the batch path's grouping
(:func:`.engine.group_candidates`) over the new articles, the known articles they link to and
the rest of those articles' stories, each article starting alone as in one run over
everything.

Candidate pairs involving a new article (and the pairs two strong ones imply, the batch
path's closure, :func:`evidence`) that score at least ``MIN_LINK`` link, and the grouping's
lazy completion scores the missing cross pairs of each pair of groups it weighs, so a new
article is weighed against the whole known story (at most ``MAX_JOINED`` of its articles),
not against the one article it happened to pair with.

No pair is scored twice: the state stores every score an update computes
(:mod:`.pair_store`), and an update reads those of its known articles instead. A story's own
pairs enter with their stored scores (1, the state's own decision, where none is stored) and
so do the stored pairs between two stories, as links where they reach ``MIN_LINK`` and in
completion. So a touched story is re-formed from its own evidence next to the new articles,
by the rule one run over everything applies: a story that an early run made of two fragments
(two events of one topic, too few articles each to tell them apart then) splits when the new
articles make each an established group, and a new article is weighed against the events, not
against their mixture. A pair of two known stories never scored before is scored only when
new articles link their groups (an implied pair, or completion of two linked groups): then two
known stories merge, or parts of them move, as one run would group them. No pair is handed to
the grouping twice (parallel edges would be summed).

Ids stay stable (:func:`assign`): a story keeps its number where most of its articles are, the
older number survives a merge, and a piece split off gets a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Protocol

import numpy as np
import pandas as pd

from .candidates import Pairs, merge
from .engine import MIN_LINK, EngineOptions, candidates, closure, first_seen, scores
from .grouping import Scorer, group, in_sorted
from .profiles import StoryProfiles
from .published import of_documents

#: Known articles of one story in an update's grouping (caps its certain pairs and the pairs
#: completion scores between a new article and the story): the touched ones first, then the
#: latest. Not exact beyond the cap, and only there: a new article is weighed against those
#: articles of a larger story, not all of them (the mean of the story's pairs is the mean over
#: them); the story's home group (:func:`_homes`) is chosen by how many of them it holds; and
#: the story's other articles never move one by one: they keep the story's number when part
#: of it splits off or moves, and follow it when it is absorbed (the state moves every
#: article of an absorbed story to the survivor).
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


def _story_pairs(rows: np.ndarray, stories: np.ndarray, stored: Links, n: int) -> Links:
    """Pairs of known ``rows`` of one story (``stories``: their story numbers), each weighed
    by its score in ``stored`` (rows of ``n``), 1 where none is stored (the state's own
    decision, as before scores were stored); sorted."""
    pairs = _certain_pairs(rows, stories)  # unique and sorted (candidates.merge)
    return Links(pairs, stored.of(pairs.left, pairs.right, n, missing=1.0))


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

    def of(self, left: np.ndarray, right: np.ndarray, n: int, missing: float) -> np.ndarray:
        """Score of each pair ``(left[k], right[k])`` (``left < right``, rows of ``n``): the
        one held here, ``missing`` where none is."""
        held = self.pairs.left * n + self.pairs.right
        want = left * n + right
        if not len(held):
            return np.full(len(want), missing, dtype=np.float64)
        at = np.minimum(np.searchsorted(held, want), len(held) - 1)
        return np.where(held[at] == want, self.scores[at], missing)

    def among(self, rows: np.ndarray) -> Links:
        """The pairs with both ends in ``rows`` (order kept): a :class:`PairSource` held in
        memory."""
        if not len(self.scores):
            return self
        return self.where(np.isin(self.pairs.left, rows) & np.isin(self.pairs.right, rows))


class PairSource(Protocol):
    """Where an update's stored scores come from: the state (:class:`.pair_store.StoredPairs`,
    read on demand) or :class:`Links` held in memory."""

    def among(self, rows: np.ndarray) -> Links:
        """Stored scores of the pairs with both ends in ``rows`` (profile rows), sorted."""
        ...


def no_links() -> Links:
    """No pairs (an update with nothing stored)."""
    empty = np.zeros(0, dtype=np.int64)
    return Links(Pairs(empty, empty), np.zeros(0, dtype=np.float64))


@dataclass
class ScoredLog:
    """Every pair an update scores (profile rows, ``left < right``) and its score, to store
    (:mod:`.pair_store`): a later update weighs known articles on them without scoring them
    again."""

    parts: list[Links] = field(default_factory=list)

    def add(self, left: np.ndarray, right: np.ndarray, scored: np.ndarray) -> None:
        self.parts.append(Links(Pairs(np.asarray(left, np.int64), np.asarray(right, np.int64)),
                                np.asarray(scored, np.float64)))

    def unique(self, n: int) -> Links:
        """The logged pairs, each once, sorted."""
        if not self.parts:
            return no_links()
        left = np.concatenate([p.pairs.left for p in self.parts])
        right = np.concatenate([p.pairs.right for p in self.parts])
        code, first = np.unique(left * n + right, return_index=True)
        return Links(Pairs(code // n, code % n),
                     np.concatenate([p.scores for p in self.parts])[first])


def _unscored(story_of: np.ndarray, stored: PairSource) -> Callable[[Pairs], np.ndarray]:
    """Mask of the pairs that are neither two known articles of one story (their stored scores
    count already: scored again they would be counted twice) nor stored (only a pair of two
    known stories can be: those are read, among their articles only)."""
    n = len(story_of)

    def wanted(pairs: Pairs) -> np.ndarray:
        a, b = story_of[pairs.left], story_of[pairs.right]
        two = (a >= 0) & (b >= 0) & (a != b)
        held = stored.among(np.union1d(pairs.left[two], pairs.right[two])) if two.any() \
            else no_links()
        return ((a < 0) | (b < 0) | (a != b)) & \
            ~in_sorted(pairs.left * n + pairs.right, held.pairs.left * n + held.pairs.right)

    return wanted


def evidence(profiles: StoryProfiles, story_of: np.ndarray, options: EngineOptions,
             stored: PairSource | None = None, log: ScoredLog | None = None,
             searched: Pairs | None = None) -> Links:
    """The new rows' candidate pairs and the pairs two strong ones imply
    (:func:`.engine.closure`, the batch path's), scored, of at least ``MIN_LINK``; an implied
    pair of two known articles of one story, or one ``stored`` (profile rows), is never
    scored. ``story_of``: -1 for new rows; ``log`` gets every pair scored; ``searched``: the
    new rows' candidate pairs when the search ran over more articles than ``profiles`` holds
    (:mod:`.update_rows`)."""
    pairs = searched if searched is not None else \
        candidates(profiles, options, rows=np.flatnonzero(story_of < 0))
    scored = scores(profiles, pairs, options)
    pairs, scored = closure(profiles, pairs, scored, options,
                            wanted=_unscored(story_of, stored if stored is not None
                                                else no_links()))
    if log is not None:
        log.add(pairs.left, pairs.right, scored)
    return Links(pairs, scored).where(scored >= MIN_LINK)


@dataclass(frozen=True)
class KnownPairs:
    """What the state holds on the pairs of an update's known articles (node numbers,
    ``left < right``, sorted)."""

    own: Links  # every pair of one story (at most MAX_JOINED a story): stored score, else 1
    stored: Links  # every stored pair of two nodes (of one story or of two)

    def edges(self, story: np.ndarray) -> Links:
        """The pairs that link in the grouping (at least ``MIN_LINK``): a story's own, and the
        stored links between two stories (``story``: each node's known story)."""
        two = story[self.stored.pairs.left] != story[self.stored.pairs.right]
        both = [self.own.where(self.own.scores >= MIN_LINK),
                self.stored.where(two & (self.stored.scores >= MIN_LINK))]
        return Links(Pairs(*(np.concatenate([getattr(p.pairs, side) for p in both])
                             for side in ("left", "right"))),
                     np.concatenate([p.scores for p in both]))


@dataclass(frozen=True)
class LocalGraph:
    """The articles one update groups: profile ``rows`` (sorted; node k is ``rows[k]``) and
    their known ``story`` numbers (-1 for new articles)."""

    rows: np.ndarray
    story: np.ndarray

    def nodes(self, rows: np.ndarray) -> np.ndarray:
        """Node numbers of profile ``rows`` (all of them in the graph)."""
        return np.searchsorted(self.rows, rows)


def _completion(profiles: StoryProfiles, graph: LocalGraph, known: KnownPairs,
                log: ScoredLog, options: EngineOptions) -> Scorer:
    """The grouping's scorer of missing node pairs: two known articles of one story are never
    re-scored (their weight in ``known.own``), nor a stored pair of two stories; any other
    pair (its groups are linked through new articles) is scored as the batch path's
    completion scores it, and logged."""
    local = replace(options, engine="local")
    n = len(graph.rows)

    def complete(left: np.ndarray, right: np.ndarray) -> np.ndarray:
        a, b = graph.story[left], graph.story[right]
        same = (a >= 0) & (a == b)
        out = np.full(len(left), np.nan)
        out[same] = known.own.of(left[same], right[same], n, missing=1.0)
        two = (a >= 0) & (b >= 0) & ~same
        out[two] = known.stored.of(left[two], right[two], n, missing=np.nan)
        ask = np.isnan(out)
        if ask.any():
            rows = Pairs(graph.rows[left[ask]], graph.rows[right[ask]])
            out[ask] = scores(profiles, rows, local)
            log.add(rows.left, rows.right, out[ask])
        return out

    return complete


@dataclass(frozen=True)
class Assignment:
    """Story numbers of the local graph's nodes after an update."""

    numbers: np.ndarray  # story number of each node
    next_story: int  # next free story number
    merged: dict[int, int]  # known story absorbed by this update -> the story it joined


def _homes(ranks: np.ndarray, story_of: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The known stories of the nodes and each one's home: the group (``ranks``) holding most
    of its articles here, the earlier group on a tie."""
    known = story_of >= 0
    stories, inverse = np.unique(story_of[known], return_inverse=True)
    n_groups = int(ranks.max()) + 1
    code, count = np.unique(inverse * n_groups + ranks[known], return_counts=True)
    story, grp = code // n_groups, code % n_groups
    order = np.lexsort((grp, -count, story))
    first = np.r_[True, story[order][1:] != story[order][:-1]] if len(order) else order
    home = np.empty(len(stories), dtype=np.int64)
    home[story[order][first]] = grp[order][first]
    return stories, home


def assign(labels: np.ndarray, story_of: np.ndarray, next_story: int) -> Assignment:
    """Story number of every node of the local graph. Each known story's number goes to its
    home group (the one holding most of its articles here), so a story keeps its id wherever
    most of it stays; a group that is the home of several keeps the oldest (smallest) and
    absorbs the others; a group that is no story's home (new articles, or a piece split off
    a story) opens a new number, in order of first appearance. ``story_of`` is -1 for new
    articles."""
    ranks = first_seen(labels)
    n_groups = int(ranks.max()) + 1 if len(ranks) else 0
    none = np.iinfo(np.int64).max
    chosen = np.full(n_groups, none, dtype=np.int64)
    stories, home = _homes(ranks, story_of) if (story_of >= 0).any() else (ranks[:0], ranks[:0])
    np.minimum.at(chosen, home, stories)
    opened = np.flatnonzero(chosen == none)  # no story's home, in order
    chosen[opened] = next_story + np.arange(len(opened))
    absorbed = chosen[home] != stories
    merged = {int(a): int(b) for a, b in zip(stories[absorbed], chosen[home][absorbed],
                                             strict=True)}
    return Assignment(chosen[ranks], next_story + len(opened), merged)


@dataclass(frozen=True)
class Placement:
    """Where an update puts its new articles, and the known ones it moves."""

    numbers: np.ndarray  # story number of each new row, in row order
    next_story: int  # next free story number
    merged: dict[int, int]  # known story absorbed -> the (older) story it joined
    #: known row -> its story now, where that is neither its story nor the one it was absorbed
    #: into (a piece split off a story, or moved to another)
    moved: dict[int, int] = field(default_factory=dict)
    #: pairs scored by this update to store (:func:`_to_store`)
    store: Links = field(default_factory=no_links)


def held(story_of: np.ndarray, searched: Pairs) -> np.ndarray:
    """The rows (sorted) whose profiles :func:`place` reads once the new rows' candidate pairs
    are ``searched``: the new rows, the pairs' ends and, of each known story one of those ends
    belongs to, its latest ``MAX_JOINED`` rows (the grouping weighs at most that many of a
    story, its touched rows first, which are ends, then its latest, :func:`_members`). Placed
    among these rows alone, the new rows go where they go among all (:mod:`.update_rows`)."""
    ends = np.unique(np.concatenate([np.flatnonzero(story_of < 0), searched.left,
                                     searched.right]))
    stories = np.unique(story_of[ends][story_of[ends] >= 0])
    known = np.flatnonzero(np.isin(story_of, stories))
    order = np.lexsort((-known, story_of[known]))
    known, story = known[order], story_of[known[order]]
    starts = np.flatnonzero(np.r_[len(story) > 0, story[1:] != story[:-1]])
    rank = np.arange(len(known)) - np.repeat(starts, np.diff(np.r_[starts, len(known)]))
    return np.union1d(ends, known[rank < MAX_JOINED])


def place(profiles: StoryProfiles, story_of: np.ndarray, next_story: int,
          options: EngineOptions, stored: PairSource | None = None,
          searched: Pairs | None = None) -> Placement:
    """Story numbers of the new rows of ``profiles`` (``story_of`` -1; known rows hold their
    story number), in row order, the next free story number, the known stories merged, the
    known rows moved and the scored pairs to store. ``stored``: stored scores of pairs of
    known rows (rows of ``profiles``), never scored again; only those among the known rows
    the grouping holds (and the implied pairs' ends, :func:`evidence`) are asked for.
    ``searched``: the new rows' candidate pairs, searched over more rows (:func:`held`)."""
    new_rows = np.flatnonzero(story_of < 0)
    stored = stored if stored is not None else no_links()
    log = ScoredLog()
    found = evidence(profiles, story_of, options, stored, log, searched)
    touched = np.unique(np.concatenate([new_rows, found.pairs.left, found.pairs.right]))
    old = _members(np.arange(len(story_of)), story_of, touched)
    graph = LocalGraph(np.union1d(touched, old), story_of[np.union1d(touched, old)])
    on_nodes = _on_nodes(stored.among(graph.rows[graph.story >= 0]), graph)
    known = KnownPairs(_story_pairs(graph.nodes(old), story_of[old], on_nodes,
                                    len(graph.rows)), on_nodes)
    edges = known.edges(graph.story)
    left = np.concatenate([graph.nodes(found.pairs.left), edges.pairs.left])
    right = np.concatenate([graph.nodes(found.pairs.right), edges.pairs.right])
    weight = np.concatenate([found.scores, edges.scores])
    order = np.lexsort((right, left))
    labels = group(len(graph.rows), left[order], right[order], weight[order],
                   complete=_completion(profiles, graph, known, log, options))
    done = assign(labels, graph.story, next_story)
    return Placement(done.numbers[graph.nodes(new_rows)], done.next_story, done.merged,
                     _moved(graph, done), _to_store(log, len(story_of)))


def _on_nodes(stored: Links, graph: LocalGraph) -> Links:
    """The ``stored`` pairs (profile rows) of two nodes of ``graph``, as node numbers."""
    if not len(stored.scores):
        return no_links()
    inside = np.isin(stored.pairs.left, graph.rows) & np.isin(stored.pairs.right, graph.rows)
    kept = stored.where(inside)
    return Links(Pairs(graph.nodes(kept.pairs.left), graph.nodes(kept.pairs.right)),
                 kept.scores)


def _moved(graph: LocalGraph, done: Assignment) -> dict[int, int]:
    """Known rows whose story now is neither theirs nor the one theirs was absorbed into."""
    known = np.flatnonzero(graph.story >= 0)
    went = np.array([done.merged.get(int(k), int(k)) for k in graph.story[known]], np.int64)
    off = done.numbers[known] != went
    return {int(r): int(k) for r, k in zip(graph.rows[known[off]], done.numbers[known[off]],
                                           strict=True)}


def _to_store(log: ScoredLog, n: int) -> Links:
    """Every pair the update scored, each once: a later update reads them instead of scoring
    known articles again (a story's own pairs to re-form it, links and completed pairs
    between two stories to move articles across them), so no pair is scored twice."""
    return log.unique(n)
