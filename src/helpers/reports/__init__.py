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

from typing import Any

from .build import ReportResult, run_report
from .display import show_table, table_html, table_mode
from .errors import ReportError
from .execution import find_notebooks, report_workers

__all__ = ["ReportError", "ReportResult", "main", "run_report", "show_table", "table_html",
           "table_mode", "find_notebooks", "report_workers"]


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
        corpus_format=getattr(args, "format", None),
        if_changed=args.if_changed,
        keep=args.keep,
        xlsx=args.xlsx,
    )
    print(result.message)
    return 0
