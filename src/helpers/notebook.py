"""What every notebook does first: validate its parameters, load and filter the corpus, analyse
it through the cache, and give it a folder for its tables and charts.

Notebooks call ``session = notebook.start(**parameters)`` right after their ``parameters``
cell. Paths are resolved from the project root (papermill runs kernels in the launch folder,
nbval in the notebook's folder), so the same notebook works from JupyterLab, papermill and nbval.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from .loading import FORMATS, load_corpus
from .pipeline import Analysis, analyze

#: Parameters every notebook declares, with their types; ``newskit report -p`` validates against
#: the union of the notebooks' parameters.
COMMON_PARAMETERS: dict[str, tuple[type, ...]] = {
    "corpus": (str, list),
    "metadata": (str, type(None)),
    "corpus_format": (str, type(None)),
    "outlets": (list, str, type(None)),
    "date_from": (str, type(None)),
    "date_to": (str, type(None)),
    "model": (str, type(None)),
    "output_dir": (str, type(None)),
    "top_n": (int,),
}


class ParameterError(ValueError):
    """A notebook parameter with a wrong type or value (message names the parameter)."""


def project_root() -> Path:
    """``$NEWSKIT_ROOT``, else the nearest folder above the working directory holding the kit's
    ``pyproject.toml``, else the working directory."""
    if os.environ.get("NEWSKIT_ROOT"):
        return Path(os.environ["NEWSKIT_ROOT"]).resolve()
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and 'name = "newskit"' in pyproject.read_text(errors="ignore"):
            return folder
    return here


def resolve(path: str | Path) -> Path:
    """A user path: absolute as given, relative ones from the project root."""
    p = Path(path).expanduser()
    return p if p.is_absolute() else project_root() / p


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def validate(params: dict[str, Any]) -> dict[str, Any]:
    """Check types and values of the common parameters; raise ``ParameterError`` naming the
    first bad one."""
    for name, value in params.items():
        allowed = COMMON_PARAMETERS.get(name)
        if allowed is None:
            continue
        if isinstance(value, bool) or not isinstance(value, allowed):
            kinds = " or ".join("None" if t is type(None) else t.__name__ for t in allowed)
            raise ParameterError(f"parameter {name!r} must be {kinds}, got {value!r}")
    for name in ("date_from", "date_to"):
        value = params.get(name)
        if value is not None and not _DATE.match(value):
            raise ParameterError(f"parameter {name!r} must be a date YYYY-MM-DD, got {value!r}")
        if value is not None:
            try:
                pd.Timestamp(value)
            except ValueError as exc:
                raise ParameterError(f"parameter {name!r} is not a valid date: {value!r}") from exc
    if "top_n" in params and params["top_n"] < 1:
        raise ParameterError(f"parameter 'top_n' must be at least 1, got {params['top_n']!r}")
    corpus_format = params.get("corpus_format")
    if corpus_format is not None and corpus_format not in FORMATS:
        raise ParameterError(
            f"parameter 'corpus_format' must be one of {', '.join(FORMATS)}, got {corpus_format!r}"
        )
    corpus = params.get("corpus")
    if isinstance(corpus, list) and not all(isinstance(c, str) for c in corpus):
        raise ParameterError("parameter 'corpus' must be a path or a list of paths")
    return params


def filter_documents(
    documents: pd.DataFrame,
    outlets: list[str] | str | None = None,
    date_from: str | None = None,
    date_to: str | None = None,
) -> pd.DataFrame:
    """Keep articles from the named outlets and inside the date range (inclusive). Articles with
    no date are kept unless a range is given."""
    keep = pd.Series(True, index=documents.index)
    if outlets:
        names = [outlets] if isinstance(outlets, str) else list(outlets)
        keep &= documents["outlet"].isin(names).fillna(False).astype(bool)
    if date_from:
        keep &= (documents["published"] >= pd.Timestamp(date_from)).fillna(False).astype(bool)
    if date_to:
        keep &= (documents["published"] <= pd.Timestamp(date_to)).fillna(False).astype(bool)
    out = documents[keep].reset_index(drop=True)
    out.attrs = dict(documents.attrs)
    return out


@dataclass
class Session:
    """A notebook's corpus, analysis and output folder."""

    analysis: Analysis
    output_dir: Path
    parameters: dict[str, Any]

    @property
    def documents(self) -> pd.DataFrame:
        return self.analysis.documents

    def save_table(self, table: pd.DataFrame, name: str) -> Path:
        """Write ``name.csv`` and ``name.parquet`` into the output folder."""
        from .exports import write_tables

        write_tables({name: table}, self.output_dir)
        return self.output_dir / f"{name}.csv"

    def save_figure(self, figure: Any, name: str) -> Path:
        """Write a matplotlib figure as ``name.png`` and ``name.svg`` into the output folder."""
        for suffix in ("png", "svg"):
            tmp = self.output_dir / f".{name}.{suffix}.tmp"
            figure.savefig(tmp, format=suffix, bbox_inches="tight", dpi=110,
                           metadata={"Date": None} if suffix == "svg" else None)
            os.replace(tmp, self.output_dir / f"{name}.{suffix}")
        return self.output_dir / f"{name}.png"


#: Corpora at least this large show a progress bar by default (small ones finish before a bar
#: would be useful, and saved notebook outputs must not contain one: nbval compares them).
PROGRESS_MIN_DOCS = 200
_PROGRESS_CHUNK = 64


def analyze_documents(
    documents: pd.DataFrame, model: str | None = None, progress: bool | None = None
) -> Analysis:
    """``analyze(documents, cache=True)``, with a tqdm progress bar when ``progress`` is True
    (None: only for corpora of ``PROGRESS_MIN_DOCS`` articles or more, and never inside a
    ``newskit report`` run, whose analysis is already cached).

    The bar fills the cache chunk by chunk, then one call over the whole corpus reads it back,
    so cross-document linking still sees every article."""
    if progress is None:
        progress = (
            len(documents) >= PROGRESS_MIN_DOCS and os.environ.get("NEWSKIT_PROGRESS") != "0"
        )
    if progress and len(documents) > _PROGRESS_CHUNK:
        from tqdm.std import tqdm  # plain text bar: needs no widget extension

        with tqdm(total=len(documents), desc="analysing", unit="article") as bar:
            for i in range(0, len(documents), _PROGRESS_CHUNK):
                chunk = documents.iloc[i : i + _PROGRESS_CHUNK]
                analyze(chunk, model=model, cache=True)
                bar.update(len(chunk))
    return analyze(documents, model=model, cache=True)


def start(name: str, progress: bool | None = None, **params: Any) -> Session:
    """Validate ``params`` (the notebook's parameters cell), load, filter and analyse the corpus,
    and create the output folder (default ``output/<name>`` under the project root).
    ``progress``: show a progress bar while analysing (default: only for large corpora)."""
    validate(params)
    corpus = params.get("corpus", "seeds")
    sources = [resolve(c) for c in corpus] if isinstance(corpus, list) else resolve(corpus)
    metadata = params.get("metadata")
    documents = load_corpus(sources, metadata=resolve(metadata) if metadata else None,
                            format=params.get("corpus_format"))
    documents = filter_documents(
        documents, params.get("outlets"), params.get("date_from"), params.get("date_to")
    )
    analysis = analyze_documents(documents, model=params.get("model"), progress=progress)
    output_dir = resolve(params.get("output_dir") or Path("output") / name)
    output_dir.mkdir(parents=True, exist_ok=True)
    return Session(analysis=analysis, output_dir=output_dir, parameters=params)
