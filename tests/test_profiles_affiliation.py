"""Affiliation (the body or country a role belongs to) and nationality: "X of Y", "a
spokesperson for Y, X", a place or body before the role, canonicalised to the entity table.

Handled in ``profiles/phrases.py``.
"""

from __future__ import annotations

import pytest
from profile_checks import profile_finder


@pytest.fixture(scope="module")
def find(nlp):
    return profile_finder(nlp)


def test_spokesperson_for_a_body_is_its_entity(find):
    text = ("A spokesperson for the Federal Aviation Administration, Lina Sato, said that the "
            "runway would reopen.")
    row = find(text, "Sato")
    assert row["role"] == "spokesperson"
    assert row["affiliation_entity_id"] is not None
    assert "Federal Aviation Administration" in row["affiliation"]
    assert row["source_type"] == "official"  # the body's own words decide


def test_body_that_is_no_entity_is_kept_as_written(find):
    text = ("Ravi Menon, the director of the Office of Coastal Planning, said the dunes "
            "were eroding.")
    row = find(text, "Menon")
    assert row["role"] == "director"
    assert row["affiliation"].endswith("Coastal Planning")


def test_country_before_the_role(find):
    row = find("Kenyan President Joseph Mwangi said that the border would reopen.", "Mwangi")
    assert row["role"] == "president"
    assert row["nationality"] == "Kenyan"


def test_place_before_the_role_is_the_affiliation(find):
    text = "The Brazilian ambassador to Chile, Marco Lins, said that the dispute was over."
    row = find(text, "Lins")
    assert row["role"] == "ambassador" and row["nationality"] == "Brazilian"


def test_lower_case_field_is_part_of_the_role_not_the_affiliation(find):
    text = "Hana Weiss, a professor of law at Columbia University, said the ruling was narrow."
    row = find(text, "Weiss")
    assert row["role"] == "professor of law"
    assert row["affiliation"] == "Columbia University"
    assert row["source_type"] == "expert"


def test_party_before_the_role_is_an_affiliation_not_a_nationality(find):
    row = find("Republican senator Amy Dorn said that the vote would fail.", "Dorn")
    assert row["role"] == "senator"
    assert row["nationality"] is None
    assert row["affiliation"] == "Republican"


def test_abbreviated_title_is_spelled_out(find):
    row = find("Sen. Paul Okafor said that the budget was too large.", "Okafor")
    assert row["role"] == "senator"
