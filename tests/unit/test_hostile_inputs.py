"""Hostile and broken files: each is refused with a clear reason or read safely, and its batch neighbours are stored."""

from __future__ import annotations

import io
import random
import zipfile
import zlib
from collections.abc import Callable

import docx
import pypdf
import pytest

from flashpoint.archives import iter_zip_members
from flashpoint.errors import ArticleReadError
from flashpoint.ingest import FileResult, ingest_files
from flashpoint.model import Article, Extraction
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


HOSTILE_PAGE = f"""<!DOCTYPE html><html><head><title>Rockets hit northern Israel | Wire</title>
<style>body {{ background: url('STYLE-LEAK') }}</style><script>track('SCRIPT-LEAK')</script>
<script type="module">import 'MODULE-LEAK'</script></head>
<body onload="steal('ONLOAD-LEAK')"><!-- COMMENT-LEAK --><article>
<h1 onclick="steal('CLICK-LEAK')">Rockets hit northern Israel</h1>
<p onmouseover="steal('HOVER-LEAK')">{STORY} <a href="javascript:steal('JSURL-LEAK')">Full report</a></p>
<iframe src="https://tracker.example/IFRAME-SRC-LEAK">IFRAME-LEAK</iframe><img src=x onerror="steal('IMG-LEAK')">
<noscript>NOSCRIPT-LEAK</noscript><svg><script>SVG-LEAK</script></svg><template><p>TEMPLATE-LEAK</p></template>
<object data="x.swf">OBJECT-LEAK</object><SCRIPT>UPPER-CASE-LEAK</SCRIPT><style>p {{ content: 'STYLE2-LEAK' }}</style>
<p>Residents said sirens sounded across the Galilee.</p><script>never closed <p>UNCLOSED-LEAK</p>
</article></body></html>"""
ENTITY_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE page [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + level)} "{f"&{chr(97 + level)};" * 10}">' for level in range(8))
    + f"]><html><body><p>&i;&i;&i;</p><p>{'&amp;&lt;' * 50_000}</p><p>{STORY}</p></body></html>"
)
ARABIC = "قصف إسرائيلي على غزة"
MIXED_DIRECTIONS = (
    f"Strikes on Gaza and Rafah\n\n{ARABIC}: Israeli aircraft struck Rafah in the Gaza Strip on Monday, "
    f"killing 12 people, the health ministry said. (المصدر: وزارة الصحة) Hezbollah and مدينة صور reported calm."
)
EMOJI = (
    "🚨 Strikes on Gaza 𝔾𝕒𝕫𝕒\n\n👨‍👩‍👧 Five people were killed 💥 in Gaza City on Monday 🇵🇸, and 𝟑 others "
    "were wounded in Khan Younis, officials said. 🙏🏽"
)


def invalid_utf8() -> bytes:
    """A UTF-8 article with a stray Latin-1 byte, a cut sequence and an encoded surrogate half in it."""
    return (
        "Rockets hit “northern” Israel\n\n".encode()
        + f"{STORY}\n\n{STORY}\n\n{STORY}\n\n".encode()
        + b" Sirens \xe9 sounded \xe2\x80 across the \xed\xa0\x80 Galilee, residents said \xe2\x80\x94 twice."
    )


def checked(condition: bool, message: str) -> None:
    assert condition, message


def assert_spans_inside(extraction: Extraction) -> None:
    text = extraction.article.text
    spans = [mention for location in extraction.locations for mention in location.mentions]
    spans += [mention for actor in extraction.actors for mention in actor.mentions]
    spans += [item.span for item in (*extraction.actor_links, *extraction.figures, *extraction.events)]
    outside = [span for span in spans if not 0 <= span.start < span.end <= len(text)]
    assert not outside, f"spans outside the text: {outside}"
    for figure in extraction.figures:
        assert text[figure.span.start : figure.span.end] == figure.text


READ: dict[str, tuple[str, Callable[[], bytes], Callable[[Article], None]]] = {
    "HTML with scripts, iframes, handlers, javascript: URLs, styles and comments": (
        "page.html",
        HOSTILE_PAGE.encode,
        lambda article: checked(
            "LEAK" not in article.text and "javascript" not in article.text and "Galilee" in article.body,
            f"page code leaked or text lost: {article.text!r}",
        ),
    ),
    "10,000 nested elements": (
        "deep.html",
        lambda: html_bytes("<div>" * 10_000 + f"<p>{STORY}</p>" + "</div>" * 10_000),
        lambda article: checked(article.body == STORY, article.body),
    ),
    "10,000 unclosed inline elements": (
        "unclosed.html",
        lambda: html_bytes(f"<p>{STORY}</p>" + "<b><i><span>" * 3_400 + "tail"),
        lambda article: checked(article.body.startswith(STORY) and article.body.endswith("tail"), article.body),
    ),
    "linked data nested 100,000 deep": (
        "nested-json.html",
        lambda: html_bytes(f"<p>{STORY}</p>", '<script type="application/ld+json">' + "[" * 100_000 + "</script>"),
        lambda article: checked(article.body == STORY, article.body),
    ),
    "entity declarations and 100,000 entities": (
        "entities.html",
        ENTITY_BOMB.encode,
        lambda article: checked(
            "&i;" in article.text and "]>" not in article.text and len(article.text) < 120_000, article.text[:200]
        ),
    ),
    "1 MB single word": (
        "word.txt",
        lambda: b"Rockets hit northern Israel\n\n" + b"a" * MB,
        lambda article: checked(article.body == "a" * MB, "the word was cut or changed"),
    ),
    "mixed right-to-left Arabic and English": (
        "mixed.txt",
        MIXED_DIRECTIONS.encode,
        lambda article: checked(ARABIC in article.body and "مدينة صور" in article.body, article.body),
    ),
    "invalid UTF-8 sequences": (
        "damaged.txt",
        invalid_utf8,
        lambda article: checked(
            "“northern”" in article.title and "Sirens" in article.body and "\ufffd" in article.body,
            article.text,
        ),
    ),
    "UTF-16 without a byte-order mark": (
        "utf16.txt",
        lambda: f"Rockets hit northern Israel\n\n{STORY} {ARABIC}".encode("utf-16-le"),
        lambda article: checked(article.body == f"{STORY} {ARABIC}", article.body),
    ),
    "UTF-16 big-endian without a byte-order mark": (
        "utf16be.txt",
        lambda: f"Sirens in the Galilee\n\n{STORY}".encode("utf-16-be"),
        lambda article: checked(article.body == STORY, article.body),
    ),
    "a 500 KB line": (
        "line.txt",
        lambda: b"Rockets\n\n" + b"rockets hit the north near the border and people ran for shelter " * 8_000,
        lambda article: checked(len(article.body) > 500_000 and "\n" not in article.body, article.body[:100]),
    ),
    "100,000 short lines": (
        "lines.txt",
        lambda: b"Rockets hit northern Israel\n\n" + b"short line\n" * 100_000,
        lambda article: checked(article.body.count("short line") == 100_000, article.body[:100]),
    ),
    "a few control characters": (
        "tty.txt",
        lambda: f"Rockets hit northern Israel\n\n{STORY * 2}\n\n\x1b{STORY}\x07 Sirens\x08 sounded\x0b twice.".encode(),
        lambda article: checked(article.body == f"{STORY * 2}\n\n{STORY} Sirens sounded twice.", repr(article.body)),
    ),
    "zero-width and direction-override characters": (
        "marks.txt",
        lambda: (
            "Rockets hit \u202enorthern\u202c Israel\n\nKiryat\u200b Shmona \u2066was\u2069 hit\u200e. 👨‍👩‍👧".encode()
        ),
        lambda article: checked(
            article.text == "Rockets hit northern Israel\n\nKiryat Shmona was hit. 👨\u200d👩\u200d👧",
            repr(article.text),
        ),
    ),
    "Windows line endings": (
        "windows.txt",
        lambda: f"Rockets hit northern Israel\r\n\r\n{STORY}\r\n\r\nSirens sounded.\r\n".encode(),
        lambda article: checked(article.text == f"Rockets hit northern Israel\n\n{STORY}\n\nSirens sounded.", ""),
    ),
    "old Mac line endings": (
        "mac.txt",
        lambda: f"Rockets hit northern Israel\r\r{STORY}\rSirens sounded.".encode(),
        lambda article: checked(article.title == "Rockets hit northern Israel" and "Sirens" in article.body, ""),
    ),
    "emoji and astral-plane characters": (
        "emoji.txt",
        EMOJI.encode,
        lambda article: checked("👨‍👩‍👧" in article.body and "𝟑" in article.body, article.body),
    ),
    "a text that is one 4,000-digit number": (
        "number.txt",
        lambda: b"9" * 4_000,
        lambda article: checked(article.body == "9" * 4_000, "the number was changed"),
    ),
}


@pytest.mark.parametrize(("filename", "build", "check"), list(READ.values()), ids=list(READ))
def test_hostile_file_is_read_safely_and_its_neighbours_are_stored(
    store: Store, pipeline: Pipeline, filename: str, build: Callable[[], bytes], check: Callable[[Article], None]
) -> None:
    data = build()
    article = read_article(data, filename)
    check(article)
    assert_spans_inside(pipeline.extract(article))
    [result] = ingest_among_neighbours(store, pipeline, [(filename, data)])
    assert result.status == "saved", result.reason


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\Windows\\win.ini.txt", "win.ini.txt"),
        ("C:\\Users\\analyst\\report.txt", "report.txt"),
        ("C:report.txt", "report.txt"),
        ("/var/www/uploads/report.txt", "report.txt"),
        ("\\\\server\\share\\report.txt", "report.txt"),
        ("reports/\u202etxt.exe.txt", "txt.exe.txt"),
        ("line\nbreak.txt", "linebreak.txt"),
    ],
)
def test_only_the_base_name_of_a_file_is_kept(given: str, kept: str) -> None:
    assert read_article(NEIGHBOURS[1][1], given).filename == kept
    with pytest.raises(ArticleReadError) as refused:
        read_article(b"", given)
    assert refused.value.filename == kept and str(refused.value) == f"{kept}: empty file"


def test_a_file_named_with_a_path_is_stored_among_its_neighbours(store: Store, pipeline: Pipeline) -> None:
    [result] = ingest_among_neighbours(store, pipeline, [("../../etc/passwd.txt", EMOJI.encode())])
    assert result.status == "saved", result.reason
    assert result.filename == "passwd.txt"


def test_a_file_named_only_with_folders_has_no_extension() -> None:
    with pytest.raises(ArticleReadError, match=r"^\(unnamed file\): unsupported file type without an extension"):
        read_article(b"words", "../..")


GIANT_NUMBER = b"Casualty count\n\n" + b"9" * 5_000 + b" people were killed in Gaza."


def test_a_number_longer_than_python_converts_is_no_figure(pipeline: Pipeline) -> None:
    extraction = pipeline.extract(read_article(GIANT_NUMBER, "number.txt"))
    assert all(figure.value is None or figure.value < 10**4_000 for figure in extraction.figures)


def test_a_file_that_trips_extraction_leaves_its_neighbours_stored(store: Store, pipeline: Pipeline) -> None:
    [result] = ingest_among_neighbours(store, pipeline, [("number.txt", GIANT_NUMBER)])
    assert result.status == "saved", result.reason


def zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(zipfile.ZipInfo(name), content, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def gigabyte_bomb() -> bytes:
    """A zip of 5 MB holding one 1 GB member of zeros between two real articles, written a megabyte at a time."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(*NEIGHBOURS[0])
        with archive.open("report.txt", "w", force_zip64=True) as member:
            for _ in range(1024):
                member.write(bytes(MB))
        archive.writestr(*NEIGHBOURS[1])
    return buffer.getvalue()


def read_archive(data: bytes) -> tuple[list[tuple[str, bytes]], dict[str, str]]:
    """The members read from an upload with the reader's limits, and each refused member's reason."""
    refused: dict[str, str] = {}
    members = list(
        iter_zip_members(
            data,
            "upload.zip",
            max_member_bytes=LIMIT_MB * MB,
            max_total_bytes=4 * LIMIT_MB * MB,
            max_members=1000,
            on_rejected=lambda error: refused.setdefault(error.filename, error.reason),
        )
    )
    return members, refused


def test_zip_bomb_member_is_refused_unread_and_the_articles_beside_it_are_stored(
    store: Store, pipeline: Pipeline, gigabyte_bomb: bytes
) -> None:
    members, refused = read_archive(gigabyte_bomb)
    assert refused == {"upload.zip/report.txt": "unpacks to 1024.0 MB; the limit is 20.0 MB per file"}
    assert members == list(NEIGHBOURS)
    report = ingest_files(members, store, pipeline)
    assert [result.status for result in report.results] == ["saved", "saved"]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../../etc/passwd.txt", "unsafe name: '..' would leave the folder"),
        ("reports/../../../home/user/.bashrc.txt", "unsafe name: '..' would leave the folder"),
        ("..\\..\\Windows\\System32\\drivers\\etc\\hosts.txt", "unsafe name: '..' would leave the folder"),
        ("/etc/cron.d/evil.txt", "unsafe name: an absolute path"),
        ("\\\\server\\share\\evil.txt", "unsafe name: an absolute path"),
        ("C:\\Windows\\evil.txt", "unsafe name: an absolute path"),
        ("C:evil.txt", "unsafe name: an absolute path"),
        ("evil\x1b]0;title\x07.txt", "unsafe name: control characters"),
    ],
)
def test_zip_member_with_an_escaping_name_is_refused_and_the_others_are_stored(
    store: Store, pipeline: Pipeline, name: str, reason: str
) -> None:
    data = zip_of({NEIGHBOURS[0][0]: NEIGHBOURS[0][1], name: EMOJI.encode(), NEIGHBOURS[1][0]: NEIGHBOURS[1][1]})
    members, refused = read_archive(data)
    assert list(refused.values()) == [reason]
    assert members == list(NEIGHBOURS)
    assert ingest_files(members, store, pipeline).saved == 2
