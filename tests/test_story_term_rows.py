"""Term rows built in one pass over a batch (``profiles.term_rows``) are the rows that
``unit_rows(term_weights(text))`` packs one text at a time, bit for bit."""

import numpy as np

from helpers.compare import profiles

TEXTS = [
    "The harbour crane collapsed on Tuesday; the crane's operator escaped.",
    "",
    "Ferry services resumed at the harbour. Ferry, ferry, ferry: the Ferry's crew cheered.",
    "Kyiv-based aides met Blinken’s team; Blinken's aides left at 10.30 with 1,200 papers.",
    "1998",
    "the the the the",
]


def _same(a, b):
    return all(np.array_equal(getattr(a, f), getattr(b, f)) and getattr(a, f).dtype
               == getattr(b, f).dtype for f in ("data", "indices", "indptr"))


def test_term_rows_equal_the_rows_packed_one_text_at_a_time():
    built = profiles.term_rows(iter(TEXTS))
    assert built.shape == (len(TEXTS), profiles.COLUMNS)
    assert _same(built, profiles.unit_rows(profiles.term_weights(t) for t in TEXTS))
    assert np.diff(built.indptr)[1] == 0  # a text without words: an empty row


def test_terms_sharing_a_column_add_up_as_in_unit_rows(monkeypatch):
    # Seven columns: most terms of a text collide, and are added in the same order.
    monkeypatch.setattr(profiles, "COLUMNS", 7)
    profiles.column.cache_clear()
    try:
        built = profiles.term_rows(TEXTS)
        packed = profiles.unit_rows(profiles.term_weights(t) for t in TEXTS)
    finally:
        profiles.column.cache_clear()
    assert built.indices.max() < 7
    assert _same(built, packed)


def _same_profiles(a, b):
    assert a.doc_ids == b.doc_ids and a.has_tables == b.has_tables
    for name in profiles.MATRICES:
        assert _same(getattr(a, name), getattr(b, name)), name
    for name in ("embedding", "sentences"):
        assert np.array_equal(getattr(a, name), getattr(b, name)), name
    assert np.array_equal(a.published, b.published, equal_nan=True)


def test_profiles_of_a_table_read_in_pieces_equal_those_of_the_whole(monkeypatch):
    from story_corpus import corpus

    table = corpus(5, per_story=3, seed=34)  # 15 articles
    table.loc[4, "text"] = ""
    monkeypatch.setattr(profiles, "PROFILE_CHUNK", 4)
    whole = profiles.build_profiles(table)
    for cuts in ([0, 15], [0, 3, 7, 8, 15], [0, 4, 8, 12, 15], [0, 1, 2, 14, 15]):
        pieces = (table.iloc[lo:hi].reset_index(drop=True) for lo, hi in
                  zip(cuts, cuts[1:], strict=False))
        _same_profiles(whole, profiles.build_profiles_streamed(pieces))
    short = table.head(3)  # one chunk: no stacking
    _same_profiles(profiles.build_profiles(short), profiles.build_profiles_streamed([short]))
