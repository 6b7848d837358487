"""Batched stand-ins for two of spaCy's rule components, with identical output.

spaCy's ``attribute_ruler`` and rule ``lemmatizer`` do their work in Python, token by token: a
quarter of the parse time of ``en_core_web_sm`` here, more than the kit's extractors. Both are
pure functions of a few token attributes, so the stand-ins read those attributes as one integer
array per document, decide with numpy or a lookup table, and write the result back in one
``Doc.from_array`` call. They replace only the component's ``pipe`` method, which is what
``nlp.pipe`` calls; ``component(doc)`` keeps spaCy's own code, and anything they do not
recognise (other component classes, other pattern operators) is left to spaCy.
``tests/test_fastpipe.py`` checks the output against spaCy's on real text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from spacy.attrs import IDS, LEMMA, MORPH, ORTH, POS
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

#: Token attributes a single-token pattern may test in the vectorised path.
#: (POS is not among them: its values are symbol ids, not string hashes.)
_TESTABLE = ("TAG", "LOWER", "DEP", "IS_SPACE", "ORTH", "NORM")
#: Entries the lemma table may hold before it starts again (about 25 MB with spaCy's own cache).
MAX_LEMMA_TABLE = 100_000
#: Attributes the rule may set that the vectorised path writes back.
_SETTABLE = ("TAG", "POS", "MORPH", "LEMMA", "DEP")


def speed_up(language: Language) -> list[str]:
    """Give every recognised rule component of ``language`` its batched ``pipe``; returns the
    names of the components changed."""
    changed = []
    for name, component in language.pipeline:
        if _is_plain_attribute_ruler(component):
            _batched_attribute_ruler(component)
            changed.append(name)
        elif _is_context_free_lemmatizer(component):
            _batched_lemmatizer(component)
            changed.append(name)
    return changed


def _batched_pipe(component: Any, fn: Callable[[Doc], Doc]) -> None:
    error_handler = component.get_error_handler()

    def pipe(stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        for doc in stream:
            try:
                yield fn(doc)
            except Exception as exc:  # as spaCy's Pipe.pipe: the pipeline's handler decides
                error_handler(component.name, component, [doc], exc)

    component.pipe = pipe


# --- lemmatizer -------------------------------------------------------------------------------


def _is_context_free_lemmatizer(component: object) -> bool:
    """A rule lemmatizer whose lemma depends only on a token's (text, POS, morphology): spaCy's
    own ``Lemmatizer`` and ``EnglishLemmatizer`` in rule mode, not subclasses that change it."""
    kind = type(component)
    return (
        isinstance(component, Lemmatizer)
        and getattr(component, "mode", None) == "rule"
        and kind.__call__ is Lemmatizer.__call__
        and kind.rule_lemmatize is Lemmatizer.rule_lemmatize
        and kind.is_base_form in (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form)
    )


def _batched_lemmatizer(component: Any) -> None:
    """Look each (text, POS, morphology) triple up in a table; ask spaCy's ``rule_lemmatize``
    only for triples not seen before."""
    table: dict[tuple[int, int, int], str] = {}
    strings = component.vocab.strings
    overwrite = bool(component.overwrite)
    rule_lemmatize = component.rule_lemmatize

    def lemmatize(doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        added: dict[str, int] = {}  # re-added per doc: a memory zone may have dropped the string
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            text = table.get(key)
            if text is None:
                if len(table) >= MAX_LEMMA_TABLE:  # rare words keep coming: memory stays flat
                    table.clear()
                    component.cache.clear()  # spaCy's own cache, filled by rule_lemmatize
                text = table[key] = rule_lemmatize(doc[i])[0]
            value = added.get(text)
            if value is None:
                value = added[text] = strings.add(text)
            lemmas[i] = value
        doc.from_array([LEMMA], lemmas.reshape(-1, 1))
        return doc

    _batched_pipe(component, lemmatize)


# --- attribute ruler --------------------------------------------------------------------------


def _is_plain_attribute_ruler(component: object) -> bool:
    kind = type(component)
    return (
        isinstance(component, AttributeRuler)
        and kind.__call__ is AttributeRuler.__call__
        and kind.match is AttributeRuler.match
        and kind.set_annotations is AttributeRuler.set_annotations
    )


def _token_test(vocab: Any, attr: str, spec: Any) -> tuple[int, str, frozenset[int]] | None:
    """(attribute id, "in" | "not_in", values) for one token constraint, or None when the
    vectorised path cannot decide it (regular expressions, comparisons, extensions)."""
    if attr not in _TESTABLE:
        return None

    def value(v: Any) -> int | None:
        if isinstance(v, bool):
            return int(v) if attr == "IS_SPACE" else None
        if isinstance(v, str) and attr != "IS_SPACE":
            return vocab.strings.add(v)
        return None

    if isinstance(spec, dict):
        if len(spec) != 1:
            return None
        ((op, items),) = spec.items()
        if op not in ("IN", "NOT_IN") or not isinstance(items, list | tuple):
            return None
        values = [value(v) for v in items]
        if any(v is None for v in values):
            return None
        return IDS[attr], op.lower(), frozenset(values)  # type: ignore[arg-type]
    v = value(spec)
    return None if v is None else (IDS[attr], "in", frozenset([v]))


@dataclass
class _Rule:
    """One attribute-ruler rule: single-token tests (vectorised) or a residual match."""

    index: int
    #: Per pattern, its token tests; None: the rule is left to the residual spaCy ``Matcher``.
    tests: list[list[tuple[int, str, frozenset[int]]]] | None
    attrs: dict[int, int]
    target: int


@dataclass
class _Ruler:
    """A compiled attribute ruler: its rules in spaCy's order, the residual ``Matcher`` for
    patterns the vectorised path cannot decide, and the columns read from each ``Doc``
    (``columns``, the attributes the rules set, come first: they are also written back)."""

    rules: list[_Rule]
    residual: Matcher
    columns: list[int]
    read: list[int]
    #: Attribute id -> its column in ``read``.
    where: dict[int, int] = field(init=False)

    def __post_init__(self) -> None:
        self.where = {a: k for k, a in enumerate(self.read)}


def _single_token_tests(vocab: Any, patterns: list[Any], index: int
                        ) -> list[list[tuple[int, str, frozenset[int]]]] | None:
    """Every pattern's token tests, or None when one of the patterns is not a single-token
    pattern of decidable tests aimed at its own token."""
    tests = []
    for pattern in patterns:
        if len(pattern) != 1 or index not in (0, -1) or not pattern[0]:
            return None
        one = [_token_test(vocab, a, s) for a, s in pattern[0].items()]
        if any(t is None for t in one):
            return None
        tests.append(one)
    return tests  # type: ignore[return-value]


def _compile_ruler(component: Any) -> _Ruler | None:
    """The component's rules, or None when a rule sets something the vectorised path does not
    write back (e.g. extensions): then the component is left alone."""
    vocab = component.vocab
    settable = {IDS[a] for a in _SETTABLE}
    rules: list[_Rule] = []
    residual = Matcher(vocab, validate=False)
    for i, attrs in enumerate(component.attrs):
        key = str(i)
        if key not in component.matcher:
            continue
        _, patterns = component.matcher.get(key)
        index = component.indices[i]
        tests = _single_token_tests(vocab, patterns, index)
        if tests is None:
            residual.add(key, patterns)
        if not set(attrs) <= settable:
            return None
        rules.append(_Rule(i, tests, dict(attrs), index))
    columns = sorted({a for rule in rules for a in rule.attrs})
    tested = sorted({t[0] for rule in rules if rule.tests for p in rule.tests for t in p})
    return _Ruler(rules, residual, columns, columns + [a for a in tested if a not in columns])


def _residual_targets(ruler: _Ruler, doc: Doc) -> dict[int, list[int]]:
    """Rule index -> target tokens of the residual matcher's matches in ``doc``."""
    found: dict[int, list[int]] = {}
    if not len(ruler.residual):
        return found
    by_index = {rule.index: rule for rule in ruler.rules}
    strings = doc.vocab.strings
    for match_id, start, end in ruler.residual(doc, allow_missing=True, as_spans=False):
        i = int(strings[match_id])
        target = by_index[i].target
        token = start + target if target >= 0 else end + target
        if not start <= token < end:  # spaCy's own error for this case
            raise ValueError(f"attribute ruler rule {i}: index {target} outside its match")
        found.setdefault(i, []).append(token)
    return found


def _test_mask(ruler: _Ruler, rule: _Rule, rows: np.ndarray) -> np.ndarray:
    """Tokens that match any of the rule's single-token patterns."""
    mask = np.zeros(len(rows), dtype=bool)
    for tests in rule.tests or ():
        hit = np.ones(len(rows), dtype=bool)
        for attr, op, values in tests:
            col = rows[:, ruler.where[attr]]
            if len(values) == 1:
                (only,) = values
                inside = col == only
            else:
                inside = np.isin(col, np.fromiter(values, dtype=np.uint64))
            hit &= inside if op == "in" else ~inside
        mask |= hit
    return mask


def _batched_attribute_ruler(component: Any) -> None:
    """Single-token patterns with equality or IN / NOT_IN tests become numpy masks; any other
    pattern keeps a small spaCy ``Matcher`` of its own. Rules then apply in spaCy's order (by
    rule index; later rules win), each setting its attributes on its target token."""
    ruler = _compile_ruler(component)
    if ruler is None:
        return

    def apply(doc: Doc) -> Doc:
        if not len(doc) or not ruler.rules:
            return doc
        # spaCy matches every rule against the document before any change: tests read `rows`,
        # changes go to `out`
        rows = doc.to_array(ruler.read)
        out = rows[:, : len(ruler.columns)].copy()
        found = _residual_targets(ruler, doc)
        for rule in ruler.rules:
            if rule.tests is None:
                if not found.get(rule.index):
                    continue
                mask: Any = np.asarray(sorted(set(found[rule.index])), dtype=np.intp)
            else:
                mask = _test_mask(ruler, rule, rows)
                if not mask.any():
                    continue
            for attr, value in rule.attrs.items():
                out[mask, ruler.where[attr]] = value
        doc.from_array(ruler.columns, out)
        return doc

    _batched_pipe(component, apply)
