"""Turn command-line paths (files, folders, globs, zip archives, JSONL/CSV row files) into articles to ingest."""

from __future__ import annotations

import csv
import glob
import io
import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePath

from flashpoint.archives import iter_zip_members
from flashpoint.errors import ArticleReadError
from flashpoint.model import Article
from flashpoint.reader import SUPPORTED_EXTENSIONS, read_article

ARCHIVE_EXTENSIONS = (".zip",)
JSONL_EXTENSIONS = (".jsonl", ".ndjson")
CSV_EXTENSIONS = (".csv",)
ROW_EXTENSIONS = JSONL_EXTENSIONS + CSV_EXTENSIONS
INGESTIBLE_EXTENSIONS = SUPPORTED_EXTENSIONS + ARCHIVE_EXTENSIONS + ROW_EXTENSIONS
GLOB_CHARACTERS = frozenset("*?[")
# A bulk archive may hold years of reporting; this bounds what one archive may unpack to, and how many members it
# may list, so a bomb cannot exhaust the machine.
MAX_ARCHIVE_TOTAL_BYTES = 4 * 1024**3
MAX_ARCHIVE_MEMBERS = 200_000
# The row keys an article is read from, in order of preference for the body.
BODY_KEYS = ("body", "text")
ROW_KEYS = ("title", "body", "text", "source", "published", "url")


@dataclass(frozen=True)
class SourceItem:
    """One article as found in the inputs: a file's bytes to read, an article from a row, or why there is neither."""

    name: str
    data: bytes | None = None
    article: Article | None = None
    error: str = ""

    def to_article(self, max_bytes: int) -> Article:
        """The article this item holds; raises ArticleReadError naming the item when there is none."""
        if self.error:
            raise ArticleReadError(self.name, self.error)
        if self.article is not None:
            return self.article
        return read_article(self.data or b"", self.name, max_bytes)


@dataclass(frozen=True)
class ExpandedPaths:
    """The files named by the paths, the paths that named nothing, and how many folder files were not articles."""

    files: tuple[Path, ...]
    missing: tuple[SourceItem, ...]
    skipped: int


def _is_glob(path: str) -> bool:
    return any(character in GLOB_CHARACTERS for character in path)


def _walk(folder: Path) -> tuple[list[Path], int]:
    """Ingestible files under `folder` in name order; hidden files and files of other types are skipped."""
    found: list[Path] = []
    skipped = 0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or any(part.startswith(".") for part in path.relative_to(folder).parts):
            continue
        if path.suffix.lower() in INGESTIBLE_EXTENSIONS:
            found.append(path)
        else:
            skipped += 1
    return found, skipped


def expand_paths(paths: Sequence[str]) -> ExpandedPaths:
    """Files named directly, files under folders (recursively) and glob matches, each once, in the order given."""
    files: list[Path] = []
    missing: list[SourceItem] = []
    skipped = 0
    for given in paths:
        path = Path(given)
        if path.exists():
            candidates = [path]
        elif _is_glob(given):
            candidates = [Path(match) for match in sorted(glob.glob(given, recursive=True))]
            if not candidates:
                missing.append(SourceItem(given, error="no file matches this pattern"))
        else:
            missing.append(SourceItem(given, error="no such file or folder"))
            candidates = []
        for candidate in candidates:
            if candidate.is_dir():
                found, skipped_here = _walk(candidate)
                files.extend(found)
                skipped += skipped_here
            else:
                files.append(candidate)
    unique = tuple(dict.fromkeys(files))
    return ExpandedPaths(unique, tuple(missing), skipped)


def estimated_count(path: Path) -> int:
    """About how many articles a file holds, for the progress bar: rows of a row file, members of an archive."""
    extension = path.suffix.lower()
    try:
        if extension in ROW_EXTENSIONS:
            with path.open("rb") as handle:
                lines = sum(1 for line in handle if line.strip())
            return max(lines - (1 if extension in CSV_EXTENSIONS else 0), 0)
        if extension in ARCHIVE_EXTENSIONS:
            with zipfile.ZipFile(path) as archive:
                return sum(1 for info in archive.infolist() if not info.is_dir())
    except (OSError, ValueError, EOFError, zipfile.BadZipFile):
        # A broken file is reported when it is read; the estimate just counts it as one.
        return 1
    return 1


def parse_published(value: object) -> date | None:
    """An ISO date or date-time ('2024-01-28', '2024-01-28T10:00:00Z') or an e-mail style date; None when empty."""
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError) as error:
        raise ValueError(f"published {text[:40]!r} is not a date (use YYYY-MM-DD)") from error


def article_from_row(row: Mapping[str, object], name: str, max_bytes: int) -> SourceItem:
    """An article from one JSONL object or CSV row (title, body or text, source, published, url)."""
    fields = {str(key).strip().lower(): value for key, value in row.items() if key is not None}
    title = str(fields.get("title") or "").strip()
    body = next((str(fields[key]).strip() for key in BODY_KEYS if fields.get(key)), "")
    if not body and not title:
        return SourceItem(name, error="row has no title, body or text")
    size = len(title.encode("utf-8", errors="replace")) + len(body.encode("utf-8", errors="replace"))
    if size > max_bytes:
        return SourceItem(name, error=f"article is too large ({size:,} bytes; the limit is {max_bytes:,} bytes)")
    try:
        published = parse_published(fields.get("published"))
    except ValueError as error:
        return SourceItem(name, error=str(error))
    source = str(fields.get("source") or "").strip() or None
    # The model has no URL field; an article's URL is where it came from, which is what `filename` records.
    origin = str(fields.get("url") or "").strip() or name
    return SourceItem(
        name, article=Article(title=title, body=body, source=source, published=published, filename=origin)
    )


def _jsonl_items(lines: Iterable[bytes], name: str, max_bytes: int) -> Iterator[SourceItem]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        row_name = f"{name}#{number}"
        try:
            row = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            yield SourceItem(row_name, error=f"line is not valid JSON ({error})")
            continue
        if not isinstance(row, dict):
            yield SourceItem(row_name, error="line is not a JSON object with title and body")
            continue
        yield article_from_row(row, row_name, max_bytes)


def _csv_items(text: Iterable[str], name: str, max_bytes: int) -> Iterator[SourceItem]:
    reader = csv.DictReader(text)
    headers = {str(header).strip().lower() for header in reader.fieldnames or ()}
    if not headers & {"title", *BODY_KEYS}:
        yield SourceItem(name, error=f"CSV has no title, body or text column (columns: {', '.join(ROW_KEYS)})")
        return
    for row in reader:
        # The reader's line number is where the row ends, so rows spanning lines are still named by a real line.
        yield article_from_row(row, f"{name}#{reader.line_num}", max_bytes)


def _row_items(name: str, data: bytes, max_bytes: int) -> Iterator[SourceItem]:
    if PurePath(name).suffix.lower() in JSONL_EXTENSIONS:
        return _jsonl_items(data.splitlines(), name, max_bytes)
    return _csv_items(io.StringIO(data.decode("utf-8-sig", errors="replace"), newline=""), name, max_bytes)


def _archive_items(data: bytes, name: str, max_bytes: int) -> Iterator[SourceItem]:
    refused: list[SourceItem] = []

    def refuse(error: ArticleReadError) -> None:
        refused.append(SourceItem(error.filename, error=error.reason))

    try:
        members = iter_zip_members(data, name, max_bytes, MAX_ARCHIVE_TOTAL_BYTES, MAX_ARCHIVE_MEMBERS, refuse)
        for member_name, content in members:
            yield from refused
            refused.clear()
            shown = f"{name}/{member_name}"
            if PurePath(member_name).suffix.lower() in ROW_EXTENSIONS:
                yield from _row_items(shown, content, max_bytes)
            else:
                yield SourceItem(shown, data=content)
    except ArticleReadError as error:
        yield SourceItem(error.filename, error=error.reason)
    yield from refused


def _read_bytes(path: Path, max_bytes: int) -> tuple[bytes | None, str]:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return None, f"file is too large ({size:,} bytes; the limit is {max_bytes:,} bytes)"
        return path.read_bytes(), ""
    except PermissionError:
        return None, "permission denied"
    except OSError as error:
        return None, f"cannot be read ({error.strerror or error})"


def file_items(path: Path, max_bytes: int, max_archive_bytes: int = MAX_ARCHIVE_TOTAL_BYTES) -> Iterator[SourceItem]:
    """The articles in one file: the file itself, each row of a row file, or each member of an archive."""
    name = str(path)
    extension = path.suffix.lower()
    if extension in ROW_EXTENSIONS:
        try:
            if extension in JSONL_EXTENSIONS:
                with path.open("rb") as handle:
                    yield from _jsonl_items(handle, name, max_bytes)
            else:
                with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
                    yield from _csv_items(handle, name, max_bytes)
        except OSError as error:
            yield SourceItem(name, error=f"cannot be read ({error.strerror or error})")
        return
    limit = max_archive_bytes if extension in ARCHIVE_EXTENSIONS else max_bytes
    data, problem = _read_bytes(path, limit)
    if data is None:
        yield SourceItem(name, error=problem)
    elif extension in ARCHIVE_EXTENSIONS:
        yield from _archive_items(data, name, max_bytes)
    else:
        yield SourceItem(name, data=data)


def iter_source_items(expanded: ExpandedPaths, max_bytes: int) -> Iterator[SourceItem]:
    """Every item the expanded paths hold, in order: the missing paths first, then each file's articles."""
    yield from expanded.missing
    for path in expanded.files:
        yield from file_items(path, max_bytes)
