"""Speech tags that quote someone through a medium: "“...,” X was quoted as saying",
"“...,” the paper quoted X as saying".

Handled in ``attribution/tags.py`` (shape ``quoted_as``): a verb, active or passive, with an
"as" phrase whose participle is a reporting verb; the one quoted speaks (the verb's object,
else its passive subject), not the paper that quotes them.
"""

from __future__ import annotations

import pytest
from quote_checks import only, quote_runner


@pytest.fixture(scope="module")
def run(nlp):
    return quote_runner(nlp)


@pytest.mark.parametrize(
    ("text", "fragment", "speaker"),
    [
        ("The river rose overnight. “Our first worry is clean water for the valley,” the "
         "relief group was quoted as saying.", "clean water", "the relief group"),
        ("“We will open the new depot in spring,” the harbour master is quoted as saying.",
         "new depot", "the harbour master"),
        ("“Nobody expected the bridge to fail so soon,” the agency quoted Mayor Ann Cole as "
         "saying.", "bridge to fail", "Mayor Ann Cole"),
    ],
)
def test_the_one_quoted_speaks(run, text, fragment, speaker):
    r = only(run(text), fragment)
    assert (r["speaker"], r["cue"], r["type"]) == (speaker, "say", "direct")
    assert r["content"].startswith("“") and r["content"].endswith("”")


def test_an_as_phrase_without_a_reporting_participle_is_no_tag(run):
    text = "“The old mill,” the town knew it as running for a century."
    assert not [r for r in run(text) if "old mill" in r["content"]]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("The harbour chief, Tom Hale, was quoted as saying that it was vital to reach the "
         "boats in the first hours.", "The harbour chief"),
        ("The agency quoted Ms Lane as saying that the port would close in May.", "Ms Lane"),
    ],
)
def test_a_reported_clause_after_quoted_as_saying_is_the_one_quoted(run, text, speaker):
    r = only(run(text), "that")
    assert (r["speaker"], r["cue"], r["type"]) == (speaker, "say", "indirect")


def test_the_one_quoted_may_carry_a_phrase_before_as(run):
    text = ("“They moved so quickly it caught the rival by surprise,” the newspaper quoted an "
            "insider in the talks as saying.")
    assert only(run(text), "moved so quickly")["speaker"] == "an insider"
