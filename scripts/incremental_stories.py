"""Incremental stories (``compare.state.update``) against one-shot grouping of the same articles.

    .venv/bin/python scripts/incremental_stories.py [--data ../shared/data] [--batches 6]
        [--last 250] [--only bbc|basil|ecb]

Feeds each corpus to a fresh story state in batches and compares the state's stories after
the last batch with one run of the batch fast path (``engine.story_graph``: candidate pairs,
``MIN_LINK``, lazy completion) on all the articles, by adjusted Rand index; for the gold files
also both against the gold events, next to the exact all-pairs grouping that ``newskit eval
stories`` scores. Batches are chronological where articles are dated (BASIL), a fixed seeded
shuffle where they are not (BBC, ECB+: their files are ordered by topic, which would make
every batch a topic of its own). The last batch holds ``--last`` articles (default 250), the
earlier ones split the rest evenly; each update's time is printed with its known/new counts.

BBC runs on plain documents (no spaCy parse, like ``newskit bench --stories``); the gold
files with the kit's entity and figure tables (parsed once, from the result cache, as the
evaluation does). Reads the data by path; nothing is copied.
"""

from __future__ import annotations

import argparse
import tempfile
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.compare import engine, state
from helpers.compare.grouping import group
from helpers.compare.profiles import build_profiles
from helpers.compare.scoring import score_pairs
from helpers.evaluation import half_of, read_jsonl
from helpers.evaluation.stories import adjusted_rand_index, all_pairs, story_documents, unit_key
from helpers.story_bench import quiet_corpus

SEED = 14


@dataclass(frozen=True)
class Corpus:
    """Articles in feeding order, with the kit's tables when parsed; ``gold``: event ids."""

    documents: pd.DataFrame
    entities: pd.DataFrame | None = None
    figures: pd.DataFrame | None = None
    gold: list[str] | None = None
    halves: list[str] | None = None  # "tune" / "check" of each article (gold files)

    def head(self, n: int) -> Corpus:
        """The first ``n`` articles (an object ``state.update`` reads like an ``Analysis``)."""
        docs = self.documents.iloc[:n]
        ids = set(docs["doc_id"].astype(str))
        return Corpus(docs, *(t[t["doc_id"].astype(str).isin(ids)] if t is not None else None
                              for t in (self.entities, self.figures)))


def _order(documents: pd.DataFrame) -> np.ndarray:
    """Chronological where dated (ties and undated in a seeded shuffle, undated last)."""
    shuffle = np.random.default_rng(SEED).permutation(len(documents))
    when = pd.to_datetime(documents["published"], errors="coerce") \
        if "published" in documents else pd.Series(pd.NaT, index=documents.index)
    keys = when.iloc[shuffle].reset_index(drop=True)
    return shuffle[np.argsort(keys.to_numpy(dtype="datetime64[ns]"), kind="stable")] \
        if keys.notna().any() else shuffle


def bbc(path: Path) -> Corpus:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        documents = quiet_corpus(path)
    return Corpus(documents.iloc[_order(documents)].reset_index(drop=True))


def gold(path: Path) -> Corpus:
    from helpers.pipeline import analyze

    lines = list(read_jsonl(path))
    docs = story_documents(lines)
    order = _order(docs)
    docs = docs.iloc[order].reset_index(drop=True)
    analysis = analyze(docs[["doc_id", "text"]], cache=True)
    key = unit_key(lines)
    return Corpus(docs, analysis.entities, analysis.figures,
                  [str(lines[i]["event_id"]) for i in order],
                  [half_of(lines[i][key]) for i in order])


def bounds(n: int, batches: int, last: int) -> list[int]:
    """End of each batch: ``batches - 1`` even batches, then the last ``last`` articles."""
    last = min(last, n // batches) if last * batches > n * 2 else last
    ends = np.linspace(0, n - last, batches, dtype=np.int64)[1:].tolist()
    return [int(e) for e in ends] + [n]


def incremental(corpus: Corpus, batches: int, last: int) -> list[str]:
    """Story ids after feeding ``corpus`` batch by batch to a fresh state."""
    with tempfile.TemporaryDirectory(prefix="newskit-incremental-") as tmp:
        path = Path(tmp) / "stories.sqlite"
        start = 0
        for end in bounds(len(corpus.documents), batches, last):
            t = time.perf_counter()
            result = state.update(corpus.head(end), path)
            print(f"    update {start:>5}..{end:<5}: {result.n_known:>5} known, "
                  f"{result.n_new:>4} new, {result.n_joined:>4} joined, "
                  f"{result.n_opened:>4} opened, {getattr(result, 'n_merged', 0):>3} merged "
                  f"{time.perf_counter() - t:6.1f}s", flush=True)
            start = end
    return result.table["story_id"].astype(str).tolist()


def disagreement(incremental: list[str], one_shot: list[int]) -> str:
    """Article pairs together in one grouping only, each way."""
    a = pd.factorize(pd.Series(incremental))[0]
    b = np.asarray(one_shot)
    both = pd.Series(a * (b.max() + 1) + b).value_counts()
    pairs = int((both * (both - 1) // 2).sum())
    in_a = int((pd.Series(a).value_counts().pipe(lambda c: c * (c - 1) // 2)).sum())
    in_b = int((pd.Series(b).value_counts().pipe(lambda c: c * (c - 1) // 2)).sum())
    return (f"pairs together only incrementally {in_a - pairs:,}, only in one shot "
            f"{in_b - pairs:,} (together in both {pairs:,})")


def report(name: str, corpus: Corpus, batches: int, last: int) -> None:
    print(f"{name}: {len(corpus.documents)} articles in {batches} batches", flush=True)
    profiles = build_profiles(corpus.documents, corpus.entities, corpus.figures)
    t = time.perf_counter()
    one_shot = engine.story_graph(profiles).labels.tolist()
    print(f"    one-shot fast path: {len(set(one_shot))} stories "
          f"{time.perf_counter() - t:.1f}s", flush=True)
    labels = incremental(corpus, batches, last)
    print(f"  {name}: incremental {len(set(labels))} stories vs one-shot {len(set(one_shot))}:"
          f" ARI {adjusted_rand_index(labels, one_shot):.4f}; {disagreement(labels, one_shot)}")
    if corpus.gold is None:
        return
    left, right = all_pairs(len(corpus.documents))
    exact = group(len(corpus.documents), left, right, score_pairs(profiles, left, right))
    print(f"  {name}: ARI vs gold: incremental {adjusted_rand_index(labels, corpus.gold):.4f}, "
          f"one-shot fast path {adjusted_rand_index(one_shot, corpus.gold):.4f}, "
          f"exact all pairs {adjusted_rand_index(exact.tolist(), corpus.gold):.4f}")
    print(f"  {name}: ARI vs gold by half (tune / check, articles of each half): "
          f"incremental {by_half(labels, corpus)}, one-shot fast path {by_half(one_shot, corpus)}")


def by_half(labels: list, corpus: Corpus) -> str:
    """ARI against the gold events on the tune and the check articles, and the gap."""
    values = []
    for half in ("tune", "check"):
        keep = [i for i, h in enumerate(corpus.halves or []) if h == half]
        values.append(adjusted_rand_index([labels[i] for i in keep],
                                          [corpus.gold[i] for i in keep]))
    return f"{values[0]:.4f} / {values[1]:.4f} (gap {values[0] - values[1]:+.4f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared"
                                              / "data"))
    parser.add_argument("--batches", type=int, default=6)
    parser.add_argument("--last", type=int, default=250)
    parser.add_argument("--only", choices=("bbc", "basil", "ecb"))
    args = parser.parse_args()
    data = Path(args.data)
    loaders = {"bbc": lambda: bbc(data / "bbc"),
               "basil": lambda: gold(data / "stories_dev.jsonl"),
               "ecb": lambda: gold(data / "stories_ecb_dev.jsonl")}
    for name, load in loaders.items():
        if args.only in (None, name):
            report(name, load(), args.batches, args.last)


if __name__ == "__main__":
    main()
