"""Per-document result cache: an SQLite file keyed by content, pipeline version and model.

Each entry holds one document's extracted records as compressed JSON with a checksum, so a
torn or corrupted entry is detected and recomputed rather than trusted. SQLite (write-ahead
log, one transaction per batch) makes every write atomic, so a crash never leaves a
half-written entry behind, and several processes can read and write the same cache at once.
The cache is an optimisation: when it cannot be opened or written (read-only folder, disk
full, a file that is not a database), the analysis goes on without it, with a warning.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import time
import warnings
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ._version import __version__

#: Top-level modules and packages whose change does NOT invalidate cached results
#: (presentation, tooling, and the pipeline, whose assembly formats are versioned by hand:
#: ``ENTRY_FORMAT`` here, ``helpers.pipeline.TABLES_FORMAT``). Everything else is hashed, so a
#: change to any module of an extractor package (``entities/``, ``attribution/``, ...) counts.
_NOT_PIPELINE = {
    "__init__.py", "api.py", "cli.py", "cache.py", "bench.py", "bench_load.py", "story_bench.py",
    "dask_engine.py", "exports.py", "notebook.py", "pipeline", "reports.py", "schema.py",
}
#: Layers above the extractors (story matching and comparison read the cached tables; they never
#: change what is cached), so editing them keeps the cache.
_NOT_PIPELINE_DIRS = {
    "analysis", "compare", "plots", "evaluation", "reports", "templates", "__pycache__",
}
_COMPRESSION = 1  # zlib level: entries are small; speed matters more than the last few bytes
#: Layout of a cached entry (``pipeline.columnar``); part of every key, so a change of layout
#: never reads old entries.
ENTRY_FORMAT = "columnar-1"


class CacheWarning(UserWarning):
    """The cache could not be used as asked; the analysis went on without it."""


def default_folder() -> Path:
    """``$NEWSKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newskit``, else ``~/.cache/newskit``."""
    if os.environ.get("NEWSKIT_CACHE_DIR"):
        return Path(os.environ["NEWSKIT_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "newskit"


@functools.lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Kit version plus a hash of the extractor code and data files (everything in the package
    except presentation and tooling modules), so editing an extractor invalidates the cache."""
    return f"{__version__}+{code_digest(Path(__file__).parent)}"


def code_digest(package: Path) -> str:
    """Hash of the files of ``package`` that decide what the extractors produce: every data
    file, and every module except those of ``_NOT_PIPELINE`` and ``_NOT_PIPELINE_DIRS``."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(package.rglob("*")):
        rel = path.relative_to(package)
        if not path.is_file() or _NOT_PIPELINE_DIRS.intersection(rel.parts[:-1]):
            continue
        if rel.parts[0] != "data" and (path.suffix != ".py" or rel.parts[0] in _NOT_PIPELINE):
            continue
        digest.update(rel.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


def entry_key(content_hash: str, reference: str, model: str) -> str:
    """Cache key of one document's results."""
    raw = "\x1f".join([content_hash, reference, pipeline_version(), model, ENTRY_FORMAT])
    return hashlib.sha256(raw.encode()).hexdigest()


def encode(value: Any) -> tuple[bytes, str]:
    """``(payload, checksum)`` of one entry."""
    payload = zlib.compress(
        json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str).encode(),
        _COMPRESSION,
    )
    return payload, hashlib.blake2b(payload, digest_size=16).hexdigest()


def decode(payload: bytes, checksum: str) -> Any:
    """The value of one entry; ``ValueError`` when it is damaged."""
    if not isinstance(payload, bytes) or hashlib.blake2b(
        payload, digest_size=16
    ).hexdigest() != checksum:
        raise ValueError("checksum mismatch")
    value = json.loads(zlib.decompress(payload))
    if not isinstance(value, dict):
        raise ValueError("entry is not a record set")
    return value


class ResultCache:
    """A folder holding ``results.sqlite``; safe to open from several processes at once."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else default_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "results.sqlite"
        self._write_failed = False
        try:
            self._conn = self._connect()
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError) and "locked" in str(exc):
                raise
            # Not a database (truncated, overwritten): keep it aside for inspection, start anew.
            aside = self.path.with_name(f"results.sqlite.corrupt-{int(time.time())}")
            os.replace(self.path, aside)
            for suffix in ("-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            warnings.warn(
                f"result cache {self.path} was damaged ({exc}); moved to {aside.name}, "
                "starting an empty cache", CacheWarning, stacklevel=2,
            )
            self._conn = self._connect()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        try:
            conn.execute("PRAGMA busy_timeout=60000")
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS results "
                "(key TEXT PRIMARY KEY, checksum TEXT, payload BLOB)"
            )
            conn.execute(
                "CREATE TABLE IF NOT EXISTS analyses (key TEXT, name TEXT, checksum TEXT, "
                "payload BLOB, used REAL, PRIMARY KEY (key, name))"
            )
            conn.execute("SELECT COUNT(*) FROM (SELECT 1 FROM results LIMIT 1)").fetchone()
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn

    def get_many(self, keys: list[str]) -> dict[str, dict[str, Any]]:
        """Entries found for ``keys``; damaged ones are deleted and left out (recomputed)."""
        found: dict[str, dict[str, Any]] = {}
        bad: list[str] = []
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                marks = ",".join("?" * len(chunk))
                rows = self._conn.execute(
                    f"SELECT key, checksum, payload FROM results WHERE key IN ({marks})", chunk
                ).fetchall()
                for key, checksum, payload in rows:
                    try:
                        found[key] = decode(payload, checksum)
                    except (ValueError, zlib.error, TypeError, UnicodeDecodeError):
                        bad.append(key)
        except sqlite3.DatabaseError as exc:
            warnings.warn(f"result cache {self.path} unreadable ({exc}); recomputing",
                          CacheWarning, stacklevel=2)
            return found
        if bad:
            self.delete(bad)
        return found

    def put_many(self, entries: dict[str, dict[str, Any]]) -> None:
        """Store entries in one transaction; a failure (disk full, read-only) only warns."""
        if not entries or self._write_failed:
            return
        rows = [(key, *reversed(encode(value))) for key, value in entries.items()]
        self._transaction(lambda: self._conn.executemany(
            "INSERT OR REPLACE INTO results (key, checksum, payload) VALUES (?, ?, ?)", rows
        ))

    def _transaction(self, work: Callable[[], Any]) -> None:
        """Run ``work`` in one write transaction; a database failure (disk full, read-only)
        only warns and turns further writes off."""
        try:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                work()
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")
        except sqlite3.DatabaseError as exc:
            self._write_failed = True
            warnings.warn(f"cannot write the result cache {self.path} ({exc}); going on "
                          "without storing results", CacheWarning, stacklevel=3)

    # Whole-corpus results: the linked tables of one exact corpus (same documents, same
    # per-document keys), so re-analysing an unchanged corpus (every notebook of a report, a
    # re-run) reads a few Parquet blobs instead of decoding and assembling every document.

    def get_tables(self, key: str, names: tuple[str, ...]) -> dict[str, Any] | None:
        """The tables stored under ``key``, or None (also when any of them is damaged)."""
        import io

        import pandas as pd

        try:
            rows = self._conn.execute(
                "SELECT name, checksum, payload FROM analyses WHERE key = ?", (key,)
            ).fetchall()
        except sqlite3.DatabaseError:
            return None
        found = {}
        for name, checksum, payload in rows:
            try:
                if hashlib.blake2b(payload, digest_size=16).hexdigest() != checksum:
                    raise ValueError("checksum mismatch")
                found[name] = pd.read_parquet(io.BytesIO(payload))
            except Exception:  # any damage: recompute from the per-document entries
                self._drop_tables(key)
                return None
        if set(found) != set(names):
            return None
        try:
            with self._conn:
                self._conn.execute("UPDATE analyses SET used = ? WHERE key = ?", (time.time(), key))
        except sqlite3.DatabaseError:
            pass
        return found

    def put_tables(self, key: str, tables: dict[str, Any], keep: int = 8) -> None:
        """Store ``tables`` under ``key``; only the ``keep`` most recently used corpora stay."""
        import io

        if self._write_failed:
            return
        rows = []
        now = time.time()
        try:
            for name, table in tables.items():
                buffer = io.BytesIO()
                table.to_parquet(buffer, index=False)
                payload = buffer.getvalue()
                rows.append((key, name, hashlib.blake2b(payload, digest_size=16).hexdigest(),
                             payload, now))
        except Exception:  # a table Parquet cannot hold (odd extra columns): skip the shortcut
            return
        def store() -> None:
            self._conn.executemany(
                "INSERT OR REPLACE INTO analyses (key, name, checksum, payload, used) "
                "VALUES (?, ?, ?, ?, ?)", rows
            )
            self._conn.execute(
                "DELETE FROM analyses WHERE key NOT IN (SELECT key FROM analyses "
                "GROUP BY key ORDER BY MAX(used) DESC LIMIT ?)", (keep,)
            )

        self._transaction(store)

    def _drop_tables(self, key: str) -> None:
        try:
            with self._conn:
                self._conn.execute("DELETE FROM analyses WHERE key = ?", (key,))
        except sqlite3.DatabaseError:
            pass

    def delete(self, keys: list[str]) -> None:
        try:
            with self._conn:
                self._conn.executemany("DELETE FROM results WHERE key = ?", [(k,) for k in keys])
        except sqlite3.DatabaseError:
            pass  # they stay damaged and are recomputed again next time

    def __len__(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_cache(folder: str | Path | None = None) -> ResultCache | None:
    """A ``ResultCache``, or None (with a warning) when the folder cannot hold one."""
    try:
        return ResultCache(folder)
    except (OSError, sqlite3.Error) as exc:
        where = folder if folder is not None else default_folder()
        warnings.warn(f"result cache unavailable at {where} ({exc}); running without it",
                      CacheWarning, stacklevel=2)
        return None
