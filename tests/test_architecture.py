"""The house rules that keep each concern in one room, checked on the source itself."""

from __future__ import annotations

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("govfeeds", "flows", "tasks", "schemas")
SOURCES = sorted(path for package in PACKAGES for path in (ROOT / package).rglob("*.py"))
STORE = ROOT / "govfeeds" / "store"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module and node.level == 0}
    return {name.split(".")[0] for name in names}


def _calls(path: Path, attribute: str) -> list[int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == attribute]


@pytest.mark.parametrize("path", [p for p in SOURCES if STORE not in p.parents], ids=lambda p: str(p.relative_to(ROOT)))
def test_only_the_store_touches_duckdb(path: Path) -> None:
    assert "duckdb" not in _imports(path), "SQL and connections belong in govfeeds/store/"
    assert _calls(path, "execute") == [], "SQL belongs in govfeeds/store/"


def test_one_module_drives_the_extract_and_load_stages() -> None:
    drivers = [p for p in SOURCES if "extract_statements" in p.read_text() and "from tasks.load import" in p.read_text()
               and p.name not in ("extract.py", "load.py")]
    assert [p.relative_to(ROOT).as_posix() for p in drivers] == ["flows/driver.py"]


@pytest.mark.parametrize("path", sorted((ROOT / "flows").glob("*.py")), ids=lambda p: p.name)
def test_flow_files_stay_short(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 120


def test_every_third_party_import_is_declared() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = {_normalise(spec) for spec in project["dependencies"]}
    distributions = packages_distributions()
    ours = set(PACKAGES)
    undeclared = {}
    for path in SOURCES:
        for module in _imports(path) - ours - set(sys.stdlib_module_names) - {"__future__"}:
            names = {_normalise(name) for name in distributions.get(module, [module])}
            if not names & declared:
                undeclared.setdefault(module, path.relative_to(ROOT).as_posix())
    assert undeclared == {}, "declare these in pyproject.toml [project] dependencies"


def _normalise(spec: str) -> str:
    name = spec.split(";")[0].split("[")[0]
    for mark in "<>=!~ ":
        name = name.split(mark)[0]
    return name.strip().lower().replace("_", "-")
