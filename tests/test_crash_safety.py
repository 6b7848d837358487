"""Crash safety: ``kill -9`` in the middle of ``newskit extract`` and ``newskit report``, then a
re-run that finishes with tables identical to an uninterrupted run; corrupted cache entries are
recomputed; outputs appear under their final names only when complete."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import helpers
from helpers import schema
from helpers.cache import CacheWarning, ResultCache
from helpers.exports import write_tables
from helpers.pipeline import TABLE_NAMES, extract_folder

NEWSKIT = Path(sys.executable).with_name("newskit")
ROOT = Path(__file__).resolve().parents[1]

_PEOPLE = ["Maria Lopez", "John Smith", "Aiko Tanaka", "Olu Adeyemi", "Petra Novak", "Li Wei"]
_PLACES = ["Madrid", "Chicago", "Osaka", "Lagos", "Prague", "Shenzhen", "Kyiv", "Lima"]
_ORGS = ["the World Bank", "Siemens", "the United Nations", "Reuters", "Toyota", "NATO"]


def make_corpus(folder: Path, n: int, seed: int = 8) -> Path:
    """``n`` short, distinct news-like articles (generated, deterministic)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        person, place, org = rng.choice(_PEOPLE), rng.choice(_PLACES), rng.choice(_ORGS)
        sentences = [
            f"{person}, a spokesperson for {org}, said on Monday that {rng.randint(2, 900)} "
            f"people had been affected in {place}.",
            f'"We expect costs of ${rng.randint(1, 99)}.{rng.randint(1, 9)} million," '
            f"{person.split()[-1]} told reporters.",
            f"Prices rose {rng.randint(1, 40)}% in {rng.choice(['March', 'May', 'June'])} "
            f"{rng.randint(2015, 2024)}, according to {rng.choice(_ORGS)}.",
            f"Article number {i} closes with a note from {rng.choice(_PLACES)}.",
        ]
        rng.shuffle(sentences)
        (folder / f"a{i:04d}.txt").write_text(" ".join(sentences) + "\n")
    return folder


def _cache_entries(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM results").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def _kill_when(proc: subprocess.Popen, ready, timeout: float = 240) -> None:
    """SIGKILL ``proc`` as soon as ``ready()`` holds; fail if it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"process ended (rc={proc.returncode}) before it could be killed: {err}")
        if ready():
            # The whole process group: the command and any kernel or worker it started, as a
            # power cut or the OOM killer would.
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
            assert proc.returncode == -signal.SIGKILL
            return
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    pytest.fail("the condition to kill was never reached")


def _assert_same_tables(folder_a: Path, folder_b: Path) -> None:
    a, b = helpers.Analysis.load(folder_a), helpers.Analysis.load(folder_b)
    for name in TABLE_NAMES:
        left, right = getattr(a, name), getattr(b, name)
        if name == "documents":  # paths differ only by the folder name they were read from
            left, right = left.drop(columns="path"), right.drop(columns="path")
        pd.testing.assert_frame_equal(left, right, obj=name)


def _assert_complete_or_absent(folder: Path) -> None:
    """Every file under a final (non-hidden) name is complete and readable."""
    for path in folder.rglob("*"):
        if any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue  # temporary names
        if path.is_file() and path.suffix == ".parquet":
            pd.read_parquet(path)
        elif path.is_file() and path.suffix == ".csv":
            pd.read_csv(path)
        elif path.is_file() and path.suffix == ".json":
            json.loads(path.read_text())


@pytest.mark.slow
def test_kill_during_extract_then_rerun(tmp_path):
    corpus = make_corpus(tmp_path / "corpus", 160)
    cache, out = tmp_path / "cache", tmp_path / "out"
    command = [str(NEWSKIT), "extract", "--corpus", str(corpus), "--out", str(out),
               "--cache-dir", str(cache)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    db = cache / "results.sqlite"
    _kill_when(proc, lambda: _cache_entries(db) >= 1)
    cached_at_kill = _cache_entries(db)
    assert 0 < cached_at_kill < 160, cached_at_kill

    # Killed mid-run: no table, CSV or info file exists under its final name.
    for name in TABLE_NAMES:
        assert not (out / f"{name}.parquet").exists(), name
        assert not (out / f"{name}.csv").exists(), name
    assert not (out / "analysis.json").exists()
    # The cache survived the kill: it opens and every entry it holds is valid.
    with ResultCache(cache) as store:
        keys = [k for (k,) in store._conn.execute("SELECT key FROM results")]
        assert len(store.get_many(keys)) == len(keys) >= cached_at_kill

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    info = json.loads((out / "analysis.json").read_text())
    assert info["n_documents"] == 160
    assert info["n_cached"] >= cached_at_kill and info["n_parsed"] == 160 - info["n_cached"]

    baseline = tmp_path / "baseline"
    extract_folder(str(corpus), baseline, cache=False)
    _assert_same_tables(out, baseline)
    for name in TABLE_NAMES[1:]:
        assert (out / f"{name}.csv").read_bytes() == (baseline / f"{name}.csv").read_bytes()
    _assert_complete_or_absent(out)


def _tiny_notebooks(folder: Path) -> Path:
    """One small notebook in the kit's shape, so a report run takes seconds, not minutes."""
    folder.mkdir()
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        'corpus = "seeds"\nmetadata = None\noutlets = None\ndate_from = None\ndate_to = None\n'
        "model = None\noutput_dir = None\ntop_n = 15"
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Tiny\n\nEntities per article."),
        nbformat.v4.new_code_cell("from helpers import notebook"),
        params,
        nbformat.v4.new_code_cell(
            'session = notebook.start("tiny", corpus=corpus, metadata=metadata, outlets=outlets,'
            " date_from=date_from, date_to=date_to, model=model, output_dir=output_dir,"
            " top_n=top_n)"
        ),
        nbformat.v4.new_code_cell(
            'counts = session.analysis.entities.groupby("doc_id").size().rename("n").reset_index()'
            '\nsession.save_table(counts, "entity_counts")\ncounts.head(top_n)'
        ),
    ]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nbformat.write(nb, folder / "tiny.ipynb")
    return folder


@pytest.mark.slow
def test_kill_during_report_then_rerun(tmp_path):
    if not (ROOT / "src" / "helpers" / "reports" / "__init__.py").is_file():
        pytest.skip("the report command is not built yet")
    corpus = make_corpus(tmp_path / "corpus", 12)
    out = tmp_path / "reports"
    env = {**os.environ, "NEWSKIT_NOTEBOOKS": str(_tiny_notebooks(tmp_path / "notebooks")),
           "NEWSKIT_CACHE_DIR": str(tmp_path / "cache")}
    command = [str(NEWSKIT), "report", "--corpus", str(corpus), "--out", str(out)]

    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, start_new_session=True)

    def running() -> bool:  # the run folder has its tables and is executing the notebooks
        return out.is_dir() and any((run / "notebooks").is_dir() for run in out.glob("2*"))

    _kill_when(proc, running)
    killed = [run for run in out.iterdir() if run.name != "latest" and not run.name.startswith(".")]
    assert len(killed) == 1
    assert not (out / "latest").exists()  # a killed run is never published
    manifest = json.loads((killed[0] / "manifest.json").read_text())
    assert manifest["status"] == "running"  # recognisably unfinished
    _assert_complete_or_absent(killed[0] / "tables")

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env)
    assert rerun.returncode == 0, rerun.stderr
    latest = (out / "latest").resolve()
    assert latest != killed[0].resolve()
    assert json.loads((latest / "manifest.json").read_text())["status"] == "ok"
    assert (latest / "index.html").is_file() and (latest / "tiny.html").is_file()

    # The tables equal those of an uninterrupted analysis of the same corpus.
    baseline = tmp_path / "baseline"
    write_tables(helpers.analyze(helpers.load_corpus(corpus), cache=False).tables(), baseline)
    for name in TABLE_NAMES[1:]:
        assert (latest / "tables" / f"{name}.csv").read_bytes() == (
            baseline / f"{name}.csv").read_bytes(), name
    _assert_complete_or_absent(latest)


# --- the cache --------------------------------------------------------------------------------

TEXTS = [
    "Maria Lopez said on Monday that prices rose 4% in Madrid.",
    '"We will act," John Smith told reporters in Chicago.',
    "Aiko Tanaka of Toyota said profits fell to $3 billion in 2023.",
]


def _flip_first_byte(store: ResultCache, table: str, where: str = "") -> None:
    rows = store._conn.execute(f"SELECT rowid, payload FROM {table} {where}").fetchall()
    assert rows, table
    rowid, payload = rows[0]
    damaged = bytes([payload[0] ^ 0xFF]) + payload[1:]
    store._conn.execute(f"UPDATE {table} SET payload = ? WHERE rowid = ?", (damaged, rowid))


def _has_table(store: ResultCache, name: str) -> bool:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"
    return store._conn.execute(query, (name,)).fetchone() is not None


def test_corrupted_cache_entry_is_detected_and_recomputed(tmp_path):
    first = helpers.analyze(TEXTS, cache=tmp_path)
    with ResultCache(tmp_path) as store:
        _flip_first_byte(store, "results")  # one document's entry
        if _has_table(store, "analyses"):  # and the whole-corpus shortcut, if the cache keeps one
            _flip_first_byte(store, "analyses")
    again = helpers.analyze(TEXTS, cache=tmp_path)
    assert again.info["n_parsed"] == 1 and again.info["n_cached"] == 2
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(again, name), obj=name)
    with ResultCache(tmp_path) as store:  # the recomputed entry was stored again
        if _has_table(store, "analyses"):
            store._conn.execute("DELETE FROM analyses")
    third = helpers.analyze(TEXTS, cache=tmp_path)
    assert third.info["n_parsed"] == 0
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(third, name), obj=name)


def test_damaged_cache_file_is_replaced(tmp_path):
    first = helpers.analyze(TEXTS, cache=tmp_path)
    db = tmp_path / "results.sqlite"
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    db.write_bytes(b"this is not a database" * 100)
    with pytest.warns(CacheWarning):
        again = helpers.analyze(TEXTS, cache=tmp_path)
    assert again.info["n_parsed"] == 3
    for name in TABLE_NAMES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(again, name), obj=name)


# --- atomic outputs ---------------------------------------------------------------------------


def test_failed_write_leaves_no_partial_file_under_final_name(tmp_path, monkeypatch, seed_analysis):
    tables = seed_analysis.tables()
    write_tables(tables, tmp_path / "t")  # a previous complete export
    before = {p.name: p.read_bytes() for p in (tmp_path / "t").iterdir()}
    calls = {"n": 0}
    original = pd.DataFrame.to_parquet

    def flaky(self, path, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            Path(path).write_bytes(b"PAR1 half-written")  # what a crash mid-write leaves
            raise OSError(28, "No space left on device")
        return original(self, path, *args, **kwargs)

    monkeypatch.setattr(pd.DataFrame, "to_parquet", flaky)
    with pytest.raises(OSError):
        write_tables(tables, tmp_path / "t")
    calls["n"] = 0
    with pytest.raises(OSError):
        seed_analysis.save(tmp_path / "saved")
    monkeypatch.setattr(pd.DataFrame, "to_parquet", original)
    for name, data in before.items():
        current = (tmp_path / "t" / name).read_bytes()
        assert current == data, name  # the previous complete file, never a half-written one
    _assert_complete_or_absent(tmp_path / "t")
    _assert_complete_or_absent(tmp_path / "saved")


def test_analysis_save_is_atomic_per_table(tmp_path, seed_analysis):
    seed_analysis.save(tmp_path / "a")
    seed_analysis.save(tmp_path / "a")  # overwriting a previous save
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted([f"{n}.parquet" for n in TABLE_NAMES] + ["analysis.json"])
    for name in TABLE_NAMES:
        loaded = getattr(helpers.Analysis.load(tmp_path / "a"), name)
        assert list(loaded.columns[: len(schema.TABLES[name])]) == schema.columns(name)


def test_session_outputs_are_atomic(tmp_path, seed_analysis):
    import matplotlib

    matplotlib.use("agg")
    import matplotlib.pyplot as plt

    from helpers.notebook import Session

    session = Session(analysis=seed_analysis, output_dir=tmp_path, parameters={})
    fig, ax = plt.subplots()
    ax.plot([1, 2], [3, 4])
    ax.set_title("t")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        session.save_figure(fig, "chart")
    plt.close(fig)
    session.save_table(seed_analysis.entities, "entities")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp names left
    _assert_complete_or_absent(tmp_path)
