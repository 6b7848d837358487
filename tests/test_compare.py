"""Same-story similarity and story grouping (helpers.compare.matching)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from helpers import compare
from helpers.compare import matching, text

QUAKE_A = (
    "A magnitude 7.1 earthquake struck off the coast of Hokkaido on Tuesday, Japan's "
    "Meteorological Agency said, triggering a tsunami warning for the island's Pacific shore. "
    "Residents of Kushiro were told to move to higher ground."
)
QUAKE_B = (
    "Japan's Meteorological Agency issued a tsunami warning after a 7.1 magnitude earthquake "
    "hit off Hokkaido. Authorities in Kushiro urged residents to seek higher ground as the "
    "Pacific coast braced for waves."
)
BUDGET = (
    "The Senate passed a stopgap spending bill late on Friday, averting a government shutdown. "
    "The measure funds federal agencies through December and now goes to the House."
)
FOOTBALL = (
    "Arsenal beat Tottenham 2-0 in the north London derby on Sunday, with goals from Saka and "
    "Odegaard lifting the Gunners to the top of the Premier League table."
)


def test_background_weights_rare_words_more():
    assert text.surprisal("the") < text.surprisal("earthquake") < text.surprisal("kushiro")
    assert text.tokens("Blinken’s Kyiv-based aides") == ["blinken", "kyiv-based", "aides"]


def test_similarity_table_shape_and_range():
    table = compare.similarity([QUAKE_A, QUAKE_B, BUDGET, FOOTBALL])
    assert list(table.columns) == ["doc_a", "doc_b", "score"]
    assert len(table) == 6  # one row per unordered pair
    assert set(zip(table["doc_a"], table["doc_b"], strict=True)) == {
        ("0", "1"), ("0", "2"), ("0", "3"), ("1", "2"), ("1", "3"), ("2", "3")}
    assert table["score"].between(0, 1).all()
    scores = {(a, b): s for a, b, s in table.itertuples(index=False)}
    assert scores[("0", "1")] > 0.3
    assert scores[("0", "1")] > 3 * max(scores[("0", "2")], scores[("2", "3")])


def test_identical_texts_score_one_and_empty_text_zero():
    table = compare.similarity([QUAKE_A, QUAKE_A, ""])
    scores = {(a, b): s for a, b, s in table.itertuples(index=False)}
    assert scores[("0", "1")] == pytest.approx(1.0)
    assert scores[("0", "2")] == 0.0


def test_pair_score_does_not_depend_on_the_batch():
    alone = compare.similarity([QUAKE_A, QUAKE_B])["score"].iloc[0]
    batch = compare.similarity([BUDGET, QUAKE_A, FOOTBALL, QUAKE_B])
    within = batch[(batch["doc_a"] == "1") & (batch["doc_b"] == "3")]["score"].iloc[0]
    assert alone == within
    assert matching.pair_score(QUAKE_A, QUAKE_B) == alone


def test_similarity_accepts_documents_table_with_titles():
    docs = pd.DataFrame({"doc_id": ["a", "b"], "text": [QUAKE_A, QUAKE_B],
                         "title": ["Quake hits Hokkaido", pd.NA]})
    table = compare.similarity(docs)
    assert table["doc_a"].tolist() == ["a"] and table["doc_b"].tolist() == ["b"]
    assert table["score"].dtype == "Float64"


def test_stories_groups_same_event_and_finds_the_count():
    table = compare.stories([QUAKE_A, BUDGET, QUAKE_B, FOOTBALL])
    assert "story_id" in table.columns and "doc_id" in table.columns
    ids = table["story_id"].tolist()
    assert ids[0] == ids[2]
    assert len({ids[0], ids[1], ids[3]}) == 3
    assert ids[0] == "s1"  # numbered by first article


def test_stories_on_seeds_keeps_contract_columns(seed_documents):
    table = compare.stories(seed_documents)
    for column in seed_documents.columns:
        assert column in table.columns
    assert table["story_id"].notna().all()
    assert len(table) == len(seed_documents)


def test_cluster_average_linkage_threshold():
    scores = np.array([
        [1.0, 0.9, 0.1, 0.0],
        [0.9, 1.0, 0.15, 0.0],
        [0.1, 0.15, 1.0, 0.5],
        [0.0, 0.0, 0.5, 1.0],
    ])
    assert matching.cluster(scores, 0.3) == [0, 0, 1, 1]
    assert matching.cluster(scores, 0.6) == [0, 0, 1, 2]
    assert matching.cluster(scores, 0.01) == [0, 0, 0, 0]
    assert matching.cluster(np.zeros((0, 0))) == []


@pytest.mark.devdata
def test_dev_pairs_rank_same_story_first(shared_data):
    """A few dev events: every same-event pair outscores every cross-event pair."""
    lines = [json.loads(x) for x in (shared_data / "stories_dev.jsonl").open()][:9]
    docs = pd.DataFrame({"doc_id": [str(i) for i in range(len(lines))],
                         "text": [x["text"] for x in lines],
                         "title": [x.get("title") for x in lines]})
    events = [x["event_id"] for x in lines]
    table = compare.similarity(docs)
    same = [events[int(a)] == events[int(b)] for a, b in zip(table["doc_a"], table["doc_b"],
                                                             strict=True)]
    pos = table["score"][same]
    neg = table["score"][[not s for s in same]]
    assert pos.min() > neg.max()
    stories = compare.stories(docs)["story_id"].tolist()
    assert len(set(stories)) == len(set(events))


def test_similarity_accepts_an_analysis(seed_analysis, seed_documents):
    """An Analysis brings its entity and figure tables: the same pairs, scored with them."""
    from_analysis = compare.similarity(seed_analysis)
    from_documents = compare.similarity(seed_documents)
    pd.testing.assert_frame_equal(from_analysis[["doc_a", "doc_b"]],
                                  from_documents[["doc_a", "doc_b"]])
    assert from_analysis["score"].between(0, 1).all()
    assert matching.profiles_of(seed_analysis).has_tables
    assert not matching.profiles_of(seed_documents).has_tables
    assert compare.stories(seed_analysis)["story_id"].notna().all()
