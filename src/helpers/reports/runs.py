"""Run folders of a reports directory: ids that sort by time, the manifest, the ``latest`` link
(switched atomically), failed runs and pruning."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import ReportError

MANIFEST = "manifest.json"
LATEST = "latest"
FAILED_SUFFIX = "-failed"
#: ``YYYYMMDD-HHMMSS`` (UTC) plus ``-NN`` when two runs start in the same second.
RUN_ID = re.compile(r"^\d{8}-\d{6}(-\d{2})?$")


def new_run_id(out: Path, now: dt.datetime | None = None) -> str:
    """A fresh run id, later than every run already in ``out`` (ids sort by start time)."""
    now = now or dt.datetime.now(dt.UTC)
    base = now.strftime("%Y%m%d-%H%M%S")
    names = [p.name for p in out.iterdir()] if out.is_dir() else []
    existing = {n.removesuffix(FAILED_SUFFIX) for n in names}
    later = sorted(i for i in existing if RUN_ID.match(i) and i >= base)
    if not later:
        return base
    # Same second as an earlier run (or a clock step back): number after the last one.
    last = later[-1]
    n = int(last[16:]) + 1 if len(last) > 15 else 2
    return f"{last[:15]}-{n:02d}"


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    tmp = folder / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str), encoding="utf-8")
    os.replace(tmp, folder / MANIFEST)


def read_manifest(folder: Path) -> dict[str, Any] | None:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def latest_run(out: Path) -> Path | None:
    """The run ``out/latest`` points at, if any."""
    link = out / LATEST
    if not link.exists():
        return None
    return link.resolve()


def point_latest(out: Path, run: Path) -> None:
    """Point ``out/latest`` at ``run``: a relative symlink made under a temporary name and
    renamed over the old one, so readers never see a missing or half-made link."""
    link = out / LATEST
    if link.exists() and not link.is_symlink():
        raise ReportError(f"{link} exists and is not a symlink; move it away")
    tmp = out / f".{LATEST}.{os.getpid()}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(run.name, tmp, target_is_directory=True)
    os.replace(tmp, link)


def mark_failed(run: Path) -> Path:
    """Rename a run folder to ``<run-id>-failed`` and return the new path."""
    failed = run.with_name(run.name + FAILED_SUFFIX)
    if failed.exists():
        shutil.rmtree(failed)
    os.replace(run, failed)
    return failed


def completed_runs(out: Path) -> list[Path]:
    """Successful runs, oldest first."""
    runs = []
    for p in out.iterdir() if out.is_dir() else []:
        if p.is_dir() and not p.is_symlink() and RUN_ID.match(p.name):
            manifest = read_manifest(p)
            if manifest and manifest.get("status") == "ok":
                runs.append(p)
    return sorted(runs, key=lambda p: p.name)


def prune(out: Path, keep: int) -> list[Path]:
    """Delete all but the ``keep`` newest successful runs, and failed runs older than the oldest
    run kept. The run ``latest`` points at is never deleted. Returns what was removed."""
    if keep < 1:
        raise ReportError("--keep must be at least 1")
    runs = completed_runs(out)
    kept = runs[-keep:]
    current = latest_run(out)
    removed = []
    for run in runs[:-keep]:
        if current is not None and run.resolve() == current:
            continue
        shutil.rmtree(run)
        removed.append(run)
    oldest_kept = kept[0].name if kept else ""
    for p in sorted(out.iterdir()):
        name = p.name.removesuffix(FAILED_SUFFIX)
        failed = p.name.endswith(FAILED_SUFFIX) and RUN_ID.match(name)
        if failed and p.is_dir() and name < oldest_kept:
            shutil.rmtree(p)
            removed.append(p)
    return removed


def fingerprint(state: dict[str, Any]) -> str:
    """Hash of what determines a report's content (corpus hashes, parameters, versions)."""
    raw = json.dumps(state, sort_keys=True, default=str).encode()
    return hashlib.sha256(raw).hexdigest()


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


LOCK = ".newskit-report.lock"


@contextlib.contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold ``out/.newskit-report.lock`` for a run; a second run into the same folder fails at
    once with a clear message instead of racing the first (the OS frees the lock if the process
    dies)."""
    with open(out / LOCK, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise ReportError(f"another newskit report is running into {out}") from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
