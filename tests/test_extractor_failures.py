"""An extractor that fails on one article costs only that table for that article."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest

from helpers import quotes, worker
from helpers.loading import as_documents
from helpers.pipeline import analyze, analyze_to_folder

TEXTS = {
    "calm": "The minister said on Monday that the budget would rise by 4% to $2 billion.",
    "boom": "BOOM. The mayor told reporters that 300 homes had flooded, a rise of 12%.",
}


@pytest.fixture
def failing_quotes(monkeypatch):
    real = quotes.from_doc

    def from_doc(doc, ents=None):
        if "BOOM" in doc.text:
            raise RuntimeError("synthetic failure")
        return real(doc, ents)

    monkeypatch.setattr(quotes, "from_doc", from_doc)
    return real


def _documents():
    return as_documents(
        pd.DataFrame({"doc_id": list(TEXTS), "text": list(TEXTS.values())})
    )


def test_extract_document_keeps_the_other_tables(failing_quotes, nlp):
    records = worker.extract_document(nlp("BOOM. The mayor said 300 homes had flooded."))
    assert records["quotes"] == []
    assert records["entities"] or records["figures"]
    assert records["errors"] == [
        {"extractor": "quotes", "error": "RuntimeError: synthetic failure"}
    ]


def test_analyze_reports_the_article_by_name(failing_quotes):
    with pytest.warns(RuntimeWarning, match=r"boom: quotes extractor failed: RuntimeError"):
        result = analyze(_documents(), cache=False)
    assert result.info["extractor_errors"] == 1
    notes = dict(zip(result.documents["doc_id"], result.documents["notes"], strict=True))
    assert "quotes extractor failed: RuntimeError: synthetic failure" in notes["boom"]
    assert pd.isna(notes["calm"])
    assert set(result.quotes["doc_id"]) == {"calm"}
    assert "boom" in set(result.figures["doc_id"])  # figures still ran on the failed article


def test_a_failed_article_is_not_cached(failing_quotes, monkeypatch, tmp_path):
    with pytest.warns(RuntimeWarning):
        first = analyze(_documents(), cache=tmp_path / "cache")
    assert first.info["n_parsed"] == 2
    monkeypatch.setattr(quotes, "from_doc", failing_quotes)  # the bug is fixed
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        second = analyze(_documents(), cache=tmp_path / "cache")
    assert second.info["n_parsed"] == 1 and second.info["extractor_errors"] == 0
    assert "boom" in set(second.quotes["doc_id"])


def test_extract_folder_writes_the_note(failing_quotes, tmp_path):
    with pytest.warns(RuntimeWarning):
        info = analyze_to_folder(_documents(), tmp_path / "out", cache=False)
    assert info["extractor_errors"] == 1
    documents = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    note = documents.set_index("doc_id").loc["boom", "notes"]
    assert "quotes extractor failed" in note
