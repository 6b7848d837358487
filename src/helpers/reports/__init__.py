"""``newskit report``: run every notebook on a corpus into a dated, browsable HTML report.

A run is ``OUT/<run-id>/`` (ids ``YYYYMMDD-HHMMSS`` in UTC sort by time) holding:
``index.html`` (corpus summary, headline numbers, charts, links, parameters, versions),
one ``<notebook>.html`` page per notebook (outputs only, navigation back to the index),
``<notebook>/`` (the tables and charts that notebook saved), ``notebooks/`` (the executed
notebooks), ``tables/`` (the analysis tables as CSV + Parquet [+ XLSX] with a data dictionary)
and ``manifest.json``. ``OUT/latest`` points at the newest run that succeeded.

Parameters are checked against the notebooks' ``parameters`` cells before anything runs; the
corpus is analysed once (filling the cache) before the notebooks run, so they do not re-parse.
A failing notebook leaves ``OUT/<run-id>-failed/`` with papermill's error banner in the
executed notebook, raises :class:`ReportError` and leaves ``latest`` alone.

Notebooks are looked up in ``$NEWSKIT_NOTEBOOKS``, else ``<project root>/notebooks``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .display import show_table, table_html, table_mode
from .errors import ReportError

__all__ = ["ReportError", "ReportResult", "main", "run_report", "show_table", "table_html",
           "table_mode", "find_notebooks"]

#: Notebooks shown first, in this order; any others follow alphabetically.
PREFERRED_ORDER = ("explore_corpus", "source_comparison", "quote_analysis", "figure_extraction")
KERNEL = "python3"
#: Environment of the notebook kernels during a report run.
REPORT_ENV = {"NEWSKIT_TABLES": "static", "NEWSKIT_PROGRESS": "0", "NEWSKIT_REPORT": "1"}


@dataclass
class ReportResult:
    """What a call to :func:`run_report` did."""

    status: str  # "ok" or "unchanged"
    run: Path | None
    message: str
    manifest: dict[str, Any] = field(default_factory=dict)


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


def _root_for(notebooks_dir: Path) -> Path:
    """The working directory of the kernels: the project holding the notebooks folder."""
    from .. import notebook

    parent = notebooks_dir.parent
    if (parent / "pyproject.toml").is_file():
        return parent
    return notebook.project_root()


# --- helpers ---------------------------------------------------------------------------------


@contextlib.contextmanager
def _environment(values: dict[str, str]) -> Iterator[None]:
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


def _notebook_source_hash(path: Path) -> str:
    """Hash of a notebook's cell sources (not its saved outputs)."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    digest = hashlib.sha256()
    for cell in nb.cells:
        digest.update(cell.cell_type.encode() + b"\0" + cell.source.encode() + b"\0")
    return digest.hexdigest()[:16]


def _duration(seconds: float) -> str:
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, secs = divmod(int(round(seconds)), 60)
    return f"{minutes}m{secs:02d}s"


def _first_line(text: str, limit: int = 200) -> str:
    line = " ".join(str(text).strip().splitlines()[:1]) or type(text).__name__
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _skipped_text(skipped: list[dict[str, str]], limit: int = 3) -> str:
    if not skipped:
        return "0 skipped"
    shown = "; ".join(f"{Path(s['path']).name}: {s['reason']}" for s in skipped[:limit])
    more = f"; +{len(skipped) - limit} more" if len(skipped) > limit else ""
    return f"{len(skipped)} skipped ({shown}{more})"


# --- the run ---------------------------------------------------------------------------------


def _execute(
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


def _run_notebooks(
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
            _execute(path, target, values, root)
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
        futures = [(path, pool.submit(_execute, path, target, values, root))
                   for path, target, values in jobs]
        for path, future in futures:
            running["notebook"] = path.stem
            future.result()
            yield path
        running["notebook"] = None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _index_charts(run: Path, analysis: Any, top_n: int) -> list[dict[str, str]]:
    """Small PNG charts for the index (articles per outlet, over time, top entities)."""
    import matplotlib.pyplot as plt

    from .. import plots
    from ..analysis import corpus as acorpus
    from ..plots import corpus as pcorpus

    plots.apply_style()
    assets = run / "assets"
    assets.mkdir(exist_ok=True)
    docs = analysis.documents
    charts = []
    specs = [
        ("outlets", pcorpus.articles_by_outlet(acorpus.outlet_counts(docs), top_n=10),
         "Articles per outlet", "How many articles each outlet contributes."),
    ]
    if docs["published"].notna().any():
        specs.append(("over_time", pcorpus.articles_over_time(acorpus.articles_by_period(docs)),
                      "Articles over time", "Articles per publication period."))
    specs.append(("top_entities", pcorpus.top_entities(acorpus.top_entities(analysis.entities, 10)),
                  "Most mentioned entities", "The ten entities mentioned most, by label."))
    for name, fig, alt, caption in specs:
        fig.savefig(assets / f"{name}.png", dpi=80, bbox_inches="tight")
        plt.close(fig)
        charts.append({"src": f"assets/{name}.png", "alt": alt, "caption": caption})
    return charts


def _table_rows(tables: dict[str, Any], xlsx: bool) -> list[dict[str, Any]]:
    rows = []
    for name, table in tables.items():
        files = [{"href": f"tables/{name}.csv", "label": "CSV"},
                 {"href": f"tables/{name}.parquet", "label": "Parquet"}]
        rows.append({"name": name, "rows": len(table), "files": files})
    return rows


def run_report(
    corpus: Sequence[str | Path] | str | Path,
    out: str | Path,
    parameters: Sequence[Sequence[str]] = (),
    params_file: str | Path | None = None,
    metadata: str | Path | None = None,
    if_changed: bool = False,
    keep: int | None = None,
    xlsx: bool = False,
    notebooks_dir: str | Path | None = None,
    progress: bool | None = None,
) -> ReportResult:
    """Build one report run (see the module docstring). ``parameters``: ``(NAME, VALUE)``
    pairs as typed on the command line (values parsed as YAML scalars); ``params_file``: a YAML
    mapping. Raises :class:`ReportError` for bad parameters (before anything runs) and for a
    failed run."""
    from .. import notebook
    from .._version import __version__
    from ..cache import pipeline_version
    from ..exports import write_tables
    from ..loading import CorpusWarning, load_corpus
    from . import html as report_html
    from . import params as report_params
    from . import runs

    clock = time.perf_counter()
    started = dt.datetime.now(dt.UTC)
    if keep is not None and keep < 1:
        raise ReportError("--keep must be at least 1")

    # 1. Parameters, checked before anything runs.
    nb_dir, notebooks = find_notebooks(notebooks_dir)
    user_values, declared = report_params.collect(notebooks, parameters, params_file)
    corpus_list = [corpus] if isinstance(corpus, str | Path) else list(corpus)
    if not corpus_list:
        raise ReportError("no corpus given")
    sources = [str(Path(c).expanduser().resolve()) for c in corpus_list]
    for src in sources:
        if not Path(src).exists():
            raise ReportError(f"corpus not found: {src}")
    meta = str(Path(metadata).expanduser().resolve()) if metadata else None
    if meta and not Path(meta).is_file():
        raise ReportError(f"metadata file not found: {meta}")
    defaults: dict[str, Any] = {}
    for names in declared.values():
        for name, default in names.items():
            defaults.setdefault(name, default)
    effective = {**defaults, **user_values}
    effective.update(corpus=sources[0] if len(sources) == 1 else sources, metadata=meta)
    effective.pop("output_dir", None)
    common = {k: v for k, v in effective.items() if k in notebook.COMMON_PARAMETERS}
    try:
        notebook.validate(common)
    except notebook.ParameterError as exc:
        raise ReportError(str(exc)) from exc

    # 2. The corpus, and whether anything changed since the latest run.
    out = Path(out).expanduser().resolve()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        documents = load_corpus(sources if len(sources) > 1 else sources[0], metadata=meta)
    skipped = documents.attrs.get("skipped", [])
    shown_params = {k: v for k, v in effective.items() if k not in ("corpus", "metadata")}
    state = {
        "content": sorted(zip(documents["doc_id"], documents["content_hash"], strict=True)),
        "metadata": runs.file_hash(Path(meta)) if meta else None,
        "parameters": shown_params,
        "kit_version": __version__,
        "pipeline_version": pipeline_version(),
        "notebooks": {p.stem: _notebook_source_hash(p) for p in notebooks},
    }
    fp = runs.fingerprint(state)
    # One run at a time per reports folder (a slow run and the next cron tick).
    out.mkdir(parents=True, exist_ok=True)
    with runs.locked(out):
        if if_changed:
            current = runs.latest_run(out)
            manifest = runs.read_manifest(current) if current else None
            if manifest and manifest.get("fingerprint") == fp:
                message = (
                    f"newskit report: nothing to do: corpus ({len(documents)} articles) and "
                    f"parameters unchanged since run {manifest.get('run_id', current.name)}"
                )
                if keep:
                    runs.prune(out, keep)
                return ReportResult("unchanged", current, message, manifest)

        # 3. The run folder.
        run_id = runs.new_run_id(out, started)
        run = out / run_id
        run.mkdir()
        manifest = {
            "run_id": run_id, "status": "running", "started": started.isoformat(timespec="seconds"),
            "kit_version": __version__, "pipeline_version": pipeline_version(),
            "corpus": sources, "metadata": meta, "parameters": shown_params,
            "notebooks": [p.stem for p in notebooks], "fingerprint": fp,
            "articles": len(documents), "skipped": skipped,
        }
        runs.write_manifest(run, manifest)
        root = _root_for(nb_dir)
        env = dict(REPORT_ENV)
        env.setdefault("NEWSKIT_ROOT", os.environ.get("NEWSKIT_ROOT") or str(root))
        show_progress = sys.stderr.isatty() if progress is None else progress
        running: dict[str, str | None] = {"notebook": None}  # what a failure names
        try:
            from tqdm.std import tqdm

            # 4. Analyse once, through the cache the notebooks read.
            filtered = notebook.filter_documents(
                documents, common.get("outlets"), common.get("date_from"), common.get("date_to")
            )
            analysis = notebook.analyze_documents(
                filtered, model=common.get("model"), progress=show_progress and len(filtered) > 64
            )
            tables = analysis.tables()
            write_tables(tables, run / "tables", xlsx=xlsx)
            manifest["model"] = analysis.info.get("model")

            # 5. Every notebook, with its declared parameters only.
            (run / "notebooks").mkdir()
            jobs = []
            for path in notebooks:
                names = declared[path]
                values = {k: v for k, v in effective.items() if k in names}
                if "output_dir" in names:
                    values["output_dir"] = str(run / path.stem)
                jobs.append((path, run / "notebooks" / path.name, values))
            with _environment(env):
                for _ in tqdm(_run_notebooks(jobs, root, running), total=len(jobs),
                              desc="notebooks", unit="notebook", disable=not show_progress):
                    pass

            # 6. Pages and index.
            pages = [report_html.describe(p) for p in notebooks]
            report_html.copy_css(run)
            for path in notebooks:
                report_html.notebook_to_html(
                    run / "notebooks" / path.name, run / f"{path.stem}.html", pages, run, run_id
                )
            from ..analysis import corpus as acorpus

            top_n = int(effective.get("top_n") or 15)
            counts = acorpus.outlet_counts(analysis.documents)
            finished = dt.datetime.now(dt.UTC)
            elapsed = time.perf_counter() - clock
            numbers = acorpus.headline_numbers(tables)
            context = {
                "run_id": run_id,
                "started": started.strftime("%Y-%m-%d %H:%M:%S"),
                "finished": finished.strftime("%Y-%m-%d %H:%M:%S"),
                "duration": _duration(elapsed),
                "kit_version": __version__,
                "pipeline_version": pipeline_version(),
                "model": manifest["model"] or "default",
                "corpus": acorpus.summary(analysis.documents),
                "sources": ", ".join(corpus_list_display(corpus_list)),
                "outlets": counts.head(top_n).to_dict("records"),
                "outlets_more": len(counts) if len(counts) > top_n else 0,
                "skipped": skipped,
                "numbers": numbers,
                "charts": _index_charts(run, analysis, top_n),
                "page_list": pages,
                "pages": [{"href": p.href, "title": p.title, "description": p.description}
                          for p in pages],
                "tables": _table_rows(tables, xlsx),
                "xlsx": xlsx,
                "parameters": [
                    (k, json.dumps(v, default=str)) for k, v in sorted(shown_params.items())
                ],
            }
            context["corpus"]["skipped"] = len(skipped)
            report_html.render_index(run / "index.html", context)
            manifest.update(
                status="ok", finished=finished.isoformat(timespec="seconds"),
                seconds=round(elapsed, 1), numbers=numbers, pages=[p.href for p in pages],
            )
            runs.write_manifest(run, manifest)
        except BaseException as exc:
            reason = _failure_reason(exc, running["notebook"])
            manifest.update(status="failed", error=reason,
                            finished=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
            with contextlib.suppress(OSError):
                runs.write_manifest(run, manifest)
            failed = runs.mark_failed(run)
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise ReportError(f"{reason}; partial run kept in {failed}") from exc

        # 7. Publish: latest switches only now, then prune.
        runs.point_latest(out, run)
        removed = runs.prune(out, keep) if keep else []
        elapsed = time.perf_counter() - clock
        pruned = f" (pruned {len(removed)} old run{'s' if len(removed) != 1 else ''})"
        kept = f"{len(filtered)} kept by the filters, " if len(filtered) != len(documents) else ""
        message = (
            f"newskit report: {len(documents)} articles read, {_skipped_text(skipped)}, {kept}"
            f"{numbers['quotes']} quotes, {numbers['figures']} figures, "
            f"{len(notebooks)} notebooks in {_duration(elapsed)} → {run}"
            + (pruned if removed else "")
        )
        return ReportResult("ok", run, message, manifest)


def corpus_list_display(corpus: list[str | Path]) -> list[str]:
    return [str(c) for c in corpus]


def _failure_reason(exc: BaseException, current_notebook: str | None) -> str:
    try:
        from papermill.exceptions import PapermillExecutionError
    except ImportError:  # pragma: no cover - papermill is a dependency
        PapermillExecutionError = ()  # noqa: N806
    if isinstance(exc, PapermillExecutionError):
        return (f"notebook {current_notebook} failed in cell {exc.exec_count}: "
                f"{exc.ename}: {_first_line(exc.evalue)}")
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted"
    where = f"notebook {current_notebook} failed: " if current_notebook else "report failed: "
    return where + f"{type(exc).__name__}: {_first_line(str(exc))}"


def main(args: Any) -> int:
    """``newskit report`` (arguments from ``cli.build_parser``)."""
    import matplotlib

    matplotlib.use("agg")  # this process only draws PNGs for the index; kernels keep inline
    result = run_report(
        corpus=args.corpus,
        out=args.out,
        parameters=args.parameter or (),
        params_file=args.params,
        metadata=args.metadata,
        if_changed=args.if_changed,
        keep=args.keep,
        xlsx=args.xlsx,
    )
    print(result.message)
    return 0
