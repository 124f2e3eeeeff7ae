"""The layers are a contract: the core imports neither Sphinx, docutils, the command line nor the
Sphinx layer, and the command line imports neither Sphinx, docutils nor the Sphinx layer, not even
through a package's ``__init__``. Checked from the source (every import a module runs when it is
imported) and by importing them in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "sphinx_svcready"
FORBIDDEN = {
    "sphinx_svcready.core": ("sphinx", "docutils", "sphinx_svcready.cli", "sphinx_svcready.sphinx_ext"),
    "sphinx_svcready.cli": ("sphinx", "docutils", "sphinx_svcready.sphinx_ext"),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_on_load(path: Path) -> set[str]:
    """What importing the module at ``path`` imports: its top-level imports, not those inside a
    function or under ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for each in ast.walk(node) if isinstance(node, (ast.If, ast.Try)) else [node]:
            if isinstance(each, ast.Import):
                found.update(alias.name for alias in each.names)
            elif isinstance(each, ast.ImportFrom):
                base = each.module or ""
                if each.level:
                    base = ".".join(
                        [*package.split(".")[: len(package.split(".")) - each.level + 1], base]
                    ).strip(".")
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in each.names)
    return found


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def loaded_with(name: str, known: dict[str, Path]) -> set[str]:
    """Every module that importing ``name`` runs: its packages' ``__init__`` too, transitively."""
    seen: set[str] = set()
    pending = [name]
    while pending:
        current = pending.pop()
        parts = current.split(".")
        for end in range(1, len(parts) + 1):
            prefix = ".".join(parts[:end])
            if prefix in seen:
                continue
            seen.add(prefix)
            if prefix in known:
                pending.extend(imports_on_load(known[prefix]))
    return seen


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_it_must_not(layer: str) -> None:
    known = modules()
    offences = []
    for name in sorted(known):
        if name != layer and not name.startswith(layer + "."):
            continue
        for imported in sorted(loaded_with(name, known)):
            if any(imported == banned or imported.startswith(banned + ".") for banned in FORBIDDEN[layer]):
                offences.append(f"{name} imports {imported}")
    assert offences == []


def test_the_walker_sees_an_import_through_a_package_init() -> None:
    # The Sphinx layer's modules do import Sphinx: the same walk must find it, through __init__ too.
    known = modules()
    assert "sphinx.application" in loaded_with("sphinx_svcready.sphinx_ext.wiring", known)
    assert "sphinx_svcready.sphinx_ext.store" in loaded_with("sphinx_svcready.sphinx_ext.summary", known)


def test_importing_the_core_and_the_command_loads_no_sphinx() -> None:
    code = (
        "import sys, sphinx_svcready.cli, sphinx_svcready.core.pipeline, sphinx_svcready.core.remote.exports; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sphinx', 'docutils') "
        "or m.startswith('sphinx_svcready.sphinx_ext')))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
