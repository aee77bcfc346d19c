"""Turn the bytes of a text file into a string, whatever common encoding it was saved in."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from flashpoint.errors import ArticleReadError

# UTF-32 marks first: the UTF-32 LE mark begins with the UTF-16 LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Opening bytes of common binary formats, so a mislabelled file gets a useful message.
MAGIC_NUMBERS = (
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (DOCX, XLSX or similar)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)

# Characters that never occur in prose: C0/C1 controls other than whitespace, and the replacement character.
_NON_TEXT = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
# Share of non-text characters above which a decoded file is treated as binary data.
MAX_NON_TEXT_SHARE = 0.01
# In Western single-byte text, bytes above 0x7f are accents and curly quotes standing alone among ASCII letters;
# in Arabic, Hebrew or Cyrillic code pages whole words are made of them.
MAX_CLUSTERED_HIGH_SHARE = 0.3
MAX_HIGH_BYTE_SHARE = 0.3
_HIGH_BYTE_RUNS = re.compile(rb"[\x80-\xff]+")
REPLACEMENT_CHARACTER = "\ufffd"
_HIGH_BYTES = bytes(range(0x80, 0x100))
# Share of the bytes above 0x7f that must form valid UTF-8 for a file with broken sequences to be read as UTF-8.
MIN_VALID_UTF8_SHARE = 0.5


def decode_text(data: bytes, filename: str) -> str:
    """Decode text bytes: byte-order marks, UTF-8, UTF-16 without a mark, Windows-1252, then detection."""
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return ensure_text(data.decode(codec), filename)
            except UnicodeDecodeError as error:
                raise ArticleReadError(
                    filename, f"starts with a {codec} byte-order mark but is not {codec} text"
                ) from error
    for magic, description in MAGIC_NUMBERS:
        if data.startswith(magic):
            raise ArticleReadError(filename, f"binary data (looks like {description}), not text")
    if b"\x00" in data:
        return ensure_text(_decode_utf16_without_mark(data, filename), filename)
    try:
        return ensure_text(data.decode("utf-8"), filename)
    except UnicodeDecodeError:
        pass
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return ensure_text(damaged, filename)
    if _looks_western(data):
        try:
            return ensure_text(data.decode("cp1252"), filename)
        except UnicodeDecodeError:
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise ArticleReadError(filename, "not decodable as text in any common encoding (binary file?)")
    return ensure_text(str(best), filename)


def _decode_utf16_without_mark(data: bytes, filename: str) -> str:
    """NUL bytes in text mean UTF-16 without a mark: ASCII letters leave a NUL in every other byte."""
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    half = len(data) / 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        codec = "utf-16-le"
    elif even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        codec = "utf-16-be"
    else:
        raise ArticleReadError(filename, "contains NUL bytes: binary data, not text")
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise ArticleReadError(filename, "contains NUL bytes: binary data, not text") from error


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few broken sequences (a cut download, a bad copy), each shown as U+FFFD.

    Only when most of the file's bytes above 0x7f form valid UTF-8: single-byte code pages seldom form valid UTF-8
    sequences by chance, so in their files most such bytes come out broken.
    """
    text = data.decode("utf-8", errors="replace")
    replaced = text.count(REPLACEMENT_CHARACTER)
    if replaced > MAX_NON_TEXT_SHARE * len(text):
        return None
    high_bytes = len(data) - len(data.translate(None, _HIGH_BYTES))
    # Re-encoded, the text holds the ASCII bytes, the valid sequences, and three bytes per replacement character.
    valid_high_bytes = len(text.encode()) - (len(data) - high_bytes) - len(REPLACEMENT_CHARACTER.encode()) * replaced
    return text if valid_high_bytes >= MIN_VALID_UTF8_SHARE * high_bytes else None


def _looks_western(data: bytes) -> bool:
    runs = [len(run) for run in _HIGH_BYTE_RUNS.findall(data)]
    high = sum(runs)
    if not high or high > MAX_HIGH_BYTE_SHARE * len(data):
        return False
    clustered = sum(length for length in runs if length > 1)
    return clustered <= MAX_CLUSTERED_HIGH_SHARE * high


def ensure_text(text: str, filename: str) -> str:
    """The decoded text, unless control characters show it was binary data."""
    non_text = len(_NON_TEXT.findall(text))
    if non_text > MAX_NON_TEXT_SHARE * max(len(text), 1):
        raise ArticleReadError(filename, "mostly non-text characters: binary data, not text")
    return text
