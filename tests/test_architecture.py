"""Hold the import rules of ARCHITECTURE.md: each layer imports only what its row allows."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UI_LIBRARIES = {"streamlit", "pydeck", "plotly"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def top_level(name: str) -> str:
    return name.split(".")[0]


def owns_the_database(path: Path) -> bool:
    """The storage modules: store*.py, schema.py, query*.py and Alembic migrations."""
    name = path.stem
    return name.startswith(("store", "query")) or name == "schema" or "migrations" in path.parts


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize("path", python_files("flashpoint"), ids=relative)
def test_core_library_imports_no_user_interface(path: Path) -> None:
    modules = imported_modules(path)
    forbidden = {m for m in modules if top_level(m) in UI_LIBRARIES | {"components", "app_state", "app_pages"}}
    assert not forbidden, f"{relative(path)} imports {sorted(forbidden)}"
    if not owns_the_database(path):
        assert not {m for m in modules if top_level(m) in ("sqlalchemy", "alembic")}, (
            f"{relative(path)} imports SQLAlchemy; only the store, schema, query and migration modules may"
        )


@pytest.mark.parametrize("path", python_files("components"), ids=relative)
def test_components_render_only(path: Path) -> None:
    modules = imported_modules(path)
    flashpoint_imports = {m for m in modules if top_level(m) == "flashpoint"}
    assert flashpoint_imports <= {"flashpoint", "flashpoint.model"}, (
        f"{relative(path)} imports {sorted(flashpoint_imports)}; components may use flashpoint.model only"
    )
    assert not {m for m in modules if top_level(m) in ("sqlalchemy", "app_state", "app_pages")}


@pytest.mark.parametrize("path", [ROOT / "app.py", *python_files("app_pages")], ids=relative)
def test_pages_use_app_state_not_the_database(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{relative(path)} does not exist yet")
    modules = imported_modules(path)
    assert not {m for m in modules if top_level(m) == "sqlalchemy"}
    flashpoint_imports = {m for m in modules if top_level(m) == "flashpoint"}
    assert flashpoint_imports <= {"flashpoint.model"}, f"{relative(path)} reaches the core through app_state only"
    assert not {m for m in modules if top_level(m) == "app_pages"}, "nothing imports a page"


def test_app_state_is_a_package_of_modules() -> None:
    # The rules below run over the package's modules; without any they would pass by checking nothing.
    assert (ROOT / "app_state" / "__init__.py").exists()
    assert not (ROOT / "app_state.py").exists(), "an app_state.py beside the package is never imported"


@pytest.mark.parametrize("path", python_files("app_state"), ids=relative)
def test_app_state_imports_no_components_or_pages(path: Path) -> None:
    forbidden = {m for m in imported_modules(path) if top_level(m) in ("components", "app_pages")}
    assert not forbidden, f"{relative(path)} imports {sorted(forbidden)}; app_state serves the pages, never uses them"


@pytest.mark.parametrize("path", python_files("app_state"), ids=relative)
def test_every_app_state_module_states_its_job(path: Path) -> None:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring, f"{relative(path)} has no module docstring saying its single job"


@pytest.mark.parametrize("path", python_files("flashpoint"), ids=relative)
def test_every_core_module_states_its_job(path: Path) -> None:
    docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert docstring, f"{relative(path)} has no module docstring saying its single job"
