"""Read one article file (txt, Markdown, HTML, PDF, DOCX, e-mail) from bytes into an `Article`, or say why not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path, PurePath

from flashpoint.errors import ArticleReadError
from flashpoint.formats.documents import docx_text, pdf_text
from flashpoint.formats.encoding import decode_text
from flashpoint.formats.html import read_html
from flashpoint.formats.layout import Layout, lay_out
from flashpoint.formats.mail import read_email
from flashpoint.formats.markdown import markdown_to_text
from flashpoint.model import Article
from flashpoint.settings import Settings

BYTES_PER_MB = 1024 * 1024


def _read_plain(data: bytes, filename: str) -> Layout:
    return lay_out(decode_text(data, filename))


def _read_markdown(data: bytes, filename: str) -> Layout:
    return lay_out(markdown_to_text(decode_text(data, filename)))


def _read_pdf(data: bytes, filename: str) -> Layout:
    return lay_out(pdf_text(data, filename))


def _read_docx(data: bytes, filename: str) -> Layout:
    return lay_out(docx_text(data, filename))


FORMAT_READERS: dict[str, Callable[[bytes, str], Layout]] = {
    ".txt": _read_plain,
    ".text": _read_plain,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": read_html,
    ".htm": read_html,
    ".xhtml": read_html,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
    ".eml": read_email,
}
SUPPORTED_EXTENSIONS = tuple(FORMAT_READERS)


def read_article(data: bytes, filename: str, max_bytes: int | None = None) -> Article:
    """Read an article from a file's bytes; the extension of `filename` picks the format.

    Raises ArticleReadError (naming the file and the reason) for anything that is not a readable article.
    """
    name = filename or "(unnamed file)"
    extension = PurePath(filename).suffix.lower()
    read_format = FORMAT_READERS.get(extension)
    if read_format is None:
        shown = f"'{extension}'" if extension else "without an extension"
        raise ArticleReadError(name, f"unsupported file type {shown}; supported: {', '.join(SUPPORTED_EXTENSIONS)}")
    limit = default_max_bytes() if max_bytes is None else max_bytes
    if len(data) > limit:
        raise ArticleReadError(name, _too_large(len(data), limit))
    if not data.strip():
        raise ArticleReadError(name, "empty file")
    layout = read_format(data, name)
    if not layout.title and not layout.body:
        raise ArticleReadError(name, "no article text in the file")
    return Article(
        title=layout.title,
        body=layout.body,
        source=layout.source,
        published=layout.published,
        filename=filename,
    )


def read_path(path: Path, max_bytes: int | None = None) -> Article:
    """Read an article file from disk; errors name the path as given."""
    limit = default_max_bytes() if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ArticleReadError(str(path), "is a folder, not a file")
        if size > limit:
            raise ArticleReadError(str(path), _too_large(size, limit))
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise ArticleReadError(str(path), "no such file") from error
    except PermissionError as error:
        raise ArticleReadError(str(path), "permission denied") from error
    except OSError as error:
        raise ArticleReadError(str(path), f"cannot be read ({error.strerror or error})") from error
    try:
        return read_article(data, path.name, limit)
    except ArticleReadError as error:
        raise ArticleReadError(str(path), error.reason) from None


def default_max_bytes() -> int:
    """The size limit from FLASHPOINT_MAX_FILE_MB."""
    return int(Settings.from_env().max_file_mb * BYTES_PER_MB)


def _too_large(size: int, limit: int) -> str:
    return f"file is too large ({_size(size)}; the limit is {_size(limit)})"


def _size(size: int) -> str:
    if size < 1024:
        return f"{size} bytes"
    if size < BYTES_PER_MB:
        return f"{size / 1024:.1f} KB"
    return f"{size / BYTES_PER_MB:.1f} MB"
