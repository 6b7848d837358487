"""Stories kept across runs: ids stay stable, a new article joins the story it belongs to or
opens a new one, known articles are never re-scored, and a crash (an exception or ``kill -9``
inside the update) leaves the state of the run before; the ``newskit stories`` command."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pandas as pd
import pytest
from story_corpus import TOPIC_WORDS, corpus, invented_name, story_text

from helpers.cli import main as cli_main
from helpers.compare import engine, placement, profile_store, state
from helpers.compare.profiles import build_profiles


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
    pairs = _pair_count(path)
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
    assert _profile_count(path) == len(run1) and _pair_count(path) == pairs
    after = state.update(run2, path)
    assert after.run == 2 and after.n_new == 13


def test_reset_forgets_every_story(tmp_path):
    path = tmp_path / "stories.sqlite"
    table = corpus(3, seed=17)
    state.update(table, path)
    assert _pair_count(path) > 0
    state.reset(path)
    assert _pair_count(path) == 0
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


def _pair_count(path) -> int:
    with state.connect(path) as conn:
        return conn.execute("SELECT COUNT(*) FROM scored_pairs").fetchone()[0]


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
