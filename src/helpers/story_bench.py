"""``newskit bench --stories``: story grouping at 1,000 to 100,000 articles, before and after.

The large corpora are synthetic, made from the paragraphs of the ``--corpus`` articles
(default ``../shared/data/bbc``) with a fixed seed: each synthetic story takes one article as
its template and renames the template's rare words (names, places: background surprisal at
least :data:`RARE`) with letters of its own, so stories stay distinct however often a
template is reused; each of its 1–6 articles keeps a random two thirds of the template's
paragraphs (at least one), in order, and one article in two gets one paragraph of another
article. Stories are spread over ``n / ARTICLES_PER_DAY`` days (a year for 100,000 articles:
ten outlets of 30 articles a day), articles within 2 days of their story, 2% undated.
"After extraction": the profiles are built from the documents table; there is no spaCy parse
for the synthetic articles (the profiles' entity fields, if any, are empty).

Each size runs in a fresh process that reads the documents table (synthetic ones from Parquet,
as ``newskit extract`` writes it, a chunk of rows at a time as they are profiled, so the whole
text is never held) and groups it; peak memory = that process's maximum resident set. "Before"
is the exact all-pairs :func:`compare.matching.stories` on the first 500 / 1,000 / 2,000 real
articles; "after" is the fast path of :func:`compare.engine.stories` on the same and on the
synthetic corpora. Then the fast path is compared with exact all-pairs grouping (the same scorer
and grouping on every pair) on the whole real corpus, by adjusted Rand index.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # the compare layer loads in each run's fresh process only
    from .compare.profiles import StoryProfiles

#: Targets of issue 14 (2 cores).
MAX_SECONDS_100K = 600.0
MAX_PEAK_MB = 2048.0
MAX_GROWTH = 1.2
MIN_ARI = 0.98
SIZES = (1_000, 10_000, 100_000)
BEFORE_SIZES = (500, 1_000, 2_000)
ARTICLES_PER_DAY = 300
RARE = 10.0  # surprisal (-ln p) from which a word is renamed per story
SEED = 14
DEFAULT_CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "bbc"
_WORD = re.compile(r"[^\W\d_]+")


def _suffix(number: int) -> str:
    letters = ""
    number += 26 * 27  # at least three letters
    while number:
        number, rest = divmod(number, 26)
        letters += "abcdefghijklmnopqrstuvwxyz"[rest]
    return letters


def quiet_corpus(corpus: str | Path) -> pd.DataFrame:
    """The articles of ``corpus`` as one table (index 0..n-1), without the loader's warnings
    about skipped files (the benchmarks read a folder that also holds a README)."""
    import warnings

    from .loading import load_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_corpus(str(corpus)).reset_index(drop=True)


def synthetic(source: pd.DataFrame, n: int, seed: int = SEED) -> pd.DataFrame:
    """``n`` synthetic articles in stories built from ``source``'s paragraphs (see module)."""
    rng = np.random.default_rng(seed)
    paragraphs = [[p for p in str(t).split("\n") if p.strip()] or [str(t)] for t in source["text"]]
    titles = source["title"].fillna("").astype(str).tolist()
    span = max(1.0, n / ARTICLES_PER_DAY)
    columns: dict[str, list] = {"text": [], "title": [], "day": [], "story": []}
    story = 0
    while len(columns["text"]) < n:
        template = int(rng.integers(len(paragraphs)))
        body, title = _renamed(paragraphs[template], titles[template], _suffix(story))
        day = rng.uniform(0, span)
        for _ in range(min(int(rng.integers(1, 7)), n - len(columns["text"]))):
            columns["text"].append(_article(rng, body, paragraphs))
            columns["title"].append(title)
            columns["day"].append(np.nan if rng.random() < 0.02 else day + rng.integers(0, 3))
            columns["story"].append(story)
        story += 1
    when = pd.Timestamp("2024-01-01") + pd.to_timedelta(np.asarray(columns.pop("day")), unit="D")
    return pd.DataFrame({"doc_id": [f"syn{i:06d}" for i in range(n)],
                         "outlet": [f"Outlet {i % 10}" for i in range(n)], "published": when,
                         **columns})


def _renamed(paragraphs: list[str], title: str, suffix: str) -> tuple[list[str], str]:
    """A template's paragraphs and title with its rare words renamed by ``suffix``."""
    from .compare.text import normalize, surprisal

    def rename(match: re.Match) -> str:
        word = match.group()
        return word + suffix if surprisal(normalize(word)) >= RARE else word

    return [_WORD.sub(rename, p) for p in paragraphs], _WORD.sub(rename, title)


def _article(rng: np.random.Generator, body: list[str], paragraphs: list[list[str]]) -> str:
    """Two thirds of ``body``'s paragraphs (at least one), half the time one of another."""
    keep = rng.random(len(body)) < 2 / 3
    keep[int(rng.integers(len(body)))] = True
    text = [p for p, k in zip(body, keep, strict=True) if k]
    if rng.random() < 0.5:
        other = paragraphs[int(rng.integers(len(paragraphs)))]
        text.insert(int(rng.integers(len(text) + 1)), other[int(rng.integers(len(other)))])
    return "\n".join(text)


def _run(kind: str, n: int, corpus: Path) -> dict:
    """Time one grouping in this process: ``kind`` is "before" (exact, real articles),
    "after" (fast path, real articles) or "synthetic" (fast path, synthetic articles)."""
    import resource

    from .compare import engine, matching
    from .compare.candidates import Pairs
    from .compare.profiles import build_profiles

    # A synthetic corpus is read as it is profiled (its reading counts in "profiles").
    documents = None if kind == "synthetic" else quiet_corpus(corpus).head(n)
    matching.vector("warm up the background model")
    stages: dict[str, float] = {}
    start = time.perf_counter()
    if documents is not None and kind == "before":
        n = len(documents)
        labels = matching.stories(documents)["story_id"]
    else:
        t = time.perf_counter()
        if documents is None:
            n, profiles = _streamed_profiles(corpus)
        else:
            n = len(documents)
            profiles = build_profiles(documents)
        stages["profiles"] = time.perf_counter() - t
        t = time.perf_counter()
        pairs: Pairs = engine.candidates(profiles)
        stages["candidates"] = time.perf_counter() - t
        t = time.perf_counter()
        scores = engine.scores(profiles, pairs)
        stages["scoring"] = time.perf_counter() - t
        t = time.perf_counter()
        pairs, scores = engine.closure(profiles, pairs, scores)
        stages["closure"] = time.perf_counter() - t
        t = time.perf_counter()
        labels = engine.group_candidates(profiles, pairs, scores)
        stages["grouping"] = time.perf_counter() - t
        stages["pairs"] = float(len(pairs))
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"n": n, "seconds": seconds, "peak_mb": peak, "stages": stages,
            "stories": int(pd.Series(labels).nunique())}


def _streamed_profiles(path: Path) -> tuple[int, StoryProfiles]:
    """``(articles, profiles)`` of the documents table at ``path`` (Parquet, as extract writes
    it), read a chunk of rows at a time and profiled as it is read
    (:func:`.compare.profiles.build_profiles_streamed`): the grouping needs the profiles only,
    so the whole text is never in memory, as a pipeline that profiles each extracted batch
    would hold it. The profiles are those of the whole table read at once."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from .compare.profiles import PROFILE_CHUNK, build_profiles_streamed

    # The system allocator gives each batch's buffers back (arrow's own pool keeps them).
    pa.set_memory_pool(pa.system_memory_pool())
    source = pq.ParquetFile(path)
    batches = (batch.to_pandas() for batch in source.iter_batches(batch_size=PROFILE_CHUNK))
    return source.metadata.num_rows, build_profiles_streamed(batches)


def _fresh(kind: str, n: int, corpus: Path) -> dict:
    """:func:`_run` in a fresh Python process (so its peak memory is its own); a synthetic
    corpus is made here and handed over as Parquet."""
    with tempfile.TemporaryDirectory(prefix="newskit-bench-stories-") as tmp:
        if kind == "synthetic":
            path = Path(tmp) / "documents.parquet"
            synthetic(quiet_corpus(corpus), n).to_parquet(path)
            corpus = path
        code = (f"import json, warnings; warnings.simplefilter('ignore'); from helpers import "
                f"story_bench as b; print(json.dumps(b._run({kind!r}, {n}, {str(corpus)!r})))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"bench --stories ({kind}, {n}) failed: {out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def agreement(corpus: Path) -> tuple[float, int, int, float, float]:
    """``(ARI, fast pairs, all pairs, fast s, exact s)``: fast path vs exact all-pairs
    grouping (same scorer, same grouping) on the real corpus; fast pairs: the candidates and
    the pairs they imply (:func:`.compare.engine.closure`), all scored."""
    from .compare import engine
    from .compare.profiles import build_profiles
    from .evaluation.stories import adjusted_rand_index

    documents = quiet_corpus(corpus)
    profiles = build_profiles(documents)
    t = time.perf_counter()
    fast = engine.story_graph(profiles)
    t_fast = time.perf_counter() - t
    t = time.perf_counter()
    exact = engine.story_graph(profiles, exact=True)
    t_exact = time.perf_counter() - t
    ari = adjusted_rand_index(fast.labels.tolist(), exact.labels.tolist())
    return ari, len(fast.pairs), len(exact.pairs), t_fast, t_exact


def _row(label: str, result: dict) -> str:
    stages = result["stages"]
    detail = ", ".join(f"{k} {v:.1f}s" for k, v in stages.items() if k != "pairs")
    pairs = f"{int(stages['pairs']):,} pairs; " if "pairs" in stages else ""
    return (f"  {label:<40}{result['n']:>8,}{result['seconds']:>9.1f}{result['peak_mb']:>10.0f}"
            f"{result['stories']:>9,}   {pairs}{detail}")


def _growth(small: dict, large: dict) -> float:
    """Time factor per doubling of articles beyond linear between two runs."""
    doublings = math.log2(large["n"] / small["n"])
    return ((large["seconds"] / small["seconds"]) / (large["n"] / small["n"])) ** (1 / doublings)


def _ok(flag: bool) -> str:
    return "ok" if flag else "MISSED"


def main(args: argparse.Namespace) -> int:
    corpus = Path(args.corpus[0]) if args.corpus else DEFAULT_CORPUS
    if not corpus.exists():
        print(f"newskit bench --stories: corpus not found: {corpus} (give --corpus)")
        return 2
    sizes = tuple(args.sizes or SIZES)
    real = len(quiet_corpus(corpus))
    print(f"story grouping, {real} real articles from {corpus}; synthetic corpora recombine "
          "their paragraphs (fixed seed; no spaCy parse: profiles built from the documents)")
    print(f"  {'run':<40}{'articles':>8}{'time s':>9}{'peak MB':>10}{'stories':>9}")
    for n in BEFORE_SIZES:
        if n <= real:
            print(_row("exact: every pair scored (matching)", _fresh("before", n, corpus)),
                  flush=True)
    for n in BEFORE_SIZES:
        if n <= real:
            print(_row("fast path, real articles", _fresh("after", n, corpus)),
                  flush=True)
    runs = []
    for n in sizes:
        runs.append(_fresh("synthetic", n, corpus))
        print(_row("fast path, synthetic", runs[-1]), flush=True)
    print()
    for small, large in zip(runs, runs[1:], strict=False):
        g = _growth(small, large)
        print(f"  growth {small['n']:,} -> {large['n']:,}: {g:.2f}x per doubling beyond linear "
              f"(target <= {MAX_GROWTH}: {_ok(g <= MAX_GROWTH)})")
    big = max(runs, key=lambda r: r["n"]) if runs else None
    if big is not None:
        print(f"  {big['n']:,} articles: {big['seconds']:.0f}s (target <= "
              f"{MAX_SECONDS_100K:.0f}s for 100,000: {_ok(big['seconds'] <= MAX_SECONDS_100K)}),"
              f" peak {big['peak_mb']:.0f} MB (target <= {MAX_PEAK_MB:.0f}: "
              f"{_ok(big['peak_mb'] <= MAX_PEAK_MB)})")
    ari, n_fast, n_all, t_fast, t_exact = agreement(corpus)
    print(f"  fast vs exact all-pairs grouping on the {real} real articles: ARI {ari:.4f} "
          f"(target >= {MIN_ARI}: {_ok(ari >= MIN_ARI)}); {n_fast:,} candidate + implied pairs of "
          f"{n_all:,} ({100 * n_fast / max(1, n_all):.2f}%), {t_fast:.1f}s vs {t_exact:.1f}s")
    print("  timings on a shared 2-core machine are noisy")
    return 0
