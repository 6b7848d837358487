"""Time and check the quote extractor alone, on documents parsed once.

    python scripts/quote_profile.py parse ../shared/data/bbc /tmp/q/bbc.spacy
    python scripts/quote_profile.py parse ../shared/data/quotes_dev.jsonl /tmp/q/dev.spacy
    python scripts/quote_profile.py dump /tmp/q/bbc.spacy /tmp/q/bbc_rows.jsonl
    python scripts/quote_profile.py profile /tmp/q/bbc.spacy --docs 300

``parse`` reads a corpus (a folder or file ``load_corpus`` reads, or a JSONL file with a
``text`` field per line) by path and keeps the parsed documents in a DocBin outside the
repository. ``dump`` runs the registered extractors the quotes need (entities, then quotes) on
every stored document and writes each document's quote rows, every column, one JSON line per
document: two dumps made by different code diff byte for byte. ``profile`` runs the entities
extractor untimed, then the quote extractor twice: once plainly, timed in CPU seconds (other
processes share the machine), once under cProfile, and prints the totals and hot spots.
Nothing is cached: every run recomputes.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import time
from pathlib import Path
from typing import Any

from spacy.tokens import Doc, DocBin

from helpers import nlp
from helpers.worker import EXTRACTORS


def _texts(source: str) -> list[str]:
    if source.endswith(".jsonl"):
        with open(source, encoding="utf-8") as fh:
            return [json.loads(line)["text"] for line in fh if line.strip()]
    from helpers.loading import load_corpus

    return list(load_corpus(source)["text"])


def parse(source: str, out: str) -> None:
    language = nlp.load_model()
    texts = _texts(source)
    store = DocBin(store_user_data=True)
    t0 = time.perf_counter()
    for doc in nlp.parse(language, texts):
        store.add(doc)
    print(f"parsed {len(texts)} documents in {time.perf_counter() - t0:.1f}s")
    Path(out).write_bytes(store.to_bytes())


def load(path: str, limit: int | None = None) -> list[Doc]:
    language = nlp.load_model()
    docs = list(DocBin(store_user_data=True).from_bytes(Path(path).read_bytes())
                .get_docs(language.vocab))
    return [nlp.fast_sentences(doc) for doc in docs[:limit]]


def _entities(doc: Doc) -> list[dict[str, Any]]:
    return EXTRACTORS["entities"].func(doc)


def dump(path: str, out: str) -> None:
    quotes = EXTRACTORS["quotes"].func
    with open(out, "w", encoding="utf-8") as fh:
        for n, doc in enumerate(load(path)):
            rows = quotes(doc, _entities(doc))
            fh.write(json.dumps({"doc": n, "rows": rows}, ensure_ascii=False, sort_keys=True))
            fh.write("\n")


def profile(path: str, limit: int, top: int) -> None:
    docs = load(path, limit)
    quotes = EXTRACTORS["quotes"].func
    inputs = [(doc, _entities(doc)) for doc in docs]
    for doc, ents in inputs:  # one plain run first (lexicons loaded), timed in CPU seconds
        quotes(doc, ents)
    t0 = time.process_time()
    for doc, ents in inputs:
        quotes(doc, ents)
    print(f"quote extractor on {len(docs)} documents: {time.process_time() - t0:.2f} CPU s "
          "(no profiler)")
    prof = cProfile.Profile()
    prof.enable()
    for doc, ents in inputs:
        quotes(doc, ents)
    prof.disable()
    stats = pstats.Stats(prof)
    print(f"cProfile total: {stats.total_tt:.3f}s, {stats.total_calls} calls")
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("mode", choices=("parse", "dump", "profile"))
    p.add_argument("source")
    p.add_argument("out", nargs="?")
    p.add_argument("--docs", type=int, default=300)
    p.add_argument("--top", type=int, default=40)
    args = p.parse_args()
    if args.mode == "parse":
        parse(args.source, args.out)
    elif args.mode == "dump":
        dump(args.source, args.out)
    else:
        profile(args.source, args.docs, args.top)


if __name__ == "__main__":
    main()
