"""``newskit eval entities``: scoring, label mapping, and the kit beating bare spaCy."""

from __future__ import annotations

import json

import pytest

from helpers import cli
from helpers.evaluation import entities as ev


def test_normalise_inventory_keys():
    assert ev.normalise("the  United States's") == "united states"
    assert ev.normalise("LONDON") == "london"


def test_mapped_drops_numeric_labels():
    spans = ev._mapped([(0, 4, "PERSON"), (5, 9, "GPE"), (10, 14, "DATE"), (15, 19, "NORP")])
    assert spans == {(0, 4, "PER"), (5, 9, "LOC"), (15, 19, "MISC")}


def test_tally_scores_per_label():
    tally = ev._Tally()
    tally.add({(0, 4, "PER"), (5, 9, "LOC")}, {(0, 4, "PER"), (5, 9, "ORG")})
    assert tally.scores("PER") == (1.0, 1.0, 1.0)
    assert tally.scores("ALL") == (0.5, 0.5, 0.5)
    assert tally.scores("ORG")[1] == 0.0


@pytest.fixture
def tiny_gold(tmp_path):
    text = "Antony Blinken visited Kiev .\nBlinken met the Swiss envoy in Kyiv ."
    ents = [
        {"start": 0, "end": 14, "text": "Antony Blinken", "label": "PER"},
        {"start": 23, "end": 27, "text": "Kiev", "label": "LOC"},
        {"start": 30, "end": 37, "text": "Blinken", "label": "PER"},
        {"start": 46, "end": 51, "text": "Swiss", "label": "MISC"},
        {"start": 61, "end": 65, "text": "Kyiv", "label": "LOC"},
    ]
    for e in ents:
        assert text[e["start"] : e["end"]] == e["text"]
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps({"id": "t1", "text": text, "entities": ents}) + "\n")
    return path


def test_run_reports_both_systems_and_timing(tiny_gold, capsys):
    assert cli.main(["eval", "entities", "--gold", str(tiny_gold)]) == 0
    out = capsys.readouterr().out
    assert "bare spaCy" in out and "kit" in out
    assert "span F1" in out and "document-inventory F1" in out
    assert "seconds per document" in out and "gain over bare spaCy" in out
    result = ev.evaluate(tiny_gold)
    assert result["n_documents"] == 1 and result["n_gold"] == 5
    # The kit's Kiev/Kyiv/Blinken repairs give a perfect score on this line.
    assert result["span"]["kit"].scores()[2] == 1.0


@pytest.mark.devdata
def test_kit_beats_bare_spacy_on_dev_sample(shared_data):
    result = ev.evaluate(shared_data / "ner_dev.jsonl", limit=10)
    assert result["n_documents"] == 10
    for measure in ("span", "inventory"):
        kit = result[measure]["kit"].scores()[2]
        spacy = result[measure]["spacy"].scores()[2]
        assert kit > spacy + 0.02, (measure, kit, spacy)
