"""Stories kept across runs: ids stay stable, a new article joins the story it belongs to or
opens a new one, known articles are never re-scored, and a crash (an exception or ``kill -9``
inside the update) leaves the state of the run before; the ``newskit stories`` command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from story_corpus import TOPIC_WORDS, corpus, invented_name, story_text

from helpers.cli import main as cli_main
from helpers.compare import engine, placement, profile_store, state
from helpers.compare.candidates import Pairs
from helpers.compare.grouping import JOIN_LEVEL
from helpers.compare.profiles import build_profiles
from helpers.compare.scoring import merge_level


def _two_runs(table: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Run 1: the first article of every story but the last; run 2: everything."""
    first = table[(table["doc_id"].str.endswith("_0")) & (table["story"] < table["story"].max())]
    return first.reset_index(drop=True), table


def test_new_articles_join_their_stories_and_ids_stay(tmp_path):
    path = tmp_path / "stories.sqlite"
    run1, run2 = _two_runs(corpus(6, per_story=3, seed=11))
    before = state.update(run1, path)
    assert before.n_new == 5 and before.n_opened == 5 and before.run == 1
    after = state.update(run2, path)
    assert after.n_known == 5 and after.n_new == 13 and after.run == 2
    assert after.n_joined == 10 and after.n_opened == 1  # story 5 is new
    ids = dict(zip(after.table["doc_id"], after.table["story_id"], strict=True))
    for doc_id, story_id in zip(before.table["doc_id"], before.table["story_id"], strict=True):
        assert ids[doc_id] == story_id  # never renamed
    for story in range(6):
        assert len({ids[f"a{story:03d}_{k}"] for k in range(3)}) == 1
    assert ids["a005_0"] == "s6"  # numbered after every earlier story
    assert (after.table["story_size"] == 3).all()


def _bridged_story(seed: int) -> pd.DataFrame:
    """A story of four articles (b, c, d on event X; a on X and, in its second half, on event
    Y), then a new article n on Y alone, published six days after a and eleven after the
    others: outside their candidate window, so a is its only candidate partner."""
    rng = np.random.default_rng(seed)

    def names() -> list[str]:
        return [invented_name(rng) for _ in range(6)] + [str(w) for w in
                                                 rng.choice(TOPIC_WORDS, 6, replace=False)]

    x, y = names(), names()
    texts = {"b": story_text(rng, x), "c": story_text(rng, x), "d": story_text(rng, x),
             "a": story_text(rng, x, 70) + " " + story_text(rng, y, 70),
             "n": story_text(rng, y)}
    days = {"b": 1, "c": 1, "d": 2, "a": 6, "n": 12}
    return pd.DataFrame({"doc_id": list(texts), "text": list(texts.values()),
                         "published": pd.to_datetime([f"2024-03-{days[k]:02d}"
                                                      for k in texts])})


@pytest.mark.parametrize("seed", [3, 4, 5])
def test_new_article_is_weighed_against_the_whole_known_story(tmp_path, seed):
    """n matches a, the story's one article on Y, but not the story: it opens a story of its
    own, as one batch run of the same five articles groups them."""
    table = _bridged_story(seed)
    path = tmp_path / "stories.sqlite"
    assert state.update(table.iloc[:4], path).n_opened == 1
    after = state.update(table, path)
    assert after.n_joined == 0 and after.n_opened == 1
    ids = dict(zip(after.table["doc_id"], after.table["story_id"], strict=True))
    assert ids["n"] != ids["a"] and len({ids[k] for k in "abcd"}) == 1
    batch = engine.story_graph(build_profiles(table)).labels
    assert batch[4] != batch[3] and len(set(batch[:4])) == 1


def test_nothing_new_changes_nothing(tmp_path):
    path = tmp_path / "stories.sqlite"
    table = corpus(4, seed=12)
    table.attrs["files"] = {d: f"{d}.txt" for d in table["doc_id"]}  # as a loaded corpus has
    first = state.update(table, path)
    assert first.table.attrs == table.attrs
    again = state.update(table, path)
    assert again.n_new == 0 and again.run == 0
    pd.testing.assert_frame_equal(first.table, again.table)


def test_known_articles_are_not_rescored(tmp_path, monkeypatch):
    """Pairs of known articles are scored only when new articles bridge their two stories
    (none do here: each new article belongs to one story)."""
    path = tmp_path / "stories.sqlite"
    run1, run2 = _two_runs(corpus(6, per_story=3, seed=13))
    state.update(run1, path)
    known = set(run1["doc_id"])
    scored = []
    real = placement.scores

    def spy(profiles, pairs, options=None):
        ids = np.asarray(profiles.doc_ids)
        scored.extend(zip(ids[pairs.left], ids[pairs.right], strict=True))
        return real(profiles, pairs, options)

    monkeypatch.setattr(placement, "scores", spy)
    state.update(run2, path)
    assert scored and not [p for p in scored if p[0] in known and p[1] in known]


def test_changed_text_counts_as_new(tmp_path):
    path = tmp_path / "stories.sqlite"
    table = corpus(3, seed=14)
    table["content_hash"] = [f"h{i}" for i in range(len(table))]
    state.update(table, path)
    table.loc[4, "content_hash"] = "edited"
    again = state.update(table, path)
    assert again.n_new == 1 and again.n_joined == 1


def test_crash_inside_the_update_keeps_the_previous_state(tmp_path, monkeypatch):
    path = tmp_path / "stories.sqlite"
    run1, run2 = _two_runs(corpus(6, per_story=3, seed=15))
    clean = tmp_path / "clean.sqlite"
    state.update(run1, clean)
    expected = state.update(run2, clean).table
    state.update(run1, path)
    real = state._write_articles

    def crash(conn, rows):
        real(conn, rows[: len(rows) // 2])  # half written, then the process "dies"
        raise KeyboardInterrupt

    monkeypatch.setattr(state, "_write_articles", crash)
    with pytest.raises(KeyboardInterrupt):
        state.update(run2, path)
    with state.connect(path) as conn:
        assert set(state.read(conn).stories) == set(run1["doc_id"])
    assert _profile_count(path) == len(run1)  # the run's profiles went with it
    monkeypatch.setattr(state, "_write_articles", real)
    pd.testing.assert_frame_equal(state.update(run2, path).table, expected)


_KILLED = textwrap.dedent("""
    import sys, time
    import pandas as pd
    from helpers.compare import state
    real = state._write_articles
    def write_then_hang(conn, rows):
        real(conn, rows)
        print("written", flush=True)
        time.sleep(600)
    state._write_articles = write_then_hang
    state.update(pd.read_pickle(sys.argv[1]), sys.argv[2])
""")


def test_kill_9_during_the_update_loses_nothing(tmp_path):
    path = tmp_path / "stories.sqlite"
    run1, run2 = _two_runs(corpus(6, per_story=3, seed=16))
    state.update(run1, path)
    run2.to_pickle(tmp_path / "run2.pkl")
    proc = subprocess.Popen([sys.executable, "-c", _KILLED, str(tmp_path / "run2.pkl"),
                             str(path)], stdout=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        assert proc.stdout.readline().strip() == "written"
    finally:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    with state.connect(path) as conn:
        assert set(state.read(conn).stories) == set(run1["doc_id"])
    assert _profile_count(path) == len(run1)
    after = state.update(run2, path)
    assert after.run == 2 and after.n_new == 13


def test_reset_forgets_every_story(tmp_path):
    path = tmp_path / "stories.sqlite"
    table = corpus(3, seed=17)
    state.update(table, path)
    state.reset(path)
    assert state.update(table, path).n_new == len(table)


def test_stories_command_keeps_stories_across_runs(tmp_path, capsys):
    table = corpus(4, per_story=2, seed=18)
    folder = tmp_path / "news"
    folder.mkdir()
    for row in table.itertuples():
        if row.doc_id != "a003_1":
            (folder / f"{row.doc_id}.txt").write_text(f"{row.title}\n\n{row.text}\n")
    db = tmp_path / "state" / "stories.sqlite"
    assert cli_main(["stories", "--corpus", str(folder), "--state", str(db)]) == 0
    out = capsys.readouterr().out
    assert "7 articles, 0 known" in out and "4 new stories" in out
    first = pd.read_csv(db.with_suffix(".csv"))
    assert (first["first_story_id"] == first["story_id"]).all()  # nothing merged yet
    row = table[table["doc_id"] == "a003_1"].iloc[0]
    (folder / "a003_1.txt").write_text(f"{row.title}\n\n{row.text}\n")
    assert cli_main(["stories", "--corpus", str(folder), "--state", str(db),
                     "--table", str(tmp_path / "t.csv")]) == 0
    out = capsys.readouterr().out
    assert "8 articles, 7 known" in out and "1 joined earlier stories" in out
    second = pd.read_csv(tmp_path / "t.csv").set_index("doc_id")["story_id"]
    assert (first.set_index("doc_id")["story_id"] == second[first["doc_id"]].values).all()
    assert cli_main(["stories", "--corpus", str(folder), "--state", str(db), "--reset"]) == 0
    assert "8 articles, 0 known" in capsys.readouterr().out


def _profile_count(path) -> int:
    with state.connect(path) as conn:
        return conn.execute("SELECT COUNT(*) FROM profiles").fetchone()[0]


@pytest.mark.parametrize("chunk", [2000, 4])
def test_an_update_profiles_only_what_the_state_has_not_profiled(tmp_path, monkeypatch, chunk):
    """Undated articles: every known one is read, but only the new ones are profiled, and the
    stories are those of an update that profiles everything again (also when the profiles
    are read in chunks that mix stored and new articles)."""
    monkeypatch.setattr(profile_store, "CHUNK", chunk)
    path, cold = tmp_path / "stories.sqlite", tmp_path / "cold.sqlite"
    run1, run2 = _two_runs(corpus(6, per_story=3, seed=19, dated=False))
    for p in (path, cold):
        assert state.update(run1, p).n_profiled == len(run1)
    with state.connect(cold) as conn:
        conn.execute("DELETE FROM profiles")
    warm, rebuilt = state.update(run2, path), state.update(run2, cold)
    assert warm.n_profiled == warm.n_new == 13 and warm.n_profiles_cached == 5
    assert rebuilt.n_profiled == 18 and rebuilt.n_profiles_cached == 0
    pd.testing.assert_frame_equal(warm.table, rebuilt.table)
    assert _profile_count(path) == _profile_count(cold) == 18


def test_stored_profiles_decode_to_the_built_arrays():
    built = build_profiles(corpus(3, per_story=2, seed=20))
    back = profile_store.decode(built.doc_ids, profile_store.encode(built), built.has_tables)
    for name in ("terms", "titles", "leads", "people", "years"):
        a, b = getattr(built, name), getattr(back, name)
        assert a.shape == b.shape and (a != b).nnz == 0 and b.dtype == a.dtype
    assert np.array_equal(built.embedding, back.embedding)
    assert np.array_equal(built.sentences, back.sentences)
    assert np.array_equal(built.published, back.published, equal_nan=True)


def test_edited_text_or_new_profile_code_rebuilds_stored_profiles(tmp_path, monkeypatch):
    path = tmp_path / "stories.sqlite"
    run1, run2 = _two_runs(corpus(6, per_story=3, seed=21, dated=False))
    state.update(run1, path)
    edited = run2.copy()  # no content_hash: the story is kept, the profile is not
    edited.loc[edited["doc_id"] == "a000_0", "text"] += " Officials said more."
    assert state.update(edited, path).n_profiled == 14
    more = pd.concat([run2, corpus(1, per_story=1, seed=22, dated=False)
                      .assign(doc_id="z")], ignore_index=True)
    monkeypatch.setattr(profile_store, "profile_key", lambda has_tables: "other code")
    assert state.update(more, path).n_profiled == len(more)


def _bridged_stories(seed: int) -> pd.DataFrame:
    """Two reports of one event told with different names (a, b: too far apart to join), an
    unrelated report c, three reports n0..n2 that use both sets of names, and an unrelated d."""
    rng = np.random.default_rng(seed)

    def names() -> list[str]:
        return [invented_name(rng) for _ in range(6)] + [str(w) for w in
                                                 rng.choice(TOPIC_WORDS, 6, replace=False)]

    x, y, z, w = names(), names(), names(), names()
    texts = {"a": story_text(rng, x), "b": story_text(rng, y), "c": story_text(rng, z)}
    texts.update({f"n{k}": story_text(rng, x + y) for k in range(3)})
    texts["d"] = story_text(rng, w)
    return pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_new_articles_that_bridge_two_stories_merge_them_under_the_older_id(tmp_path, seed):
    table, last = _bridged_stories(seed).iloc[:6], _bridged_stories(seed)
    path = tmp_path / "stories.sqlite"
    for n in (1, 2, 3):  # a, b and c each open a story: s1, s2, s3
        assert state.update(table.iloc[:n], path).n_opened == 1
    after = state.update(table, path)
    ids = dict(zip(after.table["doc_id"], after.table["story_id"], strict=True))
    assert after.n_merged == 1 and ids["b"] == ids["a"] == "s1" and ids["c"] == "s3"
    assert {ids[f"n{k}"] for k in range(3)} == {"s1"}
    assert after.merged.to_dict("records") == [{"story_id": "s2", "merged_into": "s1",
                                                "run": 4}]
    first = dict(zip(after.table["doc_id"], after.table["first_story_id"], strict=True))
    assert first["b"] == "s2" and first["a"] == "s1" and first["n0"] == "s1"
    assert after.table.set_index("doc_id").loc["b", "story_size"] == 5
    batch = engine.story_graph(build_profiles(table)).labels  # one run over everything
    assert len(set(batch[[0, 1, 3, 4, 5]])) == 1 and batch[2] != batch[0]
    later = state.update(last, path)
    assert later.n_merged == 0 and later.merged.equals(after.merged)  # the old id resolves
    assert later.n_opened == 1 and later.table["story_id"].iloc[-1] == "s4"  # never s2 again


def test_a_state_written_before_profiles_and_merges_is_read_and_extended(tmp_path):
    """A state file of the first release (articles and runs only) keeps its stories."""
    import sqlite3

    path = tmp_path / "stories.sqlite"
    run1, run2 = _two_runs(corpus(6, per_story=3, seed=23))
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE articles (doc_id TEXT PRIMARY KEY, content_hash TEXT,"
                 " story INTEGER NOT NULL, run INTEGER NOT NULL)")
    conn.execute("CREATE TABLE runs (run INTEGER PRIMARY KEY, at TEXT NOT NULL, n_new INTEGER"
                 " NOT NULL, n_joined INTEGER NOT NULL, n_opened INTEGER NOT NULL)")
    hashes = state.update(run1, tmp_path / "other.sqlite").table["content_hash"]
    conn.executemany("INSERT INTO articles VALUES (?, ?, ?, 1)",
                     [(d, h, 10 + k) for k, (d, h) in enumerate(zip(run1["doc_id"], hashes,
                                                                     strict=True))])
    conn.execute("INSERT INTO runs VALUES (1, '2024-03-01T00:00:00Z', 5, 0, 5)")
    conn.commit()
    conn.close()
    after = state.update(run2, path)
    assert after.n_known == 5 and after.n_profiled == 18 and after.n_opened == 1
    ids = dict(zip(after.table["doc_id"], after.table["story_id"], strict=True))
    assert ids["a000_0"] == ids["a000_2"] == "s10" and ids["a005_0"] == "s15"
    assert (after.table["first_story_id"] == after.table["story_id"]).all()


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
