"""Pull the text out of PDF and Word (DOCX) files, turning every library failure into a clear read error."""

from __future__ import annotations

import io
import logging
import re
import struct
import zipfile
import zlib

import docx
import pypdf
from docx.opc.exceptions import OpcError
from docx.table import Table
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, PyPdfError

from flashpoint.archives import archive_directory
from flashpoint.errors import ArticleReadError
from flashpoint.formats.sizes import describe_size

# pypdf reports most damage with its own errors, but some malformed structures surface as built-in errors
# from its parsers and from zlib/struct; all of them mean "this PDF is broken".
PDF_FAILURES = (
    PyPdfError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    RecursionError,
    OverflowError,
    ZeroDivisionError,
    zlib.error,
    struct.error,
)
# python-docx fails with zip errors for damaged archives, KeyError for missing parts and lxml's XMLSyntaxError
# (a SyntaxError) for damaged XML; parts with the wrong root element surface as AttributeError or TypeError,
# encrypted or oddly compressed members as RuntimeError or NotImplementedError.
DOCX_FAILURES = (
    zipfile.BadZipFile,
    OpcError,
    KeyError,
    ValueError,
    SyntaxError,
    EOFError,
    zlib.error,
    AttributeError,
    TypeError,
    IndexError,
    RuntimeError,
    NotImplementedError,
)
# Word saves old .doc files, and .docx files protected by a password, as OLE compound files.
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
# Word names its main part word/document.xml; a few tools write word/document2.xml.
_MAIN_DOCUMENT_PART = re.compile(r"^word/document\d*\.xml$", re.IGNORECASE)
# Fewer visible characters than this on every page means the PDF holds pictures of text.
MIN_PDF_TEXT_CHARS = 20
# Where in a PDF file its header may start (the standard allows leading junk).
PDF_HEADER_WINDOW = 1024
_VISIBLE = re.compile(r"\S")
# What browsers and word processors print on every page: page numbers, the page's address, the printing time.
_PRINT_FURNITURE = re.compile(
    r"^(?:page\s+)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?$"
    r"|^(?:https?://|www\.)\S+(?:\s+\d{1,3}\s*/\s*\d{1,3})?$"
    r"|^\d{1,2}/\d{1,2}/\d{2,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s",
    re.IGNORECASE,
)


def pdf_text(data: bytes, filename: str, max_bytes: int) -> str:
    """The text layer of every page, pages separated by blank lines.

    pypdf stops any compressed stream at its own safety limit, so `max_bytes` only bounds the text gathered.
    """
    if b"%PDF-" not in data[:PDF_HEADER_WINDOW]:
        raise ArticleReadError(filename, "not a PDF file (no %PDF header)")
    # pypdf logs every repaired defect as a warning; a damaged file is reported once, by our error.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        document = pypdf.PdfReader(io.BytesIO(data))
        if document.is_encrypted and not _decrypted(document):
            raise ArticleReadError(filename, "encrypted PDF: it needs a password")
        pages = _page_texts(document, filename, max_bytes)
    except (DependencyError, FileNotDecryptedError) as error:
        raise ArticleReadError(filename, "encrypted PDF: cannot decrypt it") from error
    except LimitReachedError as error:
        raise ArticleReadError(filename, "PDF stream unpacks past the safety limit (compression bomb?)") from error
    except PDF_FAILURES as error:
        raise ArticleReadError(filename, f"broken PDF file ({_summary(error)})") from error
    text = "\n\n".join(_without_print_furniture(page) for page in pages)
    if len(_VISIBLE.findall(text)) < MIN_PDF_TEXT_CHARS:
        raise ArticleReadError(filename, "no extractable text — scanned PDF?")
    return text


def _page_texts(document: pypdf.PdfReader, filename: str, max_chars: int) -> list[str]:
    """Each page's text, stopping once they add up to more than `max_chars`: pages can share one huge stream."""
    pages: list[str] = []
    total = 0
    for page in document.pages:
        pages.append(page.extract_text() or "")
        total += len(pages[-1])
        if total > max_chars:
            raise ArticleReadError(filename, f"the PDF's text is too long (over {max_chars:,} characters)")
    return pages


def _without_print_furniture(page: str) -> str:
    return "\n".join(line for line in page.splitlines() if not _PRINT_FURNITURE.match(line.strip()))


def _decrypted(document: pypdf.PdfReader) -> bool:
    """Many PDFs are encrypted only against editing, with an empty password for reading."""
    return bool(document.decrypt(""))


def docx_text(data: bytes, filename: str, max_bytes: int) -> str:
    """The paragraphs and table cells of a Word document, in order, separated by blank lines.

    A document whose parts unpack to more than `max_bytes` (a compression bomb, or a giant image) is refused
    before any part is unpacked.
    """
    if data.startswith(OLE_MAGIC):
        raise ArticleReadError(
            filename, "not a DOCX file (an old .doc or password-protected Word file: save it as .docx without one)"
        )
    if not data.startswith(b"PK"):
        raise ArticleReadError(filename, "not a DOCX file (a DOCX file is a zip archive)")
    try:
        directory = archive_directory(data, filename)
    except ArticleReadError as error:
        raise ArticleReadError(filename, f"broken DOCX file ({error.reason})") from error
    if not any(_MAIN_DOCUMENT_PART.match(info.filename) for info in directory):
        raise ArticleReadError(filename, "broken DOCX file (a zip archive without word/document.xml)")
    unpacked = sum(info.file_size for info in directory)
    if unpacked > max_bytes:
        raise ArticleReadError(
            filename, f"the document unpacks to {describe_size(unpacked)}; the limit is {describe_size(max_bytes)}"
        )
    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                blocks.extend(cell.text for row in block.rows for cell in row.cells)
            else:
                blocks.append(block.text)
    except DOCX_FAILURES as error:
        raise ArticleReadError(filename, f"broken DOCX file ({_summary(error)})") from error
    text = "\n\n".join(block.strip() for block in blocks if block.strip())
    if not text:
        raise ArticleReadError(filename, "no text in the document")
    return text


def _summary(error: BaseException) -> str:
    message = str(error).strip() or type(error).__name__
    return message if len(message) <= 120 else f"{message[:117]}..."
