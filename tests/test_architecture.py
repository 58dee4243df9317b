"""The layout a newcomer reads: subpackages named in docs/ARCHITECTURE.md, small modules, no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGE = REPO / "timeline"
ARCHITECTURE = (REPO / "docs" / "ARCHITECTURE.md").read_text(encoding="utf-8")
MAX_MODULE_LINES = 600
MAX_CLASS_LINES = 250
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    """Return the dotted name of a module of the package ('timeline.build.builder')."""
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}
SUBPACKAGES = sorted(path.parent.name for path in PACKAGE.glob("*/__init__.py"))


def imported_modules(path: Path) -> set[str]:
    """Return the package's modules that a module imports anywhere in it (late imports and type-only ones too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "timeline":
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in MODULES)
    return found - {module_name(path)}


def import_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Return the groups of modules that import each other, directly or through others (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        for other in sorted(graph.get(module, ())):
            if other not in index:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], index[other])
        if low[module] == index[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(graph):
        if module not in index:
            visit(module)
    return cycles


def test_no_two_modules_import_each_other():
    graph = {name: imported_modules(path) for name, path in MODULES.items()}
    assert import_cycles(graph) == []


def test_the_subpackages_import_in_one_order():
    def part(module: str) -> str:
        """Return the subpackage (or top-level module) a module belongs to: 'build' for timeline.build.speed."""
        return (module.split(".") + [""])[1]

    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        graph.setdefault(part(name), set()).update(part(target) for target in imported_modules(path))
    for source, targets in graph.items():
        targets.discard(source)
    assert import_cycles(graph) == []


def test_a_cycle_is_found_however_long():
    assert import_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert import_cycles({"a": {"b"}, "b": set()}) == []


def test_the_package_is_split_into_subpackages_each_named_in_the_architecture_page():
    assert len(SUBPACKAGES) >= 4
    for subpackage in SUBPACKAGES:
        assert f"`{subpackage}/`" in ARCHITECTURE, f"timeline/{subpackage}/ is not in docs/ARCHITECTURE.md"
    assert "site" not in SUBPACKAGES  # it would read as the output folder


@pytest.mark.parametrize("name", sorted(MODULES))
def test_every_module_is_named_in_the_architecture_page(name):
    path = MODULES[name]
    if path.name == "__init__.py":
        return
    assert f"`{path.name}`" in ARCHITECTURE, f"{path.relative_to(REPO)} is not in docs/ARCHITECTURE.md"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_modules_classes_and_functions_stay_small_and_say_what_they_do(name):
    text = MODULES[name].read_text(encoding="utf-8")
    assert text.count("\n") <= MAX_MODULE_LINES
    tree = ast.parse(text)
    assert ast.get_docstring(tree), f"{name} has no docstring"
    for node in ast.walk(tree):
        if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            limit = MAX_CLASS_LINES if isinstance(node, ast.ClassDef) else MAX_FUNCTION_LINES
            assert node.end_lineno - node.lineno + 1 <= limit, f"{name}.{node.name} is over {limit} lines"
    for node in documented_definitions(tree):
        assert ast.get_docstring(node), f"{name}.{node.name} has no docstring"


def documented_definitions(tree: ast.Module):
    """Yield the classes, functions and methods that need a docstring: all but nested helpers and dunders."""
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            yield node
        if isinstance(node, ast.ClassDef):
            yield from (item for item in node.body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                        and not (item.name.startswith("__") and item.name.endswith("__")))
