"""The extract command's contract (eval/SCHEMA.md): one JSON line per readable file, errors on stderr."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = (
    "Drone strike hits base in Syria\n\nWire Service\nJanuary 5, 2024\n\n"
    "At least 13 attacks on US forces in Iraq and Syria were reported this week. "
    "Iran-backed militias fired rockets at al-Asad air base in Iraq, wounding two soldiers.\n"
)
LOCATION_FIELDS = {"name", "kind", "country_code", "lat", "lon", "mentions"}
LOCATION_KINDS = {"country", "region", "city", "site", "water"}


def run_extract(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flashpoint", "extract", *arguments],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def article_file(tmp_path: Path) -> Path:
    path = tmp_path / "strike.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def test_jsonl_output_has_every_schema_field(article_file: Path) -> None:
    result = run_extract("--format", "jsonl", str(article_file))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert {"path", "title", "source", "published", "locations", "actors", "actor_links", "figures", "events"} <= set(
        record
    )
    assert record["path"] == str(article_file)
    assert record["title"] == "Drone strike hits base in Syria"
    assert record["source"] == "Wire Service"
    assert record["published"] == "2024-01-05"
    assert record["locations"], "the article names Syria and Iraq"
    for location in record["locations"]:
        assert set(location) >= LOCATION_FIELDS
        assert location["kind"] in LOCATION_KINDS
        assert -90 <= location["lat"] <= 90 and -180 <= location["lon"] <= 180
        assert location["mentions"] >= 1
    names = {location["name"] for location in record["locations"]}
    assert {"Syria", "Iraq"} <= names
    assert ("attacks", 13) in {(figure["kind"], figure["value"]) for figure in record["figures"]}


def test_unreadable_files_print_no_line_but_an_error_and_the_rest_still_print(
    article_file: Path, tmp_path: Path
) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    missing = tmp_path / "missing.txt"
    binary = tmp_path / "junk.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    result = run_extract("--format", "jsonl", str(empty), str(article_file), str(missing), str(binary))
    assert result.returncode != 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["path"] for record in records] == [str(article_file)]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    for path in (empty, missing, binary):
        assert any(str(path.name) in line for line in errors)
    assert "Traceback" not in result.stderr


def test_json_format_prints_a_list(article_file: Path) -> None:
    result = run_extract("--format", "json", str(article_file), str(article_file))
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert [record["path"] for record in records] == [str(article_file)] * 2


def test_default_table_is_readable(article_file: Path) -> None:
    result = run_extract(str(article_file))
    assert result.returncode == 0, result.stderr
    assert "Drone strike hits base in Syria" in result.stdout
    assert "Syria" in result.stdout and "places:" in result.stdout
