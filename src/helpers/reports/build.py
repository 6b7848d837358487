"""One report run, step by step: plan (parameters checked before anything runs), corpus and
fingerprint (nothing to do when unchanged), run folder, analysis, notebooks, pages and index,
publish (``latest`` switches only after success). A failure at any step after the run folder
exists leaves ``<run-id>-failed/`` with the reason in its manifest and raises
:class:`ReportError`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import sys
import time
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ReportError
from .execution import REPORT_ENV, environment, find_notebooks, root_for, run_notebooks, source_hash


@dataclass
class ReportResult:
    """What a call to :func:`run_report` did."""

    status: str  # "ok" or "unchanged"
    run: Path | None
    message: str
    manifest: dict[str, Any] = field(default_factory=dict)


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


@dataclass
class _Plan:
    """What a run will do, settled and checked before anything runs."""

    nb_dir: Path
    notebooks: list[Path]
    declared: dict[Path, dict[str, Any]]  # notebook → its parameters and their defaults
    corpus_list: list[str | Path]  # as given
    sources: list[str]  # resolved, existing
    metadata: str | None
    corpus_format: str | None  # forced input format (``--format``), None = recognised per file
    effective: dict[str, Any]  # every parameter's value for this run
    common: dict[str, Any]  # the parameters every notebook shares (``notebook.validate``d)

    @property
    def shown_params(self) -> dict[str, Any]:
        return {k: v for k, v in self.effective.items() if k not in ("corpus", "metadata")}


@dataclass
class _Run:
    """One run in progress: its folder, its manifest, and which notebook a failure names."""

    folder: Path
    manifest: dict[str, Any]
    started: dt.datetime
    clock: float  # ``time.perf_counter()`` when the call began
    xlsx: bool
    show_progress: bool
    running: dict[str, str | None] = field(default_factory=lambda: {"notebook": None})


def _resolved_sources(corpus_list: list[str | Path]) -> list[str]:
    if not corpus_list:
        raise ReportError("no corpus given")
    sources = [str(Path(c).expanduser().resolve()) for c in corpus_list]
    for src in sources:
        if not Path(src).exists():
            raise ReportError(f"corpus not found: {src}")
    return sources


def _resolved_metadata(metadata: str | Path | None) -> str | None:
    meta = str(Path(metadata).expanduser().resolve()) if metadata else None
    if meta and not Path(meta).is_file():
        raise ReportError(f"metadata file not found: {meta}")
    return meta


def _plan(
    corpus: Sequence[str | Path] | str | Path,
    parameters: Sequence[Sequence[str]],
    params_file: str | Path | None,
    metadata: str | Path | None,
    notebooks_dir: str | Path | None,
    corpus_format: str | None = None,
) -> _Plan:
    """Step 1: the notebooks, the corpus and every parameter, checked."""
    from .. import notebook
    from . import params as report_params

    nb_dir, notebooks = find_notebooks(notebooks_dir)
    user_values, declared = report_params.collect(notebooks, parameters, params_file)
    corpus_list = [corpus] if isinstance(corpus, str | Path) else list(corpus)
    sources = _resolved_sources(corpus_list)
    meta = _resolved_metadata(metadata)
    defaults: dict[str, Any] = {}
    for names in declared.values():
        for name, default in names.items():
            defaults.setdefault(name, default)
    effective = {**defaults, **user_values}
    effective.update(corpus=sources[0] if len(sources) == 1 else sources, metadata=meta,
                     corpus_format=corpus_format)
    effective.pop("output_dir", None)
    common = {k: v for k, v in effective.items() if k in notebook.COMMON_PARAMETERS}
    try:
        notebook.validate(common)
    except notebook.ParameterError as exc:
        raise ReportError(str(exc)) from exc
    return _Plan(nb_dir, notebooks, declared, corpus_list, sources, meta, corpus_format,
                 effective, common)


def _load_documents(plan: _Plan) -> Any:
    from ..loading import CorpusWarning, load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        sources = plan.sources
        return load_corpus(sources if len(sources) > 1 else sources[0], metadata=plan.metadata,
                           format=plan.corpus_format)


def _fingerprint(plan: _Plan, documents: Any) -> str:
    """What makes two runs the same: content, metadata, parameters, code and notebooks."""
    from .._version import __version__
    from ..cache import pipeline_version
    from . import runs

    return runs.fingerprint({
        "content": sorted(zip(documents["doc_id"], documents["content_hash"], strict=True)),
        "metadata": runs.file_hash(Path(plan.metadata)) if plan.metadata else None,
        "parameters": plan.shown_params,
        "kit_version": __version__,
        "pipeline_version": pipeline_version(),
        "notebooks": {p.stem: source_hash(p) for p in plan.notebooks},
    })


def _unchanged(out: Path, fp: str, n_documents: int, keep: int | None) -> ReportResult | None:
    """Step 2 with ``if_changed``: the latest run when it has the same fingerprint."""
    from . import runs

    current = runs.latest_run(out)
    manifest = runs.read_manifest(current) if current else None
    if not manifest or manifest.get("fingerprint") != fp:
        return None
    message = (
        f"newskit report: nothing to do: corpus ({n_documents} articles) and "
        f"parameters unchanged since run {manifest.get('run_id', current.name)}"
    )
    if keep:
        runs.prune(out, keep)
    return ReportResult("unchanged", current, message, manifest)


def _new_run(
    out: Path, started: dt.datetime, plan: _Plan, documents: Any, fp: str
) -> tuple[Path, dict[str, Any]]:
    """Step 3: the run folder and its first manifest (status "running")."""
    from .._version import __version__
    from ..cache import pipeline_version
    from . import runs

    run_id = runs.new_run_id(out, started)
    run = out / run_id
    run.mkdir()
    manifest = {
        "run_id": run_id, "status": "running", "started": started.isoformat(timespec="seconds"),
        "kit_version": __version__, "pipeline_version": pipeline_version(),
        "corpus": plan.sources, "metadata": plan.metadata, "parameters": plan.shown_params,
        "notebooks": [p.stem for p in plan.notebooks], "fingerprint": fp,
        "articles": len(documents), "skipped": documents.attrs.get("skipped", []),
    }
    runs.write_manifest(run, manifest)
    return run, manifest


def _analyse(plan: _Plan, documents: Any, r: _Run) -> tuple[Any, Any, dict[str, Any]]:
    """Step 4: analyse once, through the cache the notebooks read; write the tables."""
    from .. import notebook
    from ..exports import write_tables

    common = plan.common
    filtered = notebook.filter_documents(
        documents, common.get("outlets"), common.get("date_from"), common.get("date_to")
    )
    analysis = notebook.analyze_documents(
        filtered, model=common.get("model"), progress=r.show_progress and len(filtered) > 64
    )
    tables = analysis.tables()
    write_tables(tables, r.folder / "tables", xlsx=r.xlsx)
    r.manifest["model"] = analysis.info.get("model")
    return filtered, analysis, tables


def _run_all_notebooks(plan: _Plan, r: _Run, root: Path, env: dict[str, str]) -> None:
    """Step 5: every notebook, with its declared parameters only."""
    from tqdm.std import tqdm

    (r.folder / "notebooks").mkdir()
    jobs = []
    for path in plan.notebooks:
        names = plan.declared[path]
        values = {k: v for k, v in plan.effective.items() if k in names}
        if "output_dir" in names:
            values["output_dir"] = str(r.folder / path.stem)
        jobs.append((path, r.folder / "notebooks" / path.name, values))
    with environment(env):
        for _ in tqdm(run_notebooks(jobs, root, r.running), total=len(jobs),
                      desc="notebooks", unit="notebook", disable=not r.show_progress):
            pass


def _index_context(
    plan: _Plan, r: _Run, analysis: Any, tables: dict[str, Any], pages: list[Any],
    finished: dt.datetime,
) -> dict[str, Any]:
    """What the index page shows (its PNG charts are drawn here)."""
    from .._version import __version__
    from ..analysis import corpus as acorpus
    from ..cache import pipeline_version

    top_n = int(plan.effective.get("top_n") or 15)
    counts = acorpus.outlet_counts(analysis.documents)
    skipped = r.manifest["skipped"]
    context = {
        "run_id": r.manifest["run_id"],
        "started": r.started.strftime("%Y-%m-%d %H:%M:%S"),
        "finished": finished.strftime("%Y-%m-%d %H:%M:%S"),
        "duration": _duration(time.perf_counter() - r.clock),
        "kit_version": __version__,
        "pipeline_version": pipeline_version(),
        "model": r.manifest["model"] or "default",
        "corpus": acorpus.summary(analysis.documents),
        "sources": ", ".join(corpus_list_display(plan.corpus_list)),
        "outlets": counts.head(top_n).to_dict("records"),
        "outlets_more": len(counts) if len(counts) > top_n else 0,
        "skipped": skipped,
        "numbers": acorpus.headline_numbers(tables),
        "charts": _index_charts(r.folder, analysis, top_n),
        "page_list": pages,
        "pages": [{"href": p.href, "title": p.title, "description": p.description}
                  for p in pages],
        "tables": _table_rows(tables, r.xlsx),
        "xlsx": r.xlsx,
        "parameters": [
            (k, json.dumps(v, default=str)) for k, v in sorted(plan.shown_params.items())
        ],
    }
    context["corpus"]["skipped"] = len(skipped)
    return context


def _write_pages(plan: _Plan, r: _Run, analysis: Any, tables: dict[str, Any]) -> None:
    """Step 6: a page per executed notebook, the index, and the manifest marked "ok"."""
    from . import html as report_html
    from . import runs

    run = r.folder
    pages = [report_html.describe(p) for p in plan.notebooks]
    report_html.copy_css(run)
    for path in plan.notebooks:
        report_html.notebook_to_html(
            run / "notebooks" / path.name, run / f"{path.stem}.html", pages, run, run.name
        )
    finished = dt.datetime.now(dt.UTC)
    context = _index_context(plan, r, analysis, tables, pages, finished)
    report_html.render_index(run / "index.html", context)
    r.manifest.update(
        status="ok", finished=finished.isoformat(timespec="seconds"),
        seconds=round(time.perf_counter() - r.clock, 1), numbers=context["numbers"],
        pages=[p.href for p in pages],
    )
    runs.write_manifest(run, r.manifest)


def _mark_failed(r: _Run, exc: BaseException) -> str:
    """The failed run's manifest says why; its folder becomes ``<run-id>-failed``."""
    from . import runs

    reason = _failure_reason(exc, r.running["notebook"])
    r.manifest.update(status="failed", error=reason,
                      finished=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    with contextlib.suppress(OSError):
        runs.write_manifest(r.folder, r.manifest)
    failed = runs.mark_failed(r.folder)
    return f"{reason}; partial run kept in {failed}"


def _done_message(
    r: _Run, documents: Any, filtered: Any, n_notebooks: int, removed: list[Any]
) -> str:
    skipped = r.manifest["skipped"]
    numbers = r.manifest["numbers"]
    elapsed = time.perf_counter() - r.clock
    pruned = f" (pruned {len(removed)} old run{'s' if len(removed) != 1 else ''})"
    kept = f"{len(filtered)} kept by the filters, " if len(filtered) != len(documents) else ""
    return (
        f"newskit report: {len(documents)} articles read, {_skipped_text(skipped)}, {kept}"
        f"{numbers['quotes']} quotes, {numbers['figures']} figures, "
        f"{n_notebooks} notebooks in {_duration(elapsed)} → {r.folder}"
        + (pruned if removed else "")
    )


def run_report(
    corpus: Sequence[str | Path] | str | Path,
    out: str | Path,
    parameters: Sequence[Sequence[str]] = (),
    params_file: str | Path | None = None,
    metadata: str | Path | None = None,
    corpus_format: str | None = None,
    if_changed: bool = False,
    keep: int | None = None,
    xlsx: bool = False,
    notebooks_dir: str | Path | None = None,
    progress: bool | None = None,
) -> ReportResult:
    """Build one report run (see the module docstring). ``parameters``: ``(NAME, VALUE)``
    pairs as typed on the command line (values parsed as YAML scalars); ``params_file``: a YAML
    mapping. Raises :class:`ReportError` for bad parameters (before anything runs) and for a
    failed run.

    The steps: 1. plan (parameters checked), 2. corpus and fingerprint (nothing to do when
    unchanged), 3. run folder, 4. analysis, 5. notebooks, 6. pages and index, 7. publish."""
    from . import runs

    clock = time.perf_counter()
    started = dt.datetime.now(dt.UTC)
    if keep is not None and keep < 1:
        raise ReportError("--keep must be at least 1")
    plan = _plan(corpus, parameters, params_file, metadata, notebooks_dir, corpus_format)
    out = Path(out).expanduser().resolve()
    documents = _load_documents(plan)
    fp = _fingerprint(plan, documents)
    # One run at a time per reports folder (a slow run and the next cron tick).
    out.mkdir(parents=True, exist_ok=True)
    with runs.locked(out):
        if if_changed and (same := _unchanged(out, fp, len(documents), keep)) is not None:
            return same
        run, manifest = _new_run(out, started, plan, documents, fp)
        r = _Run(run, manifest, started, clock, xlsx,
                 sys.stderr.isatty() if progress is None else progress)
        root = root_for(plan.nb_dir)
        env = dict(REPORT_ENV)
        env.setdefault("NEWSKIT_ROOT", os.environ.get("NEWSKIT_ROOT") or str(root))
        try:
            filtered, analysis, tables = _analyse(plan, documents, r)
            _run_all_notebooks(plan, r, root, env)
            _write_pages(plan, r, analysis, tables)
        except BaseException as exc:
            message = _mark_failed(r, exc)
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise ReportError(message) from exc
        # 7. Publish: latest switches only now, then prune.
        runs.point_latest(out, run)
        removed = runs.prune(out, keep) if keep else []
        message = _done_message(r, documents, filtered, len(plan.notebooks), removed)
        return ReportResult("ok", run, message, r.manifest)


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
