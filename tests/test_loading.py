"""Loading: seeds facts, formats, decoding, skipped files, metadata sidecars."""

from __future__ import annotations

import json
import warnings

import pandas as pd
import pytest

import helpers
from helpers import schema
from helpers.loading import CorpusError, CorpusWarning, as_documents, decode_bytes, split_metadata


def test_seed_000_header_and_trailer_inferred(seed_documents):
    doc = seed_documents.set_index("doc_id").loc["000_37b5f54015e947a3"]
    assert doc["outlet"] == "MENAFN"
    assert doc["published"] == pd.Timestamp("2025-01-22")
    assert not doc["text"].lstrip().lower().startswith("date")
    assert "MENAFN" not in doc["text"]
    assert doc["text"].startswith("Outgoing U.S. Secretary of State")
    assert doc["text"].endswith("four Ukrainian regions.")


def test_seed_004_carries_no_metadata(seed_documents):
    doc = seed_documents.set_index("doc_id").loc["004_fa4afdca0f45084a"]
    assert pd.isna(doc["outlet"]) and pd.isna(doc["published"]) and pd.isna(doc["title"])
    assert doc["text"].startswith("Washington remains confident")


def test_documents_schema(seed_documents):
    n = len(schema.TABLES["documents"])
    assert list(seed_documents.columns[:n]) == schema.columns("documents")
    assert seed_documents["doc_id"].is_unique
    assert (seed_documents["n_words"] > 300).all()
    assert seed_documents["content_hash"].str.len().eq(16).all()


def test_doc_ids_are_relative_paths_and_stable(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "001.txt").write_text("First story here.")
    (tmp_path / "b" / "001.txt").write_text("Second story here.")
    first = helpers.load_corpus(tmp_path)
    second = helpers.load_corpus(tmp_path)
    assert list(first["doc_id"]) == ["a/001", "b/001"]
    assert list(first["doc_id"]) == list(second["doc_id"])


def test_bad_files_are_reported_and_rest_loads(tmp_path):
    (tmp_path / "good.txt").write_text("A perfectly good article.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\t\n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    with pytest.warns(CorpusWarning) as record:
        docs = helpers.load_corpus(tmp_path)
    assert list(docs["doc_id"]) == ["good"]
    skipped = {s["path"].rsplit("/", 1)[-1]: s["reason"] for s in docs.attrs["skipped"]}
    assert set(skipped) == {"empty.txt", "blank.txt", "binary.txt"}
    assert "binary" in skipped["binary.txt"]
    assert any("empty.txt" in str(w.message) for w in record)


def test_decoding_variants():
    assert decode_bytes("café".encode("utf-8-sig")) == ("café", "utf-8-sig")
    assert decode_bytes("café ’".encode("cp1252"))[0] == "café ’"
    assert decode_bytes("naïve".encode("utf-16"))[0] == "naïve"
    with pytest.raises(ValueError, match="binary"):
        decode_bytes(b"\x00\x00\x00abc")


def test_crlf_normalised(tmp_path):
    (tmp_path / "x.txt").write_bytes(b"Line one.\r\nLine two.\r\n")
    docs = helpers.load_corpus(tmp_path / "x.txt")
    assert docs.loc[0, "text"] == "Line one.\nLine two."


def test_title_line_and_key_value_header():
    body, fields = split_metadata("Ad sales boost profit\n\nQuarterly profits rose.\n")
    assert fields == {"title": "Ad sales boost profit"} and body == "Quarterly profits rose."
    header = "Title: Storm hits coast\nSource: Daily Planet\nDate: 2024-03-05\n\n"
    body, fields = split_metadata(header + "Body.")
    assert fields["outlet"] == "Daily Planet" and fields["title"] == "Storm hits coast"
    assert fields["published"] == pd.Timestamp("2024-03-05") and body == "Body."


def test_one_title_rule_for_loading_and_extractors():
    from helpers.loading.text import title_line

    text = "Harbour bridge to reopen\n\nEngineers met on Monday."
    assert title_line(text) == (0, 24)
    assert split_metadata(text) == ("Engineers met on Monday.", {"title": text[:24]})
    # A one-line question may be the first paragraph: a title in place, not moved out.
    text = "Will the harbour bridge reopen?\n\nEngineers met on Monday."
    assert title_line(text) == (0, 31) and "title" not in split_metadata(text)[1]
    # A final period may be an abbreviation's: a title for the extractors, kept in the body.
    text = "Storm Warning Issued for the U.S.\n\nForecasters spoke."
    assert title_line(text) == (0, 33) and "title" not in split_metadata(text)[1]
    # Running text is no title: a sentence break inside, too many words, or nothing after.
    assert title_line("Rain fell. Roads shut\nMore text.") is None
    assert title_line(" ".join(["word"] * 26) + "\nMore text.") is None
    assert title_line("Only a headline\n") is None


def test_tabular_formats_and_duplicates(tmp_path):
    rows = [
        {"id": "x1", "text": "Same words.", "source": "Daily", "date": "2024-01-02"},
        {"id": "x2", "text": "Same words.", "source": "Weekly", "date": "2024-01-03"},
    ]
    pd.DataFrame(rows).to_csv(tmp_path / "c.csv", index=False)
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    pd.DataFrame(rows).to_parquet(tmp_path / "c.parquet")
    csv = helpers.load_corpus(tmp_path / "c.csv")
    assert list(csv["doc_id"]) == ["x1", "x2"]
    assert list(csv["outlet"]) == ["Daily", "Weekly"]
    assert csv.loc[1, "duplicate_of"] == "x1" and pd.isna(csv.loc[0, "duplicate_of"])
    with pytest.warns(CorpusWarning, match=r"c\.jsonl:3"):
        jsonl = helpers.load_corpus(tmp_path / "c.jsonl")
    assert len(jsonl) == 2
    parquet = helpers.load_corpus(tmp_path / "c.parquet")
    assert parquet.loc[0, "published"] == pd.Timestamp("2024-01-02")


def test_csv_without_text_column_is_named(tmp_path):
    pd.DataFrame([{"headline": "x"}]).to_csv(tmp_path / "bad.csv", index=False)
    (tmp_path / "ok.txt").write_text("Fine.")
    with pytest.warns(CorpusWarning, match="no text column"):
        docs = helpers.load_corpus([tmp_path / "bad.csv", tmp_path / "ok.txt"])
    assert list(docs["doc_id"]) == ["ok"]


def test_metadata_sidecar_overrides(tmp_path, seeds_dir):
    meta = tmp_path / "meta.csv"
    pd.DataFrame([{"doc_id": "004_fa4afdca0f45084a", "outlet": "RT", "published": "2024-04-01",
                   "language": "en"}]).to_csv(meta, index=False)
    docs = helpers.load_corpus(seeds_dir, metadata=meta).set_index("doc_id")
    assert docs.loc["004_fa4afdca0f45084a", "outlet"] == "RT"
    assert docs.loc["004_fa4afdca0f45084a", "published"] == pd.Timestamp("2024-04-01")
    assert docs.loc["000_37b5f54015e947a3", "outlet"] == "MENAFN"
    assert docs.loc["004_fa4afdca0f45084a", "language"] == "en"


def test_missing_source_is_a_clear_error(tmp_path):
    with pytest.raises(CorpusError, match="not found"):
        helpers.load_corpus(tmp_path / "nope")


def test_as_documents_input_forms():
    one = as_documents("Hello.")
    assert list(one["doc_id"]) == ["0"] and one.loc[0, "text"] == "Hello."
    many = as_documents(["a", "b"])
    assert list(many["doc_id"]) == ["0", "1"]
    table = as_documents(pd.DataFrame({"doc_id": [7], "text": ["x"]}))
    assert table.loc[0, "doc_id"] == "7"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(CorpusError):
            as_documents(pd.DataFrame({"body": ["x"]}))
