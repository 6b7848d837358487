"""Pair scores kept in the story state: an update stores every pair score it computes and
hands them to the next update instead of scoring known articles again, forgets those of an
edited article or of another scoring (deleting the latter's rows), reads only the pairs among
the articles asked for, and writes the known articles a split moves, in the run's
transaction."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest
from story_corpus import corpus

from helpers.compare import pair_store, placement, state


def _first_two(table: pd.DataFrame) -> pd.DataFrame:
    """The first two articles of every story but the last."""
    keep = table["doc_id"].str.endswith(("_0", "_1")) & (table["story"] < table["story"].max())
    return table[keep].reset_index(drop=True)


def _stored(path) -> dict[frozenset[str], tuple[float, str]]:
    conn = sqlite3.connect(path)
    try:
        return {frozenset((a, b)): (s, k) for a, b, s, k in conn.execute(
            "SELECT x.doc_id, y.doc_id, p.score, k.score_key FROM scored_pairs p"
            " JOIN pair_docs x ON x.id = p.a JOIN pair_docs y ON y.id = p.b"
            " JOIN score_keys k ON k.id = p.key")}
    finally:
        conn.close()


class _Spy:
    """Records the stored scores :func:`placement.place` is handed (as doc_id pairs)."""

    def __init__(self, monkeypatch):
        self.handed: dict[frozenset[str], float] = {}
        real = state.place

        def spy(profiles, story_of, next_story, options, stored=None, searched=None):
            ids = np.asarray(profiles.doc_ids)

            def among(rows):
                found = stored.among(rows)
                for a, b, s in zip(found.pairs.left, found.pairs.right, found.scores,
                                   strict=True):
                    self.handed[frozenset((ids[a], ids[b]))] = float(s)
                return found

            return real(profiles, story_of, next_story, options,
                        SimpleNamespace(among=among), searched=searched)

        monkeypatch.setattr(state, "place", spy)


def test_every_scored_pair_is_stored_and_handed_on_never_scored_again(tmp_path,
                                                                      monkeypatch):
    path = tmp_path / "stories.sqlite"
    table = corpus(4, per_story=3, seed=31)
    scored: list[frozenset[str]] = []
    real = placement.scores

    def spy(profiles, pairs, options=None):
        ids = np.asarray(profiles.doc_ids)
        scored.extend(frozenset(p) for p in zip(ids[pairs.left], ids[pairs.right],
                                                strict=True))
        return real(profiles, pairs, options)

    monkeypatch.setattr(placement, "scores", spy)
    first = state.update(_first_two(table), path)
    story = dict(zip(first.table["doc_id"], first.table["story_id"], strict=True))
    stored = _stored(path)
    assert set(stored) == set(scored)
    assert sum(len({story[d] for d in pair}) == 1 for pair in stored) == 3  # 3 stories of 2
    handed = _Spy(monkeypatch)
    scored.clear()
    state.update(table, path)
    assert handed.handed == {pair: score for pair, (score, _) in stored.items()}
    assert not set(scored) & set(stored)


def test_scores_of_an_edited_article_or_of_another_scoring_are_not_read(tmp_path, monkeypatch):
    path = tmp_path / "stories.sqlite"
    table = corpus(3, per_story=3, seed=32)
    table["content_hash"] = [f"h{i}" for i in range(len(table))]
    state.update(table, path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE scored_pairs SET score = -1")  # marks every row stored so far
    conn.commit()
    conn.close()
    table.loc[0, "content_hash"] = "edited"
    state.update(table, path)
    edited = table.loc[0, "doc_id"]
    rows = _stored(path)
    assert all(score != -1 for pair, (score, _) in rows.items() if edited in pair)
    assert any(score == -1 for pair, (score, _) in rows.items() if edited not in pair)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE score_keys SET score_key = 'another scoring'")
    conn.commit()
    conn.close()
    spy = _Spy(monkeypatch)
    more = pd.concat([table, corpus(4, per_story=3, seed=33).iloc[9:]], ignore_index=True)
    state.update(more, path)
    assert spy.handed == {}


def test_known_articles_a_split_moves_are_written_with_the_run(tmp_path, monkeypatch):
    """An update that splits a known story: the moved article's story changes in the state and
    in the table, every other known article keeps its id, and the old id stays in use."""
    path = tmp_path / "stories.sqlite"
    table = corpus(3, per_story=3, seed=34)
    before = state.update(table.iloc[:6], path)
    moved_id = before.table["doc_id"].iloc[1]
    real = state.place

    def split(profiles, story_of, next_story, options, stored=None, searched=None):
        done = real(profiles, story_of, next_story, options, stored, searched=searched)
        row = list(profiles.doc_ids).index(moved_id)
        return placement.Placement(done.numbers, done.next_story + 1, done.merged,
                                   {row: done.next_story}, done.store)

    monkeypatch.setattr(state, "place", split)
    after = state.update(table, path)
    assert after.n_moved == 1
    ids = dict(zip(after.table["doc_id"], after.table["story_id"], strict=True))
    old = dict(zip(before.table["doc_id"], before.table["story_id"], strict=True))
    assert ids[moved_id] not in set(old.values())
    assert all(ids[d] == s for d, s in old.items() if d != moved_id)
    with state.connect(path) as conn:
        assert f"s{state.read(conn).stories[moved_id]}" == ids[moved_id]


def test_rows_of_another_score_key_are_deleted_by_the_next_update_and_by_reset(tmp_path):
    path = tmp_path / "stories.sqlite"
    table = corpus(4, per_story=3, seed=35)
    state.update(_first_two(table), path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE score_keys SET score_key = 'another scoring'")  # rows of old code
    conn.commit()
    n_old = conn.execute("SELECT COUNT(*) FROM scored_pairs").fetchone()[0]
    conn.close()
    assert n_old > 0
    state.update(table, path)
    rows = _stored(path)
    assert rows and {key for _, key in rows.values()} != {"another scoring"}
    assert len({key for _, key in rows.values()}) == 1
    with state.connect(path) as conn:
        assert conn.execute("SELECT COUNT(*) FROM score_keys").fetchone()[0] == 1
    state.reset(path)
    with state.connect(path) as conn:
        assert [conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0]
                for t in pair_store.TABLES] == [0, 0, 0]


def test_a_read_returns_only_the_pairs_inside_the_asked_rows_by_the_primary_key(tmp_path):
    """Undated articles (an update reaches every known one): a read for some of them gives the
    stored pairs with both ends among them, no other, through the keys, not a table scan."""
    path = tmp_path / "stories.sqlite"
    table = corpus(4, per_story=4, seed=36, dated=False)
    state.update(table, path)
    everything = _stored(path)
    ids = table["doc_id"].tolist()
    key = next(iter(everything.values()))[1]
    asked = np.array([i for i, d in enumerate(ids) if d.startswith(("a000", "a001"))])
    with state.connect(path) as conn:
        found = pair_store.StoredPairs(conn, ids, key).among(asked)
        plan = " ".join(r[-1] for r in conn.execute(f"EXPLAIN QUERY PLAN {pair_store.AMONG}",
                                                    (1,)))
        assert pair_store.StoredPairs(conn, ids, "another scoring").among(asked).pairs.left \
            .size == 0
    inside = {pair: s for pair, (s, _) in everything.items()
              if all(d.startswith(("a000", "a001")) for d in pair)}
    assert inside and len(inside) < len(everything)
    assert {frozenset((ids[a], ids[b])): s for a, b, s in
            zip(found.pairs.left, found.pairs.right, found.scores, strict=True)} == inside
    assert "SCAN p" not in plan and "SEARCH p USING PRIMARY KEY" in plan


def test_stale_rows_are_deleted_in_the_runs_transaction(tmp_path, monkeypatch):
    """A run that fails after deleting the rows of another score key leaves them in place,
    with the rest of the state before the run."""
    path = tmp_path / "stories.sqlite"
    table = corpus(4, per_story=3, seed=37)
    state.update(_first_two(table), path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE score_keys SET score_key = 'another scoring'")
    conn.commit()
    conn.close()
    before = _stored(path)
    real = pair_store._drop_stale

    def drop_then_fail(conn, key):
        real(conn, key)
        raise KeyboardInterrupt

    monkeypatch.setattr(pair_store, "_drop_stale", drop_then_fail)
    with pytest.raises(KeyboardInterrupt):
        state.update(table, path)
    assert _stored(path) == before and {k for _, k in before.values()} == {"another scoring"}
