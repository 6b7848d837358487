"""Notebook parameters for ``newskit report``: what the notebooks declare, and checking what the
user passes (``-p NAME VALUE`` and ``--params FILE.yaml``) before anything runs."""

from __future__ import annotations

import ast
import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import nbformat
import yaml

from .. import notebook
from .errors import ReportError

#: Set by the report itself, not by the user.
RESERVED = {
    "corpus": "use --corpus",
    "metadata": "use --metadata",
    "corpus_format": "use --format",
    "output_dir": "newskit report sets it to a folder inside the run",
}

_MISSING = object()


def parameters_cell(nb: nbformat.NotebookNode) -> nbformat.NotebookNode | None:
    """The code cell tagged ``parameters`` (papermill's convention), or None."""
    for cell in nb.cells:
        if cell.cell_type == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return cell
    return None


def declared_parameters(path: str | Path) -> dict[str, Any]:
    """``{name: default}`` of a notebook's ``parameters`` cell (simple ``name = literal``
    assignments; a default that is not a literal is recorded as ``None``, i.e. any type)."""
    try:
        nb = nbformat.read(str(path), as_version=4)
    except Exception as exc:  # a notebook that is not valid JSON stops the report before running
        raise ReportError(f"cannot read notebook {path}: {exc}") from exc
    cell = parameters_cell(nb)
    if cell is None:
        return {}
    try:
        tree = ast.parse(cell.source)
    except SyntaxError as exc:
        raise ReportError(
            f"parameters cell of {Path(path).name} is not valid Python: {exc}"
        ) from exc
    declared: dict[str, Any] = {}
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) and node.value is not None else []
        )
        for target in targets:
            if isinstance(target, ast.Name):
                try:
                    declared[target.id] = ast.literal_eval(node.value)
                except ValueError:
                    declared[target.id] = None
    return declared


def _kinds(name: str, default: Any) -> tuple[type, ...] | None:
    """Accepted types for a parameter (None: anything)."""
    if name in notebook.COMMON_PARAMETERS:
        return notebook.COMMON_PARAMETERS[name]
    if default is None:
        return None
    if isinstance(default, bool):
        return (bool,)
    if isinstance(default, int):
        return (int,)
    if isinstance(default, float):
        return (int, float)
    if isinstance(default, list | tuple):
        return (list, str)
    return (type(default),)


def parse_value(raw: str, kinds: tuple[type, ...] | None) -> Any:
    """A ``-p`` value: a YAML scalar or flow list (``15``, ``null``, ``[BBC, CNN]``), except that
    a parameter expecting text keeps the text as typed (``2024-01-01`` stays a string)."""
    try:
        value = yaml.safe_load(raw)
    except (yaml.YAMLError, ValueError):  # ValueError: an impossible date such as 2024-02-31
        return raw
    if isinstance(value, dt.date | dt.datetime | dict):
        return raw
    if kinds and str in kinds and value is not None and not isinstance(value, str | list):
        # "-p model 3" or "-p story 42": the notebook expects text, so keep what was typed
        if not any(isinstance(value, k) for k in kinds if k is not str):
            return raw
    return value


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10] if not isinstance(value, dt.datetime) else value.isoformat()
    return value


def _type_name(kinds: tuple[type, ...]) -> str:
    return " or ".join("None" if k is type(None) else k.__name__ for k in kinds)


def check(name: str, value: Any, declared: dict[str, Any]) -> Any:
    """Raise ``ReportError`` when ``value`` is not acceptable for parameter ``name``."""
    if name in RESERVED:
        raise ReportError(f"parameter {name!r} cannot be set here: {RESERVED[name]}")
    if name not in declared:
        known = ", ".join(sorted(set(declared) - set(RESERVED)))
        raise ReportError(f"unknown parameter {name!r} (the notebooks declare: {known})")
    kinds = _kinds(name, declared[name])
    if kinds is not None and name not in notebook.COMMON_PARAMETERS:
        ok = (value is None and declared[name] is None) or (
            isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        )
        if not ok:
            raise ReportError(f"parameter {name!r} must be {_type_name(kinds)}, got {value!r}")
    if name in notebook.COMMON_PARAMETERS:
        try:
            notebook.validate({name: value})
        except notebook.ParameterError as exc:
            raise ReportError(str(exc)) from exc
    return value


def collect(
    notebooks: Iterable[Path],
    pairs: Sequence[Sequence[str]] = (),
    params_file: str | Path | None = None,
) -> tuple[dict[str, Any], dict[Path, dict[str, Any]]]:
    """The user's parameters (file first, then ``-p`` pairs, which win), checked against the
    notebooks' declared parameters. Returns ``(parameters, declared per notebook)``."""
    per_notebook = {path: declared_parameters(path) for path in notebooks}
    declared: dict[str, Any] = {}
    for path in per_notebook:
        for name, default in per_notebook[path].items():
            declared.setdefault(name, default)
    for name in notebook.COMMON_PARAMETERS:
        declared.setdefault(name, None)

    values: dict[str, Any] = {}
    if params_file:
        path = Path(params_file)
        if not path.is_file():
            raise ReportError(f"parameters file not found: {path}")
        try:
            loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, ValueError) as exc:  # ValueError: an impossible date
            raise ReportError(f"parameters file {path} is not valid YAML: {exc}") from exc
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise ReportError(f"parameters file {path} must be a mapping of NAME: VALUE")
        for name, value in loaded.items():
            values[str(name)] = check(str(name), _plain(value), declared)
    for name, raw in pairs:
        kinds = _kinds(name, declared[name]) if name in declared else None
        values[name] = check(name, parse_value(raw, kinds), declared)
    return values, per_notebook
