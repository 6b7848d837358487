"""Speaker gender from what the article states: pronouns resolved to the speaker, honorifics
and gendered role nouns, given names with a stated share; never forced.

Handled in ``profiles/gender.py``.
"""

from __future__ import annotations

import pytest
from profile_checks import profile_finder

from helpers import lexicons, profiles
from helpers.profiles.gender import name_gender
from helpers.profiles.records import GenderEvidence


@pytest.fixture(scope="module")
def find(nlp):
    return profile_finder(nlp)


def test_pronoun_resolved_to_the_speaker(find):
    text = ("Jordan Pell arrived at the summit on Monday. He said that the talks had stalled. "
            "He added that a deal was still possible.")
    row = find(text, "Pell")
    assert row["pronoun_gender"] == "m"
    assert (row["gender"], row["gender_evidence"]) == ("male", "pronoun")


def test_honorific_before_the_name(find):
    row = find("Ms. Robin Tate said that the school would reopen in May.", "Tate")
    assert (row["gender"], row["gender_evidence"]) == ("female", "honorific")


def test_gendered_role_noun_counts_as_honorific(find):
    row = find("Congresswoman Kerry Vale said that the bill would pass next week.", "Vale")
    assert (row["gender"], row["gender_evidence"]) == ("female", "honorific")


def test_given_name_with_a_clear_share(find):
    row = find("Margaret Oduya said that the harvest was late this year.", "Oduya")
    assert row["given_name_gender"] == "f"
    assert (row["gender"], row["gender_evidence"]) == ("female", "given name")


def test_shared_given_name_stays_unknown(find):
    # Jordan and Robin are given to boys and girls alike: below the stated share
    row = find("Jordan Fitch said that the bridge would close for repairs.", "Fitch")
    assert row["given_name_gender"] is None
    assert (row["gender"], row["gender_evidence"]) == ("unknown", None)


def test_body_has_no_gender(find):
    row = find("The Ministry of Health said that the vaccine was safe.", "Ministry")
    assert row["gender"] is None and row["source_type"] != "unknown"


def test_unresolved_description_keeps_its_role_noun_gender(find):
    row = find("A spokeswoman said that the company would appeal.", "spokeswoman")
    assert row["entity_id"] is None
    assert (row["gender"], row["gender_evidence"]) == ("female", "honorific")


def test_honorific_decides_over_a_conflicting_given_name():
    evidence = GenderEvidence(pronoun=None, honorific="f", given_name="m")
    assert profiles.decide_gender(evidence) == ("female", "honorific")
    assert profiles.decide_gender(GenderEvidence()) == ("unknown", None)
    assert profiles.decide_gender(evidence, ["given name"]) == ("male", "given name")


def test_given_name_threshold_and_hyphenated_names():
    assert lexicons.GIVEN_NAME_SHARE == 0.95
    share = lexicons.given_name_shares()["margaret"]
    assert share >= lexicons.GIVEN_NAME_SHARE and lexicons.given_name_gender("Margaret") == "f"
    assert name_gender("Anne-Sophie Kerr") == "f"  # the first part when the whole is unlisted
    assert name_gender("Kerr") is None  # a lone surname says nothing
    assert name_gender("Mr. Kerr") is None


def test_share_columns_cover_the_curated_list():
    rows = lexicons.rows("given_names.csv")
    assert {"name", "gender", "births", "female_share"} <= set(rows[0])
    with_share = [r for r in rows if r["female_share"]]
    assert len(with_share) > 0.9 * len(rows)
    assert all(0.0 <= float(r["female_share"]) <= 1.0 for r in with_share)
