"""Read one article file (txt, Markdown, HTML, PDF, DOCX, e-mail) from bytes into an `Article`, or say why not."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path, PurePath

from flashpoint.errors import ArticleReadError
from flashpoint.formats.documents import docx_text, pdf_text
from flashpoint.formats.encoding import decode_text
from flashpoint.formats.html import read_html
from flashpoint.formats.layout import Layout, lay_out
from flashpoint.formats.mail import read_email
from flashpoint.formats.markdown import markdown_to_text
from flashpoint.formats.sizes import BYTES_PER_MB, too_large
from flashpoint.model import Article
from flashpoint.settings import Settings

UNNAMED = "(unnamed file)"
# Folders in an uploaded name ("../../etc/passwd.txt", "C:\\Users\\x.txt") say nothing about the article and must
# never reach a path or a page; control, bidirectional-override and isolate characters could disguise the name.
_FOLDERS = re.compile(r"^.*[/\\]|^[A-Za-z]:")
_DISGUISING = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
FormatReader = Callable[[bytes, str, int], Layout]


def _read_plain(data: bytes, filename: str, max_bytes: int) -> Layout:
    return lay_out(decode_text(data, filename))


def _read_markdown(data: bytes, filename: str, max_bytes: int) -> Layout:
    return lay_out(markdown_to_text(decode_text(data, filename)))


def _read_html(data: bytes, filename: str, max_bytes: int) -> Layout:
    return read_html(data, filename)


def _read_pdf(data: bytes, filename: str, max_bytes: int) -> Layout:
    return lay_out(pdf_text(data, filename, max_bytes))


def _read_docx(data: bytes, filename: str, max_bytes: int) -> Layout:
    return lay_out(docx_text(data, filename, max_bytes))


def _read_email(data: bytes, filename: str, max_bytes: int) -> Layout:
    return read_email(data, filename)


FORMAT_READERS: dict[str, FormatReader] = {
    ".txt": _read_plain,
    ".text": _read_plain,
    ".md": _read_markdown,
    ".markdown": _read_markdown,
    ".html": _read_html,
    ".htm": _read_html,
    ".xhtml": _read_html,
    ".pdf": _read_pdf,
    ".docx": _read_docx,
    ".eml": _read_email,
}
SUPPORTED_EXTENSIONS = tuple(FORMAT_READERS)


def read_article(data: bytes, filename: str, max_bytes: int | None = None) -> Article:
    """Read an article from a file's bytes; the extension of `filename` picks the format.

    Only the base name of `filename` is kept (in `Article.filename` and in error messages). Raises ArticleReadError
    (naming the file and the reason) for anything that is not a readable article.
    """
    name = base_name(filename)
    extension = PurePath(name).suffix.lower() if name != UNNAMED else ""
    read_format = FORMAT_READERS.get(extension)
    if read_format is None:
        shown = f"'{extension}'" if extension else "without an extension"
        raise ArticleReadError(name, f"unsupported file type {shown}; supported: {', '.join(SUPPORTED_EXTENSIONS)}")
    limit = default_max_bytes() if max_bytes is None else max_bytes
    if len(data) > limit:
        raise ArticleReadError(name, too_large("file", len(data), limit))
    if not data.strip():
        raise ArticleReadError(name, "empty file")
    layout = read_format(data, name, limit)
    if not layout.title and not layout.body:
        raise ArticleReadError(name, "no article text in the file")
    source = " ".join(_DISGUISING.sub("", layout.source).split()) if layout.source else None
    return Article(
        title=layout.title,
        body=layout.body,
        source=source or None,
        published=layout.published,
        filename="" if name == UNNAMED else name,
    )


def base_name(filename: str) -> str:
    """The file's own name without any folders, drive or disguising characters; a placeholder when nothing is left."""
    name = _FOLDERS.sub("", _DISGUISING.sub("", filename)).strip()
    return name if name not in ("", ".", "..") else UNNAMED


def read_path(path: Path, max_bytes: int | None = None) -> Article:
    """Read an article file from disk; errors name the path as given."""
    limit = default_max_bytes() if max_bytes is None else max_bytes
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ArticleReadError(str(path), "is a folder, not a file")
        if size > limit:
            raise ArticleReadError(str(path), too_large("file", size, limit))
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
