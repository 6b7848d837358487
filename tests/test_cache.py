"""The per-document result cache: reuse, invalidation, damage, concurrency, unusable folders."""

from __future__ import annotations

import multiprocessing as mp
import os
import sqlite3

import pandas as pd
import pytest

import helpers
from helpers import schema
from helpers.cache import CacheWarning, ResultCache, code_digest, decode, encode, entry_key


def assert_same(a, b):
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_cache_reuses_results(tmp_path, seed_documents, seed_analysis):
    first = helpers.analyze(seed_documents, cache=tmp_path)
    assert first.info["n_parsed"] == 2
    second = helpers.analyze(seed_documents, cache=tmp_path)
    assert second.info["n_parsed"] == 0 and second.info["n_cached"] == 2
    assert_same(first, second)
    assert_same(seed_analysis, second)


def test_a_loaded_corpus_keeps_its_file_notes_cold_and_warm(tmp_path, seed_documents):
    docs = seed_documents.copy()
    docs.attrs = {"skipped": [{"path": "broken.pdf", "reason": "unreadable"}],
                  "files": {f"a{i}.txt": {"lines": i} for i in range(500)}}
    cold = helpers.analyze(docs, cache=tmp_path)
    warm = helpers.analyze(docs, cache=tmp_path)
    assert warm.info["n_parsed"] == 0
    for run in (cold, warm):
        assert run.documents.attrs == docs.attrs
    warm.documents.attrs["skipped"].append({"path": "x", "reason": "y"})
    assert len(docs.attrs["skipped"]) == 1  # the caller's notes are a copy, not shared


def test_per_document_entries_serve_a_changed_corpus(tmp_path, seed_documents):
    helpers.analyze(seed_documents, cache=tmp_path)
    # One article alone is a different corpus (no whole-corpus hit) but needs no parse.
    one = helpers.analyze(seed_documents.iloc[:1], cache=tmp_path)
    assert one.info["n_parsed"] == 0 and one.info["n_cached"] == 1
    fresh = helpers.analyze(seed_documents.iloc[:1], cache=False)
    assert_same(fresh, one)


def test_new_or_changed_articles_are_parsed(tmp_path, seed_documents):
    helpers.analyze(seed_documents, cache=tmp_path)
    changed = seed_documents.copy()
    changed.loc[0, "text"] = changed.loc[0, "text"] + " One more sentence."
    changed = changed.drop(columns=["content_hash"])
    again = helpers.analyze(changed, cache=tmp_path)
    assert again.info["n_parsed"] == 1 and again.info["n_cached"] == 1


def test_reference_date_is_part_of_the_key():
    assert entry_key("h", "2024-01-01", "m") != entry_key("h", "2024-01-02", "m")
    assert entry_key("h", "", "m") != entry_key("h", "", "other-model")


@pytest.mark.parametrize(
    ("changed", "invalidates"),
    [
        ("entities/naming.py", True),  # any module of an extractor package
        ("entities/__init__.py", True),
        ("lexicons.py", True),
        ("data/entity_gazetteer.csv", True),
        ("pipeline/memory.py", False),  # assembly: versioned by hand (TABLES_FORMAT)
        ("cli.py", False),
        ("reports/build.py", False),
        ("compare/scoring.py", False),  # story matching reads the cached tables
    ],
)
def test_the_key_follows_extractor_code_and_data(tmp_path, changed, invalidates):
    """``pipeline_version`` hashes the package by its files, packages included."""
    for rel in ("entities/__init__.py", "entities/naming.py", "lexicons.py",
                "data/entity_gazetteer.csv", "pipeline/__init__.py", "pipeline/memory.py",
                "cli.py", "reports/__init__.py", "reports/build.py", "compare/scoring.py"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"# {rel}\n")
    before = code_digest(tmp_path)
    with (tmp_path / changed).open("a") as fh:
        fh.write("x = 1\n")
    assert (code_digest(tmp_path) != before) == invalidates


def test_corrupted_entries_are_recomputed(tmp_path, seed_documents, seed_analysis):
    helpers.analyze(seed_documents, cache=tmp_path)
    with ResultCache(tmp_path) as store:
        store._conn.execute("UPDATE results SET payload = X'00'")
        store._conn.execute("UPDATE analyses SET payload = X'00'")
    again = helpers.analyze(seed_documents, cache=tmp_path)
    assert again.info["n_parsed"] == 2
    assert_same(seed_analysis, again)
    third = helpers.analyze(seed_documents, cache=tmp_path)
    assert third.info["n_parsed"] == 0


def test_damaged_entry_detected_by_checksum():
    payload, checksum = encode({"entities": {"start": [1]}})
    assert decode(payload, checksum) == {"entities": {"start": [1]}}
    flipped = bytes([payload[0] ^ 1]) + payload[1:]
    with pytest.raises(ValueError):
        decode(flipped, checksum)


def test_file_that_is_not_a_database_is_set_aside(tmp_path, seed_documents):
    (tmp_path / "results.sqlite").write_bytes(b"this is not sqlite" * 100)
    with pytest.warns(CacheWarning, match="damaged"):
        analysis = helpers.analyze(seed_documents, cache=tmp_path)
    assert analysis.info["n_parsed"] == 2
    assert list(tmp_path.glob("results.sqlite.corrupt-*"))
    assert helpers.analyze(seed_documents, cache=tmp_path).info["n_parsed"] == 0


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_unwritable_cache_folder_only_warns(tmp_path, seed_documents):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.warns(CacheWarning):
            analysis = helpers.analyze(seed_documents, cache=folder / "sub")
        assert len(analysis.documents) == 2
    finally:
        folder.chmod(0o700)


def test_read_only_database_only_warns(tmp_path, seed_documents, monkeypatch):
    store = ResultCache(tmp_path)

    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(ResultCache, "_connect", lambda self: _ReadOnly(store._conn, refuse))
    with pytest.warns(CacheWarning, match="cannot write"):
        analysis = helpers.analyze(seed_documents, cache=tmp_path)
    assert len(analysis.entities) > 0


class _ReadOnly:
    """A connection whose writes fail, as on a read-only file or a full disk."""

    def __init__(self, conn, refuse):
        self._conn, self._refuse = conn, refuse

    def execute(self, sql, *args):
        if sql.lstrip().upper().startswith(("BEGIN", "INSERT", "UPDATE", "DELETE")):
            self._refuse()
        return self._conn.execute(sql, *args)

    def executemany(self, sql, *args):
        self._refuse()

    def close(self):
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def _writer(folder: str, start: int, n: int) -> None:
    store = ResultCache(folder)
    for i in range(start, start + n):
        store.put_many({f"key{i}": {"entities": {"start": [i]}}})
    store.close()


def test_concurrent_writers_lose_nothing(tmp_path):
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_writer, args=(str(tmp_path), i * 100, 100)) for i in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    with ResultCache(tmp_path) as store:
        assert len(store) == 300
        got = store.get_many([f"key{i}" for i in range(300)])
    assert got["key250"] == {"entities": {"start": [250]}}
