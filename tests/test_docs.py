"""The README documents every command, make target and page a user can reach."""

from __future__ import annotations

import argparse
import ast
import re
from pathlib import Path

import pytest

from flashpoint.__main__ import build_parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def subcommands(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    names: list[str] = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                names.append(f"{prefix}{name}")
                names.extend(subcommands(child, f"{prefix}{name} "))
    return names


@pytest.mark.parametrize("command", subcommands(build_parser()))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert f"python -m flashpoint {command}" in README


def make_targets() -> list[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return re.findall(r"^([a-z]+):.*## ", makefile, flags=re.MULTILINE)


@pytest.mark.parametrize("target", make_targets())
def test_every_make_target_is_in_the_readme(target: str) -> None:
    assert f"make {target}" in README


def page_titles() -> list[str]:
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    titles = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "Page":
            titles += [
                keyword.value.value
                for keyword in node.keywords
                if keyword.arg == "title" and isinstance(keyword.value, ast.Constant)
            ]
    return titles


def test_the_app_has_pages() -> None:
    assert len(page_titles()) >= 7


@pytest.mark.parametrize("title", page_titles())
def test_every_page_is_in_the_readme(title: str) -> None:
    assert re.search(rf"^\| {re.escape(title)} \|", README, flags=re.MULTILINE), f"README's page table lacks {title}"


def test_first_lines_give_the_two_commands_for_a_fresh_machine() -> None:
    head = "\n".join(README.splitlines()[:10])
    assert "make run" in head and "make test" in head
