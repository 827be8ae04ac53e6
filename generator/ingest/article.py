"""Ingest one seed: decode its bytes, remove the page's boilerplate, read its metadata."""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata
from functools import lru_cache

from ..core.errors import source_error
from ..core.knowledge import reuse_last
from ..core.models import Article, Diagnostic, Outlet, SeedFile
from .clean import clean_text
from .metadata import extract_metadata

# Longest first: the UTF-32-LE mark starts with the UTF-16-LE one.
BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Scraped pages that are not UTF-8 are nearly always Windows-1252 (curly quotes at 0x93/0x94);
# latin-1 decodes anything, so it is the last resort. A detector such as charset-normalizer
# guesses cp1250 or other code pages for short Indonesian texts, so the order is fixed here.
LEGACY_ENCODINGS = ("cp1252", "latin-1")
BINARY_SIGNATURES = (b"%PDF-", b"PK\x03\x04", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"\x1f\x8b", b"\x7fELF")
CONTROL_BYTES = frozenset(range(0x20)) - {0x09, 0x0A, 0x0B, 0x0C, 0x0D}
# bytes.translate deletes these, leaving only the control bytes to count (in C, not per byte).
NOT_CONTROL_BYTES = bytes(sorted(set(range(256)) - CONTROL_BYTES))
MAX_CONTROL_SHARE = 0.02
SNIFF_BYTES = 8192
UTF16_NUL_SHARE = 0.3  # ASCII text in UTF-16 has a NUL in every other byte

LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\v\f\x85]")
ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\u180e]")
CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")


def decode(data: bytes, name: str) -> tuple[str, tuple[Diagnostic, ...]]:
    """Decode a seed's bytes to normalised text; warn when they were not clean UTF-8."""
    text, warning = decode_bytes(data, name)
    diagnostics = (Diagnostic(name, warning, severity="warning"),) if warning else ()
    return normalise(text), diagnostics


def decode_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    """Return the text and a warning if a legacy encoding or a repair was needed."""
    for mark, codec in BYTE_ORDER_MARKS:
        if data.startswith(mark):
            return decode_strictly(data, codec, name), wide_warning(codec)
    utf16 = detect_utf16(data)
    if utf16:
        return decode_strictly(data, utf16, name), wide_warning(utf16)
    if looks_binary(data):
        raise source_error(name, "binary file, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return decode_legacy(data)


def wide_warning(codec: str) -> str | None:
    """Warn about UTF-16/32 files: they decode fine, but other tools may not read them."""
    if codec == "utf-8-sig":
        return None
    return f"not UTF-8: decoded as {codec.upper()}; save it as UTF-8 for other tools"


def decode_strictly(data: bytes, codec: str, name: str) -> str:
    """Decode with a codec the bytes announced; a failure means a damaged file."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise source_error(name, f"damaged {codec} text at byte {error.start}; save it again as UTF-8") from None


def detect_utf16(data: bytes) -> str | None:
    """Recognise UTF-16 without a byte-order mark by its NUL bytes in every other place."""
    sample = data[:SNIFF_BYTES]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0) / (len(sample) / 2), sample[1::2].count(0) / (len(sample) / 2)
    if odd >= UTF16_NUL_SHARE and even < 0.05:
        return "utf-16-le"
    if even >= UTF16_NUL_SHARE and odd < 0.05:
        return "utf-16-be"
    return None


def looks_binary(data: bytes) -> bool:
    """Tell whether bytes are a binary file: a known signature, NUL bytes or many controls."""
    sample = data[:SNIFF_BYTES]
    if sample.startswith(BINARY_SIGNATURES) or b"\x00" in sample:
        return True
    controls = len(sample.translate(None, NOT_CONTROL_BYTES))
    return bool(sample) and controls / len(sample) > MAX_CONTROL_SHARE


def decode_legacy(data: bytes) -> tuple[str, str]:
    """Decode bytes that are not UTF-8: repair mostly-UTF-8 text, else use a legacy code page."""
    repaired = data.decode("utf-8", errors="replace")
    bad = repaired.count("\ufffd")
    good = sum(1 for char in repaired if ord(char) > 0x7F and char != "\ufffd")
    if good > bad:
        return repaired, f"invalid UTF-8: {bad} damaged byte(s) replaced with U+FFFD"
    for encoding in LEGACY_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, f"not UTF-8: decoded as {encoding}; check accented letters and quotes"
    raise AssertionError("latin-1 decodes any bytes")


def normalise(text: str) -> str:
    """Normalise to NFC with LF line ends, plain spaces and no invisible characters."""
    text = LINE_BREAKS.sub("\n", text)
    text = INVISIBLE.sub("", ODD_SPACES.sub(" ", text))
    return unicodedata.normalize("NFC", CONTROLS.sub("", text))


def ingest(seed: SeedFile, outlets: tuple[Outlet, ...]) -> Article:
    """Decode, clean and describe one seed; raise SourceError when no article is left."""
    text, diagnostics = decode(seed.data, seed.name)
    if not text.strip():
        raise source_error(seed.name, "empty file")
    outlets = tuple(outlets)
    cleaned = clean_text(text, outlet_aliases(outlets))
    if not any(block.kind != "heading" for block in cleaned.blocks):
        raise source_error(seed.name, "no article text left after removing boilerplate")
    return Article(
        file=seed.name,
        slug="",
        sha256=hashlib.sha256(seed.data).hexdigest(),
        meta=extract_metadata(cleaned.removed, cleaned.blocks, cleaned.dateline, outlets),
        blocks=cleaned.blocks,
        removed=cleaned.removed,
        warnings=tuple(diagnostic.message for diagnostic in diagnostics),
    )


@reuse_last
@lru_cache(maxsize=8)
def outlet_aliases(outlets: tuple[Outlet, ...]) -> frozenset:
    """Return the casefolded names and aliases of the outlets."""
    return frozenset(key.casefold() for outlet in outlets for key in (outlet.name, *outlet.aliases))
