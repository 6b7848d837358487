"""Source types from role and affiliation, by ordered rules, ``unknown`` when nothing is
stated; each row names the rule that decided.

Handled in ``profiles/source_types.py``.
"""

from __future__ import annotations

import pytest
from profile_checks import profile_finder

from helpers.profiles import SOURCE_TYPES
from helpers.profiles.records import Finding
from helpers.profiles.source_types import RULES, Who, affiliation_type, source_type


@pytest.fixture(scope="module")
def find(nlp):
    return profile_finder(nlp)


def _finding(role_type=None, by_affiliation=False, affiliation_type=None, role="x"):
    return Finding(rule="test", at=0, role=role, role_type=role_type,
                   by_affiliation=by_affiliation, affiliation_type=affiliation_type)


def test_rules_are_named_and_ordered():
    assert [name for name, _ in RULES] == [
        "not_a_person", "unnamed", "role_by_affiliation", "role", "affiliation"]
    assert set(SOURCE_TYPES) >= {"official", "expert", "advocate", "business", "media",
                                 "ordinary", "unnamed", "organisation", "unknown"}


def test_affiliation_decides_for_roles_that_serve_anyone():
    spokesperson = _finding("advocate", by_affiliation=True, affiliation_type="business")
    assert source_type(Who("PERSON", "Kim Lo", spokesperson)) == (
        "business", "role_by_affiliation")
    professor = _finding("expert", by_affiliation=False, affiliation_type="official")
    assert source_type(Who("PERSON", "Kim Lo", professor)) == ("expert", "role")


def test_nothing_stated_is_unknown():
    assert source_type(Who("PERSON", "Kim Lo", None)) == ("unknown", None)


def test_bodies_by_their_own_name():
    assert affiliation_type("Acme Holdings Inc.") == "business"
    assert affiliation_type("Ohio State University") == "expert"  # university before state
    assert affiliation_type("Ministry of Defence") == "official"
    assert affiliation_type("Friends of the Earth Association") == "advocate"
    assert affiliation_type("The New York Times") == "media"  # the citation gazetteer
    assert affiliation_type("Norway", "GPE") == "official"
    assert affiliation_type("Blue Lantern") is None
    assert source_type(Who("ORG", "Blue Lantern", None)) == ("organisation", "not_a_person")


def test_sentences(find):
    cases = [
        ("Tara Quist, the chief executive of Lumo Foods, said sales doubled.", "Quist",
         "business"),
        ("Climate activist Noor Bakr said that the pledge was too weak.", "Bakr", "advocate"),
        ("Local resident Dev Patel said that the flooding had ruined his shop.", "Patel",
         "ordinary"),
        ("Paolo Neri, a reporter for the Daily Planet newspaper, said the leak was real.",
         "Neri", "media"),
        ("Sources said that the deal was close.", "Sources", "unnamed"),
    ]
    for text, name, expected in cases:
        row = find(text, name)
        assert row is not None, text
        assert row["source_type"] == expected, (text, row)
