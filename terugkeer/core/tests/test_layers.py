"""The layering of DESIGN.md section 2, checked over the import graph of the application code.

Nothing imports upward: ``core`` imports no app; ``cases`` no programme app; a programme app
plugs in through registries instead. Imports under ``if TYPE_CHECKING:`` are only for type hints
and do not count; tests and migrations are not application code.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]

# Layer per app: an app may import its own layer's foundations and anything lower.
LAYERS = {
    "core": 0,
    "accounts": 1,
    "clients": 2,
    "detention": 3,
    "cases": 4,
    "assessments": 5,
    # reports sits below the programme apps: they register their reports in its catalogue.
    "reports": 6,
    "mentoring": 7,
    "interventions": 7,
    "housing": 7,
    "activities": 7,
    "partners": 8,
    "privacy": 8,
    "synthetic": 9,
    "api": 9,
}


def _runtime_imports(tree: ast.AST):
    """Imported module names, skipping ``if TYPE_CHECKING:`` blocks."""
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped.update(id(child) for child in ast.walk(node))
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def _imported_apps(app: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (PACKAGE / app).rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if "tests" in parts or "migrations" in parts:
            continue
        for module in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            pieces = module.split(".")
            if len(pieces) > 1 and pieces[0] == "terugkeer" and pieces[1] in LAYERS:
                found.setdefault(pieces[1], set()).add(str(path.relative_to(PACKAGE)))
    return found


def test_every_app_is_in_the_layer_table():
    apps = {p.name for p in PACKAGE.iterdir() if (p / "apps.py").exists()}
    assert apps == set(LAYERS)


@pytest.mark.parametrize("app", sorted(LAYERS))
def test_no_app_imports_an_app_above_it(app):
    upward = {
        other: sorted(files)
        for other, files in _imported_apps(app).items()
        if LAYERS[other] > LAYERS[app]
    }
    assert not upward, f"{app} imports apps above it: {upward}"


def test_the_check_sees_an_upward_import():
    source = "from terugkeer.assessments.models import Measurement\n"
    guarded = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import terugkeer.cases\n"
    assert list(_runtime_imports(ast.parse(source))) == ["terugkeer.assessments.models"]
    assert list(_runtime_imports(ast.parse(guarded))) == ["typing"]
