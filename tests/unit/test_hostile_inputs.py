"""Hostile and broken files: each is refused with a clear reason or read safely, and its batch neighbours are stored."""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from collections.abc import Callable, Iterator

import docx
import pypdf
import pytest

from flashpoint.archives import iter_zip_members
from flashpoint.errors import ArticleReadError
from flashpoint.ingest import FileResult, ingest_files
from flashpoint.model import Article, Extraction, Span
from flashpoint.pipeline import Pipeline
from flashpoint.reader import read_article
from flashpoint.store import Store

MB = 1024 * 1024
LIMIT_MB = 20
STORY = (
    "Two rockets fired from southern Lebanon struck an empty field near Kiryat Shmona on Tuesday, the Israeli "
    "military said, and Hezbollah said it had targeted an army post."
)
NEIGHBOURS = (
    ("before.txt", f"Rockets hit northern Israel\n\n{STORY}".encode()),
    (
        "after.txt",
        b"Drone attack on base in Syria\n\nA drone attacked a base housing US troops in eastern Syria on Friday, "
        b"causing no injuries, a defence official said.",
    ),
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.load()


@pytest.fixture(autouse=True)
def file_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHPOINT_MAX_FILE_MB", str(LIMIT_MB))


def ingest_among_neighbours(store: Store, pipeline: Pipeline, files: list[tuple[str, bytes]]) -> list[FileResult]:
    """Ingest the files between two good articles; the good ones must come out exactly as they do alone."""
    report = ingest_files([NEIGHBOURS[0], *files, NEIGHBOURS[1]], store, pipeline)
    first, *middle, last = report.results
    for (name, data), result in zip(NEIGHBOURS, (first, last), strict=True):
        alone = pipeline.extract(read_article(data, name))
        assert result.status == "saved", result.reason
        assert store.has_article(result.article_id)
        counts = (result.places, result.actors, result.figures, result.events)
        assert counts == (sum(location.literal for location in alone.locations), *map(len, _counted(alone)))
    assert store.count_articles() == 2 + sum(result.status == "saved" for result in middle)
    return middle


def _counted(extraction: Extraction) -> tuple[tuple[object, ...], ...]:
    return extraction.actors, extraction.figures, extraction.events


def pdf_file(content: bytes, filter_name: str = "") -> bytes:
    """A one-page PDF whose page draws `content` (already compressed when `filter_name` is given)."""
    stream_header = f"<< /Length {len(content)}{f' /Filter /{filter_name}' if filter_name else ''} >>".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        stream_header + b"\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table_at = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return output + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, table_at)


def text_pdf(lines: list[str]) -> bytes:
    shown = " ".join(f"({line}) Tj T*" for line in lines)
    return pdf_file(f"BT /F1 12 Tf 72 720 Td 14 TL {shown} ET".encode("latin-1"))


def pdf_bomb() -> bytes:
    """A 1 MB PDF whose page stream unpacks to 256 MB of drawing commands, past pypdf's safety limit."""
    compressor = zlib.compressobj(9)
    chunk = b"BT /F1 12 Tf 72 720 Td (x) Tj ET\n" * (MB // 33)
    packed = b"".join(compressor.compress(chunk) for _ in range(256)) + compressor.flush()
    return pdf_file(packed, "FlateDecode")


def written_pdf(build: Callable[[pypdf.PdfWriter], None]) -> bytes:
    writer = pypdf.PdfWriter()
    build(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def scanned_pdf() -> bytes:
    return written_pdf(lambda writer: writer.add_blank_page(612, 792))


def locked_pdf() -> bytes:
    def build(writer: pypdf.PdfWriter) -> None:
        writer.append(pypdf.PdfReader(io.BytesIO(text_pdf(["Rockets hit northern Israel", STORY[:80]]))))
        writer.encrypt("secret", owner_password="owner", algorithm="AES-128")

    return written_pdf(build)


def word_file(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def word_file_with_image(megabytes: int) -> bytes:
    """A real Word file plus a `megabytes` MB picture of one colour, written a megabyte at a time."""
    original = zipfile.ZipFile(io.BytesIO(word_file(["Rockets hit northern Israel", STORY])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for info in original.infolist():
            archive.writestr(info, original.read(info))
        with archive.open("word/media/image1.png", "w", force_zip64=True) as picture:
            for _ in range(megabytes):
                picture.write(bytes(MB))
    return buffer.getvalue()


def zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("notes.txt", STORY)
    return buffer.getvalue()


def html_bytes(body: str, head: str = "") -> bytes:
    return f"<html><head>{head}</head><body>{body}</body></html>".encode()


REFUSED: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "empty": ("empty.txt", lambda: b"", "empty file"),
    "whitespace only": ("blank.txt", lambda: b" \r\n\t\n \x0c\n", "empty file"),
    "binary junk renamed .txt": ("junk.txt", lambda: random.Random(7).randbytes(8192), "binary data, not text"),
    "PNG renamed .pdf": ("photo.pdf", lambda: b"\x89PNG\r\n\x1a\n" + bytes(4000), "not a PDF file (no %PDF header)"),
    "PNG renamed .txt": ("photo.txt", lambda: b"\x89PNG\r\n\x1a\n" + bytes(4000), "looks like a PNG image"),
    "PNG renamed .docx": ("photo.docx", lambda: b"\x89PNG\r\n\x1a\n" + bytes(4000), "not a DOCX file"),
    "50 MB text": ("huge.txt", lambda: b"word " * (10 * MB), "file is too large (50.0 MB; the limit is 20.0 MB)"),
    "scanned PDF": ("scan.pdf", scanned_pdf, "no extractable text — scanned PDF?"),
    "encrypted PDF": ("locked.pdf", locked_pdf, "encrypted PDF: it needs a password"),
    "truncated PDF": ("cut.pdf", lambda: text_pdf(["Rockets hit northern Israel", STORY[:80]])[:250], "broken PDF"),
    "PDF compression bomb": ("bomb.pdf", pdf_bomb, "compression bomb?"),
    "truncated DOCX": ("cut.docx", lambda: word_file(["Rockets", STORY])[:3000], "broken DOCX file"),
    "zip that is no Word file": ("fake.docx", zip_without_document, "a zip archive without word/document.xml"),
    "DOCX with a 100 MB image": ("photo-essay.docx", lambda: word_file_with_image(100), "the limit is 20.0 MB"),
    "old or protected Word file": ("old.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "old .doc"),
    "NUL bytes": ("nul.txt", lambda: f"Rockets\x00 hit\x00\x01 {STORY}".encode(), "contains NUL bytes"),
    "control characters": ("tty.txt", lambda: b"\x1b[31m\x07\x08" * 50 + b"Rockets hit", "mostly non-text characters"),
    "HTML of scripts only": (
        "app.html",
        lambda: html_bytes("<script>render('Rockets hit northern Israel')</script><iframe src=x>frame</iframe>"),
        "no article text",
    ),
}


@pytest.mark.parametrize(("filename", "build", "reason"), list(REFUSED.values()), ids=list(REFUSED))
def test_hostile_file_is_refused_with_a_clear_reason_and_its_neighbours_are_stored(
    store: Store, pipeline: Pipeline, filename: str, build: Callable[[], bytes], reason: str
) -> None:
    [result] = ingest_among_neighbours(store, pipeline, [(filename, build())])
    assert result.status == "error"
    assert reason in result.reason


def test_size_limit_follows_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHPOINT_MAX_FILE_MB", "1")
    with pytest.raises(ArticleReadError, match=r"file is too large \(2.0 MB; the limit is 1.0 MB\)"):
        read_article(b"word " * (2 * MB // 5), "long.txt")
    assert read_article(b"word " * (2 * MB // 5), "long.txt", max_bytes=3 * MB).body.startswith("word word")
