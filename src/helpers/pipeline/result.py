"""The ``Analysis``: a corpus's tables, saved and loaded.

``Analysis.save`` writes every table as Parquet plus ``analysis.json``, each file replaced
atomically (``_replace``); ``Analysis.load`` reads that layout and the partitioned one
``analyze_to_folder`` writes (``<table>.parquet/part-NNNNN.parquet``).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from .. import schema
from .tables import _conform

TABLE_NAMES = ("documents", *schema.EXTRACTED_TABLES, *schema.CORPUS_TABLES)
#: Tables the pipeline makes and caches (everything but the documents).
MADE_TABLES = (*schema.EXTRACTED_TABLES, *schema.CORPUS_TABLES)
#: Tables an analysis saved by an earlier version of the kit may lack (read as empty).
_LATER_TABLES = ("speakers", "people")


def _read_table(path: Path) -> pd.DataFrame:
    """One table: a Parquet file, or a folder of ``part-*.parquet`` files read in order."""
    if path.is_dir():
        parts = sorted(path.glob("part-*.parquet"))
        frames = [pd.read_parquet(p) for p in parts]
        frames = [f for f in frames if len(f.columns)]
        return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return pd.read_parquet(path)


def _replace(tmp: Path, final: Path) -> None:
    """Move ``tmp`` (file or folder) to ``final``, replacing whatever is there."""
    if tmp.is_dir() and (final.is_file() or final.is_symlink()):
        final.unlink()
    if final.is_dir() and not final.is_symlink():
        trash = final.with_name(f".{final.name}.old-{uuid.uuid4().hex[:8]}")
        os.replace(final, trash)
        os.replace(tmp, final)
        shutil.rmtree(trash, ignore_errors=True)
    else:
        os.replace(tmp, final)


@dataclass
class Analysis:
    """The kit's tables for one corpus (see CONTRACT.md)."""

    documents: pd.DataFrame
    entities: pd.DataFrame
    quotes: pd.DataFrame
    figures: pd.DataFrame
    citations: pd.DataFrame
    info: dict[str, Any] = field(default_factory=dict)
    #: one row per speaker per article (``helpers.profiles``)
    speakers: pd.DataFrame = field(default_factory=lambda: schema.empty("speakers"))
    #: one row per resolved speaker across the corpus
    people: pd.DataFrame = field(default_factory=lambda: schema.empty("people"))

    def tables(self) -> dict[str, pd.DataFrame]:
        return {name: getattr(self, name) for name in TABLE_NAMES}

    def save(self, folder: str | Path) -> Path:
        """Write every table as Parquet plus ``analysis.json``; files are replaced atomically."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        for name, table in self.tables().items():
            tmp = folder / f".{name}.parquet.tmp"
            table.to_parquet(tmp, index=False)
            _replace(tmp, folder / f"{name}.parquet")
        _write_info(folder, self.info)
        return folder

    @classmethod
    def load(cls, folder: str | Path) -> Analysis:
        """Read what ``save`` or ``analyze_to_folder`` wrote (single files or part folders)."""
        folder = Path(folder)
        tables = {}
        for name in TABLE_NAMES:
            path = folder / f"{name}.parquet"
            if name in _LATER_TABLES and not path.exists():
                tables[name] = schema.empty(name)
                continue
            tables[name] = _conform(_read_table(path), name)
        info_path = folder / "analysis.json"
        info = json.loads(info_path.read_text()) if info_path.is_file() else {}
        return cls(**tables, info=info)


def _write_info(folder: Path, info: dict[str, Any]) -> None:
    tmp = folder / ".analysis.json.tmp"
    tmp.write_text(json.dumps(info, indent=2, default=str))
    os.replace(tmp, folder / "analysis.json")
