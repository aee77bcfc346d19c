"""Every widget the app draws is created with an explicit key, so its state survives reruns and tests can find it."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WIDGETS = {
    "button",
    "checkbox",
    "color_picker",
    "data_editor",
    "date_input",
    "download_button",
    "file_uploader",
    "multiselect",
    "number_input",
    "pills",
    "radio",
    "segmented_control",
    "select_slider",
    "selectbox",
    "slider",
    "text_area",
    "text_input",
    "time_input",
    "toggle",
}
UI_FILES = [ROOT / "app.py", *sorted((ROOT / "app_pages").glob("*.py")), *sorted((ROOT / "components").glob("*.py"))]


def widget_calls_without_key(path: Path) -> list[str]:
    missing = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr in WIDGETS and not any(keyword.arg == "key" for keyword in node.keywords):
            missing.append(f"{path.name}:{node.lineno} {node.func.attr}")
    return missing


@pytest.mark.parametrize("path", UI_FILES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_widget_has_an_explicit_key(path: Path) -> None:
    assert widget_calls_without_key(path) == []


def test_the_check_sees_a_widget_without_a_key(tmp_path: Path) -> None:
    script = tmp_path / "page.py"
    lines = ["import streamlit as st", 'st.toggle("a", key="a")', "column = st.columns(2)[0]", 'column.radio("b", [1])']
    script.write_text("\n".join(lines) + "\n")
    assert widget_calls_without_key(script) == ["page.py:4 radio"]
