"""Bad input: every broken, hostile or unsupported upload ends in one typed error with one plain
sentence, quickly. The sentences are pinned here because they are what a person reads."""

from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable

import docx
import pytest
from conftest import docx_bytes, make_pdf, png_bytes, text_page
from fpdf import FPDF

from triage.errors import (
    CorruptFileError,
    EmptyFileError,
    EncryptedFileError,
    FileTooLargeError,
    ImageOnlyError,
    MismatchedExtensionError,
    ReadError,
    TooManyPagesError,
    UnsupportedTypeError,
)
from triage.readers import read_document
from triage.readers.limits import ReaderLimits

SUPPORTED = "upload a PDF, DOCX, TXT/MD or JSON Resume."
PDF_DAMAGED = (
    "This PDF is damaged or incomplete and could not be read; export it again from the original "
    "document."
)
NOT_JSON_RESUME = (
    "This JSON file is not a JSON Resume (it needs a 'basics' or 'work' section); export it from "
    "a JSON Resume tool or upload a PDF or DOCX."
)
DOCX_CLAIMED_DAMAGED = (
    "This file claims to be Word (DOCX) but is damaged or not in that format; export it again."
)


def _good_pdf() -> bytes:
    return make_pdf(text_page(["Jane Doe", "Senior Engineer", "Experience", "Acme 2019 - 2021"]))


def _image_only_pdf() -> bytes:
    def draw(pdf: FPDF) -> None:
        pdf.image(io.BytesIO(png_bytes()), x=72, y=72, w=200)

    return make_pdf(draw)


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _docx_bomb() -> bytes:
    # ~100 MB of zeros deflates to ~100 KB: the directory alone must give it away.
    return _zip({
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document/>",
        "word/media/zeros.bin": b"\0" * 100_000_000,
    })


def _docx_without_text() -> bytes:
    document = docx.Document()
    document.add_paragraph("")
    return docx_bytes(document)


Case = tuple[Callable[[], bytes], str | None, ReaderLimits | None, type[ReadError], str]

CASES: dict[str, Case] = {
    "empty bytes": (lambda: b"", "cv.pdf", None, EmptyFileError,
                    "This file is empty; choose the resume file again."),
    "whitespace only": (lambda: b" \n\t\r\n  ", "cv.txt", None, EmptyFileError,
                        "This file is empty; choose the resume file again."),
    "exe extension": (lambda: b"MZ\x90\x00" + bytes(200), "cv.exe", None, UnsupportedTypeError,
                      f"'.exe' files are not supported; {SUPPORTED}"),
    "png named png": (png_bytes, "cv.png", None, UnsupportedTypeError,
                      f"'.png' files are not supported; {SUPPORTED}"),
    "png without a name": (png_bytes, None, None, UnsupportedTypeError,
                           f"This file is not a format we read; {SUPPORTED}"),
    "png named pdf": (png_bytes, "cv.pdf", None, CorruptFileError,
                      "This file claims to be PDF but is damaged or not in that format; export it "
                      "again."),
    "pdf named docx": (_good_pdf, "cv.docx", None, MismatchedExtensionError,
                       "This file is named as Word (DOCX) but its content is PDF; rename it with "
                       "the right extension or export it again."),
    "truncated pdf": (lambda: _good_pdf()[: int(len(_good_pdf()) * 0.4)], "cv.pdf", None,
                      CorruptFileError, PDF_DAMAGED),
    "garbage after pdf header": (lambda: b"%PDF-1.7\n" + os.urandom(4000), "cv.pdf", None,
                                 CorruptFileError, PDF_DAMAGED),
    "encrypted pdf": (lambda: make_pdf(text_page(["Jane Doe"]), encrypt_user_password="secret"),
                      "cv.pdf", None, EncryptedFileError,
                      "This PDF is password-protected; remove the password (or export a copy "
                      "without one) and upload it again."),
    "image-only pdf": (_image_only_pdf, "scan.pdf", None, ImageOnlyError,
                       "This PDF has no text layer (it looks scanned or made of images); export "
                       "the resume from your editor as a PDF with text, or upload the DOCX."),
    "over the byte limit": (lambda: make_pdf(text_page(["Jane Doe " * 10] * 40)), "cv.pdf",
                            ReaderLimits(max_bytes=1000), FileTooLargeError,
                            "This file is 0.0 MB; the limit is 0 MB. Export a lighter copy "
                            "(fewer images)."),
    "over the page limit": (lambda: make_pdf(*[text_page([f"Page {i}"]) for i in range(3)]),
                            "cv.pdf", ReaderLimits(max_pages=2), TooManyPagesError,
                            "This PDF has more than 2 pages; a resume that long cannot be "
                            "skimmed, so it was not read."),
    "docx zip bomb": (_docx_bomb, "cv.docx", None, FileTooLargeError,
                      "This Word file would expand too much when opened (it may be a zip bomb), "
                      "so it was not read; save it again from Word."),
    "zip without word/document.xml": (lambda: _zip({"hello.txt": b"hi"}), "cv.docx", None,
                                      CorruptFileError, DOCX_CLAIMED_DAMAGED),
    "random bytes named docx": (lambda: os.urandom(4000), "cv.docx", None, CorruptFileError,
                                DOCX_CLAIMED_DAMAGED),
    "truncated docx": (lambda: docx_bytes(docx.Document())[:6000], "cv.docx", None,
                       CorruptFileError, DOCX_CLAIMED_DAMAGED),
    "docx with broken xml": (lambda: _zip({"[Content_Types].xml": b"<Types",
                                           "word/document.xml": b"<w:document"}),
                             "cv.docx", None, CorruptFileError,
                             "This Word file is damaged and could not be read; export it again "
                             "from Word."),
    "docx without text": (_docx_without_text, "cv.docx", None, EmptyFileError,
                          "This Word file has no text (it may hold only images); upload a version "
                          "with text."),
    "ole header named docx": (lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000),
                              "cv.docx", None, EncryptedFileError,
                              "This Word file is password-protected or in the old .doc format; "
                              "save it as an unprotected .docx and upload it again."),
    "json that is not a resume": (lambda: json.dumps({"name": "x", "items": [1]}).encode(),
                                  "cv.json", None, UnsupportedTypeError, NOT_JSON_RESUME),
    "json array": (lambda: b"[1, 2, 3]", "cv.json", None, UnsupportedTypeError, NOT_JSON_RESUME),
    "json without a name": (lambda: json.dumps({"title": "x"}).encode(), None, None,
                            UnsupportedTypeError, NOT_JSON_RESUME),
    "json nested too deep": (lambda: b"[" * 100_000 + b"]" * 100_000, "cv.json", None,
                             UnsupportedTypeError, NOT_JSON_RESUME),
    "json resume without text": (lambda: b'{"basics": {"name": ""}, "work": []}', "cv.json", None,
                                 EmptyFileError,
                                 "This JSON Resume has no text in it; fill in at least the "
                                 "basics."),
    "markdown with no visible text": (lambda: b"---\n\n***\n| --- | --- |\n", "cv.md", None,
                                      EmptyFileError,
                                      "This text file has no text; choose the resume file "
                                      "again."),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_raises_one_typed_error_with_its_sentence(case: str) -> None:
    make, filename, limits, error, message = CASES[case]
    with pytest.raises(ReadError) as caught:
        read_document(make(), filename, limits)
    assert type(caught.value) is error
    assert caught.value.message == message
    assert str(caught.value) == message
    # One plain sentence: no traceback text, no newlines.
    assert "\n" not in message and "Traceback" not in message


def test_docx_reader_refuses_a_bomb_without_decompressing_it() -> None:
    """Called directly (no sniffing), the DOCX reader itself applies the zip guards."""
    from triage.readers.docx import read_docx

    with pytest.raises(FileTooLargeError):
        read_docx(_docx_bomb(), ReaderLimits())
    with pytest.raises(CorruptFileError) as caught:
        read_docx(_zip({"hello.txt": b"hi"}), ReaderLimits())
    assert caught.value.message == (
        "This Word file is missing its main document part; export it again from Word."
    )
    with pytest.raises(CorruptFileError):
        read_docx(b"not a zip at all", ReaderLimits())


def test_text_reader_never_fails_on_undecodable_bytes() -> None:
    """cp1252 has five unassigned bytes; they become replacement marks, not a crash."""
    from triage.readers.text import read_text

    doc = read_text(b"Jane Doe\n\x81\x8d Engineer", ReaderLimits())
    assert doc.lines[0].text == "Jane Doe"


def test_json_reader_refuses_invalid_json_directly() -> None:
    from triage.readers.jsonresume import read_json_resume

    with pytest.raises(UnsupportedTypeError) as caught:
        read_json_resume(b"{not json", ReaderLimits())
    assert caught.value.message == NOT_JSON_RESUME
