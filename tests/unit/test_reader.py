"""The article reader: formats, encodings, header parsing, body clean-up and a clear error for every bad input."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flashpoint.errors import ArticleReadError
from flashpoint.reader import SUPPORTED_EXTENSIONS, read_article, read_path

DEV_CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "dev"
BODY = (
    "Three American soldiers died and at least two dozen others were wounded when a drone slammed into a small "
    "US military outpost in Jordan overnight on Sunday."
)
SECOND = "Officials are still working out how much damage was caused and whether there were more casualties."


def pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds `lines`, built byte by byte with a correct cross-reference table."""
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    content = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({line}) Tj T*" for line in escaped) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        output += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    table_at = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    output += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    output += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{table_at}\n%%EOF\n".encode()
    return output


def docx_with_paragraphs(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row_number, row in enumerate(table):
            for column_number, value in enumerate(row):
                grid.cell(row_number, column_number).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def encrypted_pdf(user_password: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(pdf_with_text(["Title", BODY]))))
    writer.encrypt(user_password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def blank_pdf() -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(612, 792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def read_error(data: bytes, filename: str, max_bytes: int | None = None) -> ArticleReadError:
    with pytest.raises(ArticleReadError) as caught:
        read_article(data, filename, max_bytes)
    assert str(caught.value).startswith(f"{filename}: "), "the message names the file"
    return caught.value


@pytest.mark.parametrize(
    ("filename", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \n\n\t \r\n", "empty file"),
        ("junk.txt", bytes(range(256)) * 8, "binary data"),
        ("nul.txt", b"Gaza ceasefire talks\x00\x01\x00 resume in Cairo", "NUL bytes"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "looks like a PNG image"),
        ("latin.txt", bytes(range(0x80, 0x100)) * 20, "not decodable as text"),
        ("notes.exe", b"plain words", "unsupported file type '.exe'"),
        ("README", b"plain words", "unsupported file type without an extension"),
        ("report.pdf", b"This is not a PDF at all.", "not a PDF file"),
        ("cut.pdf", b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog", "broken PDF file"),
        ("report.docx", b"This is not a Word file.", "not a DOCX file"),
        ("mail.eml", b"no headers at all", "not an e-mail message"),
        (
            "page.html",
            b"<html><head><script>var a = 1;</script></head><body><nav>Home</nav></body></html>",
            "no article",
        ),
    ],
)
def test_bad_input_gives_a_clear_error(filename: str, data: bytes, reason: str) -> None:
    assert reason in read_error(data, filename).reason


def test_unknown_extension_error_names_the_supported_types() -> None:
    reason = read_error(b"words", "article.rtf").reason
    assert all(extension in reason for extension in (".txt", ".html", ".pdf", ".docx", ".md"))


def test_truncated_docx_is_a_broken_docx() -> None:
    data = docx_with_paragraphs(["Title", BODY])
    assert "broken DOCX file" in read_error(data[: len(data) // 2], "cut.docx").reason


def test_zip_that_is_not_a_word_document_is_a_broken_docx() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "broken DOCX file" in read_error(buffer.getvalue(), "fake.docx").reason


def test_docx_without_text_says_so() -> None:
    assert "no text in the document" in read_error(docx_with_paragraphs(["", "  "]), "blank.docx").reason


def test_oversize_file_is_refused_with_both_sizes() -> None:
    reason = read_error(b"a" * 5000, "long.txt", max_bytes=4096).reason
    assert "too large" in reason and "4.9 KB" in reason and "4.0 KB" in reason


def test_size_limit_defaults_to_the_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLASHPOINT_MAX_FILE_MB", "0.001")
    assert "too large" in read_error(b"word " * 400, "long.txt").reason
    monkeypatch.setenv("FLASHPOINT_MAX_FILE_MB", "1")
    assert read_article(b"word " * 400, "long.txt").body


def test_scanned_pdf_without_text_layer() -> None:
    assert read_error(blank_pdf(), "scan.pdf").reason == "no extractable text — scanned PDF?"


def test_password_protected_pdf() -> None:
    assert read_error(encrypted_pdf("secret"), "locked.pdf").reason == "encrypted PDF: it needs a password"


def test_pdf_encrypted_only_against_editing_is_read() -> None:
    assert read_article(encrypted_pdf(""), "protected.pdf").title == "Title"


def test_pdf_text_layer_is_read_with_its_header_and_unwrapped_lines() -> None:
    data = pdf_with_text(
        [
            "Houthis strike cargo ship in Gulf of Aden",
            "BBC News",
            "19 February 2024",
            "The missiles hit the Rubymar as it sailed through the Gulf of Aden towards",
            "the Bab al-Mandab Strait, according to security firms, and the crew then",
            "abandoned the vessel.",
        ]
    )
    article = read_article(data, "ship.pdf")
    assert article.title == "Houthis strike cargo ship in Gulf of Aden"
    assert article.source == "BBC News"
    assert article.published == date(2024, 2, 19)
    assert article.body == (
        "The missiles hit the Rubymar as it sailed through the Gulf of Aden towards the Bab al-Mandab Strait, "
        "according to security firms, and the crew then abandoned the vessel."
    )


def test_pdf_printed_from_a_browser_loses_its_page_furniture() -> None:
    data = pdf_with_text(
        [
            "1/29/24, 10:30 AM Drone hits outpost in Jordan - NJ Today",
            "Drone hits outpost in Jordan",
            "NJ Today",
            "2024-01-29",
            BODY,
            "https://www.example.com/news/drone-hits-outpost 1/2",
        ]
    )
    article = read_article(data, "printed.pdf")
    assert (article.title, article.source, article.published) == (
        "Drone hits outpost in Jordan",
        "NJ Today",
        date(2024, 1, 29),
    )
    assert article.body == BODY


def test_control_characters_from_a_text_layer_are_dropped() -> None:
    data = pdf_with_text(["Drone hits\x00 outpost", BODY.replace("Jordan", "Jor\x01dan")])
    article = read_article(data, "controls.pdf")
    assert article.title == "Drone hits outpost"
    assert "\x00" not in article.text and "\x01" not in article.text and "Jordan" in article.body


def test_docx_paragraphs_and_tables_are_read() -> None:
    data = docx_with_paragraphs(
        ["Drone hits outpost in Jordan", "NJ Today", "2024-01-29", BODY, SECOND],
        table=[["Killed", "3"]],
    )
    article = read_article(data, "outpost.docx")
    assert (article.title, article.source, article.published) == (
        "Drone hits outpost in Jordan",
        "NJ Today",
        date(2024, 1, 29),
    )
    assert article.body == f"{BODY}\n\n{SECOND}\n\nKilled\n\n3"
    assert article.filename == "outpost.docx"


HEADER_CASES = [
    (
        "https://example.com/images/photo.jpg?1698273880\nICARO Media Group\nPolitics\n25/10/2023 22h43",
        "ICARO Media Group",
        date(2023, 10, 25),
    ),
    ("NJ Today\nNational / World\n2024-01-29", "NJ Today", date(2024, 1, 29)),
    ("i24NEWS\nIsrael at War\n21/11/2023", "i24NEWS", date(2023, 11, 21)),
    ("BBC News\n19 February 2024\n\nShare\nSave", "BBC News", date(2024, 2, 19)),
    ("Hindustan Times\nWorld News\nUpdated on Jan 02, 2024", "Hindustan Times", date(2024, 1, 2)),
    ("TAG24 NEWS\n05.01.2024", "TAG24 NEWS", date(2024, 1, 5)),
    ("Arab News\nPublished January 25, 2024", "Arab News", date(2024, 1, 25)),
    ("Wire Service\nOctober 26, 2023", "Wire Service", date(2023, 10, 26)),
    ("The Daily Star\nJan. 28, 2024", "The Daily Star", date(2024, 1, 28)),
    ("Voice of America\nPublished Tuesday 16 January 2024", "Voice of America", date(2024, 1, 16)),
    ("Al Jazeera\nPosted: Jan 18, 2024\nBy Jane Doe\n5 min read", "Al Jazeera", date(2024, 1, 18)),
    ("Middle East Eye\n1/28/2024", "Middle East Eye", date(2024, 1, 28)),
    ("Politics\n21/11/2023", None, date(2023, 11, 21)),
    ("EXCLUSIVE\nThe New Arab\n29-Jan-2024", "The New Arab", date(2024, 1, 29)),
    ("Reuters", "Reuters", None),
    ("Updated 26 January 2024\nPublished 25 January 2024", None, date(2024, 1, 25)),
    ("Image: AFP via Getty Images\nThe National\n24 January 2024 10:15 GMT", "The National", date(2024, 1, 24)),
    ("Reuters\nJanuary 5, 2024 10:12 AM GMT+3 · Updated 2 hours ago", "Reuters", date(2024, 1, 5)),
    ("By JOSEPH KRAUSS and SAMY MAGDY\nUpdated 3:04 PM GMT+2, January 25, 2024", None, date(2024, 1, 25)),
    ("By Jane Doe | Wire Desk | January 5, 2024", None, date(2024, 1, 5)),
    ("25 October 2023\nAl Jazeera", "Al Jazeera", date(2023, 10, 25)),
    ("france24\nPosted on January 25, 2024 by admin\nReading time: 3 min", "france24", date(2024, 1, 25)),
    ("The Guardian\nThursday 25 January 2024 14.30 GMT", "The Guardian", date(2024, 1, 25)),
    ("Anadolu Agency\nJanuary 25, 2024 / 10:30 AM / Updated a day ago", "Anadolu Agency", date(2024, 1, 25)),
    ("", None, None),
]


@pytest.mark.parametrize(("header", "source", "published"), HEADER_CASES)
def test_plain_text_header_gives_source_and_date(header: str, source: str | None, published: date | None) -> None:
    text = f"Drone strike hits base in Syria\n\n{header}\n\n{BODY}\n\n{SECOND}\n"
    article = read_article(text.encode(), "strike.txt")
    assert article.title == "Drone strike hits base in Syria"
    assert article.source == source
    assert article.published == published
    assert article.body == f"{BODY}\n\n{SECOND}"


def test_article_without_header_has_no_title_when_the_first_line_is_a_paragraph() -> None:
    article = read_article(f"{BODY}\n\n{SECOND}\n".encode(), "plain.txt")
    assert (article.title, article.source, article.published) == ("", None, None)
    assert article.body == f"{BODY}\n\n{SECOND}"
    assert article.text == article.body


def test_article_without_header_takes_a_short_first_line_as_title() -> None:
    article = read_article(f"Drone hits Jordan outpost\n{BODY}\n{SECOND}\n".encode(), "plain.txt")
    assert (article.title, article.source, article.published) == ("Drone hits Jordan outpost", None, None)
    assert article.body == f"{BODY}\n{SECOND}".replace("\n", "\n\n")


def test_date_line_below_a_standfirst_is_still_the_publication_date() -> None:
    text = f"Ship seized in Red Sea\n\nThe crew of 25 is being held by the rebels\n\n21/11/2023\n\n{BODY}\n"
    article = read_article(text.encode(), "ship.txt")
    assert article.published == date(2023, 11, 21)
    assert article.body == f"The crew of 25 is being held by the rebels\n\n{BODY}"


def test_outlet_and_date_below_a_standfirst_are_read() -> None:
    text = f"Ship seized in Red Sea\n\nThe crew of 25 is being held by the rebels\n\ni24NEWS\n21/11/2023\n\n{BODY}\n"
    article = read_article(text.encode(), "ship.txt")
    assert (article.source, article.published) == ("i24NEWS", date(2023, 11, 21))
    assert article.body == f"The crew of 25 is being held by the rebels\n\n{BODY}"


def test_date_before_the_title_is_read() -> None:
    article = read_article(f"25/10/2023\n\nUS weighs response\n\n{BODY}\n".encode(), "x.txt")
    assert (article.title, article.published) == ("US weighs response", date(2023, 10, 25))


def test_sentence_with_a_date_under_the_title_stays_in_the_body() -> None:
    sentence = "On 7 October 2023, Hamas attacked."
    article = read_article(f"How the war began\n\n{sentence}\n\n{BODY}\n".encode(), "x.txt")
    assert article.published is None
    assert article.body.startswith(sentence)


def test_front_matter_fields_are_read() -> None:
    text = f"Title: Strike on Tower 22\nSource: NJ Today\nDate: 2024-01-29\n\n{BODY}\n"
    article = read_article(text.encode(), "notes.txt")
    assert (article.title, article.source, article.published) == ("Strike on Tower 22", "NJ Today", date(2024, 1, 29))
    assert article.body == BODY


@pytest.mark.parametrize(
    "trailer",
    [
        "Related",
        "Related Topics",
        "Share this article",
        "Cover photo: Archive image",
        "The views expressed in this article do not reflect the opinion of the publisher.",
        "Related\n\nIsrael strikes Rafah\nHouthis fire at tanker",
        "Reporting by Jane Doe; Editing by John Roe\n\nAdvertisement",
    ],
)
def test_closing_boilerplate_is_dropped_from_the_body(trailer: str) -> None:
    article = read_article(f"Title line\n\nBBC News\n\n{BODY}\n\n{SECOND}\n\n{trailer}\n".encode(), "x.txt")
    assert article.body == f"{BODY}\n\n{SECOND}"


def test_widgets_inside_the_body_are_dropped_but_captions_and_subheadings_stay() -> None:
    caption = "Saleh al-Arouri, pictured during an address. (Reuters file photo)"
    widgets = "Share\n\nShare on WhatsApp\nAdvertisement"
    text = f"Title line\n\n{BODY}\n\n{widgets}\n\nHow has Hamas reacted?\n\n{caption}\n\n{SECOND}\n"
    article = read_article(text.encode(), "x.txt")
    assert article.body == f"{BODY}\n\nHow has Hamas reacted?\n\n{caption}\n\n{SECOND}"


def test_hard_wrapped_paragraphs_are_joined_and_hyphenated_compounds_kept() -> None:
    text = (
        "Militias attack bases\n\n"
        "Iran-backed militias have attacked US forces in Iraq and Syria at least\n"
        "13 times in the past week, the Pentagon said, as the Iran-\n"
        "backed groups threatened more strikes.\n\n"
        "A second paragraph follows here.\n"
    )
    article = read_article(text.encode(), "wrapped.txt")
    assert article.body == (
        "Iran-backed militias have attacked US forces in Iraq and Syria at least 13 times in the past week, "
        "the Pentagon said, as the Iran-backed groups threatened more strikes.\n\nA second paragraph follows here."
    )


ARTICLE_TEXT = f"Israel’s “brave” response\n\nThe Café Times\n19 February 2024\n\n{BODY} It’s “over”, he said.\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252"])
def test_common_encodings_are_decoded(encoding: str) -> None:
    article = read_article(ARTICLE_TEXT.encode(encoding), "encoded.txt")
    assert article.title == "Israel’s “brave” response"
    assert article.source == "The Café Times"
    assert article.published == date(2024, 2, 19)
    assert article.body.endswith("It’s “over”, he said.")


def test_latin1_accents_and_windows_line_endings() -> None:
    text = "Réunion à Genève\r\n\r\nLe Monde\r\n05.01.2024\r\n\r\nLes négociateurs se sont réunis à Genève.\r\n"
    article = read_article(text.encode("latin-1"), "geneve.txt")
    assert (article.title, article.source, article.published) == ("Réunion à Genève", "Le Monde", date(2024, 1, 5))
    assert article.body == "Les négociateurs se sont réunis à Genève."


def test_non_western_single_byte_encoding_is_detected() -> None:
    sentence = "Израиль нанес удар по Газе в понедельник, сообщили официальные лица. "
    article = read_article((sentence * 4).encode("cp1251"), "russian.txt")
    assert article.body.startswith(sentence.strip())


HTML_PAGE = """<!DOCTYPE html>
<html><head>
<meta charset="utf-8">
<title>Drone hits outpost in Jordan | NJ Today</title>
<meta property="og:title" content="Three US soldiers killed as drone hits outpost in Jordan">
<meta property="og:site_name" content="NJ Today">
<meta property="article:published_time" content="2024-01-29T08:15:00-05:00">
<style>p { color: red; }</style>
<script>window.tracking = "Syria Iraq";</script>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<aside>Most read: Houthis fire at tanker</aside>
<article>
<h1>Three US soldiers killed as drone hits outpost in Jordan</h1>
<div class="share-buttons"><a>Share on Facebook</a></div>
<p>Three American soldiers died and at least two dozen others were wounded when a drone slammed into a
small US military outpost in Jordan overnight on <b>Sunday</b>.</p>
<p>Officials are still working out how much damage was caused&nbsp;&amp; whether there were more casualties.</p>
<iframe src="https://video.example.com"></iframe>
</article>
<footer>© NJ Today 2024</footer>
</body></html>
"""


def test_html_main_text_without_scripts_navigation_or_footer() -> None:
    article = read_article(HTML_PAGE.encode(), "page.html")
    assert article.title == "Three US soldiers killed as drone hits outpost in Jordan"
    assert article.source == "NJ Today"
    assert article.published == date(2024, 1, 29)
    assert (
        article.body
        == f"{BODY}\n\nOfficials are still working out how much damage was caused & whether there were more casualties."
    )
    for furniture in ("tracking", "color", "Home", "Most read", "Share", "©"):
        assert furniture not in article.text


def test_html_link_lists_are_left_out_of_a_page_without_article_element() -> None:
    page = (
        "<html><body><div><ul><li><a href='/a'>Israel strikes Rafah</a></li><li><a href='/b'>Houthis fire at tanker</a>"
        f"</li></ul></div><div>{BODY}</div><div>Read the <a href='/x'>earlier report</a> on the attack.</div>"
        "</body></html>"
    )
    article = read_article(page.encode(), "page.html")
    assert "Rafah" not in article.text and "tanker" not in article.text
    assert article.body.endswith("Read the earlier report on the attack.")


def test_html_date_from_time_element_and_title_without_outlet_suffix() -> None:
    page = (
        "<html><head><title>Ship seized in Red Sea - Arab News</title></head><body>"
        f"<p><time datetime='2023-11-21'>Nov 21</time></p><p>{BODY}</p></body></html>"
    )
    article = read_article(page.encode(), "ship.htm")
    assert article.title == "Ship seized in Red Sea"
    assert article.published == date(2023, 11, 21)
    assert article.body.endswith(BODY)


def test_html_json_ld_and_declared_windows_charset() -> None:
    linked = json.dumps(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Site"},
                {
                    "@type": "NewsArticle",
                    "headline": "Café talks",
                    "datePublished": "2024-01-05",
                    "publisher": {"name": "TAG24"},
                },
            ],
        }
    )
    page = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
        f"<script type='application/ld+json'>{linked}</script></head>"
        "<body><p>Les négociateurs se sont réunis au café “Central”.</p></body></html>"
    )
    article = read_article(page.encode("cp1252"), "cafe.html")
    assert (article.title, article.source, article.published) == ("Café talks", "TAG24", date(2024, 1, 5))
    assert article.body == "Les négociateurs se sont réunis au café “Central”."


def test_html_header_lines_in_the_text_fill_missing_metadata() -> None:
    page = f"<html><body><h1>Ship seized</h1><p>i24NEWS</p><p>21/11/2023</p><p>{BODY}</p></body></html>"
    article = read_article(page.encode(), "ship.html")
    assert (article.title, article.source, article.published) == ("Ship seized", "i24NEWS", date(2023, 11, 21))
    assert article.body == BODY


def test_markdown_markup_is_removed() -> None:
    text = (
        "# Drone hits **outpost** in Jordan\n\nNJ Today\n2024-01-29\n\n"
        "![map](https://example.com/map.png)\n\n"
        "Three [American soldiers](https://example.com/soldiers) died in *Jordan*.\n\n> A quoted line.\n"
    )
    article = read_article(text.encode(), "outpost.md")
    assert (article.title, article.source, article.published) == (
        "Drone hits outpost in Jordan",
        "NJ Today",
        date(2024, 1, 29),
    )
    assert article.body == "Three American soldiers died in Jordan.\n\nA quoted line."


def test_email_subject_date_and_body() -> None:
    message = (
        "From: Desk <desk@example.com>\r\nSubject: Houthis seize cargo ship\r\n"
        "Date: Tue, 21 Nov 2023 09:30:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
        f"{BODY}\r\n"
    )
    article = read_article(message.encode(), "tip.eml")
    assert (article.title, article.published, article.body) == ("Houthis seize cargo ship", date(2023, 11, 21), BODY)


def test_read_path_names_the_path_in_errors(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    with pytest.raises(ArticleReadError) as caught:
        read_path(missing)
    assert caught.value.filename == str(missing) and caught.value.reason == "no such file"
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(ArticleReadError, match="empty file") as caught:
        read_path(empty)
    assert caught.value.filename == str(empty)
    with pytest.raises(ArticleReadError, match="is a folder"):
        read_path(tmp_path)


def test_read_path_refuses_oversize_files_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 2048)
    with pytest.raises(ArticleReadError, match="too large"):
        read_path(path, max_bytes=1024)


def test_read_path_keeps_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "strike.txt"
    path.write_text(f"Strike\n\n{BODY}\n", encoding="utf-8")
    assert read_path(path).filename == "strike.txt"


@pytest.mark.skipif(not DEV_CORPUS.is_dir(), reason="the shared dev corpus is not beside this checkout")
@pytest.mark.parametrize("name", sorted(path.stem for path in DEV_CORPUS.glob("*.txt")) if DEV_CORPUS.is_dir() else [])
def test_dev_corpus_publication_dates_match_gold(name: str) -> None:
    gold = json.loads((DEV_CORPUS / f"{name}.gold.json").read_text(encoding="utf-8"))
    article = read_path(DEV_CORPUS / f"{name}.txt")
    assert article.published == (date.fromisoformat(gold["published"]) if gold["published"] else None)
    assert article.title and article.source
    assert article.title not in article.body and article.source not in article.body.split("\n\n")[0]


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(SUPPORTED_EXTENSIONS))
def test_any_bytes_give_an_article_or_a_read_error(data: bytes, extension: str) -> None:
    try:
        article = read_article(data, f"input{extension}")
    except ArticleReadError as error:
        assert error.reason
    else:
        assert article.title or article.body


@pytest.mark.parametrize(
    ("date_line", "body", "expected"),
    [
        # Day first by default, as most of the region's outlets write dates.
        ("05.01.2024", "The blasts on Wednesday killed 84 people.", date(2024, 1, 5)),
        ("05.01.2024", "The blasts on January 3 killed 84 people.", date(2024, 1, 5)),
        # Month first when the body names only that reading's month (US-style and some Israeli sites).
        ("10.02.24", "Iran fired about 180 missiles on October 1, the army said.", date(2024, 10, 2)),
        ("03/04/2024", "The strike on Monday, March 4, hit a depot.", date(2024, 3, 4)),
        ("03/04/2024", "Talks in April and March went nowhere.", date(2024, 4, 3)),
        # "may" the verb is no month.
        ("05/06/2024", "Officials said the toll may rise.", date(2024, 6, 5)),
        # Unambiguous dates are never swapped.
        ("25/10/2023", "In October the attacks began.", date(2023, 10, 25)),
    ],
)
def test_ambiguous_numeric_dates_follow_the_body_month(date_line: str, body: str, expected: date) -> None:
    article = read_article(f"A headline about strikes\n\nWire Desk\n{date_line}\n\n{body}\n".encode(), "a.txt")
    assert article.published == expected
