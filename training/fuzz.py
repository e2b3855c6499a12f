"""Fuzzing: deterministic mutants of every format, each scored under the batch's bounds.

Every mutant is made from a seed resume (the samples; the shared corpus's PDFs too when it is
there) by one to three mutation operators, some dumb (bit flips, inserted, deleted or repeated
chunks, truncation, splicing two files), some aware of the format (a PDF's inflated content and
object streams, a DOCX's XML parts and zip headers, a JSON Resume's tree, Markdown's marks). A
mutant is named by (seed, index) alone: the same pair makes the same bytes on any machine with
the same samples, so a crasher is a line in `tests/data/fuzz_crashers.toml`, not a file.

The mutants are scored by `triage.batch.run`, the batch command's own runner: a worker process
per core started from a forkserver, a 30 s wall-clock and an address-space bound per file. Each
row is classed as

    ok      a verdict
    typed   one of our ReadErrors: one plain sentence
    crash   any other exception, or a worker that died
    hang    stopped at 30 s (or by the watchdog here, for work SIGALRM cannot interrupt)
    memory  over the address-space bound, or a peak resident size over 1 GB

    python -m training.fuzz --inputs 10000 --seed 0 [--workers N] [--record-crashers]
    python -m training.fuzz --show SEED:INDEX      # one mutant, in this process, traceback shown
    python -m training.fuzz --write SEED:INDEX DIR # one mutant, as a file

prints a table per format and writes a JSON summary to artifacts/fuzz/; the exit code is 1 when
any input crashed, hung or went over the memory bar.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import multiprocessing
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
import zlib
from collections.abc import Callable, Iterable
from dataclasses import asdict, astuple, dataclass, field, fields
from io import BytesIO
from itertools import pairwise
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "sample_resumes"
CORPUS = ROOT.parent / "shared" / "corpus"
ARTIFACTS = ROOT / "artifacts" / "fuzz"
CRASHERS = ROOT / "tests" / "data" / "fuzz_crashers.toml"

FORMATS = ("pdf", "docx", "txt", "md", "json")  # index % 5 picks the format: any slice mixes all
EXTENSION = {"pdf": ".pdf", "docx": ".docx", "txt": ".txt", "md": ".md", "json": ".json"}
MAX_MUTANT_BYTES = 11 * 1024 * 1024  # a little over the 10 MB upload limit, so both sides meet
SECONDS_PER_FILE = 30.0  # the issue's bar for a hang
PEAK_MB_LIMIT = 1024  # the issue's bar for memory: peak resident size per file
WATCHDOG_S = 2 * SECONDS_PER_FILE  # no row for this long: a worker is stuck where SIGALRM waits
OUTCOMES = ("ok", "typed", "crash", "hang", "memory")
FAILURES = ("crash", "hang", "memory")


# --- seeds --------------------------------------------------------------------------------------


def seed_files(corpus: Path | None = CORPUS) -> dict[str, list[Path]]:
    """The files each format's mutants start from: the samples and demo pairs, and for PDF the
    corpus's files too when `corpus` is a folder. Markdown starts from the text samples (they
    are written in Markdown) and the samples' README."""
    pairs = SAMPLES / "demo_pairs"
    files = {fmt: sorted(SAMPLES.glob(f"*{EXTENSION[fmt]}")) + sorted(pairs.glob(f"*{ext}"))
             for fmt, ext in (("pdf", ".pdf"), ("docx", ".docx"), ("txt", ".txt"),
                              ("json", ".json"))}
    files["md"] = [*files["txt"], SAMPLES / "README.md"]
    if corpus is not None and corpus.is_dir():
        files["pdf"] += sorted(corpus.glob("*.pdf"))
    return files


def _source_name(path: Path) -> str:
    """How a seed file is written down: relative to the repository, or `corpus/NAME`."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return f"corpus/{path.name}"


def _source_path(name: str, corpus: Path | None) -> Path:
    if name.startswith("corpus/"):
        return (corpus or CORPUS) / name.removeprefix("corpus/")
    return ROOT / name


# --- dumb operators: bytes in, bytes out --------------------------------------------------------

INTERESTING_NUMBERS = (b"0", b"-1", b"1", b"-0", b"255", b"65535", b"2147483647", b"-2147483648",
                       b"4294967296", b"99999999999999999999", b"1e308", b"-1e308", b"NaN",
                       b"0.0000001", b"3.4028235e38", b"1" + b"0" * 400, b"9" * 5000)
INTERESTING_BYTES = (b"\x00", b"\xff", b"\x7f", b"\x80", b"\xff\xff\xff\xff", b"\x00\x00\x00\x00",
                     b"\r", b"\n", b"\r\n", b"\xef\xbb\xbf", b"\xed\xa0\x80", b"\xc0\x80",
                     b"%PDF-", b"PK\x03\x04", b"{", b"[", b"(", b"<<", b">>", b"\\")


def _spot(data: bytes, rng: random.Random) -> int:
    return rng.randrange(len(data) + 1)


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    if not data:
        return b"\x00"
    out = bytearray(data)
    for _ in range(rng.choice((1, 2, 4, 8, 32, 256))):
        out[rng.randrange(len(out))] ^= 1 << rng.randrange(8)
    return bytes(out)


def insert_bytes(data: bytes, rng: random.Random) -> bytes:
    at = _spot(data, rng)
    if rng.random() < 0.5:
        chunk = rng.choice(INTERESTING_BYTES + INTERESTING_NUMBERS)
    else:
        chunk = rng.randbytes(rng.choice((1, 4, 16, 64, 1024)))
    return data[:at] + chunk + data[at:]


def delete_chunk(data: bytes, rng: random.Random) -> bytes:
    at = _spot(data, rng)
    return data[:at] + data[at + rng.choice((1, 8, 64, 512, 4096, 65536)):]


def duplicate_chunk(data: bytes, rng: random.Random) -> bytes:
    at = _spot(data, rng)
    chunk = data[at:at + rng.choice((1, 8, 64, 512, 4096))] or b"x"
    times = min(rng.choice((2, 10, 100, 1000, 100_000)), MAX_MUTANT_BYTES // len(chunk))
    return data[:at] + chunk * times + data[at:]


def overwrite(data: bytes, rng: random.Random) -> bytes:
    at = _spot(data, rng)
    chunk = rng.choice(INTERESTING_BYTES + INTERESTING_NUMBERS)
    return data[:at] + chunk + data[at + len(chunk):]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data))] if data else data


def splice(data: bytes, rng: random.Random, partner: bytes) -> bytes:
    """The head of this file and the tail of another."""
    return data[:_spot(data, rng)] + partner[_spot(partner, rng):]


DUMB: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "flip_bits": flip_bits, "insert_bytes": insert_bytes, "delete_chunk": delete_chunk,
    "duplicate_chunk": duplicate_chunk, "overwrite": overwrite, "truncate": truncate,
}


# --- PDF: inflated streams, object references, dictionary numbers ------------------------------

_STREAM_KEYWORD = re.compile(rb"stream\r?\n")
_OBJ = re.compile(rb"(\d+)\s+(\d+)\s+obj\b")
_REF = re.compile(rb"\b(\d+)\s+(\d+)\s+R\b")
_NUMBER = re.compile(rb"(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])")
_OPERATOR = re.compile(rb"(?<![\w/])(?:BT|ET|Tj|TJ|Tf|Td|TD|Tm|T\*|Tc|Tw|Tz|TL|Ts|Tr|cm|re|Do|"
                       rb"q|Q|f|S|n|W|m|l|c|h|g|G|rg|RG|k|K|cs|CS|sc|scn|gs|BI|ID|EI|'|\")"
                       rb"(?![\w*])")
OPERATORS = (b"BT", b"ET", b"Tj", b"TJ", b"Tf", b"Td", b"TD", b"Tm", b"T*", b"Tc", b"Tz", b"Tr",
             b"cm", b"re", b"Do", b"q", b"Q", b"f", b"W n", b"BI", b"ID", b"EI", b"'", b"\"",
             b"gs", b"sc", b"d0", b"d1", b"BX", b"EX", b"MP", b"BDC", b"EMC", b"sh", b"inline")
_HEX = re.compile(rb"<[0-9A-Fa-f]{2,8}>")
HEX_VALUES = (b"<>", b"<00>", b"<FF>", b"<0000>", b"<FFFF>", b"<00000000>", b"<FFFFFFFF>",
              b"<D800>", b"<DFFF>", b"<FEFF>", b"<0020>", b"<000A>", b"<00AD>", b"<E000>",
              b"<0041004200430044>", b"<F>", b"<0" + b"0" * 999 + b">")
_DICT_NUMBER = re.compile(rb"/(MediaBox|CropBox|Count|Length|Size|W|N|First|Index|Prev|Rotate|"
                          rb"FirstChar|LastChar|Widths|BBox|Matrix|Columns|Predictor|"
                          rb"BitsPerComponent|Width|Height|Ascent|Descent|FontBBox)\s*\[?\s*"
                          rb"(-?\d+(?:\.\d+)?)")


@dataclass
class _Stream:
    dict_start: int  # where the stream's object begins (its dictionary is before `start`)
    start: int
    end: int
    inflated: bytes


def _flate_streams(data: bytes) -> list[_Stream]:
    """The file's Flate streams that inflate (bounded at 8 MB each), with where they sit."""
    found = []
    for match in _STREAM_KEYWORD.finditer(data):
        start = match.end()
        end = data.find(b"endstream", start)
        if end == -1:
            continue
        obj = data.rfind(b" obj", max(0, start - 4096), start)
        head = data[obj if obj != -1 else max(0, start - 4096):start]
        if b"FlateDecode" not in head:
            continue
        body = data[start:end].rstrip(b"\r\n")
        try:
            inflated = zlib.decompressobj().decompress(body, 8 * 1024 * 1024)
        except zlib.error:
            continue
        found.append(_Stream(obj if obj != -1 else start, start, start + len(body), inflated))
    return found


def _replace_stream(data: bytes, stream: _Stream, content: bytes) -> bytes:
    """The file with one stream's content deflated again and its direct /Length set to fit."""
    packed = zlib.compress(content, 6)
    head = data[stream.dict_start:stream.start]
    head = re.sub(rb"/Length\s+\d+(?!\d|\s+\d+\s+R)", b"/Length %d" % len(packed), head,
                  count=1)
    return data[:stream.dict_start] + head + packed + data[stream.end:]


def _sub_some(pattern: re.Pattern[bytes], text: bytes, rng: random.Random,
              make: Callable[[re.Match[bytes]], bytes], share: float) -> bytes:
    """`text` with a random share of `pattern`'s matches (at least one) replaced by `make`."""
    matches = list(pattern.finditer(text))
    if not matches:
        return text
    chosen = {rng.randrange(len(matches))}
    chosen |= {i for i in range(len(matches)) if rng.random() < share}
    out, last = [], 0
    for i, match in enumerate(matches):
        if i in chosen:
            out += [text[last:match.start()], make(match)]
            last = match.end()
    return b"".join(out) + text[last:]


def _mutate_content(content: bytes, rng: random.Random) -> tuple[str, bytes]:
    """One change to an inflated stream (a page's drawing, an object stream, a font program)."""
    kind = rng.choice(("numbers", "operators", "repeat", "refs", "delete", "unbalance",
                       "nest", "hex"))
    share = rng.choice((0.0, 0.01, 0.1, 0.5))
    if kind == "hex":  # character codes: text strings, and the ranges of a ToUnicode map
        return kind, _sub_some(_HEX, content, rng, lambda m: rng.choice(HEX_VALUES), share)
    if kind == "numbers":
        return kind, _sub_some(_NUMBER, content, rng, lambda m: rng.choice(INTERESTING_NUMBERS),
                               share)
    if kind == "operators":
        return kind, _sub_some(_OPERATOR, content, rng, lambda m: rng.choice(OPERATORS), share)
    if kind == "refs":
        return kind, _sub_some(_REF, content, rng, lambda m: _new_ref(m, rng, 200), share)
    lines = content.split(b"\n") or [b""]
    at = rng.randrange(len(lines))
    if kind == "repeat":  # the same instruction thousands of times: glyphs piled on one spot
        times = min(rng.choice((10, 1000, 20_000, 200_000)),
                    MAX_MUTANT_BYTES // (len(lines[at]) + 1))
        lines[at:at + 1] = [lines[at]] * times
    elif kind == "delete":
        del lines[at:at + rng.choice((1, 10, 100))]
    elif kind == "unbalance":
        lines.insert(at, rng.choice((b"q", b"Q", b"BT", b"ET", b"q " * 5000, b"Q " * 5000)))
    else:  # arrays and dictionaries nested deeper than any parser expects
        depth = rng.choice((100, 1000, 100_000))
        opener, closer = rng.choice(((b"[", b"]"), (b"<<", b">>")))
        lines.insert(at, opener * depth + b"1" + closer * rng.choice((0, depth)))
    return kind, b"\n".join(lines)


def _new_ref(match: re.Match[bytes], rng: random.Random, top: int) -> bytes:
    number = rng.choice((0, 1, 2, int(match.group(1)), rng.randrange(top), 99_999, 2**31))
    return b"%d %s R" % (number, rng.choice((match.group(2), b"0", b"65535", b"-1")))


def _fix_xref(data: bytes) -> bytes:
    """A classic xref table rebuilt for where the objects now are, so pdfminer reads the mutant
    through its table rather than by its repair scan (files with xref streams are left)."""
    at = data.rfind(b"\nxref")
    trailer = data.find(b"trailer", at)
    if at == -1 or trailer == -1:
        return data
    offsets: dict[int, int] = {}
    for match in _OBJ.finditer(data, 0, at):
        offsets.setdefault(int(match.group(1)), match.start())
    size = max(offsets, default=0) + 1
    if size > 100_000:
        return data
    rows = [b"0000000000 65535 f \n"] + [
        b"%010d 00000 n \n" % offsets[n] if n in offsets else b"0000000000 65535 f \n"
        for n in range(1, size)]
    table = b"\nxref\n0 %d\n" % size + b"".join(rows)
    tail = re.sub(rb"startxref\s+\d+", b"startxref\n%d" % (at + 1), data[trailer:], count=1)
    return data[:at] + table + tail


def pdf_stream(data: bytes, rng: random.Random) -> bytes:
    streams = _flate_streams(data)
    if not streams:
        return pdf_object(data, rng)
    stream = rng.choice(streams)
    _, content = _mutate_content(stream.inflated, rng)
    return _fix_xref(_replace_stream(data, stream, content))


def pdf_object(data: bytes, rng: random.Random) -> bytes:
    """References and dictionary numbers outside streams: self-references, dangling ones,
    page sizes, counts, lengths and xref-stream widths."""
    share = rng.choice((0.0, 0.05, 0.3))
    if rng.random() < 0.5:
        top = max((int(m.group(1)) for m in _OBJ.finditer(data)), default=10) + 2
        out = _sub_some(_REF, data, rng, lambda m: _new_ref(m, rng, top), share)
    else:
        out = _sub_some(_DICT_NUMBER, data, rng,
                        lambda m: m.group(0)[:m.start(2) - m.start(0)]
                        + rng.choice(INTERESTING_NUMBERS), share)
    return _fix_xref(out) if rng.random() < 0.7 else out


def pdf_syntax(data: bytes, rng: random.Random) -> bytes:
    """A keyword the parser leans on removed or doubled (endobj, endstream, trailer, xref...)."""
    word = rng.choice((b"endobj", b"endstream", b"stream", b"trailer", b"startxref", b"xref",
                       b"/Root", b"/Pages", b"/Kids", b"/Contents", b"/Font", b"/ToUnicode",
                       b"/Filter", b">>", b"<<"))
    spots = [m.start() for m in re.finditer(re.escape(word), data)]
    if not spots:
        return insert_bytes(data, rng)
    at = rng.choice(spots)
    replacement = rng.choice((b"", word + b" " + word, word[:-1], b"/FlateDecode",
                              b"/RunLengthDecode", b"/LZWDecode", b"/ASCII85Decode"))
    return data[:at] + replacement + data[at + len(word):]


# --- DOCX: XML parts and zip headers ------------------------------------------------------------

_ATTRIBUTE = re.compile(rb'(\s[\w:]+=")([^"]*)(")')
_PARAGRAPH = re.compile(rb"<w:p[ >].*?</w:p>", re.DOTALL)
_RUN = re.compile(rb"<w:r[ >].*?</w:r>", re.DOTALL)
_TEXT = re.compile(rb"(<w:t(?: [^>]*)?>)([^<]*)(</w:t>)")
_TAG = re.compile(rb"</?[\w:]+[^>]*>")
ATTRIBUTE_VALUES = (b"", b"-1", b"0", b"99999999999999999999", b"1e308", b"NaN", b"auto",
                    b"true", b"none", b"FFFFFF", b"x" * 10_000, "\u202e\u0000".encode(),
                    b"&amp;&lt;", b"Heading1", b"ListParagraph", b"rId1", b"rId999")
NESTS = ((b"<w:tbl><w:tr><w:tc>", b"</w:tc></w:tr></w:tbl>"),
         (b"<w:sdt><w:sdtContent>", b"</w:sdtContent></w:sdt>"),
         (b"<w:r><w:txbxContent>", b"</w:txbxContent></w:r>"),
         (b"<w:hyperlink>", b"</w:hyperlink>"), (b"<w:smartTag>", b"</w:smartTag>"))
RUN_PROPERTIES = (b"<w:vanish/>", b'<w:color w:val="FFFFFF"/>', b'<w:sz w:val="1"/>',
                  b'<w:sz w:val="99999"/>', b'<w:highlight w:val="bogus"/>', b"<w:b/><w:i/>",
                  b'<w:rStyle w:val="Missing"/>', b'<w:color w:themeColor="background1"/>')
_DTD = (b'<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;">]>')


def _zip_parts(data: bytes) -> list[tuple[str, bytes]] | None:
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            infos = archive.infolist()
            if sum(i.file_size for i in infos) > 64 * 1024 * 1024:
                return None
            return [(info.filename, archive.read(info)) for info in infos]
    except Exception:  # a mutant of a mutant may be no zip at all: this operator then passes
        return None


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts:
            archive.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), content,
                             zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _grow(text: bytes, rng: random.Random) -> bytes:
    """A run's text made huge: one endless token, many words, or a wall of marks."""
    unit = rng.choice((b"x", b"word ", b". ", b"\t", b"Engineer ", b"Jan 2020 - Present "))
    return unit * (rng.choice((1_000, 100_000, 1_000_000, 5_000_000)) // len(unit))


def _mutate_xml(xml: bytes, rng: random.Random) -> bytes:
    kind = rng.choice(("attribute", "nest", "huge_run", "many_runs", "many_paragraphs",
                       "properties", "break_tag", "dtd"))
    share = rng.choice((0.0, 0.01, 0.2))
    if kind == "attribute":
        return _sub_some(_ATTRIBUTE, xml, rng,
                         lambda m: m.group(1) + rng.choice(ATTRIBUTE_VALUES) + m.group(3), share)
    if kind == "huge_run":
        return _sub_some(_TEXT, xml, rng, lambda m: m.group(1) + _grow(m.group(2), rng)
                         + m.group(3), 0.0)
    if kind == "properties":
        return _sub_some(re.compile(rb"<w:r>"), xml, rng,
                         lambda m: b"<w:r><w:rPr>" + rng.choice(RUN_PROPERTIES) + b"</w:rPr>",
                         share)
    if kind == "dtd":
        at = xml.find(b"?>") + 2 if xml.startswith(b"<?xml") else 0
        return xml[:at] + _DTD + xml[at:].replace(b"</w:t>", b"&d;</w:t>", 3)
    if kind == "break_tag":
        return _sub_some(_TAG, xml, rng, lambda m: rng.choice((b"", m.group(0)[:-1], b"<")), 0.0)
    pattern = _RUN if kind == "many_runs" else _PARAGRAPH
    elements = list(pattern.finditer(xml))
    if not elements:
        return xml
    element = rng.choice(elements)
    chunk = element.group(0)
    if kind == "nest":
        opener, closer = rng.choice(NESTS)
        depth = rng.choice((3, 20, 200, 2000, 20_000))
        chunk = opener * depth + chunk + closer * depth
    else:
        chunk *= min(rng.choice((100, 2_000, 50_000)), 8 * 1024 * 1024 // len(chunk))
    return xml[:element.start()] + chunk + xml[element.end():]


def docx_xml(data: bytes, rng: random.Random) -> bytes:
    """One XML part of the archive changed (the main document most often), zipped again."""
    parts = _zip_parts(data)
    if not parts:
        return flip_bits(data, rng)
    names = [n for n, _ in parts if n.endswith((".xml", ".rels"))]
    if not names:
        return flip_bits(data, rng)
    main = "word/document.xml"
    name = main if main in names and rng.random() < 0.6 else rng.choice(names)
    if name.endswith(".rels") and rng.random() < 0.5:
        target = rng.choice((b"missing.xml", b"/word/document.xml", b"../../../etc/passwd",
                             b"http://example.invalid/x.png", b""))
        change = lambda xml: re.sub(rb'Target="[^"]*"', b'Target="' + target + b'"',  # noqa: E731
                                    xml, count=rng.choice((1, 0)))
    else:
        change = lambda xml: _mutate_xml(xml, rng)  # noqa: E731
    return _zip([(n, change(content) if n == name else content) for n, content in parts])


# Fields of the zip's records, as (signature, offset, width): local file header, central
# directory header, end of central directory.
_ZIP_FIELDS = {
    b"PK\x03\x04": ((4, 2), (6, 2), (8, 2), (14, 4), (18, 4), (22, 4), (26, 2), (28, 2)),
    b"PK\x01\x02": ((4, 2), (6, 2), (8, 2), (10, 2), (16, 4), (20, 4), (24, 4), (28, 2),
                    (30, 2), (32, 2), (38, 4), (42, 4)),
    b"PK\x05\x06": ((4, 2), (6, 2), (8, 2), (10, 2), (12, 4), (16, 4), (20, 2)),
}


def docx_zip_header(data: bytes, rng: random.Random) -> bytes:
    """A header field of the zip (version, flags, method, sizes, offsets, counts) set to an
    edge value: zero, all ones, one off, or a value of another field."""
    spots = [(m.start(), sig) for sig in _ZIP_FIELDS for m in re.finditer(re.escape(sig), data)]
    if not spots:
        return flip_bits(data, rng)
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 4))):
        at, sig = rng.choice(spots)
        offset, width = rng.choice(_ZIP_FIELDS[sig])
        if at + offset + width > len(out):
            continue
        old = int.from_bytes(out[at + offset:at + offset + width], "little")
        top = (1 << (8 * width)) - 1
        new = rng.choice((0, top, old + 1, old - 1, old * 2, 1, 20, 45, 63, 99, 12, 14, 93))
        out[at + offset:at + offset + width] = (new & top).to_bytes(width, "little")
    return bytes(out)


# --- JSON Resume: the tree ---------------------------------------------------------------------

_HOLE = "\u0001fuzz\u0001"  # a value written in the JSON text after dumping (big numbers...)


def _json_spots(node: Any, path: tuple = ()) -> list[tuple]:
    spots = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            spots += _json_spots(value, (*path, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            spots += _json_spots(value, (*path, i))
    return spots


def _at(node: Any, path: tuple) -> Any:
    for step in path:
        node = node[step]
    return node


def _put(root: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    _at(root, path[:-1])[path[-1]] = value
    return root


def _json_hole_text(rng: random.Random) -> str:
    kind = rng.choice(("number", "nest", "escape"))
    if kind == "number":
        return rng.choice(("9" * 5000, "-" + "9" * 4301, "1e400", "-1e400", "1e-400", "NaN",
                           "Infinity", "-Infinity", "1" + "0" * 100_000, "0." + "1" * 10_000,
                           "123456789012345678901234567890.5e-999999999"))
    if kind == "nest":
        depth = rng.choice((100, 990, 1100, 5000, 100_000))
        opener, closer = rng.choice((("[", "]"), ('{"a":', "}")))
        return opener * depth + "1" + closer * rng.choice((depth, depth, depth - 1))
    pieces = ("\\ud800", "\\udfff\\ud800", "\\u0000", "\\u202e", "\\u200b" * 1000,
              "\\u0301" * 5000, "\\ufeff", "\\u2028\\u2029", "\\u0085", "\\n" * 5000,
              "\\t" * 1000)
    return '"' + "".join(rng.choice(pieces) + "x" for _ in range(rng.choice((1, 5, 50)))) + '"'


def _json_value(rng: random.Random, old: Any) -> Any:
    kind = rng.choice(("swap", "long", "many", "date", "hole"))
    if kind == "swap":
        return rng.choice((None, True, False, 0, -1, 1.5, "", "text", [], {}, [1, "a", None],
                           {"name": 1}, [[[]]], {"": {"": {}}}))
    if kind == "long":
        unit = rng.choice(("x", "word ", "Python ", "• ", "2020-01 ", "é", "\u0301"))
        return unit * (rng.choice((100, 1_000, 10_000, 100_000, 2_000_000)) // len(unit))
    if kind == "many" and isinstance(old, list) and old:
        times = rng.choice((2, 10, 50, 101, 1_000, 20_000))
        # a list made long before (in this mutant) is not made long again: 20,000 x 20,000
        return old * times if len(json.dumps(old)) * times <= MAX_MUTANT_BYTES else old
    if kind == "many" and isinstance(old, dict):
        return {**old, **{f"k{i}": "v" * 10 for i in range(rng.choice((100, 10_000)))}}
    if kind == "date":
        return rng.choice(("2020-13", "2020-00-00", "0000-01", "9999999999-01", "2020-1-1T",
                           "-2020", "2020-02-30", "Present", "20200101", "2020-01-01T25:61:61Z",
                           "1" * 300, "2020-" + "1" * 5000))
    return _HOLE


def json_tree(data: bytes, rng: random.Random) -> bytes:
    """Values of the resume's tree changed (type swaps, long strings, many items, odd dates,
    huge numbers, deep nesting, escapes) and written out again."""
    try:
        root = json.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        return text_marks(data, rng)
    spots = _json_spots(root)[:5000]
    holes = []
    for _ in range(rng.choice((1, 1, 2, 5))):
        path = rng.choice(spots)
        new = None
        try:
            new = _json_value(rng, _at(root, path))
            root = _put(root, path, new)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change in this mutant took the place away
        if new == _HOLE:
            holes.append(_json_hole_text(rng))
        spots = [()] if not path else spots
    if rng.random() < 0.1:
        root = rng.choice(([root], "resume", 42, None, {"basics": root}))
    text = json.dumps(root, ensure_ascii=rng.random() < 0.5, indent=rng.choice((None, 2)))
    for hole in holes:
        text = text.replace(json.dumps(_HOLE), hole, 1)
    return text.encode("utf-8", "surrogatepass")


# --- text and Markdown --------------------------------------------------------------------------

MARKS = ("*", "**", "_", "__", "[", "]", "](", "`", "```", "<!--", "-->", "#", "> ", "|", "\\",
         "![", "<a ", "&amp;", "~~", "- ", "1. ", "---", "===", "<", ">", "(", ")", "*a _b [c ](")
CONTROLS = ("\x00", "\x01", "\x07", "\x08", "\x0b", "\x0c", "\x1b[31m", "\x1c", "\x1d", "\x1e",
            "\x7f", "\x85", "\u2028", "\u2029", "\r", "\u200b", "\u200e", "\u202e", "\ufeff",
            "\ufffe", "\U0001f600", "\u0301" * 50, "\t")


def _text_of(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _bytes_of(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _line_spot(text: str, rng: random.Random) -> int:
    breaks = [0] + [m.end() for m in re.finditer("\n", text)]
    return rng.choice(breaks)


def text_long_line(data: bytes, rng: random.Random) -> bytes:
    text = _text_of(data)
    unit = rng.choice(("x", ".", "word ", "*", "-", "|", "#", " ", "\t", "a" * 199 + " ",
                       "Jan 2020 - ", "Python, ", "https://example.com/" + "a" * 300))
    line = unit * (rng.choice((1_000, 10_000, 100_000, 1_000_000)) // len(unit))
    at = _line_spot(text, rng)
    return _bytes_of(text[:at] + line + "\n" + text[at:])


def text_controls(data: bytes, rng: random.Random) -> bytes:
    text = _text_of(data)
    spots = sorted(rng.randrange(len(text) + 1) for _ in range(rng.choice((1, 10, 100, 5000))))
    pieces = [text[a:b] + rng.choice(CONTROLS) for a, b in pairwise([0, *spots])]
    return _bytes_of("".join(pieces) + text[spots[-1]:])


def text_encoding(data: bytes, rng: random.Random) -> bytes:
    """Surrogates and other encodings: UTF-8-encoded surrogates, UTF-16, Latin-1, CESU pairs."""
    kind = rng.choice(("surrogate", "utf16", "latin1", "cesu", "bom"))
    if kind == "surrogate":
        at = _spot(data, rng)
        return data[:at] + b"\xed\xa0\x80" * rng.choice((1, 100)) + data[at:]
    if kind == "cesu":
        return data.replace(b"e", b"\xed\xa0\xbd\xed\xb8\x80", rng.choice((1, 50)))
    text = _text_of(data)
    if kind == "utf16":
        return text.encode(rng.choice(("utf-16", "utf-16-le", "utf-32")), "surrogatepass")
    if kind == "latin1":
        return text.encode("latin-1", "replace")
    return b"\xef\xbb\xbf" * rng.choice((1, 2, 1000)) + data


def text_marks(data: bytes, rng: random.Random) -> bytes:
    """Markdown's marks, many: between words, in a run, or a whole line of them."""
    text = _text_of(data)
    mark = rng.choice(MARKS)
    count = rng.choice((10, 1_000, 10_000, 100_000))
    kind = rng.choice(("run", "between", "prefix"))
    if kind == "run":
        at = _line_spot(text, rng)
        return _bytes_of(text[:at] + mark * count + "\n" + text[at:])
    if kind == "between":
        words = text.split(" ")
        step = max(1, len(words) // count)
        return _bytes_of((" " + mark).join(" ".join(words[i:i + step])
                                           for i in range(0, len(words), step)))
    return _bytes_of("\n".join(mark * rng.choice((1, 6, 50)) + line for line in text.split("\n")))


def text_many_lines(data: bytes, rng: random.Random) -> bytes:
    text = _text_of(data)
    line = rng.choice(("a b", "- Built a thing", "Engineer, Acme    Jan 2020 - Present", "#",
                       "| a | b |", ">", "", "EXPERIENCE", "Jane Doe", "---"))
    count = rng.choice((500, 1_999, 2_001, 20_000, 1_000_000))
    at = _line_spot(text, rng)
    return _bytes_of(text[:at] + (line + "\n") * count + text[at:])


def text_repeat(data: bytes, rng: random.Random) -> bytes:
    """The whole file pasted again and again (a stacked resume), up to past the byte limit."""
    times = min(rng.choice((2, 10, 100, 1000)), MAX_MUTANT_BYTES // max(1, len(data)))
    return data * max(1, times)


TEXT_OPS = {"long_line": text_long_line, "controls": text_controls, "encoding": text_encoding,
            "marks": text_marks, "many_lines": text_many_lines, "repeat": text_repeat}

# Each format's own operators, with how often each is drawn against the others.
AWARE: dict[str, dict[str, tuple[Callable[[bytes, random.Random], bytes], int]]] = {
    "pdf": {"pdf_stream": (pdf_stream, 3), "pdf_object": (pdf_object, 2),
            "pdf_syntax": (pdf_syntax, 1)},
    "docx": {"docx_xml": (docx_xml, 3), "docx_zip_header": (docx_zip_header, 1)},
    "json": {"json_tree": (json_tree, 6), "marks": (text_marks, 1),
             "controls": (text_controls, 1)},
    "txt": {name: (op, 1) for name, op in TEXT_OPS.items()},
    "md": {name: (op, 3 if name == "marks" else 1) for name, op in TEXT_OPS.items()},
}


# --- mutants ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Origin:
    """What makes a mutant: its run's seed, its index, and (written down) its format, seed
    file, splice partner and operators."""

    seed: int
    index: int
    fmt: str
    source: str
    partner: str
    ops: tuple[str, ...]


@dataclass(frozen=True)
class Mutant(Origin):
    data: bytes = field(repr=False, default=b"")

    @property
    def name(self) -> str:
        return f"{self.seed}-{self.index:05d}{EXTENSION[self.fmt]}"

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def mutant(seed: int, index: int, corpus: Path | None = CORPUS, source: str | None = None,
           partner: str | None = None) -> Mutant:
    """Mutant `index` of run `seed`. The seed file (and the splice partner) are drawn from
    their own generator, so naming them (as the crasher list does) makes the same bytes
    whatever seed files this machine has."""
    fmt = FORMATS[index % len(FORMATS)]
    files = seed_files(corpus)
    pick = random.Random(f"fuzz:{seed}:{index}:files")
    source_path = pick.choice(files[fmt])
    partner_path = pick.choice(files[pick.choice(FORMATS + (fmt, fmt))])
    if source is not None:
        source_path = _source_path(source, corpus)
    if partner is not None:
        partner_path = _source_path(partner, corpus)
    rng = random.Random(f"fuzz:{seed}:{index}:ops")
    data = source_path.read_bytes()
    ops = []
    for _ in range(1 + (rng.random() < 0.3) + (rng.random() < 0.1)):
        if rng.random() < 0.55:
            names = sorted(AWARE[fmt])
            name = rng.choices(names, [AWARE[fmt][n][1] for n in names])[0]
            data = AWARE[fmt][name][0](data, rng)
        elif rng.random() < 0.15:
            name = "splice"
            data = splice(data, rng, partner_path.read_bytes())
        else:
            name = rng.choice(sorted(DUMB))
            data = DUMB[name](data, rng)
        ops.append(name)
        data = data[:MAX_MUTANT_BYTES]
    return Mutant(seed, index, fmt, _source_name(source_path),
                  _source_name(partner_path) if "splice" in ops else "", tuple(ops), data)


# --- running them -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result(Origin):
    sha256: str = ""
    outcome: str = ""  # one of OUTCOMES
    said: str = ""  # the verdict, or the row's error
    seconds: float = 0.0
    peak_mb: float | None = None


# How `triage.batch.score_item` words what is not one of our typed errors (see there).
_CRASH_PREFIXES = ("This file could not be analysed (", "The file could not be opened (")
_HANG_PREFIX = "Scoring took over"
_MEMORY_PREFIX = "Scoring needed over"
_DIED_PREFIX = "This file stopped the worker"


def classify(row: dict[str, Any], watchdog_fired: bool = False, exact_peak: bool = True
             ) -> str:
    """A batch row's outcome. `exact_peak`: the row's peak is this file's own (one worker);
    with more, it is the most its worker held so far, and only a MemoryError counts."""
    error = row.get("error") or ""
    peak = row.get("worker_peak_mb")
    if not error:
        outcome = "ok"
    elif error.startswith(_HANG_PREFIX):
        outcome = "hang"
    elif error.startswith(_MEMORY_PREFIX):
        outcome = "memory"
    elif error.startswith(_DIED_PREFIX):
        outcome = "hang" if watchdog_fired else "crash"
    elif error.startswith(_CRASH_PREFIXES) or "\n" in error or not error.strip():
        outcome = "crash"
    else:
        outcome = "typed"
    if outcome in ("ok", "typed") and float(row.get("seconds") or 0) >= SECONDS_PER_FILE:
        outcome = "hang"  # a reader's catch-all turned the batch's alarm into its own sentence
    if (exact_peak and outcome in ("ok", "typed") and peak is not None and peak == peak
            and peak > PEAK_MB_LIMIT):
        outcome = "memory"
    return outcome


class _Monitor:
    """The batch's progress callback, and a watchdog beside it.

    With one worker, each row's `worker_peak_mb` is made that file's own peak: after each row
    the worker's high-water mark is reset (Linux: `5` into /proc/PID/clear_refs), and no file is
    in flight then. With more workers a row's peak is the most its worker has held so far (an
    upper bound). SIGALRM cannot stop a worker stuck inside one long C call (a regular
    expression, a decompressor): when no row has come for WATCHDOG_S the workers are killed, the
    batch retries the files it had in flight one by one, and the one that is stuck again
    becomes a row "stopped the worker", counted here as a hang."""

    def __init__(self, workers: int, report_every: int = 0) -> None:
        self.workers = workers
        self.report_every = report_every
        self.last = time.monotonic()
        self.kills: list[float] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> _Monitor:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()

    @staticmethod
    def _workers() -> list[multiprocessing.process.BaseProcess]:
        """The batch's worker processes (started from its forkserver), not other children."""
        from triage.batch import WORKER_START

        return [p for p in multiprocessing.active_children()
                if isinstance(p, WORKER_START.Process)]

    def __call__(self, done: int, total: int, errors: int) -> None:
        self.last = time.monotonic()
        if self.workers == 1:
            for child in self._workers():
                with contextlib.suppress(OSError):
                    Path(f"/proc/{child.pid}/clear_refs").write_text("5")
        if self.report_every and (done % self.report_every == 0 or done == total):
            print(f"  {done}/{total} scored, {errors} error rows", file=sys.stderr, flush=True)

    def _watch(self) -> None:
        while not self.stop.wait(min(1.0, WATCHDOG_S / 4)):
            if time.monotonic() - self.last > WATCHDOG_S:
                for child in self._workers():
                    with contextlib.suppress(OSError, TypeError):
                        os.kill(child.pid, signal.SIGKILL)
                self.kills.append(time.monotonic())
                self.last = time.monotonic()


def run_mutants(mutants: Iterable[Mutant], workers: int = 1, out: Path | None = None,
                keep: Path | None = None, report_every: int = 0) -> list[Result]:
    """Score every mutant with the batch runner; one classed Result each, in the given order."""
    from triage.batch import Settings, run

    os.environ.setdefault("SKIM_DOCX_PAGES", "approximate")  # the workers inherit it
    with tempfile.TemporaryDirectory(prefix="fuzz-") as scratch:
        folder = keep or Path(scratch) / "mutants"
        folder.mkdir(parents=True, exist_ok=True)
        written = []  # each mutant's bytes go to its file, not into a list of 10,000
        for m in mutants:
            (folder / m.name).write_bytes(m.data)
            written.append((m.name, Origin(*astuple(m)[:len(fields(Origin))]), m.sha256))
        table_out = out or Path(scratch) / "rows.jsonl"
        with _Monitor(workers, report_every) as monitor:
            table = run([str(folder)], table_out,
                        Settings(seconds_per_file=SECONDS_PER_FILE), workers, progress=monitor)
        rows = {Path(row["file"]).name: row for row in table.to_dict("records")}
    results = []
    for name, origin, sha256 in written:
        row = rows[name]
        peak = row.get("worker_peak_mb")
        results.append(Result(
            *astuple(origin), sha256, classify(row, bool(monitor.kills), workers == 1),
            row["error"] or row["verdict"], float(row["seconds"]),
            None if peak is None or peak != peak else float(peak)))
    return results


# --- reporting ---------------------------------------------------------------------------------


def summarise(results: list[Result]) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for fmt in (*FORMATS, "all"):
        mine = [r for r in results if fmt in (r.fmt, "all")]
        peaks = [r.peak_mb for r in mine if r.peak_mb is not None]
        table[fmt] = {"inputs": len(mine), **{o: sum(r.outcome == o for r in mine)
                                              for o in OUTCOMES},
                      "max_peak_mb": max(peaks, default=0.0),
                      "seconds": round(sum(r.seconds for r in mine), 1),
                      "slowest_s": max((r.seconds for r in mine), default=0.0)}
    return table


def print_table(summary: dict[str, dict[str, Any]]) -> None:
    print(f"{'format':<7} {'inputs':>6} {'ok':>6} {'typed':>6} {'crash':>6} {'hang':>5} "
          f"{'memory':>6} {'max peak MB':>11} {'seconds':>8} {'slowest s':>9}")
    for fmt, row in summary.items():
        print(f"{fmt:<7} {row['inputs']:>6} {row['ok']:>6} {row['typed']:>6} {row['crash']:>6} "
              f"{row['hang']:>5} {row['memory']:>6} {row['max_peak_mb']:>11.0f} "
              f"{row['seconds']:>8.1f} {row['slowest_s']:>9.1f}")


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=True)  # a JSON string is a TOML basic string


def record_crashers(failures: list[Result], path: Path = CRASHERS, found_on: str = "") -> int:
    """Add the failures to the crasher list (kept by (seed, index)), saying on which commit
    they were found; how many are new."""
    known = load_crashers(path)
    keys = {(c["seed"], c["index"]) for c in known}
    new = [r for r in failures if (r.seed, r.index) not in keys]
    if not new:
        return 0
    lines = [] if path.exists() else [
        "# Mutants that crashed, hung or blew up, found by `python -m training.fuzz`.",
        "# Each is made again from (seed, index) and the files named here by",
        "# training.fuzz.mutant(); tests/test_fuzz_regressions.py checks that each now ends",
        "# in a verdict or one typed sentence.",
        "# Written by `python -m training.fuzz --record-crashers`.",
        ""]
    for r in new:
        lines += ["[[crasher]]", f"seed = {r.seed}", f"index = {r.index}",
                  f"format = {_toml_string(r.fmt)}", f"source = {_toml_string(r.source)}",
                  f"partner = {_toml_string(r.partner)}",
                  f"ops = [{', '.join(_toml_string(o) for o in r.ops)}]",
                  f"sha256 = {_toml_string(r.sha256)}",
                  f"found = {_toml_string(f'{r.outcome} ({r.seconds:.1f} s): {r.said}'[:300])}",
                  f"found_on = {_toml_string(found_on)}", ""]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write("\n".join(lines))
    return len(new)


def load_crashers(path: Path = CRASHERS) -> list[dict[str, Any]]:
    import tomllib

    if not path.exists():
        return []
    return tomllib.loads(path.read_text(encoding="utf-8")).get("crasher", [])


def regenerate(crasher: dict[str, Any], corpus: Path | None = CORPUS) -> Mutant:
    """A recorded crasher's mutant, made again from its (seed, index) and seed files."""
    return mutant(crasher["seed"], crasher["index"], corpus, crasher["source"],
                  crasher["partner"] or None)


def show(seed: int, index: int, corpus: Path | None) -> int:
    """Score one mutant in this process and say what happened, with any traceback."""
    from triage.errors import ReadError
    from triage.pipeline import score

    os.environ.setdefault("SKIM_DOCX_PAGES", "approximate")
    m = mutant(seed, index, corpus)
    print(f"{m.name}: {m.fmt} from {m.source} {'+ ' + m.partner if m.partner else ''} "
          f"ops={','.join(m.ops)} {len(m.data):,} bytes sha256={m.sha256[:16]}")
    started = time.perf_counter()
    try:
        result = score(m.data, filename=m.name)
        json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")
        print(f"verdict {result.verdict.label} in {time.perf_counter() - started:.2f} s")
    except ReadError as exc:
        print(f"typed: {type(exc).__name__}: {exc.message} "
              f"({time.perf_counter() - started:.2f} s)")
    except Exception:
        traceback.print_exc()
        return 1
    return 0


def _key(text: str) -> tuple[int, int]:
    seed, _, index = text.partition(":")
    return int(seed), int(index)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.fuzz", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--start", type=int, default=0, help="first index (default 0)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--corpus", default=str(CORPUS),
                        help="folder whose PDFs are seeds too, if it exists ('' for none)")
    parser.add_argument("--keep", help="write the mutants into this folder and keep them")
    parser.add_argument("--record-crashers", action="store_true",
                        help=f"add every failure to {CRASHERS.relative_to(ROOT)}")
    parser.add_argument("--show", metavar="SEED:INDEX", help="score one mutant here, verbosely")
    parser.add_argument("--write", nargs=2, metavar=("SEED:INDEX", "DIR"),
                        help="write one mutant into DIR")
    parser.add_argument("--docx-pages", choices=("approximate", "libreoffice"),
                        default="approximate", help="DOCX pages: the notional page (default, "
                        "as the tests), or LibreOffice's layout (~1.5 s more a DOCX)")
    args = parser.parse_args(argv)
    os.environ["SKIM_DOCX_PAGES"] = args.docx_pages  # read by the workers, which inherit it
    corpus = Path(args.corpus) if args.corpus else None
    if args.show:
        return show(*_key(args.show), corpus)
    if args.write:
        m = mutant(*_key(args.write[0]), corpus)
        target = Path(args.write[1]) / m.name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(m.data)
        print(target)
        return 0

    started = time.monotonic()
    mutants = (mutant(args.seed, i, corpus) for i in range(args.start, args.start + args.inputs))
    print(f"making {args.inputs} mutants, then scoring them with {args.workers} worker(s)",
          file=sys.stderr, flush=True)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = f"seed{args.seed}-{args.start}-{args.start + args.inputs}"
    results = run_mutants(mutants, args.workers, ARTIFACTS / f"{stem}.rows.jsonl",
                          Path(args.keep) if args.keep else None, report_every=250)
    wall = time.monotonic() - started
    summary = summarise(results)
    print_table(summary)
    failures = [r for r in results if r.outcome in FAILURES]
    for r in failures:
        print(f"{r.outcome}: {r.seed}:{r.index} {r.fmt} {r.source} ops={','.join(r.ops)} "
              f"-- {r.said[:120]}")
    print(f"\n{len(results)} inputs in {wall:.0f} s ({len(results) / wall:.2f} a second, "
          f"{args.workers} worker(s)); {len(failures)} failures")
    over = summary["all"]["max_peak_mb"] > PEAK_MB_LIMIT
    if args.workers > 1:
        print(f"Peaks with {args.workers} workers are each worker's most so far: an upper bound "
              "per file" + ("; some went over the bar, rerun with --workers 1 to see which."
                            if over else "."))
    command = "python -m training.fuzz " + " ".join(argv if argv is not None else sys.argv[1:])
    (ARTIFACTS / f"{stem}.summary.json").write_text(json.dumps({
        "command": command, "workers": args.workers, "wall_s": round(wall, 1),
        "per_second": round(len(results) / wall, 3), "corpus": bool(corpus and corpus.is_dir()),
        "peaks": "per file" if args.workers == 1 else "worker high-water (upper bound)",
        "summary": summary, "failures": [asdict(r) for r in failures],
    }, indent=2) + "\n")
    if args.record_crashers and failures:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, text=True,
                                capture_output=True, check=False).stdout.strip()
        print(f"{record_crashers(failures, found_on=commit)} new crashers recorded in "
              f"{CRASHERS.relative_to(ROOT)}")
    return 1 if failures or over else 0


if __name__ == "__main__":
    sys.exit(main())
