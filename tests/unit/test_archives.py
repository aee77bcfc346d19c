"""Reading zip uploads safely: good members come out in order, every dangerous one is refused with its reason."""

from __future__ import annotations

import io
import logging
import random
import stat
import struct
import zipfile

import pytest

from flashpoint.archives import iter_zip_members
from flashpoint.errors import ArticleReadError

KB = 1024
MB = 1024 * KB
REPORT = b"Rockets hit northern Israel\n\nSirens sounded across the Galilee on Tuesday, the army said."
CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"
FLAGS_AT = 8
UNCOMPRESSED_SIZE_AT = 24


def zip_of(members: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def prose(size: int, seed: int) -> bytes:
    """Text that compresses like prose (about 3:1), so only the limits under test can refuse it."""
    words = [
        "".join(random.Random(seed * 1000 + index).choices("abcdefghijklmnopqrstuvwxyz", k=6)) for index in range(500)
    ]
    chooser = random.Random(seed)
    text = " ".join(chooser.choice(words) for _ in range(size // 6))
    return text.encode()[:size]


def patched_central_entry(data: bytes, offset: int, packed: bytes) -> bytes:
    """The archive with bytes at `offset` of its first central-directory entry replaced (zipfile trusts those)."""
    entry = data.index(CENTRAL_DIRECTORY_ENTRY)
    return data[: entry + offset] + packed + data[entry + offset + len(packed) :]


def read(
    data: bytes,
    *,
    max_member_bytes: int = MB,
    max_total_bytes: int = 10 * MB,
    max_members: int = 100,
    max_depth: int = 1,
) -> tuple[list[tuple[str, bytes]], list[tuple[str, str]]]:
    refused: list[ArticleReadError] = []
    members = list(
        iter_zip_members(
            data,
            "upload.zip",
            max_member_bytes=max_member_bytes,
            max_total_bytes=max_total_bytes,
            max_members=max_members,
            on_rejected=refused.append,
            max_depth=max_depth,
        )
    )
    return members, [(error.filename, error.reason) for error in refused]


def test_good_members_come_out_in_order_with_their_folders_and_without_directories() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.mkdir("reports")
        archive.writestr("reports/2024/first.txt", REPORT)
        archive.writestr("./second.html", b"<p>Sirens</p>")
        archive.writestr("stored.md", REPORT, compress_type=zipfile.ZIP_STORED)
    members, refused = read(buffer.getvalue())
    assert members == [("reports/2024/first.txt", REPORT), ("second.html", b"<p>Sirens</p>"), ("stored.md", REPORT)]
    assert refused == []


def test_symbolic_link_member_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        link = zipfile.ZipInfo("passwd.txt")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
        archive.writestr("report.txt", REPORT)
    members, refused = read(buffer.getvalue())
    assert members == [("report.txt", REPORT)]
    assert refused == [("upload.zip/passwd.txt", "symbolic link: links are never followed")]


def test_encrypted_member_is_refused_without_asking_for_a_password() -> None:
    data = patched_central_entry(zip_of({"secret.txt": REPORT, "report.txt": REPORT}), FLAGS_AT, b"\x01\x00")
    members, refused = read(data)
    assert members == [("report.txt", REPORT)]
    assert refused == [("upload.zip/secret.txt", "encrypted member: it needs a password")]


def test_one_level_of_nested_archives_is_read_and_deeper_ones_are_refused() -> None:
    deepest = zip_of({"deep.txt": REPORT})
    inner = zip_of({"january.txt": REPORT, "older.zip": deepest})
    members, refused = read(zip_of({"2024.zip": inner, "top.txt": REPORT}))
    assert members == [("2024.zip/january.txt", REPORT), ("top.txt", REPORT)]
    assert refused == [("upload.zip/2024.zip/older.zip", "an archive nested more than 1 level deep")]


def test_nesting_can_be_forbidden_and_word_files_are_never_opened_as_archives() -> None:
    word_file = zip_of({"word/document.xml": b"<w:document/>"})
    members, refused = read(zip_of({"inner.zip": zip_of({"a.txt": REPORT}), "report.docx": word_file}), max_depth=0)
    assert members == [("report.docx", word_file)]
    assert refused == [("upload.zip/inner.zip", "an archive nested more than 0 levels deep")]


def test_damaged_nested_archive_is_refused_and_the_rest_read() -> None:
    members, refused = read(zip_of({"inner.zip": b"PK\x03\x04 cut short", "report.txt": REPORT}))
    assert members == [("report.txt", REPORT)]
    assert refused == [("upload.zip/inner.zip", "broken zip archive (File is not a zip file)")]


def test_member_with_an_excessive_compression_ratio_is_refused_below_the_size_limit() -> None:
    members, refused = read(zip_of({"blank.txt": bytes(5 * MB), "report.txt": REPORT}), max_member_bytes=20 * MB)
    assert members == [("report.txt", REPORT)]
    [(name, reason)] = refused
    assert name == "upload.zip/blank.txt"
    assert reason.startswith("compression bomb: 5.0 MB packed into 5.0 KB (")


def test_member_whose_header_understates_its_size_is_never_read_past_it() -> None:
    data = patched_central_entry(
        zip_of({"report.txt": prose(200 * KB, seed=1), "next.txt": REPORT}),
        UNCOMPRESSED_SIZE_AT,
        struct.pack("<I", 100),
    )
    members, refused = read(data)
    assert members == [("next.txt", REPORT)]
    [(name, reason)] = refused
    assert name == "upload.zip/report.txt" and reason.startswith("damaged member (Bad CRC-32")


def test_member_whose_header_overstates_its_size_is_refused_before_reading() -> None:
    data = patched_central_entry(zip_of({"report.txt": REPORT}), UNCOMPRESSED_SIZE_AT, struct.pack("<I", 3 * 10**9))
    members, refused = read(data)
    assert members == []
    assert refused == [("upload.zip/report.txt", "unpacks to 2861.0 MB; the limit is 1.0 MB per file")]


def test_total_limit_is_shared_by_all_members_and_nested_archives() -> None:
    parts = {f"part{number}.txt": prose(400 * KB, seed=number) for number in range(4)}
    nested = {"more.zip": zip_of({"part4.txt": prose(400 * KB, seed=4)}), **parts}
    members, refused = read(zip_of(nested), max_total_bytes=MB)
    inner_size = len(zip_of({"part4.txt": prose(400 * KB, seed=4)}))
    assert [name for name, _ in members] == ["more.zip/part4.txt", "part0.txt"]
    assert sum(len(content) for _, content in members) + inner_size <= MB
    assert refused == [
        (f"upload.zip/part{number}.txt", "the archive's total size limit is used up") for number in (1, 2, 3)
    ]


def test_members_past_the_count_limit_are_reported_once() -> None:
    members, refused = read(zip_of({f"report{number}.txt": REPORT for number in range(5)}), max_members=3)
    assert [name for name, _ in members] == ["report0.txt", "report1.txt", "report2.txt"]
    assert refused == [("upload.zip", "2 more members not read: the limit is 3 per archive")]


def test_second_member_with_the_same_name_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("report.txt", REPORT)
        archive.writestr("./report.txt", b"a different text overwriting the first")
    members, refused = read(buffer.getvalue())
    assert members == [("report.txt", REPORT)]
    assert refused == [("upload.zip/./report.txt", "a second member with the same name")]


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (REPORT, "not a zip archive"),
        (b"", "not a zip archive"),
        (zip_of({"report.txt": REPORT})[:40], "broken zip archive (File is not a zip file)"),
    ],
)
def test_upload_that_is_no_readable_archive_is_refused_at_once(data: bytes, reason: str) -> None:
    with pytest.raises(ArticleReadError) as refused:
        iter_zip_members(data, "upload.zip", max_member_bytes=MB, max_total_bytes=MB, max_members=10)
    assert (refused.value.filename, refused.value.reason) == ("upload.zip", reason)


def test_refusals_are_logged_when_no_handler_is_given(caplog: pytest.LogCaptureFixture) -> None:
    data = zip_of({"../evil.txt": REPORT, "report.txt": REPORT})
    with caplog.at_level(logging.WARNING, logger="flashpoint.archives"):
        members = list(iter_zip_members(data, "upload.zip", max_member_bytes=MB, max_total_bytes=MB, max_members=10))
    assert members == [("report.txt", REPORT)]
    assert "upload.zip/../evil.txt: unsafe name: '..' would leave the folder" in caplog.text
