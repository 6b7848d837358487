"""Shared by the quote and speaker tests: run the public entry point on an invented text.

The tests of each construction family (``test_attribution_*.py``, ``test_speakers_*.py``)
build their fixtures from these, so every record they look at also passes the contract's
invariants (offsets, types, confidence from the rule table)."""

from __future__ import annotations

from collections.abc import Callable

from helpers import entities, lexicons, quotes


def quote_runner(nlp) -> Callable[[str], list[dict]]:
    """``run(text)``: the quote records of ``text``, checked against the contract."""

    def run(text: str) -> list[dict]:
        doc = nlp(text)
        records = quotes.from_doc(doc, entities.from_doc(doc))
        for r in records:  # the contract's invariants, on every record
            assert text[r["content_start"] : r["content_end"]] == r["content"]
            if r["speaker"] is not None:
                assert text[r["speaker_start"] : r["speaker_end"]] == r["speaker"]
            assert text[r["cue_start"] : r["cue_end"]] != ""
            assert r["type"] in ("direct", "indirect", "mixed")
            assert 0 <= r["confidence"] <= 1
            rule = lexicons.rules()[r["rule"]]  # every record names the rule that made it
            factor = 1.0 if r["speaker_canonical"] is not None else 0.8
            assert r["confidence"] == round(rule.confidence * factor, 3)
        return records

    return run


def speaker_finder(nlp) -> Callable[[str, str], tuple[str | None, str | None]]:
    """``who(text, fragment)``: (speaker mention, resolved name) of the first attribution
    whose content contains ``fragment``."""
    run = quote_runner(nlp)

    def who(text: str, fragment: str) -> tuple[str | None, str | None]:
        records = run(text)
        found = [r for r in records if fragment in r["content"]]
        assert found, (fragment, records)
        return found[0]["speaker"], found[0]["speaker_canonical"]

    return who


def only(records: list[dict], fragment: str) -> dict:
    """The one record whose content contains ``fragment``."""
    found = [r for r in records if fragment in r["content"]]
    assert len(found) == 1, (fragment, records)
    return found[0]
