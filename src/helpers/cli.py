"""The ``newskit`` command line: extract, report, eval, bench, stories.

Each command is a thin shell over a helpers function; errors a user can cause print one line
(``newskit: error: ...``) and exit 2, with the traceback only under ``--debug``.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import re
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import NoReturn, TextIO

from ._version import __version__
from .evaluation import SPLITS

EVAL_TASKS = ("entities", "quotes", "figures", "stories", "similarity", "html", "speakers")
#: Values of ``--format`` (``helpers.loading.FORMATS``, listed here so --help needs no import).
LOAD_FORMATS = ("text", "csv", "jsonl", "parquet", "html", "warc", "feed", "nexis", "factiva",
                "proquest")


class UserError(Exception):
    """An error caused by the user's input or options: reported in one line."""


def _add_corpus(p: argparse.ArgumentParser, required: bool = True) -> None:
    p.add_argument("--corpus", required=required, nargs="+", metavar="PATH",
                   help="files or folders: .txt, .csv/.jsonl/.parquet, web pages, WARC, "
                   "feeds, Nexis/Factiva/ProQuest exports, .zip/.tar.gz archives")
    p.add_argument("--metadata", metavar="FILE", help="CSV/JSONL sidecar keyed by doc_id")
    p.add_argument("--format", choices=LOAD_FORMATS, metavar="NAME",
                   help="read every file as this format instead of recognising it: "
                   + ", ".join(LOAD_FORMATS))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newskit",
        description="Who is mentioned, who is quoted, which figures are stated, and how outlets "
        "cover the same story.",
    )
    parser.add_argument("--version", action="version", version=f"newskit {__version__}")
    parser.add_argument("--debug", action="store_true", help="show full tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add_subcommand in SUBCOMMANDS:
        add_subcommand(sub)
    return parser


def _add_extract(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="analyse a corpus and write every table as Parquet and CSV")
    _add_corpus(p)
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the tables")
    p.add_argument("--n-process", type=int, default=1, metavar="N",
                   help="worker processes (default 1)")
    p.add_argument("--model", help="spaCy model to load (default: en_core_web_sm if installed)")
    p.add_argument("--reference-date", metavar="YYYY-MM-DD",
                   help="date that resolves relative dates in articles without a published date")
    p.add_argument("--no-cache", action="store_true", help="do not read or write the result cache")
    p.add_argument("--cache-dir", metavar="DIR",
                   help="result cache folder (default ~/.cache/newskit)")
    p.add_argument("--xlsx", action="store_true", help="also write an Excel workbook")
    p.add_argument("--dask", metavar="ADDRESS", help="run on the Dask scheduler at ADDRESS")


def _add_report(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="run every notebook on a corpus into an HTML report")
    _add_corpus(p)
    p.add_argument("--out", required=True, metavar="DIR",
                   help="reports folder (runs go in DIR/<run-id>/)")
    p.add_argument("-p", "--parameter", nargs=2, action="append", default=[],
                   metavar=("NAME", "VALUE"), help="notebook parameter (repeatable)")
    p.add_argument("--params", metavar="FILE.yaml", help="YAML file of notebook parameters")
    p.add_argument("--if-changed", action="store_true",
                   help="do nothing when corpus and parameters match the latest run")
    p.add_argument("--keep", type=int, metavar="N", help="keep only the N newest runs")
    p.add_argument("--xlsx", action="store_true", help="also export tables as Excel")


def _add_eval(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("eval", help="score the kit on a gold file")
    p.add_argument("task", choices=EVAL_TASKS)
    p.add_argument("--gold", required=True, metavar="FILE",
                   help="gold file (JSONL; CSV for similarity)")
    p.add_argument("--limit", type=int, metavar="N", help="score only the first N lines")
    p.add_argument("--model", help="spaCy model to load")
    p.add_argument("--split", choices=SPLITS, default="all",
                   help="score the tune half, the check half, all lines (default), or both "
                   "halves side by side with the gap (halves are fixed by a hash of each unit id)")


def _add_stories(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("stories", help="group a corpus into stories, keeping the stories of "
                       "earlier runs (new articles join them or open new ones)")
    _add_corpus(p)
    p.add_argument("--state", metavar="FILE",
                   help="story state (SQLite; default: one per corpus in the cache folder)")
    p.add_argument("--reset", action="store_true", help="forget the stories of earlier runs")
    p.add_argument("--table", metavar="FILE.csv",
                   help="where to write the stories table (default: beside the state file)")
    p.add_argument("--dask", metavar="ADDRESS",
                   help="run candidate pairs and scoring on the Dask scheduler at ADDRESS")


def _add_bench(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("bench", help="measure throughput against bare spaCy")
    _add_corpus(p, required=False)
    p.add_argument("--docs", type=int, metavar="N", help="use only the first N articles")
    p.add_argument("--n-process", type=int, metavar="N",
                   help="processes for the parallel runs (default: all cores)")
    p.add_argument("--scale", type=int, metavar="K",
                   help="also compare peak memory of newskit extract on the corpus x1 and xK")
    p.add_argument("--strategies", action="store_true",
                   help="also time nlp.pipe(n_process) with extraction in the parent process")
    p.add_argument("--model", help="spaCy model to load")
    p.add_argument("--load", action="store_true",
                   help="instead: stream a synthetic web archive (pages from the corpus's texts) "
                   "through loading and report pages/s and peak memory")
    p.add_argument("--load-gb", type=float, metavar="GB", help="size of that archive (default 1)")
    p.add_argument("--stories", action="store_true",
                   help="instead: time story grouping on 1,000 to 100,000 synthetic articles "
                   "and compare the fast path with exact all-pairs grouping on --corpus")
    p.add_argument("--sizes", type=int, nargs="+", metavar="N",
                   help="corpus sizes for --stories (default 1000 10000 100000)")


# One function per subcommand, in the order `newskit --help` lists them.
SUBCOMMANDS = (_add_extract, _add_report, _add_eval, _add_stories, _add_bench)


def _corpus_source(paths: list[str]) -> str | list[str]:
    return paths[0] if len(paths) == 1 else paths


def cmd_extract(args: argparse.Namespace) -> int:
    from .pipeline import extract_folder

    start = time.perf_counter()
    if args.no_cache:
        cache: bool | str = False
    else:
        cache = args.cache_dir or True
    kwargs = {"n_process": args.n_process, "cache": cache, "model": args.model,
              "reference_date": args.reference_date}
    if args.dask:
        kwargs.update(engine="dask", scheduler=args.dask)
    if args.format:
        kwargs["format"] = args.format
    out = Path(args.out)
    # Streams: articles are read, analysed and written as Parquet parts chunk by chunk.
    info = extract_folder(_corpus_source(args.corpus), out, metadata=args.metadata,
                          xlsx=args.xlsx, **kwargs)
    rows = info["rows"]
    print(
        f"newskit extract: {info['n_documents']} articles read, {len(info['skipped'])} skipped, "
        f"{rows['entities']} entity mentions, {rows['quotes']} quotes, "
        f"{rows['figures']} figures, {rows['citations']} citations "
        f"in {time.perf_counter() - start:.1f}s → {out}"
    )
    for line in _file_lines(info.get("files", {})):
        print(f"newskit extract: {line}")
    if info.get("extractor_errors"):
        print(f"newskit extract: {info['extractor_errors']} extractor failure(s); the articles' "
              "notes in documents.csv name them", file=sys.stderr)
    return 0


def _file_lines(files: dict[str, dict], limit: int = 30) -> list[str]:
    """How many articles came from each file: every file that gave several (archives, feeds,
    exports), the single-article files counted together by format."""
    lines, singles = [], {}
    for name, entry in sorted(files.items()):
        if entry["articles"] == 1:
            singles[entry["format"]] = singles.get(entry["format"], 0) + 1
        else:
            lines.append(f"{entry['articles']} articles from {name} ({entry['format']})")
    if len(lines) > limit:
        lines = lines[:limit] + [f"... and {len(lines) - limit} more files"]
    lines += [f"{n} {fmt} file(s) with one article each" for fmt, n in sorted(singles.items())]
    return lines


def cmd_report(args: argparse.Namespace) -> int:
    from . import reports

    return reports.main(args)


def cmd_eval(args: argparse.Namespace) -> int:
    gold = Path(args.gold)
    if not gold.is_file():
        raise UserError(f"gold file not found: {gold}")
    module = importlib.import_module(f"helpers.evaluation.{args.task}")
    print(module.run(gold, limit=args.limit, model=args.model, split=args.split))
    return 0


def cmd_bench(args: argparse.Namespace) -> int:
    from . import bench

    if args.stories:
        from . import story_bench

        return story_bench.main(args)
    if args.load:
        from . import bench_load

        return bench_load.main(args)
    if not args.corpus:
        raise UserError("newskit bench needs --corpus (or --load)")
    return bench.main(args)


def default_state(corpus: list[str]) -> Path:
    """One story state per corpus (by its resolved paths) in the cache folder."""
    import hashlib

    from .cache import default_folder

    key = "\n".join(sorted(str(Path(p).expanduser().resolve()) for p in corpus))
    return default_folder() / "stories" / f"{hashlib.sha1(key.encode()).hexdigest()[:16]}.sqlite"


def cmd_stories(args: argparse.Namespace) -> int:
    from .compare import state
    from .compare.engine import EngineOptions
    from .loading import load_corpus

    start = time.perf_counter()
    path = Path(args.state).expanduser() if args.state else default_state(args.corpus)
    if args.reset:
        state.reset(path)
    documents = load_corpus(_corpus_source(args.corpus), metadata=args.metadata)
    options = EngineOptions(engine="dask", scheduler=args.dask) if args.dask else None
    result = state.update(documents, path, options)
    table_path = Path(args.table).expanduser() if args.table else path.with_suffix(".csv")
    table_path.parent.mkdir(parents=True, exist_ok=True)
    columns = [c for c in ("doc_id", "story_id", "story_size", "outlet", "published", "title",
                           "path", "first_story_id") if c in result.table]
    result.table[columns].to_csv(table_path, index=False)
    print(f"newskit stories: {len(documents)} articles, {result.n_known} known (kept, not "
          f"re-scored), {result.n_new} new: {result.n_joined} joined earlier stories, "
          f"{result.n_opened} new stories"
          + (f", {result.n_merged} earlier stories merged into older ones" if result.n_merged
             else "")
          + (f", {result.n_moved} known articles moved to another story" if result.n_moved
             else "")
          + f"; {result.n_stories} stories in the state"
          + (f", {result.n_state_only} of its articles not in this corpus"
             if result.n_state_only else "")
          + f" in {time.perf_counter() - start:.1f}s")
    for line in state.largest(result.table):
        print(f"newskit stories: {line}")
    if result.n_merged:
        merged = result.merged[result.merged["run"] == result.run]
        print("newskit stories: merged " + ", ".join(
            f"{a} -> {b}" for a, b in zip(merged["story_id"], merged["merged_into"],
                                          strict=True)))
    print(f"newskit stories: state {path}; table {table_path}")
    return 0


COMMANDS = {"extract": cmd_extract, "report": cmd_report, "eval": cmd_eval, "bench": cmd_bench,
            "stories": cmd_stories}


_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _model_installed(name: str) -> bool:
    """Whether spaCy can load ``name``: an importable package or a model folder."""
    if Path(name).expanduser().is_dir():
        return True
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _exists(path: str, file: bool = False) -> bool:
    """Whether a user path exists, from the working folder or (as notebooks resolve it) from
    the project root."""
    from .notebook import resolve

    for candidate in (Path(path).expanduser(), resolve(path)):
        if candidate.is_file() if file else candidate.exists():
            return True
    return False


def _check_files(args: argparse.Namespace) -> None:
    """Options naming a file the command writes must not name a folder."""
    for option in ("table", "state"):
        value = getattr(args, option, None)
        if value is not None and Path(value).expanduser().is_dir():
            raise UserError(f"--{option}: {value} is a folder, not a file")


def _check_inputs(args: argparse.Namespace) -> None:
    """--corpus paths exist; --metadata is an existing CSV/JSONL file."""
    for path in getattr(args, "corpus", None) or []:
        if not _exists(path):
            raise UserError(f"--corpus: not found: {path}")
    metadata = getattr(args, "metadata", None)
    if metadata is not None:
        if not _exists(metadata, file=True):
            raise UserError(f"--metadata: file not found: {metadata}")
        if Path(metadata).suffix.lower() not in {".csv", ".jsonl", ".ndjson"}:
            raise UserError(f"--metadata: must be a .csv or .jsonl file, got {metadata}")


def _check_folders_and_counts(args: argparse.Namespace) -> None:
    """Output folders are not files; counts are at least 1."""
    for option in ("out", "cache_dir"):
        value = getattr(args, option, None)
        if value is not None and Path(value).expanduser().exists() and not Path(value).is_dir():
            raise UserError(f"--{option.replace('_', '-')}: {value} is a file, not a folder")
    for option in ("n_process", "docs", "limit", "keep"):
        value = getattr(args, option, None)
        if value is not None and value < 1:
            raise UserError(f"--{option.replace('_', '-')} must be at least 1, got {value}")


def _check_reference_date(args: argparse.Namespace) -> None:
    reference = getattr(args, "reference_date", None)
    if reference is None:
        return
    try:
        if not _ISO_DATE.match(reference):
            raise ValueError(reference)
        date.fromisoformat(reference)
    except ValueError:
        raise UserError(f"--reference-date must be a date YYYY-MM-DD, got {reference!r}") from None


def _check_model(args: argparse.Namespace) -> None:
    model = getattr(args, "model", None)
    if model is not None and not _model_installed(model):
        from .nlp import INSTALL_HINT

        raise UserError(f"--model: no spaCy model {model!r} is installed ({INSTALL_HINT})")


def _check_gold_and_params(args: argparse.Namespace) -> None:
    for option in ("gold", "params"):
        value = getattr(args, option, None)
        if value is not None and not Path(value).expanduser().is_file():
            raise UserError(f"--{option}: file not found: {value}")


#: The option checks, in the order their messages should win.
_ARG_CHECKS = (_check_inputs, _check_folders_and_counts, _check_reference_date, _check_model,
               _check_files, _check_gold_and_params)


def check_args(args: argparse.Namespace) -> None:
    """Reject invalid options before anything runs; each message names the option."""
    for check in _ARG_CHECKS:
        check(args)


def _show_warning(message: Warning | str, category: type[Warning], filename: str, lineno: int,
                  file: TextIO | None = None, line: str | None = None) -> None:
    """Warnings as one ``newskit: warning:`` line each (no source lines)."""
    text = " ".join(str(message).split())
    print(f"newskit: warning: {text}", file=sys.stderr if file is None else file)


def _user_errors() -> tuple[type[BaseException], ...]:
    from .loading import CorpusError
    from .nlp import ModelError
    from .notebook import ParameterError

    errors: tuple[type[BaseException], ...] = (UserError, CorpusError, ModelError, ParameterError)
    for module in ("reports", "reports.errors"):
        try:
            errors += (importlib.import_module(f"helpers.{module}").ReportError,)
        except Exception:  # a broken report module must not break the other commands
            pass
    return errors


def _one_line_usage_errors(parser: argparse.ArgumentParser) -> None:
    """Usage mistakes (unknown option, bad int) as one line pointing at ``--help``, instead of
    argparse's usage block."""

    def make(p: argparse.ArgumentParser) -> Callable[[str], NoReturn]:
        def error(message: str) -> NoReturn:
            p.exit(2, f"{p.prog}: error: {' '.join(message.split())} (see {p.prog} --help)\n")

        return error

    parsers = [parser]
    for action in parser._actions:  # the subcommands' parsers
        if isinstance(action, argparse._SubParsersAction):
            parsers += list(action.choices.values())
    for p in parsers:
        p.error = make(p)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 500 else text[:499] + "…"


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Errors a user can cause print one line and exit 2; unexpected ones
    print one line and exit 1; ``--debug`` shows the traceback instead."""
    parser = build_parser()
    _one_line_usage_errors(parser)
    args = parser.parse_args(argv)
    if not args.debug:
        warnings.simplefilter("ignore", FutureWarning)
        warnings.showwarning = _show_warning
    user_errors: tuple[type[BaseException], ...] = (UserError,)
    try:
        user_errors = _user_errors()
        check_args(args)
        return COMMANDS[args.command](args)
    except KeyboardInterrupt:
        print("newskit: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # Output piped into `head` and closed: not an error worth a message. Point stdout at
        # /dev/null so the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:
        if args.debug:
            raise
        if isinstance(exc, user_errors):
            print(f"newskit: error: {_one_line(exc)}", file=sys.stderr)
            return 2
        if isinstance(exc, OSError):  # permissions, full disk, a path that is a folder, ...
            print(f"newskit: error: {_one_line(exc)}", file=sys.stderr)
            return 2
        print(
            f"newskit: error: {_one_line(exc)} (unexpected {type(exc).__name__}; run with "
            "--debug for the traceback)",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
