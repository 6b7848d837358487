"""The ``newskit`` command line: extract, report, eval, bench.

Each command is a thin shell over a helpers function; errors a user can cause print one line
(``newskit: error: ...``) and exit 2, with the traceback only under ``--debug``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

from . import __version__

EVAL_TASKS = ("entities", "quotes", "figures", "stories")


class UserError(Exception):
    """An error caused by the user's input or options: reported in one line."""


def _add_corpus(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--corpus", required=required, nargs="+", metavar="PATH",
                   help="folder of .txt files, .csv/.jsonl/.parquet file(s), or several of these")
    p.add_argument("--metadata", metavar="FILE", help="CSV/JSONL sidecar keyed by doc_id")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newskit",
        description="Who is mentioned, who is quoted, which figures are stated, and how outlets "
        "cover the same story.",
    )
    parser.add_argument("--version", action="version", version=f"newskit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    p = sub.add_parser("extract", help="analyse a corpus and write every table as Parquet and CSV")
    _add_corpus(p)
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the tables")
    p.add_argument("--n-process", type=int, default=1, metavar="N", help="worker processes (default 1)")
    p.add_argument("--model", help="spaCy model to load (default: en_core_web_sm if installed)")
    p.add_argument("--reference-date", metavar="YYYY-MM-DD",
                   help="date that resolves relative dates in articles without a published date")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    p.add_argument("--cache-dir", metavar="DIR", help="result cache folder (default ~/.cache/newskit)")
    p.add_argument("--xlsx", action="store_true", help="also write an Excel workbook")
    p.add_argument("--dask", metavar="ADDRESS", help="run on the Dask scheduler at ADDRESS")

    p = sub.add_parser("report", help="run every notebook on a corpus into an HTML report")
    _add_corpus(p)
    p.add_argument("--out", required=True, metavar="DIR", help="reports folder (runs go in DIR/<run-id>/)")
    p.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                   help="notebook parameter (repeatable)")
    p.add_argument("--params", metavar="FILE.yaml", help="YAML file of notebook parameters")
    p.add_argument("--if-changed", action="store_true",
                   help="do nothing when corpus and parameters match the latest run")
    p.add_argument("--keep", type=int, metavar="N", help="keep only the N newest runs")
    p.add_argument("--xlsx", action="store_true", help="also export tables as Excel")

    p = sub.add_parser("eval", help="score the kit on a gold file")
    p.add_argument("task", choices=EVAL_TASKS)
    p.add_argument("--gold", required=True, metavar="FILE", help="gold JSONL file")
    p.add_argument("--limit", type=int, metavar="N", help="score only the first N lines")
    p.add_argument("--model", help="spaCy model to load")

    p = sub.add_parser("bench", help="measure throughput against bare spaCy")
    _add_corpus(p)
    p.add_argument("--docs", type=int, metavar="N", help="use only the first N articles")
    p.add_argument("--n-process", type=int, metavar="N", help="processes for the parallel runs (default: all cores)")
    p.add_argument("--model", help="spaCy model to load")
    return parser


def _corpus_source(paths: list[str]) -> str | list[str]:
    return paths[0] if len(paths) == 1 else paths


def cmd_extract(args: argparse.Namespace) -> int:
    from .exports import write_tables
    from .loading import load_corpus
    from .pipeline import analyze

    start = time.perf_counter()
    documents = load_corpus(_corpus_source(args.corpus), metadata=args.metadata)
    if args.no_cache:
        cache: bool | str = False
    else:
        cache = args.cache_dir or True
    kwargs = {"n_process": args.n_process, "cache": cache, "model": args.model,
              "reference_date": args.reference_date}
    if args.dask:
        kwargs.update(engine="dask", scheduler=args.dask)
    analysis = analyze(documents, **kwargs)
    out = Path(args.out)
    analysis.save(out)
    write_tables(analysis.tables(), out, xlsx=args.xlsx)
    skipped = documents.attrs.get("skipped", [])
    print(
        f"newskit extract: {len(documents)} articles read, {len(skipped)} skipped, "
        f"{len(analysis.entities)} entity mentions, {len(analysis.quotes)} quotes, "
        f"{len(analysis.figures)} figures, {len(analysis.citations)} citations "
        f"in {time.perf_counter() - start:.1f}s → {out}"
    )
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    from . import reports

    return reports.main(args)


def cmd_eval(args: argparse.Namespace) -> int:
    gold = Path(args.gold)
    if not gold.is_file():
        raise UserError(f"gold file not found: {gold}")
    module = importlib.import_module(f"helpers.evaluation.{args.task}")
    print(module.run(gold, limit=args.limit, model=args.model))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from . import bench

    return bench.main(args)


COMMANDS = {"extract": cmd_extract, "report": cmd_report, "eval": cmd_eval, "bench": cmd_bench}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from .loading import CorpusError
    from .nlp import ModelError

    user_errors: tuple[type[BaseException], ...] = (UserError, CorpusError, ModelError)
    try:
        from .reports import ReportError

        user_errors += (ReportError,)
    except ImportError:
        pass
    if not args.debug:
        warnings.simplefilter("ignore", FutureWarning)
    try:
        return COMMANDS[args.command](args)
    except user_errors as exc:
        if args.debug:
            raise
        print(f"newskit: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("newskit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
