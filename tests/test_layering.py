"""Dependencies flow one way: loading → nlp → extractors → analysis → compare → plots and
reports → cli, and the module import graph has no cycle.

Every module under ``src/helpers`` is parsed with ``ast``; every import counts, at the top of
a module or inside a function, relative or absolute. A module may import its own layer or a
lower one. A new module must be given a layer below (by name, or by its package's prefix).
"""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = "helpers"
SRC = ROOT / "src" / PACKAGE

#: The layers, lowest first, and the modules in each (``x`` also covers ``x.*``, so a module
#: that becomes a package, and the coming ``attribution`` and ``speakers`` packages, keep
#: their layer).
LAYERS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("foundation", ("_version", "schema", "datafiles")),
    ("loading", ("loading",)),
    ("nlp", ("nlp", "fastpipe")),
    ("extractors", (
        "registry", "lexicons", "numbers", "dates", "entities", "citations", "figures",
        "quotes", "attribution", "speakers", "amounts", "profiles",
    )),
    ("pipeline", ("cache", "worker", "dask_engine", "pipeline", "exports", "api")),
    ("analysis", ("analysis",)),
    ("compare", ("compare",)),
    ("presentation", ("plots", "reports", "highlight", "notebook", "evaluation", "bench",
                      "bench_load", "story_bench")),
    ("cli", ("cli", "")),  # "" is the package facade, helpers/__init__.py
)

#: What the extractor layer must never import, even inside a function (issue 12).
EXTRACTOR_FORBIDDEN = ("pipeline", "worker", "api", "cli", "reports", "plots", "analysis",
                       "compare")


def _module_name(path: Path, src: Path = SRC) -> str:
    parts = list(path.relative_to(src).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _modules(src: Path = SRC) -> dict[str, Path]:
    return {_module_name(p, src): p for p in sorted(src.rglob("*.py"))}


def _resolve(module: str, is_package: bool, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    if not is_package:
        base.pop()
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imports_of(module: str, path: Path, known: set[str]) -> set[str]:
    """Kit modules ``module`` imports anywhere in its source (``from . import x`` counts as an
    import of ``x`` when ``x`` is a module, else of the package it names)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _resolve(module, is_package, node)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base
                       for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # "helpers.x.y" where y is a class
                target = target.rpartition(".")[0]
            if target and target != module:
                found.add(target)
    return found


def import_graph(src: Path = SRC) -> dict[str, set[str]]:
    modules = _modules(src)
    known = set(modules)
    return {name: imports_of(name, path, known) for name, path in modules.items()}


def layer_of(module: str) -> int:
    rel = module.removeprefix(PACKAGE).removeprefix(".")
    best, best_len = -1, -1
    for index, (_, names) in enumerate(LAYERS):
        for name in names:
            if (rel == name or rel.startswith(name + ".")) and len(name) > best_len:
                best, best_len = index, len(name)
    return best


def upward_imports(graph: dict[str, set[str]]) -> list[str]:
    bad = []
    for module, targets in sorted(graph.items()):
        for target in sorted(targets):
            if layer_of(target) > layer_of(module):
                bad.append(f"{module} ({LAYERS[layer_of(module)][0]}) imports {target} "
                           f"({LAYERS[layer_of(target)][0]})")
    return bad


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of the graph as a path ``[a, b, ..., a]``, or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt):] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        state[node] = 2
        path.pop()
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


GRAPH = import_graph()


def test_every_module_has_a_layer():
    missing = sorted(m for m in GRAPH if layer_of(m) < 0)
    assert not missing, f"give these modules a layer in LAYERS: {missing}"


def test_imports_flow_one_way():
    assert upward_imports(GRAPH) == []


def test_no_import_cycle():
    assert find_cycle(GRAPH) is None, " → ".join(find_cycle(GRAPH))


def test_extractors_never_import_the_pipeline_or_presentation():
    extractor_layer = [i for i, (name, _) in enumerate(LAYERS) if name == "extractors"][0]
    bad = [
        f"{module} imports {target}"
        for module, targets in sorted(GRAPH.items()) if layer_of(module) == extractor_layer
        for target in sorted(targets)
        if target.removeprefix(PACKAGE + ".").split(".")[0] in EXTRACTOR_FORBIDDEN
        or target == PACKAGE
    ]
    assert bad == []


def test_attribution_and_speakers_packages_are_extractors():
    extractor_layer = layer_of("helpers.entities")
    for name in ("helpers.attribution", "helpers.attribution.cues", "helpers.speakers",
                 "helpers.speakers.pronouns", "helpers.quotes"):
        assert layer_of(name) == extractor_layer


# --- the checker itself catches what it must (on a small invented package) ------------------


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = root / PACKAGE / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root / PACKAGE


def test_a_lazy_import_inside_a_function_counts(tmp_path):
    src = _write(tmp_path, {
        "__init__.py": "",
        "pipeline.py": "from . import entities\n",
        "entities.py": "def extract(docs):\n"
                       "    from .pipeline import analyze\n"
                       "    return analyze(docs)\n",
    })
    graph = import_graph(src)
    assert graph["helpers.entities"] == {"helpers.pipeline"}
    assert upward_imports(graph) == [
        "helpers.entities (extractors) imports helpers.pipeline (pipeline)"
    ]
    assert find_cycle(graph) == ["helpers.entities", "helpers.pipeline", "helpers.entities"]


def test_relative_absolute_and_package_imports_resolve(tmp_path):
    src = _write(tmp_path, {
        "__init__.py": "__version__ = '1'\nfrom . import cache\n",
        "cache.py": "from . import __version__\n",
        "attribution/__init__.py": "from .cues import CUES\n",
        "attribution/cues.py": "import helpers.nlp\nfrom ..speakers.names import x\n",
        "speakers/__init__.py": "",
        "speakers/names.py": "def f():\n    import helpers.reports.display as d\n",
        "nlp.py": "",
        "reports/__init__.py": "",
        "reports/display.py": "",
    })
    graph = import_graph(src)
    assert graph["helpers.attribution"] == {"helpers.attribution.cues"}
    assert graph["helpers.attribution.cues"] == {"helpers.nlp", "helpers.speakers.names"}
    assert graph["helpers.cache"] == {"helpers"}  # the package facade, not a module in it
    assert find_cycle(graph) == ["helpers", "helpers.cache", "helpers"]
    assert upward_imports(graph) == [
        "helpers.cache (pipeline) imports helpers (cli)",
        "helpers.speakers.names (extractors) imports helpers.reports.display (presentation)",
    ]

