"""The batched attribute ruler and lemmatizer give exactly spaCy's annotations."""

from __future__ import annotations

import itertools

import pytest
import spacy

from helpers import fastpipe, nlp

TEXTS = [
    "Secretary of State Antony Blinken said on Tuesday that Washington would send $2.5 billion "
    "in aid. Critics, who spoke to reporters in Kyiv, insisted the package came too late.",
    "Y'all gonna come? Ain't nobody gotta wait, let's go. C'mon, there's a cat. There are dogs.",
    "“We were not consulted,” the spokeswoman told The Times. She'd been briefed; they hadn't.",
    "\n\n  Weird   spacing\t\there.\n",
    "",
    "GDP grew 3.4% in the third quarter, the ONS said, against forecasts of 2.9%.",
    "The children's books were better-selling than the mice's; geese flew, oxen ran, we've won.",
]


def _annotations(doc):
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_)
        for t in doc
    ]


@pytest.fixture(scope="module")
def stock_and_fast():
    fast = nlp.load_model()
    stock = spacy.load(nlp.resolve_model_name())  # spaCy's own components, untouched
    return stock, fast


def test_the_kit_model_uses_the_batched_components(stock_and_fast):
    _, fast = stock_and_fast
    for name in ("attribute_ruler", "lemmatizer"):
        if name in fast.pipe_names:
            assert "pipe" in vars(fast.get_pipe(name)), name


def test_speed_up_reports_what_it_changed():
    language = spacy.load(nlp.resolve_model_name())
    changed = fastpipe.speed_up(language)
    assert set(changed) == {"attribute_ruler", "lemmatizer"} & set(language.pipe_names)


def test_same_annotations_as_spacy(stock_and_fast):
    stock, fast = stock_and_fast
    texts = TEXTS * 3  # the lemma table is warm the second time round
    for a, b in zip(fast.pipe(texts, batch_size=4), stock.pipe(texts, batch_size=4), strict=True):
        assert _annotations(a) == _annotations(b)


def test_lemmas_survive_a_memory_zone(stock_and_fast):
    stock, fast = stock_and_fast
    with fast.memory_zone():
        list(fast.pipe(TEXTS))
    # the lemma table outlives the zone; its strings must still resolve afterwards
    for a, b in zip(fast.pipe(TEXTS), stock.pipe(TEXTS), strict=True):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]


def test_single_calls_keep_spacys_code(stock_and_fast):
    stock, fast = stock_and_fast
    assert _annotations(fast(TEXTS[1])) == _annotations(stock(TEXTS[1]))


def test_unrecognised_components_are_left_alone():
    language = spacy.blank("en")
    ruler = language.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "x"}]], {"LEMMA": "ex"})
    ruler.add([[{"LOWER": {"REGEX": "^y+$"}}]], {"LEMMA": "why"})
    ruler.add([[{"LOWER": "a"}, {"LOWER": "b"}]], {"LEMMA": "bee"}, index=-1)
    ruler.add([[{"LOWER": {"NOT_IN": ["x", "a", "b"]}, "IS_SPACE": False}]], {"TAG": "OTHER"})
    stock = spacy.blank("en")
    stock_ruler = stock.add_pipe("attribute_ruler")
    stock_ruler.add_patterns(ruler.patterns)
    assert fastpipe.speed_up(language) == ["attribute_ruler"]
    text = "x yyy a b c x  a"
    fast_doc, stock_doc = next(language.pipe([text])), next(stock.pipe([text]))
    assert [(t.lemma_, t.tag_) for t in fast_doc] == [(t.lemma_, t.tag_) for t in stock_doc]
    assert [t.lemma_ for t in fast_doc][:4] == ["ex", "why", "", "bee"]


def test_dev_articles_match_spacy(stock_and_fast, shared_data):
    import json

    stock, fast = stock_and_fast
    with open(shared_data / "quotes_dev.jsonl", encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in itertools.islice(fh, 12)]
    for a, b in zip(fast.pipe(texts), stock.pipe(texts), strict=True):
        assert _annotations(a) == _annotations(b)


def test_lemma_table_is_bounded(monkeypatch):
    language = spacy.load(nlp.resolve_model_name())
    stock = spacy.load(nlp.resolve_model_name())
    monkeypatch.setattr(fastpipe, "MAX_LEMMA_TABLE", 5)
    fastpipe.speed_up(language)
    lemmatizer = language.get_pipe("lemmatizer")
    for a, b in zip(language.pipe(TEXTS), stock.pipe(TEXTS), strict=True):
        assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    assert len(lemmatizer.cache) <= 5
