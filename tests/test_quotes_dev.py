"""Quote extraction on a handful of real dev articles (skips when ../shared/data is absent)."""

from __future__ import annotations

import re

from helpers.evaluation import quotes as ev

N_ARTICLES = 6


def test_dev_articles_scored(shared_data):
    report = ev.run(shared_data / "quotes_dev.jsonl", limit=N_ARTICLES)
    p, r, f = map(float, re.search(r"@0\.3 coverage: P ([\d.]+)  R ([\d.]+)  F1 ([\d.]+)",
                                   report).groups())
    assert p >= 0.8 and r >= 0.75 and f >= 0.78, report
    direct = float(re.search(r"direct ([\d.]+)", report).group(1))
    assert direct >= 0.95, report
    entity = float(re.search(r"entity ([\d.]+)", report).group(1))
    assert entity >= 0.85, report


def test_dev_offsets_hold(shared_data, nlp):
    from helpers import entities, quotes
    from helpers.evaluation import read_jsonl

    for line in read_jsonl(shared_data / "quotes_dev.jsonl", limit=N_ARTICLES):
        text = line["text"]
        doc = nlp(text)
        for r in quotes.from_doc(doc, entities.from_doc(doc)):
            assert text[r["content_start"] : r["content_end"]] == r["content"]
            if r["speaker"] is not None:
                assert text[r["speaker_start"] : r["speaker_end"]] == r["speaker"]
