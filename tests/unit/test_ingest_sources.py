"""Bulk-ingest inputs: folders, globs, zip archives and JSONL/CSV rows become articles or named errors."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from flashpoint.errors import ArticleReadError
from flashpoint.ingest_sources import (
    SourceItem,
    article_from_row,
    expand_paths,
    file_items,
    iter_source_items,
    parse_published,
)

LIMIT = 1_000_000
ARTICLE = "Rockets hit base\n\nRockets struck a base in western Iraq on Tuesday, officials said.\n"


def articles_of(items: list[SourceItem]) -> list[str]:
    return [item.to_article(LIMIT).title for item in items if not item.error]


def errors_of(items: list[SourceItem]) -> dict[str, str]:
    return {item.name: item.error for item in items if item.error}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "deeper" / "more").mkdir(parents=True)
    (tmp_path / "deeper" / "more" / "b.md").write_text("# Title B\n\nBody of b.\n", encoding="utf-8")
    (tmp_path / "deeper" / "photo.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / ".hidden.txt").write_text("secret\n", encoding="utf-8")
    return tmp_path


def test_a_folder_is_read_recursively_skipping_hidden_files_and_other_types(folder: Path) -> None:
    expanded = expand_paths([str(folder)])
    assert [path.name for path in expanded.files] == ["a.txt", "b.md"]
    assert expanded.skipped == 1
    assert expanded.missing == ()


def test_a_glob_matches_files_and_a_file_named_twice_is_read_once(folder: Path) -> None:
    expanded = expand_paths([str(folder / "**" / "*.md"), str(folder / "deeper" / "more" / "b.md")])
    assert [path.name for path in expanded.files] == ["b.md"]


@pytest.mark.parametrize(
    ("given", "reason"),
    [("nowhere.txt", "no such file or folder"), ("nowhere/*.txt", "no file matches this pattern")],
)
def test_a_path_naming_nothing_is_an_error_item(tmp_path: Path, given: str, reason: str) -> None:
    expanded = expand_paths([str(tmp_path / given)])
    assert expanded.files == ()
    assert [item.error for item in expanded.missing] == [reason]


def test_jsonl_rows_become_articles_and_bad_lines_are_named_by_line_number(tmp_path: Path) -> None:
    rows = tmp_path / "feed.jsonl"
    good = {"title": "Strike in Gaza", "body": "An air strike hit Gaza City.", "source": "Wire", "url": "https://x/1"}
    rows.write_text(json.dumps(good) + "\n\n{broken\n[1, 2]\n" + json.dumps({"text": "Only text."}) + "\n")
    items = list(file_items(rows, LIMIT))
    article = items[0].to_article(LIMIT)
    assert (article.title, article.body, article.source, article.filename) == (
        "Strike in Gaza",
        "An air strike hit Gaza City.",
        "Wire",
        "https://x/1",
    )
    assert set(errors_of(items)) == {f"{rows}#3", f"{rows}#4"}
    assert items[-1].to_article(LIMIT).body == "Only text."


def test_csv_rows_use_text_when_there_is_no_body_column(tmp_path: Path) -> None:
    rows = tmp_path / "feed.csv"
    rows.write_text(
        'Title,Text,Published\n"Drone attack, Erbil","A drone hit\nErbil airport.",2024-01-20\nNo body,,\n',
        encoding="utf-8",
    )
    items = list(file_items(rows, LIMIT))
    first = items[0].to_article(LIMIT)
    assert (first.title, first.body, first.published) == (
        "Drone attack, Erbil",
        "A drone hit\nErbil airport.",
        date(2024, 1, 20),
    )
    assert items[1].to_article(LIMIT).title == "No body"


def test_a_csv_without_article_columns_is_one_error(tmp_path: Path) -> None:
    rows = tmp_path / "numbers.csv"
    rows.write_text("a,b\n1,2\n", encoding="utf-8")
    items = list(file_items(rows, LIMIT))
    assert len(items) == 1 and "no title, body or text column" in items[0].error


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-01-28", date(2024, 1, 28)),
        ("2024-01-28T22:15:00Z", date(2024, 1, 28)),
        ("Sun, 28 Jan 2024 10:00:00 +0000", date(2024, 1, 28)),
        ("", None),
        (None, None),
    ],
)
def test_published_accepts_iso_and_email_dates(value: str | None, expected: date | None) -> None:
    assert parse_published(value) == expected


def test_a_row_with_an_unreadable_date_is_an_error_naming_the_value() -> None:
    item = article_from_row({"title": "T", "body": "B", "published": "last Tuesday"}, "feed.jsonl#1", LIMIT)
    assert "last Tuesday" in item.error
    with pytest.raises(ArticleReadError):
        item.to_article(LIMIT)


@pytest.mark.parametrize(
    ("row", "reason"),
    [({"source": "Wire"}, "row has no title, body or text"), ({"body": "x" * 50}, "article is too large")],
)
def test_rows_without_text_or_over_the_limit_are_refused(row: dict[str, str], reason: str) -> None:
    assert article_from_row(row, "feed.jsonl#1", max_bytes=40).error.startswith(reason)


def make_zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_zip_members_are_articles_rows_inside_are_read_and_unsafe_names_refused(tmp_path: Path) -> None:
    archive = tmp_path / "batch.zip"
    archive.write_bytes(
        make_zip(
            {
                "one.txt": ARTICLE.encode(),
                "rows.jsonl": json.dumps({"title": "Row title", "body": "Row body."}).encode() + b"\n",
                "../escape.txt": ARTICLE.encode(),
            }
        )
    )
    items = list(iter_source_items(expand_paths([str(archive)]), LIMIT))
    assert articles_of(items) == ["Rockets hit base", "Row title"]
    assert [name for name in errors_of(items)] == [f"{archive}/../escape.txt"]
    assert "unsafe name" in next(iter(errors_of(items).values()))


def test_a_file_that_is_not_a_zip_is_one_error(tmp_path: Path) -> None:
    archive = tmp_path / "fake.zip"
    archive.write_bytes(b"not an archive at all")
    items = list(file_items(archive, LIMIT))
    assert [item.error for item in items] == ["not a zip archive"]


def test_a_file_over_the_limit_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 100, encoding="utf-8")
    items = list(file_items(big, max_bytes=100))
    assert items[0].error.startswith("file is too large")
