"""The extractor registry: extractors run by name in the order their needs require, and the
``extract(docs)`` conveniences reach the pipeline without the extractors importing it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from helpers import worker
from helpers.registry import EXTRACTORS, Registry, RegistryError


def test_the_kit_runs_its_extractors_needs_first():
    assert EXTRACTORS.names() == ("entities", "quotes", "figures", "citations", "speakers")
    assert EXTRACTORS["figures"].needs == ("quotes", "reference_date")
    assert EXTRACTORS["speakers"].needs == ("entities", "quotes")


def test_order_follows_needs_not_registration():
    registry = Registry()
    registry.register("last", lambda doc, a, b: [], needs=("middle", "first"))
    registry.register("middle", lambda doc, a: [], needs=("first",))
    registry.register("first", lambda doc: [])
    registry.register("other", lambda doc: [])
    assert registry.names() == ("first", "middle", "last", "other")


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ({"a": ("b",), "b": ("a",)}, "need each other"),
        ({"a": ("nowhere",)}, "unknown"),
    ],
)
def test_a_registry_that_cannot_run_says_why(entries, message):
    registry = Registry()
    for name, needs in entries.items():
        registry.register(name, lambda doc, *args: [], needs=needs)
    with pytest.raises(RegistryError, match=message):
        registry.in_order()


def test_a_name_is_registered_once():
    registry = Registry()
    registry.register("words", lambda doc: [])
    with pytest.raises(RegistryError, match="already registered"):
        registry.register("words", lambda doc: [])


def test_a_registered_extractor_gets_what_it_needs(nlp):
    registry = Registry()
    seen = {}

    @registry.register("sentences", needs=("reference_date",))
    def sentences(doc, reference_date):
        seen["reference_date"] = reference_date
        return [{"n": len(list(doc.sents))}]

    @registry.register("first_words", needs=("sentences",))
    def first_words(doc, sentences):
        return [{"word": s.text.split()[0]} for s in doc.sents][: sentences[0]["n"]]

    records = worker.extract_document(
        nlp("Rain fell. The river rose."), "2024-05-01", registry=registry
    )
    assert records == {"sentences": [{"n": 2}], "first_words": [{"word": "Rain"},
                                                               {"word": "The"}]}
    assert seen == {"reference_date": "2024-05-01"}


def test_a_failing_extractor_leaves_its_dependants_an_empty_input(nlp):
    registry = Registry()
    registry.register("broken", lambda doc: 1 / 0)
    registry.register("after", lambda doc, broken: [{"got": len(broken)}], needs=("broken",))
    records = worker.extract_document(nlp("Text."), registry=registry)
    assert records["after"] == [{"got": 0}]
    assert records["errors"] == [{"extractor": "broken", "error": "ZeroDivisionError: "
                                  "division by zero"}]


@pytest.mark.parametrize(
    "statement",
    [
        "import helpers.entities as m; import helpers.figures as f\n"
        "tables = [m.extract(TEXT), f.extract(TEXT, reference_date='2024-01-02')]",
        "from helpers import quotes; from helpers import citations\n"
        "tables = [quotes.extract(TEXT), citations.extract([TEXT])]",
    ],
)
def test_conveniences_work_from_a_bare_import(statement):
    """A fresh interpreter that imports only extractor modules still gets their tables."""
    text = '"Prices will fall," the minister told Reuters on Monday, after a 4% rise.'
    code = f"TEXT = {text!r}\n{statement}\nprint(*(len(t) > 0 for t in tables))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.split() == ["True", "True"]
