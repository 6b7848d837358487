"""People named in the lead (the event's participants) in the same-event score."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.compare import build_profiles, score_pairs, table_rows

# Two reports of two arrests of the same kind, each naming both players: the player arrested
# is named in the lead, the other one further down.
BRINK = (
    "Harbor City Gulls linebacker Tomas Brink was arrested early on Sunday on suspicion of "
    "drunk driving after police stopped his car on the coastal highway, the team said. "
    "The club said it was gathering information and would not comment further. "
    "It is the second arrest of a Gulls player this season: receiver Dario Lenz was held "
    "in the spring on the same suspicion and later fined by the league."
)
BRINK_AGAIN = (
    "Linebacker Tomas Brink of the Harbor City Gulls was arrested on suspicion of drunk "
    "driving on Sunday morning, police said, after officers stopped his car on the coastal "
    "highway. The Gulls said they were aware of the arrest. "
    "Receiver Dario Lenz, arrested in the spring on the same suspicion, was fined by the "
    "league and played the rest of the season."
)
LENZ = (
    "Harbor City Gulls receiver Dario Lenz was arrested early on Saturday on suspicion of "
    "drunk driving after police stopped his car near the stadium, the team said. "
    "The club said it was gathering information and would not comment further. "
    "Linebacker Tomas Brink, the other Gulls player held on the same suspicion, was fined "
    "by the league and played on."
)
BUDGET = (
    "Tomas Brink, the city's budget director, presented a plan to repave forty streets and "
    "open two libraries, and the council approved it after a long debate on Tuesday. "
    "Council members said the money would come from a bond issue approved by voters."
)
PEOPLE = ("Tomas Brink", "Dario Lenz")


def _people(docs: pd.DataFrame) -> pd.DataFrame:
    """An entities table of every mention of :data:`PEOPLE` in the texts, with offsets."""
    rows = []
    for doc_id, text in zip(docs["doc_id"], docs["text"], strict=True):
        for name in PEOPLE:
            at = text.find(name)
            while at >= 0:
                rows.append((doc_id, at, at + len(name), name))
                at = text.find(name, at + 1)
    return pd.DataFrame({
        "doc_id": [r[0] for r in rows], "start": [r[1] for r in rows],
        "end": [r[2] for r in rows], "surface": [r[3] for r in rows],
        "label": ["PERSON"] * len(rows), "canonical": [r[3] for r in rows],
        "entity_id": [f"PERSON:{r[3].lower().replace(' ', '-')}" for r in rows],
    })


def _no_figures() -> pd.DataFrame:
    return pd.DataFrame({c: [] for c in ("doc_id", "kind", "surface", "value", "unit",
                                         "date_value")})


def _out_of_lead(entities: pd.DataFrame, doc_id: str, name: str) -> pd.DataFrame:
    """``entities`` with the first mention of ``name`` in ``doc_id`` moved past the lead: the
    same people and mention counts, only the lead differs."""
    out = entities.copy()
    at = out.index[(out["doc_id"] == doc_id) & (out["canonical"] == name)][0]
    out.loc[at, "start"] += 10_000
    return out


def _logit(p: float) -> float:
    return float(np.log(p / (1 - p)))


def _score(docs: pd.DataFrame, entities: pd.DataFrame, a: int, b: int) -> float:
    prof = build_profiles(docs, entities, _no_figures())
    return _logit(score_pairs(prof, np.array([a]), np.array([b]))[0])


def _docs(*texts: str) -> pd.DataFrame:
    return pd.DataFrame({"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts)})


def test_the_people_in_the_lead_are_the_participants():
    docs = _docs(BRINK, BRINK_AGAIN, LENZ)
    lead = build_profiles(docs, _people(docs), _no_figures()).lead_people
    assert np.diff(lead.indptr).tolist() == [1, 1, 1]
    assert lead[0].indices.tolist() == lead[1].indices.tolist() != lead[2].indices.tolist()


def test_the_same_participant_in_both_leads_raises_the_score():
    docs = _docs(BRINK, BRINK_AGAIN)
    ents = _people(docs)
    assert _score(docs, ents, 0, 1) > _score(docs, _out_of_lead(ents, "d1", "Tomas Brink"), 0, 1)


def test_another_participant_in_the_lead_lowers_the_score():
    """Two arrests of the same kind naming the same two players: another player in the lead
    scores below a report whose lead names nobody (unknown is neutral, a mismatch is not)."""
    docs = _docs(BRINK, LENZ)
    ents = _people(docs)
    assert _score(docs, ents, 0, 1) < _score(docs, _out_of_lead(ents, "d1", "Dario Lenz"), 0, 1)


def test_a_link_before_the_lead_does_not_push_people_out_of_it():
    link = "https://news.example.com/" + "sports/" * 40 + "gulls-linebacker-arrested\n"
    docs = _docs(link + BRINK, BRINK_AGAIN)
    assert table_rows.lead_end(link + BRINK) > len(link)
    lead = build_profiles(docs, _people(docs), _no_figures()).lead_people
    assert np.diff(lead.indptr).tolist() == [1, 1]


def test_a_shared_lead_person_counts_between_texts_on_one_topic():
    """The same person in both leads raises the score of two arrest reports more than that
    of an arrest report and a council budget report led by a namesake."""
    docs = _docs(BRINK, BRINK_AGAIN, BUDGET)
    ents = _people(docs)
    one_topic = _score(docs, ents, 0, 1) - _score(
        docs, _out_of_lead(ents, "d1", "Tomas Brink"), 0, 1)
    unrelated = _score(docs, ents, 0, 2) - _score(
        docs, _out_of_lead(ents, "d2", "Tomas Brink"), 0, 2)
    assert one_topic > 0
    assert one_topic > 2 * max(unrelated, 0.0)
