"""Read the members of a zip archive safely: refuse traversal names, links, encryption, bombs and deep nesting."""

from __future__ import annotations

import io
import logging
import re
import stat
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from flashpoint.errors import ArticleReadError
from flashpoint.formats.sizes import describe_size

logger = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
# Members are decompressed this much at a time, so a lying header costs at most one chunk past a limit.
READ_CHUNK_BYTES = 64 * 1024
# Prose compresses about 3:1 and markup about 10:1; DEFLATE cannot go past about 1,000:1, which only long runs of
# one byte reach. Anything beyond this is a bomb, not an article.
MAX_COMPRESSION_RATIO = 100
# Small members may compress far better (a page of blanks) without costing anything; the ratio matters past this.
RATIO_FLOOR_BYTES = 64 * 1024
# One level of archives inside the archive is a common way to send a year of monthly folders; more is a bomb's trick.
MAX_NESTING_DEPTH = 1
ENCRYPTED_FLAG = 0x1
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

RejectionHandler = Callable[[ArticleReadError], None]


@dataclass
class _Budget:
    """Bytes still allowed to be decompressed from the whole upload, nested archives included."""

    remaining: int


def iter_zip_members(
    data: bytes,
    filename: str,
    max_member_bytes: int,
    max_total_bytes: int,
    max_members: int,
    on_rejected: RejectionHandler | None = None,
    max_depth: int = MAX_NESTING_DEPTH,
) -> Iterator[tuple[str, bytes]]:
    """Yield (path inside the archive, bytes) for every acceptable file member, in archive order.

    Each refused member is passed to `on_rejected` as an ArticleReadError naming "archive/member" and the reason
    (logged as a warning when no handler is given); the other members are still read. Raises ArticleReadError
    at once when `data` is not a readable zip archive at all. Members that are zip archives are opened in turn, down to
    `max_depth` levels, sharing one decompression budget of `max_total_bytes`.
    """
    archive = _open_archive(data, filename)
    limits = (max_member_bytes, max_members, max_depth)
    return _members(archive, filename, "", limits, _Budget(max_total_bytes), on_rejected or _log_rejection, depth=0)


def archive_directory(data: bytes, filename: str) -> list[zipfile.ZipInfo]:
    """The directory entries of a zip archive, nothing unpacked; raises ArticleReadError for a broken archive.

    Python's zipfile never returns more than the size its directory declares for a member (a member that holds
    more fails its checksum instead), so the declared sizes bound what any reader built on zipfile can unpack.
    """
    return _open_archive(data, filename).infolist()


def _open_archive(data: bytes, filename: str) -> zipfile.ZipFile:
    if not data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        raise ArticleReadError(filename, "not a zip archive")
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as error:
        raise ArticleReadError(filename, f"broken zip archive ({error})") from error


def _members(
    archive: zipfile.ZipFile,
    filename: str,
    prefix: str,
    limits: tuple[int, int, int],
    budget: _Budget,
    handler: RejectionHandler,
    depth: int,
) -> Iterator[tuple[str, bytes]]:
    """The acceptable members of one (possibly nested) archive; `prefix` is the nested archive's own path."""
    max_member_bytes, max_members, max_depth = limits
    files = [info for info in archive.infolist() if not info.is_dir()]
    seen: set[str] = set()
    for info in files[:max_members]:
        shown = f"{filename}/{prefix}{_printable(info.filename)}"
        path = _safe_path(info.filename)
        reason = _header_problem(info, path, seen, max_member_bytes, budget)
        if reason is None and path is not None and _is_archive_name(path) and depth >= max_depth:
            reason = f"an archive nested more than {max_depth} level{'s' if max_depth != 1 else ''} deep"
        if reason is not None or path is None:
            handler(ArticleReadError(shown, reason or "unreadable member"))
            continue
        seen.add(path)
        content, reason = _read_member(archive, info, max_member_bytes, budget)
        if content is None:
            handler(ArticleReadError(shown, reason or "unreadable member"))
        elif _is_archive_name(path) and content.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
            try:
                inner = _open_archive(content, shown)
            except ArticleReadError as error:
                handler(error)
                continue
            yield from _members(inner, filename, f"{prefix}{path}/", limits, budget, handler, depth + 1)
        else:
            yield f"{prefix}{path}", content
    if len(files) > max_members:
        skipped = len(files) - max_members
        shown = f"{filename}/{prefix}".rstrip("/")
        handler(ArticleReadError(shown, f"{skipped} more members not read: the limit is {max_members} per archive"))


def _safe_path(name: str) -> str | None:
    """The member's relative path with forward slashes, or None when it could point outside the target folder."""
    unified = name.replace("\\", "/")
    if not unified or unified.startswith("/") or _DRIVE.match(unified) or _CONTROL.search(unified):
        return None
    parts = [part for part in unified.split("/") if part not in ("", ".")]
    if not parts or ".." in parts:
        return None
    return str(PurePosixPath(*parts))


def _header_problem(
    info: zipfile.ZipInfo, path: str | None, seen: set[str], max_member_bytes: int, budget: _Budget
) -> str | None:
    """Why a member is refused from its directory entry alone, before any of it is decompressed."""
    if path is None:
        return _unsafe_name_reason(info.filename)
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link: links are never followed"
    if info.flag_bits & ENCRYPTED_FLAG:
        return "encrypted member: it needs a password"
    if path in seen:
        return "a second member with the same name"
    if info.file_size > max_member_bytes:
        return f"unpacks to {describe_size(info.file_size)}; the limit is {describe_size(max_member_bytes)} per file"
    if info.file_size > budget.remaining:
        return "the archive's total size limit is used up"
    if info.file_size > RATIO_FLOOR_BYTES and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
        return _ratio_reason(info.file_size, info.compress_size)
    return None


def _unsafe_name_reason(name: str) -> str:
    unified = name.replace("\\", "/")
    if _CONTROL.search(unified):
        return "unsafe name: control characters"
    if unified.startswith("/") or _DRIVE.match(unified):
        return "unsafe name: an absolute path"
    if ".." in unified.split("/"):
        return "unsafe name: '..' would leave the folder"
    return "unsafe name: empty"


def _ratio_reason(size: int, compressed: int) -> str:
    ratio = size / max(compressed, 1)
    return f"compression bomb: {describe_size(size)} packed into {describe_size(compressed)} ({ratio:,.0f}:1)"


def _read_member(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_member_bytes: int, budget: _Budget
) -> tuple[bytes | None, str | None]:
    """Decompress a member in chunks, counting against the limits as it goes: headers can lie."""
    limit = min(max_member_bytes, budget.remaining)
    chunks: list[bytes] = []
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(READ_CHUNK_BYTES):
                size += len(chunk)
                budget.remaining -= len(chunk)
                if size > limit:
                    return (
                        None,
                        f"unpacks to more than {describe_size(limit)} (its header said {info.file_size:,} bytes)",
                    )
                if size > RATIO_FLOOR_BYTES and size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
                    return None, _ratio_reason(size, info.compress_size)
                chunks.append(chunk)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError) as error:
        return None, f"damaged member ({error})"
    return b"".join(chunks), None


def _is_archive_name(path: str) -> bool:
    """Members named .zip are archives to open; Word files are zips too, but they are articles."""
    return path.lower().endswith(".zip")


def _printable(name: str) -> str:
    return _CONTROL.sub("?", name)


def _log_rejection(error: ArticleReadError) -> None:
    logger.warning("archive member refused: %s", error)
