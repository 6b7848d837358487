"""Quote marks: pairing by type, nesting, multi-paragraph and flattened quotations, stray
marks, scare quotes and titles.

Handled in ``attribution/marks.py``.
"""

from __future__ import annotations

import pytest
from quote_checks import only, quote_runner

from helpers.quotes import quote_spans


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


@pytest.mark.parametrize(
    "text",
    [
        '"We will win this race," Maria Lopez said.',
        "“We will win this race,” Maria Lopez said.",
        "«We will win this race», Maria Lopez said.",
        "‘We will win this race,’ Maria Lopez said.",
    ],
)
def test_every_quote_mark_style(run, text):
    r = only(run(text), "We will win this race")
    assert r["type"] == "direct"
    assert r["speaker"] == "Maria Lopez"
    assert r["cue"] == "say"
    assert r["content"][0] in "\"“«‘" and r["content"][-1] in "\"”»’"


def test_quote_spans_pair_by_type_and_skip_apostrophes():
    text = "He said “it’s the economy” and ‘don’t worry’ today."
    spans = [text[a:b] for a, b in quote_spans(text)]
    assert spans == ["“it’s the economy”", "‘don’t worry’"]


def test_multi_paragraph_quote_is_one_span():
    text = (
        "“The first paragraph of the statement goes on.\n\n"
        "“The second paragraph reopens the quote.\n\n"
        "“The last one closes it,” the minister said.\n"
    )
    spans = quote_spans(text)
    assert len(spans) == 1
    assert text[spans[0][0] : spans[0][1]].endswith("closes it,”")


def test_short_quote_kept(run):
    r = only(run("“No,” said Laura Chen."), "No")
    assert r["speaker"] == "Laura Chen"
    assert r["type"] == "direct"


def test_stray_mark_does_not_cost_the_rest(run):
    text = (
        "The “reform was announced on Monday.\n\n"
        "“Taxes will rise next year,” the minister, Olaf Berger, said.\n"
    )
    records = run(text)
    r = only(records, "Taxes will rise")
    assert r["type"] == "direct"
    assert r["speaker_canonical"] == "Olaf Berger"


def test_scare_quotes_are_not_attributions(run):
    text = "The so-called “peace plan” was published in a newspaper on Monday."
    assert run(text) == []


def test_title_in_quotes_is_not_an_attribution(run):
    assert run("She watched the film “Gone With the Wind” twice last year.") == []


def test_flattened_quote_continues_over_reopened_sentences():
    text = ('"It went well," said Lopez. "The first set was hard. "I did not think I could '
            'win it." The match ended late.')
    spans = [text[a:b] for a, b in quote_spans(text)]
    assert spans[1] == '"The first set was hard. "I did not think I could win it."'


def test_flattened_quote_missing_its_close_splits_at_a_closing_comma():
    text = ('Lopez said: "We are ready. "They are strong. The club has won the cup twice. '
            '"It is a big game," Lopez added.')
    spans = [text[a:b] for a, b in quote_spans(text)]
    assert spans[-1] == '"It is a big game,"'
    assert spans[0].startswith('"We are ready.') and not spans[0].endswith('"It')


@pytest.mark.parametrize(
    "text",
    ["''We will not move,'' the tenants said.", "``We will not move,'' the tenants said."],
)
def test_doubled_single_marks_are_a_double_quote(run, text):
    assert quote_spans(text) == [(0, text.index(" the"))]
    r = only(run(text), "We will not move")
    assert (r["type"], r["speaker"], r["content"]) == ("direct", "the tenants",
                                                       text[: text.index(" the")])


def test_doubled_marks_leave_apostrophes_alone():
    text = "The tenants' lawyer said ''no'' twice; the owners' agent didn't."
    assert quote_spans(text) == [(text.index("''no"), text.index("''no") + 6)]
