"""Time and memory of one story-state update on an undated corpus (every known article is a
possible candidate partner of every new one).

    .venv/bin/python scripts/state_update_timing.py [--data ../shared/data] [--known 1976]
        [--new 250] [--repeat 2] [--synthetic [--dated-new]] [--state-dir DIR] [--profile N]

Shuffles the BBC corpus (seeded), fills a fresh state with the first ``--known`` articles,
then runs ``--repeat`` times an update that adds the next ``--new`` articles to a copy of that
state, each in a fresh process: wall and CPU seconds and the process's peak resident memory
(whose floor is the interpreter and the loaded corpus, printed as ``baseline``).
``--synthetic``: articles made from the BBC paragraphs as ``newskit bench --stories`` makes
them (``story_bench.synthetic``), without dates, for corpora larger than BBC; with
``--dated-new`` the new articles keep their synthetic dates (a morning's dated articles placed
against an undated archive). ``--state-dir``: keep the filled state there and reuse it when it
exists (filling 100,000 articles takes long); ``--profile N``: print the update's N most
expensive functions (cProfile, cumulative). Reads the data by path; nothing is copied.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np

SEED = 14


def _articles(data: Path, n: int, made: bool = False, dated_from: int = 0):  # noqa: ANN202 - a documents table
    from helpers.story_bench import quiet_corpus, synthetic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        documents = quiet_corpus(data / "bbc")
    if made:
        documents = synthetic(documents, n)
    order = np.random.default_rng(SEED).permutation(len(documents))
    documents = documents.iloc[order[:n]].reset_index(drop=True)
    if made and not dated_from:
        return documents.drop(columns=["published"])
    if made:  # the known articles undated, the new ones dated
        documents["published"] = documents["published"].where(
            documents.index >= dated_from)
    return documents


def child(args: argparse.Namespace) -> None:
    """One update in this process; prints its numbers."""
    from helpers.compare import state

    documents = _articles(Path(args.data), args.known + args.new, args.synthetic,
                          args.known if args.dated_new else 0)
    if args.phase == "fill":
        state.update(documents.iloc[:args.known], args.state)
        return
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    profiler = cProfile.Profile() if args.profile else None
    wall, cpu = time.perf_counter(), time.process_time()
    if profiler:
        profiler.enable()
    result = state.update(documents, args.state)
    if profiler:
        profiler.disable()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  update {result.n_known} known + {result.n_new} new: {wall:.2f}s wall, "
          f"{cpu:.2f}s CPU, peak RSS {peak:.0f} MB (baseline {base:.0f} MB), "
          f"{getattr(result, 'n_profiled', len(documents))} profiled, "
          f"{getattr(result, 'n_profiles_cached', 0)} profiles read", flush=True)
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(args.profile)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared"
                                              / "data"))
    parser.add_argument("--known", type=int, default=1976)
    parser.add_argument("--new", type=int, default=250)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--synthetic", action="store_true")
    parser.add_argument("--dated-new", action="store_true")
    parser.add_argument("--state-dir")
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--phase", choices=("fill", "update"), help=argparse.SUPPRESS)
    parser.add_argument("--state", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        child(args)
        return
    common = [sys.executable, __file__, "--data", args.data, "--known", str(args.known),
              "--new", str(args.new), *(["--synthetic"] if args.synthetic else []),
              *(["--dated-new"] if args.dated_new else []), "--profile", str(args.profile)]
    with tempfile.TemporaryDirectory(prefix="newskit-state-timing-") as tmp:
        kept = Path(args.state_dir) if args.state_dir else Path(tmp)
        kept.mkdir(parents=True, exist_ok=True)
        filled = kept / f"filled-{args.known}{'-syn' if args.synthetic else ''}.sqlite"
        if not filled.exists():  # filled under another name: an interrupted fill is not kept
            part = kept / f"part-{filled.name}"
            subprocess.run([*common, "--phase", "fill", "--state", str(part)], check=True)
            part.rename(filled)
        size = sum(p.stat().st_size for p in kept.glob(f"{filled.name}*")) / 2**20
        print(f"state of {args.known} articles: {size:.1f} MB")
        for _ in range(args.repeat):
            copy = Path(tmp) / "copy.sqlite"
            for suffix in ("", "-wal", "-shm"):
                if Path(f"{filled}{suffix}").exists():
                    shutil.copy(f"{filled}{suffix}", f"{copy}{suffix}")
            subprocess.run([*common, "--phase", "update", "--state", str(copy)], check=True)


if __name__ == "__main__":
    main()
