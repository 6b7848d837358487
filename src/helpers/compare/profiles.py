"""Story profiles: what each article brings to a same-event comparison, as row-aligned arrays.

An article's profile holds, each as a sparse row normalised to unit length (so a cosine is a
dot product and a pair's value depends on its two articles only):

- ``terms``: its words and word pairs (title + text) weighted by background surprisal
  (:func:`term_weights`); ``titles``: the same for the title alone, ``leads`` for the first
  :data:`LEAD_CHARS` characters;
- ``people``, ``places``, ``others``: the canonical entity ids of its mentions (the kit's
  entities table), each weighted ``(1 + ln mentions) × mean surprisal of the name's words``,
  so "United States" counts for less than "Kushiro";
- ``lead_people``: the people named in the first :data:`.table_rows.LEAD_PEOPLE_CHARS`
  characters of the text (URLs removed), each weighing 1: who the event happened to or who
  did it, as against the people a report also mentions (the same offence by another player,
  the same award to another host);
- ``numbers``: the non-date figures it states (kind, value, unit), ``dates``: the calendar
  dates, months and weekdays it names, ``years``: the years it names (the figures table);
- ``embedding``: an offline sentence embedding (``wordllama``, weights inside the wheel);
- ``published``: its publication date in days (NaN when unknown).

URLs are removed from the text first: a link's "http", "www" and "com" say nothing about the
event. The table rows come from :mod:`.table_rows`; without an entities or figures table they
are empty and :attr:`StoryProfiles.has_tables` is False, so :mod:`.scoring` uses its text-only
weights.
"""

from __future__ import annotations

import functools
import math
import re
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp

from .published import days
from .table_rows import entity_groups, figure_groups, lead_people
from .text import TOKEN, URL, normalize, surprisal, tokens

#: Characters of title + text that make the lead (who, what, where, when of the event).
LEAD_CHARS = 500
#: Sentences of the lead embedded one by one, and where a sentence ends.
LEAD_SENTENCES = 3
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
#: Characters of title + text the embedding reads (the lead carries the event).
EMBED_CHARS = 2000
#: Width of a wordllama embedding (its 256-dimensional weights).
EMBEDDING_DIM = 256
#: Columns of the hashed term space, also the mask of the hash bits kept: 2**31 - 1, so the
#: width itself fits an int32 and scipy keeps the indices int32 (the one hash value 2**31 - 1
#: folds onto column 0).
COLUMNS = 2**31 - 1
#: Storage of the sparse profile rows: float32 weights (normalised in float64 first) and int32
#: column indices, 8 bytes a term instead of 16. Scores change by less than 1e-6.
VALUE_TYPE = np.float32
INDEX_TYPE = np.int32


@dataclass(frozen=True)
class StoryProfiles:
    """Row-aligned profiles of a batch of articles (see the module docstring)."""

    doc_ids: list[str]
    terms: sp.csr_matrix
    published: np.ndarray
    titles: sp.csr_matrix
    leads: sp.csr_matrix
    people: sp.csr_matrix
    places: sp.csr_matrix
    others: sp.csr_matrix
    numbers: sp.csr_matrix
    dates: sp.csr_matrix
    years: sp.csr_matrix
    lead_people: sp.csr_matrix
    embedding: np.ndarray
    has_tables: bool
    sentences: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.doc_ids)


def clean_text(text: Any) -> str:
    """``text`` without URLs ("" for a missing text)."""
    return URL.sub(" ", text) if isinstance(text, str) else ""


def story_text(title: Any, text: Any) -> str:
    """Title and body as one text (the title only once when the body starts with it)."""
    body = clean_text(text)
    if isinstance(title, str) and title.strip() and not body.startswith(title):
        return f"{title}\n{body}"
    return body


@functools.lru_cache(maxsize=1 << 17)
def column(term: str) -> int:
    """The fixed column of a term: a stable hash (CRC-32 of its UTF-8 bytes, 2**31 columns),
    the same in every batch, process and machine, so profiles built apart can be stacked."""
    return (zlib.crc32(term.encode("utf-8")) & COLUMNS) % COLUMNS


def unit_rows(rows: Iterable[dict[str, float]]) -> sp.csr_matrix:
    """Sparse matrix of ``rows`` (term → weight), each row scaled to unit length, each term
    in its fixed :func:`column` (two terms sharing a column add up: rare, and harmless).
    ``rows`` may be a generator: each row is packed into typed arrays as it comes, so only
    one row's dictionary is alive at a time (a list of Python floats and ints for every
    entry of a chunk would take several times the packed size, and fragment the heap)."""
    indptr, cols, vals = array("q", [0]), array("i"), array("d")
    for row in rows:
        merged: dict[int, float] = {}
        for term, w in row.items():
            c = column(term)
            merged[c] = merged.get(c, 0.0) + w
        norm = math.sqrt(sum(w * w for w in merged.values()))
        if norm:
            kept = [c for c in sorted(merged) if merged[c]]
            cols.extend(kept)
            vals.extend(merged[c] / norm for c in kept)
        indptr.append(len(cols))
    return csr_rows(np.frombuffer(vals, dtype=np.float64).astype(VALUE_TYPE),
                np.frombuffer(cols, dtype=np.intc).astype(INDEX_TYPE),
                np.frombuffer(indptr, dtype=np.int64))


def csr_rows(data: np.ndarray, indices: np.ndarray, indptr: np.ndarray) -> sp.csr_matrix:
    """A profile matrix from its arrays, kept in :data:`VALUE_TYPE` / :data:`INDEX_TYPE`
    (``indptr`` too while the entries fit an int32)."""
    index_type = INDEX_TYPE if len(data) < 2**31 else np.int64
    return sp.csr_matrix((data, indices.astype(index_type, copy=False),
                          indptr.astype(index_type, copy=False)),
                         shape=(len(indptr) - 1, COLUMNS), copy=False)


def term_weights(text: str) -> dict[str, float]:
    """Words and adjacent word pairs of ``text`` weighted ``(1 + ln tf) × surprisal`` (a pair
    weighs the mean surprisal of its two words)."""
    words = tokens(text)
    counts = Counter(words)
    counts.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    out = {}
    for term, n in counts.items():
        if " " in term:
            a, b = term.split(" ", 1)
            w = (surprisal(a) + surprisal(b)) / 2
        else:
            w = surprisal(term)
        out[term] = (1.0 + math.log(n)) * w
    return out


class _Words(dict):
    """Word numbers of one build, keyed by raw token (``TOKEN`` match), with per word (by
    number) its surprisal, the UTF-8 bytes and column of its normalised form, and the CRC-32
    of that form plus a space (where the hash of each of its word pairs starts): each is
    worked out once per distinct token, not once per occurrence. Two raw tokens with one
    normalised form ("Kyiv's", "kyiv") share a number."""

    def __init__(self) -> None:
        super().__init__()
        self.by_form: dict[str, int] = {}
        self.surprisal: list[float] = []
        self.encoded: list[bytes] = []
        self.column: list[int] = []
        self.prefix: list[int] = []

    def __missing__(self, raw: str) -> int:
        form = normalize(raw)
        number = self.by_form.get(form)
        if number is None:
            number = self.by_form[form] = len(self.surprisal)
            encoded = form.encode("utf-8")
            # uncached: the words met once per chunk would fill surprisal's cache (tens of MB)
            self.surprisal.append(surprisal.__wrapped__(form))
            self.encoded.append(encoded)
            self.column.append((zlib.crc32(encoded) & COLUMNS) % COLUMNS)  # column(form)
            self.prefix.append(zlib.crc32(b" ", zlib.crc32(encoded)))
        self[raw] = number
        return number


class _Growth(dict):
    """``1 + ln n`` by count ``n`` (the term frequency factor), worked out once per count."""

    def __missing__(self, n: int) -> float:
        self[n] = value = 1.0 + math.log(n)
        return value


_GROWTH = _Growth()


def term_rows(texts: Iterable[str]) -> sp.csr_matrix:
    """``unit_rows(term_weights(t) for t in texts)``, the same arrays bit for bit, about twice
    as fast: tokens are numbered once per distinct token (:class:`_Words`), a word pair's
    column is the CRC-32 of its second word continued from its first word's, and the rows are
    sorted and scaled together. Terms are weighed and each row's norm summed in
    :func:`term_weights`' order (its words, then its word pairs, by first occurrence)."""
    words = _Words()
    rows, cols, vals = array("q"), array("q"), array("d")
    norms: list[float] = []
    for text in texts:
        columns, weights = _row_terms(TOKEN.findall(text), words)
        norms.append(math.sqrt(sum([w * w for w in weights])))
        rows.extend([len(norms) - 1] * len(columns))
        cols.extend(columns)
        vals.extend(weights)
    return _scaled(np.frombuffer(rows, dtype=np.int64), np.frombuffer(cols, dtype=np.int64),
                   np.frombuffer(vals, dtype=np.float64), np.array(norms, dtype=np.float64))


def _row_terms(raw: list[str], words: _Words) -> tuple[list[int], list[float]]:
    """One text's columns and weights, as :func:`unit_rows` merges :func:`term_weights`."""
    numbers = list(map(words.__getitem__, raw))
    s, col, prefix, encoded, growth = (words.surprisal, words.column, words.prefix,
                                       words.encoded, _GROWTH)
    single, double = Counter(numbers), Counter(zip(numbers, numbers[1:], strict=False))
    columns = [col[k] for k in single]
    columns += [(zlib.crc32(encoded[b], prefix[a]) & COLUMNS) % COLUMNS for a, b in double]
    weights = [growth[n] * s[k] for k, n in single.items()]
    weights += [growth[n] * ((s[a] + s[b]) / 2) for (a, b), n in double.items()]
    if len(set(columns)) == len(columns):
        return columns, weights
    merged: dict[int, float] = {}  # two terms in one column (rare): added, as unit_rows does
    for c, w in zip(columns, weights, strict=True):
        merged[c] = merged.get(c, 0.0) + w
    return list(merged), list(merged.values())


def _scaled(rows: np.ndarray, cols: np.ndarray, vals: np.ndarray, norms: np.ndarray
            ) -> sp.csr_matrix:
    """Rows of ``(row, column, weight)`` entries divided by their row's norm, sorted by
    column, zero weights and rows of norm 0 left out (as :func:`unit_rows` packs them)."""
    keep = (vals != 0) & (norms[rows] != 0)
    rows, cols, vals = rows[keep], cols[keep], vals[keep]
    order = np.lexsort((cols, rows))
    scaled = (vals[order] / norms[rows[order]]).astype(VALUE_TYPE)
    indptr = np.zeros(len(norms) + 1, dtype=np.int64)
    np.cumsum(np.bincount(rows, minlength=len(norms)), out=indptr[1:])
    return csr_rows(scaled, cols[order].astype(INDEX_TYPE), indptr)


def _days(published: Any, n: int) -> np.ndarray:
    """Publication days (whole days since 1970-01-01 in UTC, NaN when unknown), read by
    :func:`.published.days`, the one date reader of the story layer."""
    if published is None:
        return np.full(n, np.nan)
    return np.floor(days(published))


@functools.lru_cache(maxsize=1)
def _embedder() -> Any:
    """The wordllama model from the files inside its wheel (its own loader would try to
    download the tokenizer; nothing is downloaded here)."""
    from safetensors import safe_open
    from tokenizers import Tokenizer
    from wordllama.inference import WordLlamaInference

    root = resources.files("wordllama")
    tokenizer = Tokenizer.from_file(str(root / "tokenizers" / "l2_supercat_tokenizer_config.json"))
    with safe_open(str(root / "weights" / "l2_supercat_256.safetensors"), framework="np",
                   device="cpu") as fh:
        weights = fh.get_tensor("embedding.weight")
    return WordLlamaInference(weights, tokenizer)


def embed(texts: list[str]) -> np.ndarray:
    """Unit-length float32 embeddings (rows of zeros for empty texts)."""
    out = np.zeros((len(texts), EMBEDDING_DIM), dtype=np.float32)
    keep = [i for i, t in enumerate(texts) if t.strip()]
    if keep:
        vectors = _embedder().embed([texts[i][:EMBED_CHARS] for i in keep], norm=True)
        out[keep] = np.asarray(vectors, dtype=np.float32)
    return out


def embed_sentences(texts: list[str]) -> np.ndarray:
    """``(n, LEAD_SENTENCES, 256)`` unit embeddings of each text's first sentences of four
    words or more (rows of zeros where a text has fewer)."""
    out = np.zeros((len(texts), LEAD_SENTENCES, EMBEDDING_DIM), dtype=np.float32)
    owners, sentences = [], []
    for i, text in enumerate(texts):
        lead = [s for s in SENTENCE.split(text[:EMBED_CHARS]) if len(s.split()) >= 4]
        for k, sentence in enumerate(lead[:LEAD_SENTENCES]):
            owners.append((i, k))
            sentences.append(sentence)
    if sentences:
        vectors = embed(sentences)
        rows = np.array([i for i, _ in owners])
        cols = np.array([k for _, k in owners])
        out[rows, cols] = vectors
    return out


#: Articles profiled at a time: the per-article term dictionaries of a chunk are dropped once
#: its rows are packed, so memory follows the packed matrices, not the Python objects.
PROFILE_CHUNK = 2000


def build_profiles(documents: pd.DataFrame, entities: pd.DataFrame | None = None,
                   figures: pd.DataFrame | None = None) -> StoryProfiles:
    """Profiles of ``documents`` (``doc_id``, ``text``, optional ``title`` and ``published``),
    rows in the same order; ``entities`` / ``figures``: the kit's tables for those documents."""
    if len(documents) <= PROFILE_CHUNK:
        return _build_chunk(documents, entities, figures)
    parts = []
    for start in range(0, len(documents), PROFILE_CHUNK):
        chunk = documents.iloc[start:start + PROFILE_CHUNK]
        ids = set(chunk["doc_id"].astype(str))
        parts.append(_build_chunk(chunk, _rows_of(entities, ids), _rows_of(figures, ids)))
        release_memory()
    return _stack_consuming(parts)


def build_profiles_streamed(tables: Iterable[pd.DataFrame]) -> StoryProfiles:
    """:func:`build_profiles` of the documents given as consecutive tables (without entity
    or figure tables), the same arrays bit for bit: the rows are cut into the same chunks of
    :data:`PROFILE_CHUNK` whatever the tables' sizes (the embedder batches a chunk's texts, so
    the chunks must match). A table is dropped once its rows are profiled, so a corpus read a
    batch at a time (``pyarrow.parquet.ParquetFile.iter_batches``) is never whole in memory:
    its text would be a fifth of the 100,000-article bench's peak, and the profiles need none
    of it after."""
    parts, pending, buffered = [], [], 0
    for table in tables:
        pending.append(table)
        buffered += len(table)
        while buffered > PROFILE_CHUNK:  # keep a last chunk back: it may be the only one
            rows = pd.concat(pending, ignore_index=True) if len(pending) > 1 else pending[0]
            parts.append(_build_chunk(rows.iloc[:PROFILE_CHUNK], None, None))
            # a copy: a view would keep the profiled rows' text alive through its base
            pending, buffered = [rows.iloc[PROFILE_CHUNK:].copy()], buffered - PROFILE_CHUNK
            del rows
            release_memory()
    rows = pd.concat(pending, ignore_index=True) if len(pending) > 1 else (
        pending[0] if pending else pd.DataFrame({"doc_id": [], "text": []}))
    parts.append(_build_chunk(rows, None, None))
    del rows, pending
    return parts[0] if len(parts) == 1 else _stack_consuming(parts)


def release_memory() -> None:
    """Give the C heap's free pages back to the system (glibc ``malloc_trim``; nothing
    elsewhere). A chunk's term dictionaries and temporary arrays are freed but, scattered
    through the heap, would otherwise stay resident and add up over the chunks."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


@functools.lru_cache(maxsize=1)
def _libc() -> Any:
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def _rows_of(table: pd.DataFrame | None, ids: set[str]) -> pd.DataFrame | None:
    """The rows of ``table`` (an entities or figures table, or None) of the articles ``ids``."""
    if table is None:
        return None
    return table[table["doc_id"].astype(str).isin(ids)]


def _build_chunk(documents: pd.DataFrame, entities: pd.DataFrame | None,
                 figures: pd.DataFrame | None) -> StoryProfiles:
    doc_ids = documents["doc_id"].astype(str).tolist()
    n = len(doc_ids)
    texts = documents["text"].tolist()
    titles = documents["title"].tolist() if "title" in documents else [None] * n
    full = [story_text(t, x) for t, x in zip(titles, texts, strict=True)]
    ents = entity_groups(entities, doc_ids)
    figs = figure_groups(figures, doc_ids)
    empty = [{} for _ in doc_ids]
    return StoryProfiles(
        doc_ids=doc_ids,
        terms=term_rows(full),
        published=_days(documents["published"] if "published" in documents else None, n),
        titles=term_rows(t if isinstance(t, str) else "" for t in titles),
        leads=term_rows(t[:LEAD_CHARS] for t in full),
        people=unit_rows(ents.get("people", empty)),
        places=unit_rows(ents.get("places", empty)),
        others=unit_rows(ents.get("others", empty)),
        numbers=unit_rows(figs.get("numbers", empty)),
        dates=unit_rows(figs.get("dates", empty)),
        years=unit_rows(figs.get("years", empty)),
        lead_people=unit_rows(lead_people(entities, doc_ids, texts)),
        embedding=embed(full),
        has_tables=entities is not None and figures is not None,
        sentences=embed_sentences(full),
    )


#: The sparse profile matrices, in the order they are stacked and stored.
MATRICES = ("terms", "titles", "leads", "people", "places", "others", "numbers", "dates", "years",
            "lead_people")


def stack(parts: list[StoryProfiles]) -> StoryProfiles:
    """Profiles built apart (chunks, earlier runs) as one: columns are fixed by the term hash,
    so rows stack as they are. ``has_tables`` holds when it holds for every part."""
    return _stack_consuming(list(parts))


class _Column:
    """One profile matrix of a stack, filled part by part into arrays allocated once."""

    def __init__(self, nnz: int, rows: int):
        self.data = np.empty(nnz, dtype=VALUE_TYPE)
        self.indices = np.empty(nnz, dtype=INDEX_TYPE)
        self.indptr = np.zeros(rows + 1, dtype=np.int64)
        self.at = 0

    def add(self, matrix: sp.csr_matrix, row: int) -> None:
        nnz = matrix.nnz
        self.data[self.at:self.at + nnz] = matrix.data
        self.indices[self.at:self.at + nnz] = matrix.indices
        self.indptr[row + 1:row + 1 + matrix.shape[0]] = matrix.indptr[1:] + self.at
        self.at += nnz

    def matrix(self) -> sp.csr_matrix:
        return csr_rows(self.data, self.indices, self.indptr)


def _stack_consuming(parts: list[StoryProfiles]) -> StoryProfiles:
    """:func:`stack` that empties ``parts`` as it goes: each part is dropped once its rows are
    copied into the whole, whose arrays are allocated once (pages become resident as they are
    written), so the parts and the whole are never both in memory."""
    if not parts:
        raise ValueError("stack needs at least one StoryProfiles")
    n = sum(len(p) for p in parts)
    columns = {name: _Column(sum(getattr(p, name).nnz for p in parts), n) for name in MATRICES}
    with_sentences = all(p.sentences is not None for p in parts)
    first = parts[0]
    embedding = np.empty((n, *first.embedding.shape[1:]), dtype=first.embedding.dtype)
    sentences = (np.empty((n, *first.sentences.shape[1:]), dtype=first.sentences.dtype)
                 if with_sentences else None)
    published = np.empty(n, dtype=np.float64)
    doc_ids: list[str] = []
    has_tables, row = True, 0
    for k in range(len(parts)):
        part, parts[k] = parts[k], None
        size = len(part)
        for name, target in columns.items():
            target.add(getattr(part, name), row)
        embedding[row:row + size] = part.embedding
        if sentences is not None:
            sentences[row:row + size] = part.sentences
        published[row:row + size] = part.published
        doc_ids.extend(part.doc_ids)
        has_tables = has_tables and part.has_tables
        row += size
        del part
        release_memory()  # the part's pages go back as the whole's are written
    parts.clear()
    return StoryProfiles(doc_ids=doc_ids, published=published, embedding=embedding,
                         has_tables=has_tables, sentences=sentences,
                         **{name: c.matrix() for name, c in columns.items()})


def take(profiles: StoryProfiles, rows: np.ndarray) -> StoryProfiles:
    """The profiles of some rows, in the order given."""
    rows = np.asarray(rows, dtype=np.int64)
    matrices = {name: getattr(profiles, name)[rows] for name in MATRICES}
    return StoryProfiles(
        doc_ids=[profiles.doc_ids[i] for i in rows],
        published=profiles.published[rows],
        embedding=profiles.embedding[rows],
        has_tables=profiles.has_tables,
        sentences=profiles.sentences[rows],
        **matrices,
    )
