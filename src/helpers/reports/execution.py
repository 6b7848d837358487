"""Finding the report's notebooks and executing them with papermill, side by side.

Each notebook runs in its own kernel (``execute``), in a spawned worker process when several
run at once (``run_notebooks``); ``REPORT_ENV`` tells the kernels they run in a report.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from .errors import ReportError

#: Notebooks shown first, in this order; any others follow alphabetically.
PREFERRED_ORDER = ("explore_corpus", "source_comparison", "quote_analysis", "figure_extraction")
KERNEL = "python3"
#: Environment of the notebook kernels during a report run.
REPORT_ENV = {"NEWSKIT_TABLES": "static", "NEWSKIT_PROGRESS": "0", "NEWSKIT_REPORT": "1"}


# --- finding notebooks -----------------------------------------------------------------------


def find_notebooks(folder: str | Path | None = None) -> tuple[Path, list[Path]]:
    """The notebooks folder and its ``*.ipynb`` files in report order. ``folder`` None:
    ``$NEWSKIT_NOTEBOOKS``, else ``<project root>/notebooks``, else the kit's own source tree."""
    from .. import notebook

    if folder is None and os.environ.get("NEWSKIT_NOTEBOOKS"):
        folder = os.environ["NEWSKIT_NOTEBOOKS"]
    if folder is not None:
        candidates = [Path(folder).expanduser().resolve()]
    else:
        candidates = [
            notebook.project_root() / "notebooks",
            Path(__file__).resolve().parents[3] / "notebooks",  # an editable install
        ]
    for candidate in candidates:
        if candidate.is_dir():
            found = [p for p in candidate.glob("*.ipynb") if not p.name.startswith((".", "_"))]
            if found:
                rank = {name: i for i, name in enumerate(PREFERRED_ORDER)}
                found.sort(key=lambda p: (rank.get(p.stem, len(rank)), p.stem))
                return candidate, found
    where = ", ".join(str(c) for c in candidates)
    raise ReportError(f"no notebooks found in {where} (set NEWSKIT_NOTEBOOKS to their folder)")


def root_for(notebooks_dir: Path) -> Path:
    """The working directory of the kernels: the project holding the notebooks folder."""
    from .. import notebook

    parent = notebooks_dir.parent
    if (parent / "pyproject.toml").is_file():
        return parent
    return notebook.project_root()


@contextlib.contextmanager
def environment(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables (inherited by the kernels) for the duration of a run."""
    saved = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, old in saved.items():
            if old is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = old


def source_hash(path: Path) -> str:
    """Hash of a notebook's cell sources (not its saved outputs)."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    digest = hashlib.sha256()
    for cell in nb.cells:
        digest.update(cell.cell_type.encode() + b"\0" + cell.source.encode() + b"\0")
    return digest.hexdigest()[:16]


def execute(
    source: Path, target: Path, parameters: dict[str, Any], cwd: Path
) -> None:
    import tempfile

    import papermill
    from jupyter_client.manager import KernelManager

    # Local sockets instead of TCP: nothing listens on the network during a scheduled run, and
    # the kernel does not print its "running over TCP without encryption" warning into logs.
    with tempfile.TemporaryDirectory(prefix="newskit-kernel-") as sockets:
        km = KernelManager(kernel_name=KERNEL, transport="ipc", ip=str(Path(sockets) / "k"))
        try:
            papermill.execute_notebook(
                str(source), str(target), parameters=parameters, kernel_name=KERNEL,
                cwd=str(cwd), progress_bar=False, log_output=False, km=km,
            )
        finally:
            if km.has_kernel:
                km.shutdown_kernel(now=True)


def report_workers(n_notebooks: int) -> int:
    """Notebooks run at once: ``$NEWSKIT_REPORT_WORKERS``, else one per core (at most 4)."""
    raw = os.environ.get("NEWSKIT_REPORT_WORKERS", "").strip()
    try:
        wanted = int(raw) if raw else min(os.cpu_count() or 1, 4)
    except ValueError:
        raise ReportError(f"NEWSKIT_REPORT_WORKERS={raw!r} is not a whole number") from None
    return max(1, min(wanted, n_notebooks))


def run_notebooks(
    jobs: list[tuple[Path, Path, dict[str, Any]]], root: Path, running: dict[str, str | None]
) -> Iterator[Path]:
    """Execute ``(notebook, target, parameters)`` jobs and yield each notebook, in order, once it
    has run; ``running["notebook"]`` names the one being waited for, so a failure names it.
    Each notebook has its own kernel and reads the analysis from the cache, so they run side by
    side in worker processes; the first failure in notebook order is raised."""
    workers = report_workers(len(jobs))
    if workers == 1:
        for path, target, values in jobs:
            running["notebook"] = path.stem
            execute(path, target, values, root)
            yield path
        running["notebook"] = None
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # spawn, never fork: a process that already ran a kernel has jupyter_client threads whose
    # locks a forked child would inherit held (a report from a notebook, or a second report
    # in one process, would hang).
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
    try:
        futures = [(path, pool.submit(execute, path, target, values, root))
                   for path, target, values in jobs]
        for path, future in futures:
            running["notebook"] = path.stem
            future.result()
            yield path
        running["notebook"] = None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
