"""Per-document result cache: an SQLite file keyed by content, pipeline version and model.

Each entry holds one document's extracted records as compressed JSON with a checksum, so a
torn or corrupted entry is detected and recomputed rather than trusted. SQLite's journal makes
every write atomic, so a crash never leaves a half-written entry behind.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import zlib
from pathlib import Path
from typing import Any

from . import __version__

#: Modules and data whose change invalidates cached results.
_PIPELINE_SOURCES = (
    "pipeline.py", "entities.py", "quotes.py", "speakers.py", "figures.py", "numbers.py",
    "dates.py", "citations.py", "lexicons.py", "nlp.py",
)


def default_folder() -> Path:
    """``$NEWSKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/newskit``, else ``~/.cache/newskit``."""
    if os.environ.get("NEWSKIT_CACHE_DIR"):
        return Path(os.environ["NEWSKIT_CACHE_DIR"])
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "newskit"


@functools.lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Kit version plus a hash of the extractor code and lexicons, so edits invalidate the cache."""
    here = Path(__file__).parent
    digest = hashlib.sha256(__version__.encode())
    for name in _PIPELINE_SOURCES:
        path = here / name
        if path.is_file():
            digest.update(name.encode() + path.read_bytes())
    data = here / "data"
    if data.is_dir():
        for path in sorted(data.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(data).as_posix().encode() + path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def entry_key(content_hash: str, reference: str, model: str) -> str:
    """Cache key of one document's results."""
    raw = "\x1f".join([content_hash, reference, pipeline_version(), model])
    return hashlib.sha256(raw.encode()).hexdigest()


class ResultCache:
    """A folder holding ``results.sqlite``; safe to open from several processes."""

    def __init__(self, folder: str | Path | None = None):
        self.folder = Path(folder) if folder is not None else default_folder()
        self.folder.mkdir(parents=True, exist_ok=True)
        self.path = self.folder / "results.sqlite"
        self._conn = sqlite3.connect(self.path, timeout=60, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=NORMAL")
        self._conn.execute(
            "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, checksum TEXT, payload BLOB)"
        )

    def get_many(self, keys: list[str]) -> dict[str, dict[str, Any]]:
        """Entries found for ``keys``; corrupted ones are deleted and left out."""
        found: dict[str, dict[str, Any]] = {}
        bad: list[str] = []
        for i in range(0, len(keys), 500):
            chunk = keys[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._conn.execute(
                f"SELECT key, checksum, payload FROM results WHERE key IN ({marks})", chunk
            ).fetchall()
            for key, checksum, payload in rows:
                try:
                    if hashlib.sha256(payload).hexdigest() != checksum:
                        raise ValueError("checksum mismatch")
                    found[key] = json.loads(zlib.decompress(payload))
                except (ValueError, zlib.error, TypeError):
                    bad.append(key)
        if bad:
            self.delete(bad)
        return found

    def put_many(self, entries: dict[str, dict[str, Any]]) -> None:
        rows = []
        for key, value in entries.items():
            payload = zlib.compress(json.dumps(value, ensure_ascii=False, default=str).encode(), 3)
            rows.append((key, hashlib.sha256(payload).hexdigest(), payload))
        with self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", rows)

    def delete(self, keys: list[str]) -> None:
        with self._conn:
            self._conn.executemany("DELETE FROM results WHERE key = ?", [(k,) for k in keys])

    def __len__(self) -> int:
        return self._conn.execute("SELECT COUNT(*) FROM results").fetchone()[0]

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
