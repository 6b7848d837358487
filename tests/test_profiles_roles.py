"""Roles as written, from pre-name titles, appositions on either side, "who is the ...", the
quote's own speaker description, and earlier mentions of the person.

Handled in ``profiles/rules.py`` (where) and ``profiles/phrases.py`` (what the phrase says).
"""

from __future__ import annotations

import pytest
from profile_checks import profile_finder


@pytest.fixture(scope="module")
def find(nlp):
    return profile_finder(nlp)


def test_title_before_the_name(find):
    row = find("Dutch economist Pieter Hals said that inflation would ease.", "Hals")
    assert (row["role"], row["nationality"], row["role_rule"]) == (
        "economist", "Dutch", "title_before")


def test_multiword_title_with_portfolio(find):
    row = find("Foreign Minister Ana Ruiz said that the embassy would stay open.", "Ruiz")
    assert row["role"] == "foreign minister"


def test_title_with_of_portfolio(find):
    row = find("The Secretary of Defense, Omar Bello, said that troops would stay.", "Bello")
    assert row["role"] == "secretary of defense"
    row = find("Rosa Ilic, the head of security at the port, said the gates were shut.", "Ilic")
    assert row["role"] == "head of security"


def test_qualifier_is_no_part_of_the_role(find):
    row = find("Former ambassador Tom Reyes said that the treaty was dead.", "Reyes")
    assert row["role"] == "ambassador"


def test_apposition_after_the_name(find):
    text = "Greta Lund, a professor of history at Uppsala University, said the archive was lost."
    row = find(text, "Lund")
    assert (row["role"], row["role_rule"]) == ("professor of history", "apposition_after")


def test_apposition_steps_over_an_age(find):
    row = find("Carl Moss, 52, a farmer from Iowa, said that the rain came too late.", "Moss")
    assert row["role"] == "farmer" and row["source_type"] == "ordinary"


def test_apposition_before_the_name(find):
    text = ("An adviser to the Danish government, Sofie Krag, said that the plan was too "
            "expensive.")
    row = find(text, "Krag")
    assert (row["role"], row["role_rule"]) == ("adviser", "apposition_before")


def test_relative_clause_predicate(find):
    text = "Omar Haddad, who is the mayor of Springfield, said the roads would be repaired."
    row = find(text, "Haddad")
    assert row["role"] == "mayor" and row["affiliation"] == "Springfield"


def test_earlier_mention_describes_a_later_speaker(find):
    text = ("The hospital was run by chief surgeon Ines Baptista for a decade. On Friday, "
            "Baptista said that the new wing would open in June.")
    row = find(text, "Baptista")
    assert row["role"] == "chief surgeon" and row["source_type"] == "expert"


def test_comma_before_a_name_is_no_apposition_without_the_parse(find):
    text = "When asked about the minister, Paula Stein said that she had no comment."
    row = find(text, "Stein")
    assert row["role"] is None


def test_no_description_leaves_role_and_type_unknown(find):
    row = find("Victor Lang said that the game was over.", "Lang")
    assert row["role"] is None and row["source_type"] == "unknown"
    assert row["role_rule"] is None and row["source_type_rule"] is None


def test_speaker_description_of_an_unresolved_quote(find):
    row = find("A senior official said that the talks would resume on Monday.", "official")
    assert row["entity_id"] is None
    assert (row["role"], row["source_type"], row["role_rule"]) == (
        "official", "unnamed", "speaker_description")
