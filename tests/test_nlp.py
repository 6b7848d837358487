"""The model loader's matrix backend, BLAS thread limit and cached document text."""

from __future__ import annotations

import pytest

from helpers import nlp

TEXT = (
    "Secretary of State Antony Blinken said on Tuesday that Washington would send $2.5 billion "
    "in aid. Critics, who spoke to reporters in Kyiv, insisted the package came too late."
)


def _annotations(doc):
    return [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.ent_iob_, t.ent_type_) for t in doc]


def test_default_backend_is_numpy(monkeypatch):
    monkeypatch.delenv("NEWSKIT_GEMM", raising=False)
    assert nlp.gemm_backend() == "numpy"
    monkeypatch.setenv("NEWSKIT_GEMM", " BLIS ")
    assert nlp.gemm_backend() == "blis"


def test_unknown_backend_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("NEWSKIT_GEMM", "cuda")
    with pytest.raises(nlp.ModelError, match="NEWSKIT_GEMM='cuda'.*numpy, blis"):
        nlp.gemm_backend()
    with pytest.raises(ValueError, match="gemm must be one of"):
        nlp.load_model(gemm="cuda")


def test_backends_give_the_same_parse():
    fast = nlp.load_model(gemm="numpy")
    default = nlp.load_model(gemm="blis")
    assert fast is not default
    tok2vec_ops = {n.ops.use_blis for n in fast.get_pipe("tok2vec").model.walk()}
    assert tok2vec_ops == {False}
    assert {n.ops.use_blis for n in default.get_pipe("tok2vec").model.walk()} == {True}
    assert _annotations(fast(TEXT)) == _annotations(default(TEXT))


def test_loading_leaves_the_callers_ops_alone():
    from thinc.api import get_current_ops

    before = get_current_ops()
    nlp.load_model(gemm="numpy")
    assert get_current_ops() is before


def test_blas_threads_limits_and_restores():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    blas = [i for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    if not blas:
        pytest.skip("numpy exposes no BLAS library to threadpoolctl here")
    before = [i["num_threads"] for i in blas]
    with nlp.blas_threads(1):
        inside = [
            i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"
        ]
        assert inside == [1] * len(inside)
    after = [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]
    assert after == before


def test_doc_text_is_read_once_and_exact():
    doc = nlp.load_model()(TEXT)
    assert nlp.doc_text(doc) == TEXT
    doc.user_data["newskit.text"] = "cached"
    assert nlp.doc_text(doc) == "cached"  # the cached string is what extractors read


def _blas_threads() -> list[int]:
    threadpoolctl = pytest.importorskip("threadpoolctl")
    return [i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"]


def test_parse_holds_one_thread_and_releases_it():
    before = _blas_threads()
    if not before:
        pytest.skip("numpy exposes no BLAS library to threadpoolctl here")
    language = nlp.load_model()
    docs = nlp.parse(language, [TEXT, TEXT, TEXT], batch_size=1)
    assert next(docs).text == TEXT
    assert _blas_threads() == [1] * len(before)
    docs.close()  # an abandoned generator releases its thread limit
    assert _blas_threads() == before
