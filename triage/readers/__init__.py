"""Readers: bytes in, `Document` out, or exactly one typed `ReadError`.

The format is decided by the bytes, not the name: a file whose extension disagrees with its
content is refused with a sentence that says so, rather than half-read.
"""

from __future__ import annotations

import codecs
import json
import zipfile
from io import BytesIO
from pathlib import PurePath

from triage.document import Document
from triage.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    MismatchedExtensionError,
    UnsupportedTypeError,
)
from triage.readers.bounds import check_document
from triage.readers.limits import ReaderLimits

EXTENSIONS = {
    ".pdf": "pdf",
    ".docx": "docx",
    ".txt": "text",
    ".md": "text",
    ".markdown": "text",
    ".text": "text",
    ".json": "json",
}
FORMAT_NAMES = {"pdf": "PDF", "docx": "Word (DOCX)", "text": "plain text", "json": "JSON Resume"}
SUPPORTED = "PDF, DOCX, TXT/MD or JSON Resume"


def sniff(data: bytes) -> str | None:
    """The format the bytes are in, judged from their content alone."""
    head = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip()  # editors on Windows add a BOM
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
            return "zip"  # NotImplementedError: a zip format version Python cannot read
        return "docx" if "word/document.xml" in names else "zip"
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return "ole"  # legacy .doc, or an encrypted Office file
    if head[:1] in (b"{", b"["):
        try:
            json.loads(data.decode("utf-8-sig"))
            return "json"
        except RecursionError:
            return "json"  # nested too deep to parse: JSON all the same; its reader refuses it
        except (UnicodeDecodeError, json.JSONDecodeError):
            return "text" if _looks_like_text(data) else None
        except ValueError:
            return "json"  # well-formed, but a number Python will not convert: its reader reads
            # such numbers as text
    return "text" if _looks_like_text(data) else None


def _looks_like_text(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return False
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # a cut multi-byte character at the end is fine
            try:
                sample.decode("cp1252")
            except UnicodeDecodeError:
                return False
    printable = sum(1 for b in sample if b >= 32 or b in (9, 10, 13))
    return printable / max(1, len(sample)) > 0.95


def read_document(data: bytes, filename: str | None = None, limits: ReaderLimits | None = None
                  ) -> Document:
    """Read any supported resume file into a `Document`, refused (one sentence) when it holds
    more than a resume ever does, so no later step works on an unbounded document."""
    limits = limits or ReaderLimits()
    return check_document(_read(data, filename, limits), limits)


def _utf8_from_utf16(data: bytes) -> bytes:
    """Windows Notepad saves "Unicode" text as UTF-16 with a byte-order mark; every reader after
    this one expects UTF-8. Without the mark UTF-16 cannot be told from binary, so it is left."""
    if data[:2] in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        return data.decode("utf-16", errors="replace").encode("utf-8")
    return data


def _read(data: bytes, filename: str | None, limits: ReaderLimits) -> Document:
    if not data or not data.strip():
        raise EmptyFileError("This file is empty; choose the resume file again.")
    if len(data) > limits.max_bytes:
        raise FileTooLargeError(
            f"This file is {len(data) / 1_048_576:.1f} MB; the limit is "
            f"{limits.max_bytes / 1_048_576:.0f} MB. Export a lighter copy (fewer images)."
        )
    data = _utf8_from_utf16(data)
    claimed = EXTENSIONS.get(PurePath(filename).suffix.lower()) if filename else None
    actual = sniff(data)
    if filename and claimed is None and PurePath(filename).suffix:
        raise UnsupportedTypeError(
            f"'{PurePath(filename).suffix}' files are not supported; upload a {SUPPORTED}."
        )
    if actual in (None, "zip", "ole"):
        if actual == "ole" and claimed == "docx":
            raise EncryptedFileError(
                "This Word file is password-protected or in the old .doc format; save it as an "
                "unprotected .docx and upload it again."
            )
        if claimed is not None and claimed != "text":
            raise CorruptFileError(
                f"This file claims to be {FORMAT_NAMES[claimed]} but is damaged or not in that "
                "format; export it again."
            )
        raise UnsupportedTypeError(f"This file is not a format we read; upload a {SUPPORTED}.")
    if claimed is not None and claimed != actual and not (claimed == "text" and actual == "json"):
        raise MismatchedExtensionError(
            f"This file is named as {FORMAT_NAMES[claimed]} but its content is "
            f"{FORMAT_NAMES[actual]}; rename it with the right extension or export it again."
        )
    fmt = claimed if claimed == "text" else actual
    if fmt == "pdf":
        from triage.readers.pdf import read_pdf

        return read_pdf(data, limits)
    if fmt == "docx":
        from triage.readers.docx import read_docx

        return read_docx(data, limits)
    if fmt == "json":
        from triage.readers.jsonresume import read_json_resume

        return read_json_resume(data, limits)
    from triage.readers.text import read_text

    return read_text(data, limits)
