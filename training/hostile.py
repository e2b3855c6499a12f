"""Hostile inputs, made on the fly, and a runner that says whether the CLI holds against each.

A file *holds* when `python -m triage score FILE` ends within the time limit and the memory
limit either with a verdict (exit 0) or with one plain sentence (exit 3, one line on stderr,
no traceback). Every file is built here from a few lines of code: nothing is fetched and no big
binary is committed. The tests import the builders; the team reruns the whole set with

    python -m training.hostile [--timeout 30] [--only NAME ...] [--keep DIR]

which prints one row per file: "holds", or what failed (exit code, seconds, peak MB).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import resource
import struct
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_resumes"
TIMEOUT_S = 30.0  # the bar for a hang
MEMORY_MB = 2500  # the bar for a blow-up (2.5 GB)
# The child's address space is capped, so a blow-up fails fast (a MemoryError) instead of
# swapping the machine: 4 GB leaves room for Python, numpy and pdfium's reservations.
ADDRESS_SPACE_BYTES = 4 * 1024**3

# --- a tiny PDF writer: objects in, a file with a correct xref table out -------------------------


def pdf_file(objects: list[bytes], root: int = 1, trailer_extra: bytes = b"") -> bytes:
    """A PDF whose object i+1 is `objects[i]` (the bytes between 'obj' and 'endobj')."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += (b"trailer\n<< /Size %d /Root %d 0 R " % (len(objects) + 1, root) + trailer_extra
            + b">>\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def stream(data: bytes, extra: bytes = b"") -> bytes:
    """A stream object's body with its /Length (and any filter entries in `extra`)."""
    return b"<< /Length %d %s>>\nstream\n" % (len(data), extra) + data + b"\nendstream"


FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def one_page_pdf(content: bytes, content_extra: bytes = b"", font: bytes = FONT,
                 media_box: bytes = b"[0 0 612 792]", more: list[bytes] | None = None) -> bytes:
    """Catalog 1, Pages 2, Page 3, content 4, font 5, then `more` as objects 6, 7, ..."""
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox " + media_box
        + b" /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        stream(content, content_extra),
        font,
        *(more or []),
    ])


RESUME_LINES = (
    "Jane Doe", "Senior Platform Engineer", "jane@example.com", "Experience",
    "Senior Platform Engineer, Acme Corp    Jan 2020 - Present",
    "Built the deployment pipeline that cut release time from days to hours",
    "Education", "BSc Computer Science, State University 2014",
)


def text_content(lines: tuple[str, ...] = RESUME_LINES, size: int = 11) -> bytes:
    """A content stream that sets each line at the left margin, top down."""
    ops = [b"BT /F1 %d Tf" % size]
    for index, line in enumerate(lines):
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(b"1 0 0 1 72 %d Tm (%s) Tj" % (720 - index * 16, escaped.encode("latin-1")))
    ops.append(b"ET")
    return b"\n".join(ops)


def _tounicode_font(cmap: bytes) -> tuple[bytes, bytes]:
    """A font object (5) whose ToUnicode map is object 6."""
    return (b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode 6 0 R >>",
            stream(cmap))


def pdf_empty_glyph_text() -> bytes:
    """Glyphs whose ToUnicode text is empty (a code mapped to nothing), among normal text."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"2 beginbfchar <41> <> <42> <0042> endbfchar\nendcmap end end")
    font, tounicode = _tounicode_font(cmap)
    return one_page_pdf(text_content(("ABABAB Engineer", "AAAA", "Jane Doe")), font=font,
                        more=[tounicode])


def pdf_empty_tounicode() -> bytes:
    """A font whose ToUnicode stream is empty."""
    font, tounicode = _tounicode_font(b"")
    return one_page_pdf(text_content(), font=font, more=[tounicode])


def pdf_runlength_truncated() -> bytes:
    """A content stream in RunLengthDecode cut off mid-run (the run promises more bytes)."""
    content = text_content()
    encoded = bytearray()
    for start in range(0, len(content), 128):
        chunk = content[start:start + 128]
        encoded += bytes([len(chunk) - 1]) + chunk
    return one_page_pdf(bytes(encoded[:-40]), b"/Filter /RunLengthDecode ")


def pdf_huge_page() -> bytes:
    """A page 1e9 points wide and tall, with ordinary text on it."""
    return one_page_pdf(text_content(), media_box=b"[0 0 1000000000 1000000000]")


def pdf_big_page() -> bytes:
    """A 20,000 x 20,000 pt page (the app's render took 66 s and 12 GB for this)."""
    return one_page_pdf(text_content(), media_box=b"[0 0 20000 20000]")


def pdf_flate_bomb(inflated_mb: int = 1024) -> bytes:
    """A content stream that inflates to 1 GB (about 1 MB on disk; ~10 s to build)."""
    packer = zlib.compressobj(9)
    filler = b" " * (1 << 24)
    body = packer.compress(text_content() + b"\n")
    for _ in range(max(1, inflated_mb // 16)):
        body += packer.compress(filler)
    body += packer.flush()
    return one_page_pdf(body, b"/Filter /FlateDecode ")


def pdf_root_self() -> bytes:
    """A Root that refers to itself (its Pages is the catalog)."""
    return pdf_file([b"<< /Type /Catalog /Pages 1 0 R >>"])


def pdf_root_is_reference_to_itself() -> bytes:
    """The trailer's Root is object 1, and object 1 is a reference to object 1."""
    return pdf_file([b"1 0 R"])


def pdf_surrogate_text() -> bytes:
    """A ToUnicode map that gives a lone surrogate (UTF-16 D800) for one letter."""
    cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"1 beginbfchar <4A> <D800> endbfchar\nendcmap end end")
    font, tounicode = _tounicode_font(cmap)
    return one_page_pdf(text_content(), font=font, more=[tounicode])


def pdf_recursive_reference() -> bytes:
    """Attributes that refer to themselves: a Resources and a MediaBox that are references
    to references, round in a circle."""
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources 6 0 R >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox 7 0 R /Contents 4 0 R >>",
        stream(text_content()),
        FONT,
        b"6 0 R",
        b"8 0 R",
        b"7 0 R",
    ])


def pdf_glyph_pile() -> bytes:
    """20,000 glyphs drawn on one spot."""
    ops = [b"BT /F1 11 Tf"] + [b"1 0 0 1 72 700 Tm (A) Tj"] * 20_000 + [b"ET"]
    return one_page_pdf(text_content() + b"\n" + b"\n".join(ops))


def pdf_many_pages() -> bytes:
    """Over the page limit: 60 pages."""
    count = 60
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % count, FONT]
    for i in range(count):
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources "
                       b"<< /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i))
        objects.append(stream(text_content()))
    return pdf_file(objects)


# --- text, Markdown and JSON -------------------------------------------------------------------


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def json_big_integer() -> bytes:
    """An integer of 5,000 digits (Python refuses to convert past 4,300)."""
    return b'{"basics": {"name": "Jane Doe"}, "meta": {"n": ' + b"9" * 5000 + b"}}"


def json_lone_surrogate() -> bytes:
    """A lone surrogate (\\ud800) in the name and a bullet: valid JSON, unprintable text."""
    resume = json.loads(sample("senior_mlops.json"))
    resume["basics"]["name"] = "Jane \\ud800 Doe"
    text = json.dumps(resume).replace("\\\\ud800", "\\ud800")
    return text.encode()


def json_many_roles(count: int = 10_000) -> bytes:
    """A JSON Resume with 10,000 roles."""
    work = [{"name": f"Company {i}", "position": "Engineer", "startDate": "2020-01",
             "endDate": "2021-01", "highlights": ["Built things"]} for i in range(count)]
    return json.dumps({"basics": {"name": "Jane Doe"}, "work": work}).encode()


def json_long_title() -> bytes:
    """A title of 10,000 words."""
    return json.dumps({"basics": {"name": "Jane Doe"},
                       "work": [{"name": "Acme", "position": "engineer " * 10_000,
                                 "startDate": "2020-01"}]}).encode()


def text_million_lines() -> bytes:
    """A million short lines (about 4 MB)."""
    return b"Jane Doe\n" + b"a b\n" * 1_000_000


def text_long_token() -> bytes:
    """A header whose one token is 50,000 characters long, then an ordinary resume."""
    return b"# " + b"x" * 50_000 + b"\n" + sample("senior_mlops.txt")


def text_dots() -> bytes:
    """80,000 dots on one line."""
    return b"Jane Doe\n" + b"." * 80_000 + b"\n"


def markdown_stars() -> bytes:
    return b"Jane Doe\n" + b"*" * 100_000 + b"\n"


def markdown_brackets() -> bytes:
    return b"Jane Doe\n" + b"[" * 100_000 + b"\n"


def markdown_mixed_marks() -> bytes:
    """Emphasis and link openers that never close, 100k of them between words."""
    return b"Jane Doe\n" + b"*a _b [c ](" * 10_000 + b"\n"


def text_stacked_resume() -> bytes:
    """A real resume pasted over and over into 9.9 MB: not one resume, however it reads."""
    one = sample("senior_mlops.txt")
    return one * (int(9.9 * 1024 * 1024) // len(one))


def text_many_lines_segmentation() -> bytes:
    """Structure segmentation over very many lines: 40,000 resume-like lines (under the
    character limit only if the limit is loose)."""
    lines = [b"Engineer, Acme    Jan 2020 - Present", b"- Built a thing"] * 20_000
    return b"Jane Doe\n" + b"\n".join(lines)


def json_deep_nesting() -> bytes:
    """200,000 nested arrays: a recursive parser's stack overflows."""
    return b"[" * 200_000 + b"]" * 200_000


def json_deep_object() -> bytes:
    """A basics section nested 50,000 objects deep."""
    return b'{"basics":' * 50_000 + b"1" + b"}" * 50_000


def json_wrong_types() -> bytes:
    """Every section of the wrong type: a list for basics, an object for work, ..."""
    return json.dumps({"basics": [1, 2], "work": {"a": 1}, "education": "x",
                       "skills": [None, 1, "a"]}).encode()


def json_million_keywords() -> bytes:
    """A million skill keywords, just over the byte limit."""
    keywords = [f"x{i}" for i in range(1_000_000)]
    return json.dumps({"basics": {"name": "Jane"},
                       "skills": [{"name": "Python", "keywords": keywords}]}).encode()


def json_huge_name() -> bytes:
    """A five-million-character name."""
    return json.dumps({"basics": {"name": "J" * 5_000_000}}).encode()


def text_nul_bytes() -> bytes:
    return b"Jane Doe\x00\x00\nEngineer\x00 at Acme\n" * 1000


def text_random_bytes() -> bytes:
    """Ten megabytes of every byte value: not text in any encoding."""
    return bytes(range(256)) * 40_000


def markdown_one_long_line() -> bytes:
    """Two million words on one line (10 MB, under the byte limit)."""
    return b"word " * 2_000_000


def pdf_huge_image() -> bytes:
    """A page that draws a 30,000 x 30,000 pixel image (900 million pixels, 10 KB of Flate)."""
    pixels = zlib.compress(b"\x00" * (30_000 * 300), 9)
    image = (b"<< /Type /XObject /Subtype /Image /Width 30000 /Height 30000 /ColorSpace "
             b"/DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n"
             % len(pixels) + pixels + b"\nendstream")
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 "
        b"R >> /XObject << /Im1 6 0 R >> >> /Contents 4 0 R >>",
        stream(text_content() + b"\nq 500 0 0 500 50 50 cm /Im1 Do Q"), FONT, image])


def pdf_nested_arrays() -> bytes:
    """A content stream with 100,000 nested arrays after the text."""
    return one_page_pdf(text_content() + b"\n" + b"[" * 100_000 + b"]" * 100_000)


def pdf_deep_page_tree() -> bytes:
    """A page 5,000 Pages nodes deep."""
    depth = 5_000
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    objects += [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (i + 3) for i in range(depth)]
    page = len(objects) + 1
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << "
                b"/F1 %d 0 R >> >> /Contents %d 0 R >>" % (page + 2, page + 1),
                stream(text_content()), FONT]
    return pdf_file(objects)


# --- Word ----------------------------------------------------------------------------------------

WORD_NS = (b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           b'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
           b'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           b'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
CONTENT_TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-'
    b'types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    b'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override '
    b'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    b'wordprocessingml.document.main+xml"/></Types>')
PACKAGE_RELS = (
    b'<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
    b'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
    b'</Relationships>')


def word_file(body: bytes, prolog: bytes = b"") -> bytes:
    """The smallest DOCX Word opens: a document part with `body` inside <w:body>."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("word/document.xml", prolog + b"<w:document " + WORD_NS + b"><w:body>"
                         + body + b"</w:body></w:document>")
    return out.getvalue()


def word_paragraph(text: bytes) -> bytes:
    return b"<w:p><w:r><w:t>" + text + b"</w:t></w:r></w:p>"


def docx_billion_laughs() -> bytes:
    """Entities that expand to a billion 'lol's."""
    entities = [b'<!ENTITY lol "lol">'] + [
        b'<!ENTITY lol%d "%s">' % (i, (b"&lol%s;" % (b"" if i == 2 else b"%d" % (i - 1))) * 10)
        for i in range(2, 10)]
    prolog = b'<?xml version="1.0"?><!DOCTYPE lolz [' + b"".join(entities) + b"]>"
    return word_file(word_paragraph(b"Jane Doe") + word_paragraph(b"&lol9;"), prolog)


def docx_external_entity() -> bytes:
    """An entity that names a file on the server."""
    prolog = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
    return word_file(word_paragraph(b"Jane Doe") + word_paragraph(b"&x;"), prolog)


def docx_deep_tables() -> bytes:
    """Tables nested 3,000 deep."""
    return word_file(word_paragraph(b"Jane Doe") + b"<w:tbl><w:tr><w:tc>" * 3000
                     + b"</w:tc></w:tr></w:tbl>" * 3000)


def docx_deep_xml() -> bytes:
    """Content controls nested 20,000 deep."""
    return word_file(word_paragraph(b"Jane Doe") + b"<w:sdt><w:sdtContent>" * 20_000
                     + b"</w:sdtContent></w:sdt>" * 20_000)


def docx_zip_version() -> bytes:
    """A sample DOCX whose zip entries say they need version 9.9 of the format to extract."""
    data = bytearray(sample("senior_mlops.docx"))
    for signature, offset in ((b"PK\x03\x04", 4), (b"PK\x01\x02", 6)):
        at = data.find(signature)
        while at >= 0:
            struct.pack_into("<H", data, at + offset, 99)
            at = data.find(signature, at + 4)
    return bytes(data)


def docx_many_entries() -> bytes:
    """60,000 empty entries in the zip directory and no document."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for i in range(60_000):
            archive.writestr(f"f{i}", b"")
    return out.getvalue()


# name -> (file name, builder[, extra CLI arguments]). The file name's extension is what the CLI
# is told the file is.
CASES: dict[str, tuple[str, Callable[[], bytes]] | tuple[str, Callable[[], bytes], tuple[str, ...]]
            ] = {
    "json-big-integer": ("big_int.json", json_big_integer),
    "pdf-empty-glyph-text": ("empty_glyph.pdf", pdf_empty_glyph_text),
    "pdf-empty-tounicode": ("empty_tounicode.pdf", pdf_empty_tounicode),
    "pdf-runlength-truncated": ("runlength.pdf", pdf_runlength_truncated),
    "json-lone-surrogate": ("surrogate.json", json_lone_surrogate),
    "json-lone-surrogate-json": ("surrogate.json", json_lone_surrogate, ("--json",)),
    "pdf-lone-surrogate-json": ("surrogate.pdf", pdf_surrogate_text, ("--json",)),
    "json-10k-roles": ("roles.json", json_many_roles),
    "json-10k-word-title": ("title.json", json_long_title),
    "text-million-lines": ("lines.txt", text_million_lines),
    "pdf-1e9-page": ("huge_page.pdf", pdf_huge_page),
    "pdf-20000pt-page": ("big_page.pdf", pdf_big_page),
    "pdf-flate-bomb": ("bomb.pdf", pdf_flate_bomb),
    "pdf-root-self": ("root_self.pdf", pdf_root_self),
    "pdf-root-ref-to-itself": ("root_ref.pdf", pdf_root_is_reference_to_itself),
    "pdf-recursive-reference": ("recursive.pdf", pdf_recursive_reference),
    "pdf-20k-glyphs-one-spot": ("pile.pdf", pdf_glyph_pile),
    "pdf-60-pages": ("pages.pdf", pdf_many_pages),
    "text-50k-token": ("token.md", text_long_token),
    "text-80k-dots": ("dots.txt", text_dots),
    "md-100k-stars": ("stars.md", markdown_stars),
    "md-100k-brackets": ("brackets.md", markdown_brackets),
    "md-unclosed-marks": ("marks.md", markdown_mixed_marks),
    "text-many-lines": ("segments.txt", text_many_lines_segmentation),
    "text-9.9MB-stacked": ("stacked.txt", text_stacked_resume),
    "json-deep-nesting": ("deep.json", json_deep_nesting),
    "json-deep-object": ("deep_object.json", json_deep_object),
    "json-wrong-types": ("types.json", json_wrong_types),
    "json-1M-keywords": ("keywords.json", json_million_keywords),
    "json-5M-name": ("name.json", json_huge_name),
    "text-nul-bytes": ("nul.txt", text_nul_bytes),
    "text-random-bytes": ("random.txt", text_random_bytes),
    "md-10MB-one-line": ("line.md", markdown_one_long_line),
    "pdf-huge-image": ("image.pdf", pdf_huge_image),
    "pdf-nested-arrays": ("arrays.pdf", pdf_nested_arrays),
    "pdf-deep-page-tree": ("tree.pdf", pdf_deep_page_tree),
    "docx-billion-laughs": ("laughs.docx", docx_billion_laughs),
    "docx-external-entity": ("entity.docx", docx_external_entity),
    "docx-deep-tables": ("tables.docx", docx_deep_tables),
    "docx-deep-xml": ("deep.docx", docx_deep_xml),
    "docx-zip-version": ("version.docx", docx_zip_version),
    "docx-60k-entries": ("entries.docx", docx_many_entries),
}


# --- the runner ---------------------------------------------------------------------------------

_PEAK = re.compile(r"Maximum resident set size \(kbytes\): (\d+)")
_TIME_V = Path("/usr/bin/time")


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_BYTES, ADDRESS_SPACE_BYTES))


def run_one(path: Path, timeout: float = TIMEOUT_S, extra: tuple[str, ...] = ()
            ) -> tuple[str, int | None, float, float, str]:
    """(verdict, exit code, seconds, peak MB, first stderr line) for one file."""
    command = [sys.executable, "-m", "triage", "score", str(path), *extra]
    if _TIME_V.exists():
        command = [str(_TIME_V), "-v", *command]
    started = time.monotonic()
    try:
        done = subprocess.run(command, cwd=ROOT, capture_output=True, timeout=timeout,
                              text=True, errors="replace", preexec_fn=_cap_memory)
    except subprocess.TimeoutExpired:
        return "hangs", None, time.monotonic() - started, float("nan"), ""
    seconds = time.monotonic() - started
    peak = _PEAK.search(done.stderr)
    peak_mb = int(peak.group(1)) / 1024 if peak else float("nan")
    err = "\n".join(line for line in done.stderr.splitlines()
                    if not line.startswith("\t") and not line.startswith("Command "))
    err_lines = [line for line in err.splitlines() if line.strip()]
    first = err_lines[0] if err_lines else ""
    if "MemoryError" in done.stderr:
        return "blows up", done.returncode, seconds, peak_mb, err_lines[-1]
    if done.returncode not in (0, 3):
        return "crashes", done.returncode, seconds, peak_mb, err_lines[-1] if err_lines else ""
    if done.returncode == 3 and len(err_lines) != 1:
        return "noisy", done.returncode, seconds, peak_mb, first
    if done.returncode == 0 and err_lines:
        return "noisy", done.returncode, seconds, peak_mb, first
    if peak_mb > MEMORY_MB:
        return "blows up", done.returncode, seconds, peak_mb, first
    if done.returncode == 0 and ("YES" in done.stdout.split("\n", 1)[0]
                                 and path.name.startswith(("stacked", "lines", "roles"))):
        return "accepts nonsense", 0, seconds, peak_mb, done.stdout.split("\n", 1)[0]
    if "--json" in extra and done.returncode == 0:
        try:
            json.loads(done.stdout)
        except ValueError:
            return "bad json", 0, seconds, peak_mb, done.stdout[:80]
    return "holds", done.returncode, seconds, peak_mb, first or done.stdout.split("\n", 1)[0]


def main(argv: list[str] | None = None) -> int:
    """Build every case in a temporary folder, run the CLI on each, print a table."""
    parser = argparse.ArgumentParser(prog="python -m training.hostile", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S)
    parser.add_argument("--only", nargs="*", help="case names to run (default: all)")
    parser.add_argument("--keep", help="write the files into this folder and keep them")
    args = parser.parse_args(argv)
    names = args.only or list(CASES)
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(args.keep or scratch)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"{'case':<26} {'result':<16} {'exit':>4} {'s':>6} {'peak MB':>8}  output")
        for name in names:
            filename, build, *extra = CASES[name]
            path = folder / filename
            path.write_bytes(build())
            result, code, seconds, peak, said = run_one(path, args.timeout,
                                                        tuple(extra[0]) if extra else ())
            failures += result != "holds"
            print(f"{name:<26} {result:<16} {code if code is not None else '-':>4} "
                  f"{seconds:6.1f} {peak:8.0f}  {said[:90]}", flush=True)
    print(f"\n{len(names) - failures} of {len(names)} hold.")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
