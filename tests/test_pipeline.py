"""analyze / Analysis: one parse per document, caching, long articles, save and load."""

from __future__ import annotations

import pandas as pd

import helpers
from helpers import nlp as nlp_module
from helpers import schema
from helpers.cache import ResultCache


def test_analysis_tables_have_contract_columns(seed_analysis):
    for name in schema.TABLES:
        table = getattr(seed_analysis, name)
        assert list(table.columns[: len(schema.TABLES[name])]) == schema.columns(name), name


def test_offsets_match_surface(seed_analysis):
    texts = seed_analysis.documents.set_index("doc_id")["text"]
    for row in seed_analysis.entities.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.surface


def test_cache_reuses_results(tmp_path, seed_documents):
    first = helpers.analyze(seed_documents, cache=tmp_path)
    assert first.info["n_parsed"] == 2
    second = helpers.analyze(seed_documents, cache=tmp_path)
    assert second.info["n_parsed"] == 0 and second.info["n_cached"] == 2
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(getattr(first, name), getattr(second, name))


def test_corrupted_cache_entry_is_recomputed(tmp_path, seed_documents):
    helpers.analyze(seed_documents, cache=tmp_path)
    with ResultCache(tmp_path) as store:
        store._conn.execute("UPDATE results SET payload = X'00'")
    again = helpers.analyze(seed_documents, cache=tmp_path)
    assert again.info["n_parsed"] == 2


def test_save_and_load_roundtrip(tmp_path, seed_analysis):
    seed_analysis.save(tmp_path / "a")
    loaded = helpers.Analysis.load(tmp_path / "a")
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(getattr(seed_analysis, name), getattr(loaded, name))


def test_split_pieces_keeps_text():
    text = ("Word " * 50 + "end.\n\n") * 30
    pieces = nlp_module.split_pieces(text, size=700)
    assert "".join(pieces) == text and max(map(len, pieces)) <= 700


def test_long_article_parsed_whole(monkeypatch, nlp):
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 2_000)
    text = " ".join(f"Maria Lopez met officials in Paris on day {i}." for i in range(400))
    doc = next(nlp_module.parse(nlp, [text]))
    assert doc.text == text
    last = [e for e in doc.ents if e.start_char > len(text) - 200]
    assert last and all(text[e.start_char : e.end_char] == e.text for e in last)


def test_empty_input_gives_empty_tables():
    analysis = helpers.analyze([], cache=False)
    for name in schema.TABLES:
        assert list(getattr(analysis, name).columns[: len(schema.TABLES[name])]) == schema.columns(name)
