"""analyze / Analysis: one parse per document, chunking, worker pools, streaming to Parquet
parts, save and load, long articles."""

from __future__ import annotations

import pandas as pd
import pytest

import helpers
from helpers import nlp as nlp_module
from helpers import pipeline, schema, worker
from helpers.cli import main as cli_main


def assert_same(a: helpers.Analysis, b: helpers.Analysis) -> None:
    for name in schema.TABLES:
        pd.testing.assert_frame_equal(getattr(a, name), getattr(b, name), obj=name)


def test_analysis_tables_have_contract_columns(seed_analysis):
    for name in schema.TABLES:
        table = getattr(seed_analysis, name)
        assert list(table.columns[: len(schema.TABLES[name])]) == schema.columns(name), name
        for column, dtype in schema.TABLES[name].items():
            assert str(table[column].dtype) == dtype, (name, column)


def test_offsets_match_surface(seed_analysis):
    texts = seed_analysis.documents.set_index("doc_id")["text"]
    for row in seed_analysis.entities.itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.surface


def test_local_ids_become_corpus_unique(seed_analysis):
    quotes = seed_analysis.quotes
    assert quotes["quote_id"].is_unique
    for row in quotes.itertuples():
        assert row.quote_id.startswith(f"{row.doc_id}:")


def test_save_and_load_roundtrip(tmp_path, seed_analysis):
    seed_analysis.save(tmp_path / "a")
    loaded = helpers.Analysis.load(tmp_path / "a")
    assert_same(seed_analysis, loaded)


def test_empty_input_gives_empty_tables():
    analysis = helpers.analyze([], cache=False)
    for name in schema.TABLES:
        assert list(getattr(analysis, name).columns[: len(schema.TABLES[name])]) == schema.columns(
            name
        )


# --- assembly ---------------------------------------------------------------------------------


def _naive_tables(doc_ids, keys, records):
    """The obvious row-by-row assembly that chunk_tables must reproduce."""
    rows = {name: [] for name in schema.EXTRACTED_TABLES}
    for doc_id, key in zip(doc_ids, keys, strict=True):
        for name in schema.EXTRACTED_TABLES:
            for record in records[key].get(name, []):
                row = {"doc_id": doc_id, **record}
                for field in pipeline._LOCAL_IDS.get(name, ()):
                    if row.get(field) is not None:
                        row[field] = f"{doc_id}:{row[field]}"
                rows[name].append(row)
    return {name: pipeline._conform(schema.frame(rows[name], name), name) for name in rows}


def test_chunk_tables_matches_row_by_row_assembly():
    records = {
        "k1": {
            "entities": [
                {"start": 0, "end": 4, "surface": "Anna", "label": "PERSON", "canonical": "Anna",
                 "entity_id": "PERSON:anna", "extra": "x"},
                {"start": 9, "end": 14, "surface": "Paris", "label": "GPE", "canonical": "Paris",
                 "entity_id": "GPE:paris"},
            ],
            "quotes": [{"quote_id": "q1", "type": "direct", "content": "hi", "content_start": 1,
                        "content_end": 3, "speaker": None, "confidence": 0.5}],
            "figures": [{"figure_id": "f1", "kind": "percent", "surface": "5%", "start": 1,
                         "end": 3, "value": 5.0, "unit": "%", "quote_id": "q1"},
                        {"figure_id": "f2", "kind": "date", "surface": "May", "start": 5,
                         "end": 8, "value": None, "quote_id": None, "date_value": "XXXX-05"}],
            "citations": [],
        },
        "k2": {"entities": [{"start": 2, "end": 5, "surface": "BBC", "label": "ORG",
                             "canonical": "BBC", "entity_id": "ORG:bbc"}]},
        "k3": {},
    }
    doc_ids, keys = ["a", "b", "c", "d"], ["k1", "k2", "k3", "k1"]
    columnar = {k: pipeline.columnar(v) for k, v in records.items()}
    got = pipeline.chunk_tables(doc_ids, keys, columnar)
    want = _naive_tables(doc_ids, keys, records)
    for name in schema.EXTRACTED_TABLES:
        pd.testing.assert_frame_equal(got[name], want[name], obj=name)
    assert list(got["figures"]["quote_id"]) == ["a:q1", pd.NA, "d:q1", pd.NA]
    assert got["entities"]["extra"].dtype == "string"


def test_chunking_does_not_change_results(seed_documents, seed_analysis):
    chunked = helpers.analyze(seed_documents, cache=False, chunk_size=1, batch_size=1)
    assert_same(seed_analysis, chunked)


def test_worker_pool_gives_same_tables(seed_documents, seed_analysis):
    pooled = helpers.analyze(seed_documents, cache=False, n_process=2, batch_size=1)
    assert_same(seed_analysis, pooled)


def test_process_batch_returns_plain_records(seed_documents):
    items = [("k", seed_documents["text"][0], None)]
    ((key, records),) = worker.process_batch(items)
    assert key == "k" and set(records) == set(schema.EXTRACTED_TABLES)
    for rows in records.values():
        for row in rows:
            assert all(v is None or isinstance(v, str | int | float) for v in row.values())


# --- streaming to a folder ----------------------------------------------------------------------


def test_analyze_to_folder_matches_analyze(tmp_path, seed_documents, seed_analysis, seeds_dir):
    info = pipeline.analyze_to_folder(seeds_dir, tmp_path / "out", cache=False, chunk_size=1)
    assert info["n_documents"] == 2 and info["n_parts"] == 2
    assert (tmp_path / "out" / "entities.parquet" / "part-00001.parquet").is_file()
    loaded = helpers.Analysis.load(tmp_path / "out")
    assert_same(seed_analysis, loaded)
    # No temporary files are left behind.
    assert not [p for p in (tmp_path / "out").iterdir() if p.name.startswith(".")]


def test_extract_command_writes_parts_csv_and_dictionary(tmp_path, seeds_dir, seed_analysis,
                                                         capsys):
    out = tmp_path / "x"
    code = cli_main(["extract", "--corpus", str(seeds_dir), "--out", str(out), "--no-cache"])
    assert code == 0
    assert "2 articles read" in capsys.readouterr().out
    quotes = pd.read_csv(out / "quotes.csv")
    assert len(quotes) == len(seed_analysis.quotes)
    assert (out / "data_dictionary.csv").is_file()
    assert len(pd.read_parquet(out / "entities.parquet")) == len(seed_analysis.entities)
    # Re-running over an existing output folder replaces it.
    assert cli_main(["extract", "--corpus", str(seeds_dir), "--out", str(out), "--no-cache"]) == 0
    assert_same(seed_analysis, helpers.Analysis.load(out))


# --- long articles ------------------------------------------------------------------------------


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


def test_model_id_without_loading_matches_loaded(nlp):
    assert nlp_module.model_id_for(None) == nlp_module.model_id(nlp)


def test_unknown_engine_is_rejected(seed_documents):
    with pytest.raises(ValueError, match="engine"):
        helpers.analyze(seed_documents, cache=False, engine="spark")


def test_fast_sentences_match_spacy(nlp, seed_documents):
    text = seed_documents["text"][0][:3000]
    plain, fast = nlp(text), nlp_module.fast_sentences(nlp(text))
    assert "sent" in fast.user_token_hooks
    for a, b in zip(plain, fast, strict=True):
        assert (a.sent.start, a.sent.end) == (b.sent.start, b.sent.end)
    n = len(plain)
    for start in range(0, n, 5):
        for end in (start + 1, start + 7, start + 60):
            if end <= n:
                want, got = plain[start:end].sent, fast[start:end].sent
                assert (want.start, want.end) == (got.start, got.end)


def test_parse_gives_fast_sentences(nlp):
    doc = next(nlp_module.parse(nlp, ["One sentence here. Another one there."]))
    assert [t.sent.text for t in doc][-1] == "Another one there."


def test_stale_work_folders_of_killed_runs_are_removed(tmp_path, seeds_dir):
    out = tmp_path / "out"
    out.mkdir()
    stale = out / ".newskit-999999999-abcd1234.tmp"  # no such process
    stale.mkdir()
    pipeline.analyze_to_folder(seeds_dir, out, cache=False)
    assert not stale.exists()


def test_parts_replace_a_folder_written_by_save(tmp_path, seed_analysis, seeds_dir):
    seed_analysis.save(tmp_path)
    assert (tmp_path / "entities.parquet").is_file()
    pipeline.analyze_to_folder(seeds_dir, tmp_path, cache=False)
    assert (tmp_path / "entities.parquet").is_dir()
    assert_same(seed_analysis, helpers.Analysis.load(tmp_path))
    seed_analysis.save(tmp_path)  # and back
    assert_same(seed_analysis, helpers.Analysis.load(tmp_path))


def test_iter_corpus_chunks_equal_load_corpus(tmp_path):
    from helpers.loading import iter_corpus

    texts = ["Anna Berg visited Oslo on Monday.", "The BBC reported 5% growth.",
             "Anna Berg visited Oslo on Monday.", "Prices rose in Paris.",
             "The BBC reported 5% growth."]
    for i, text in enumerate(texts):
        (tmp_path / f"{i}.txt").write_text(text)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_text("Another article about Rome.")
    whole = helpers.load_corpus(tmp_path)
    chunks = list(iter_corpus(tmp_path, chunk_size=2))
    assert [len(c) for c in chunks] == [2, 2, 2]
    pd.testing.assert_frame_equal(whole, pd.concat(chunks, ignore_index=True))
    assert whole["duplicate_of"].notna().sum() == 2


def test_csv_has_every_column_when_chunks_differ(tmp_path):
    docs = pd.DataFrame({
        "doc_id": ["a", "b", "c"],
        "text": ["Anna Berg spoke in Oslo.", "Prices rose 5% in Paris.", "Nothing here."],
        "author": [None, None, "Kim"],
    })
    pipeline.analyze_to_folder(docs, tmp_path / "o", cache=False, chunk_size=1, csv=True)
    csv = pd.read_csv(tmp_path / "o" / "documents.csv")
    assert list(csv["author"].fillna("")) == ["", "", "Kim"]
    assert list(csv["doc_id"]) == ["a", "b", "c"]
