"""``newskit bench`` runs end to end on a tiny corpus and prints every figure the issue asks
for (the numbers themselves are measured on real corpora, never asserted here)."""

from __future__ import annotations

from helpers.cli import main as cli_main


def test_bench_prints_every_measure(seeds_dir, capsys):
    code = cli_main(["bench", "--corpus", str(seeds_dir), "--docs", "2", "--n-process", "1"])
    assert code == 0
    out = capsys.readouterr().out
    for needle in (
        "bare spaCy nlp.pipe, 1 process", "kit parse only, 1 process", "kit analyze, 1 process",
        "kit/bare time ratio", "process speedup", "warm cache re-run", "peak RSS", "words/s",
        "extractors on top of the kit's own parse", "kit parse vs bare spaCy",
    ):
        assert needle in out, needle


def test_tree_memory_sees_this_process():
    from helpers.bench import TreeMemory

    with TreeMemory() as memory:
        blob = bytearray(50 * 2**20)
    assert memory.peak > 50 and len(blob)


def test_scaled_corpus_has_no_duplicates(tmp_path, seed_documents):
    import helpers
    from helpers.bench import _scaled_corpus

    folder = _scaled_corpus(seed_documents, 3, tmp_path / "x3")
    docs = helpers.load_corpus(folder)
    assert len(docs) == 3 * len(seed_documents)
    assert docs["content_hash"].is_unique
