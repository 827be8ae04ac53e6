"""The layout is a contract: lint-imports keeps the stages layered, and breaks on each kind of offence.

Every case copies generator/ and pyproject.toml into a temporary folder, commits one offence there
and runs ``lint-imports`` on the copy (it reads the package from its working folder), so the
checkout itself is never touched. The import rules that lint-imports leaves to style are checked
on the syntax tree: no import inside a function but for a heavy tool, no ``TYPE_CHECKING`` import.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

PACKAGE = ROOT / "generator"
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
# Imports inside a function, allowed where a heavy tool is needed by one rare path only.
LATE_IMPORTS = {
    # only the child process that measures a `mkdocs serve`-style rebuild builds with MkDocs
    ("bench/previews.py", "mkdocs.commands.build"),
    ("bench/previews.py", "mkdocs.config"),
}


def lint_imports(folder: Path) -> subprocess.CompletedProcess:
    """Run lint-imports on the copy of the project in ``folder``."""
    return subprocess.run([str(LINT_IMPORTS), "--no-logo", "--no-cache"], cwd=folder,
                          capture_output=True, text=True, timeout=120)


@pytest.fixture
def copy(tmp_path) -> Path:
    """A copy of the package and its import contracts."""
    shutil.copytree(PACKAGE, tmp_path / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold_on_the_package_as_it_is(copy):
    result = lint_imports(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Contracts: 6 kept, 0 broken." in result.stdout


# (file of the copy, text added at its end, the contract it breaks, what the report names)
OFFENCES = {
    "upward-import": (
        "link/paging.py", "from ..render.escape import Markdown\n",
        "Layers point one way", "generator.link.paging -> generator.render.escape"),
    "upward-import-in-a-function": (
        "ingest/seeds.py", "\n\ndef later():\n    from ..link import digest\n    return digest\n",
        "Layers point one way", "generator.ingest.seeds -> generator.link.digest"),
    "upward-import-for-type-checking": (
        "link/events.py", "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..render.site import Site\n",
        "Layers point one way", "generator.link.events -> generator.render.site"),
    "core-importing-a-stage": (
        "core/models.py", "from ..ingest import seeds\n",
        "Layers point one way", "generator.core.models -> generator.ingest.seeds"),
    "plugin-importing-bench": (
        "plugin.py", "from .bench import run\n",
        "Layers point one way", "generator.plugin -> generator.bench.run"),
    "module-without-a-layer": (
        "extra.py", "",
        "Layers point one way", "generator.extra"),
    "finder-importing-a-finder": (
        "annotate/glossary.py", "from .entities import WORD\n",
        "Annotate: entities, quotes, dates and glossary are independent",
        "generator.annotate.glossary -> generator.annotate.entities"),
    "page-kind-importing-another": (
        "render/feeds.py", "from .article import article_page\n",
        "Render: each kind of page knows no other kind", "generator.render.feeds -> generator.render.article"),
    "cycle-inside-a-stage": (
        "render/site.py", "from . import article\n",
        "No import cycle between the modules of any package", ".site -> .article"),
}


@pytest.mark.parametrize("offence", list(OFFENCES), ids=list(OFFENCES))
def test_an_offence_breaks_its_contract_and_the_report_names_the_imports(copy, offence):
    path, text, contract, named = OFFENCES[offence]
    target = copy / "generator" / path
    with target.open("a", encoding="utf-8") as file:
        file.write(text)
    result = lint_imports(copy)
    assert result.returncode == 1, result.stdout + result.stderr
    assert f"{contract}" in result.stdout and "BROKEN" in result.stdout
    broken = result.stdout.split("Broken contracts", 1)[1]
    assert contract in broken and named in broken, broken


def imports_inside_functions() -> list[tuple[str, str]]:
    """Return (module path, imported module) of every import statement inside a function."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Import):
                        found += [(path.relative_to(PACKAGE).as_posix(), a.name) for a in inner.names]
                    elif isinstance(inner, ast.ImportFrom):
                        found.append((path.relative_to(PACKAGE).as_posix(), "." * inner.level + (inner.module or "")))
    return found


def test_no_import_inside_a_function_but_for_a_heavy_tool():
    assert sorted(set(imports_inside_functions()) - LATE_IMPORTS) == []


def test_no_import_is_made_for_type_checking_only():
    found = [path.relative_to(PACKAGE).as_posix() for path in sorted(PACKAGE.rglob("*.py"))
             if "TYPE_CHECKING" in path.read_text(encoding="utf-8")]
    assert found == []
