"""The six people the seed articles describe, with role, affiliation and nationality as the
articles state them (issue 16), through the whole pipeline."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def rows(seed_analysis):
    return seed_analysis.speakers


def _row(rows, name, doc_prefix):
    found = rows[(rows["name"] == name) & rows["doc_id"].str.startswith(doc_prefix)]
    assert len(found) == 1, (name, doc_prefix)
    return found.iloc[0]


def test_swiss_diplomat(rows):
    ruch = _row(rows, "Jean-Daniel Ruch", "000")
    assert (ruch["role"], ruch["nationality"], ruch["source_type"]) == (
        "diplomat", "Swiss", "official")


def test_chairman_of_the_joint_chiefs(rows):
    milley = _row(rows, "Mark Milley", "000")
    assert (milley["role"], milley["affiliation"]) == ("chairman", "U.S. Joint Chiefs of Staff")
    assert milley["source_type"] == "official"


def test_spokesperson_for_the_state_department(rows, seed_analysis):
    miller = _row(rows, "Matthew Miller", "004")
    ents = seed_analysis.entities
    department = ents[ents["doc_id"].str.startswith("004")
                      & ents["surface"].str.contains("State Department")]
    assert miller["role"] == "spokesperson"
    assert miller["affiliation_entity_id"] == department["entity_id"].iloc[0]
    assert miller["affiliation"] == department["canonical"].iloc[0]
    assert miller["source_type"] == "official"  # a government body's spokesperson


def test_ukrainian_negotiator(rows):
    arakhamia = _row(rows, "David Arakhamia", "000")
    assert (arakhamia["role"], arakhamia["nationality"]) == ("negotiator", "Ukrainian")


def test_secretary_of_state_in_both_articles(rows):
    for prefix in ("000", "004"):
        blinken = _row(rows, "Antony Blinken", prefix)
        assert (blinken["role"], blinken["affiliation"]) == ("secretary of state",
                                                             "United States")


def test_he_stressed_makes_blinken_male_by_pronoun(rows, seed_analysis):
    blinken = _row(rows, "Antony Blinken", "004")
    assert (blinken["gender"], blinken["gender_evidence"]) == ("male", "pronoun")
    person = seed_analysis.people.set_index("entity_id").loc[blinken["entity_id"]]
    assert (person["gender"], person["n_articles"]) == ("male", 2)
