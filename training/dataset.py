"""Build the labelled dataset: every rendering read by the product's own readers, every piece
labelled from the source it was rendered from.

    python -m training.dataset [--renders training/renders] [--out training/data/labelled.jsonl.gz]
    python -m training.dataset --relabel    # new labels for the stored documents, no renderers
                                            # needed (renderings found in RENDERS are read again)

A rendering lives at `RENDERS/RENDERER/ID.(pdf|docx)` and its source at `training/sources/ID.json`.
The built-in samples (`sample_resumes/`, PDF/DOCX/TXT/JSON with their sources) join as renderers
`samples-pdf`, `samples-docx`, `samples-txt` and `samples-json`. The output keeps each document's
spans (text, box, size, weight, colour) and the piece labels, so features can be recomputed and
the model retrained without the renderers installed. `--relabel` recomputes the labels of the
stored documents (after a change to truth.py, the pieces, the reading lines or the page layout:
every stored page is assembled again) and reads again the renderings the repository holds or
makes (the samples, the JSON sources, the text styles); a change to another reader needs the
renderings again.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from training.render.text_render import render as render_text
from training.render.word_render import resume_to_markdown
from training.truth import label_pieces
from triage.document import Document, Line, Page, Span
from triage.errors import ReadError
from triage.readers import read_document
from triage.readers.layout import assemble
from triage.readers.limits import ReaderLimits
from triage.structure.lines import reading_lines
from triage.structure.pieces import split_pieces

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "training" / "sources"
RENDERS = ROOT / "training" / "renders"
DATASET = ROOT / "training" / "data" / "labelled.jsonl.gz"
SAMPLES = ROOT / "sample_resumes"
# DOCX renderings are read on the notional page, LibreOffice installed or not, so the dataset is
# the same on every machine (their LibreOffice PDFs are renderings of their own).
NOTIONAL = ReaderLimits(docx_pages="approximate")


def renderings(renders: Path) -> Iterator[tuple[str, str, Path, Path]]:
    """(renderer, source id, rendered file, source file) for every rendering with a source."""
    for folder in sorted(p for p in renders.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for path in sorted(folder.iterdir()):
            if path.suffix not in (".pdf", ".docx", ".txt", ".md", ".json") or path.name.endswith(
                    ".meta.json"):
                continue
            source = SOURCES / f"{path.stem}.json"
            if source.exists():
                yield folder.name, path.stem, path, source
    for ext in ("pdf", "docx", "txt", "json"):
        for source in sorted((SAMPLES / "sources").glob("*.json")):
            path = SAMPLES / f"{source.stem}.{ext}"
            if path.exists():
                yield f"samples-{ext}", source.stem, path, source


def encode(doc: Document) -> dict:
    """A Document as compact JSON (rounded geometry)."""
    return {
        "format": doc.source_format,
        "pages": [[p.width, p.height, p.columns, list(p.gutters)] for p in doc.pages],
        "lines": [[ln.id, ln.page, ln.column,
                   [[s.id, s.text, s.page, [round(v, 2) for v in s.bbox], round(s.size, 2),
                     int(s.bold), int(s.italic), [round(c, 3) for c in s.color], s.font,
                     int(s.hidden), list(s.emphasis_breaks)] for s in ln.spans]]
                  for ln in doc.lines],
    }


def decode(data: dict) -> Document:
    pages = [Page(i, w, h, c, tuple(g)) for i, (w, h, c, g) in enumerate(data["pages"])]
    lines = [Line(lid, tuple(Span(sid, text, page, tuple(bbox), size, bool(bold), bool(italic),
                                  tuple(color), font, bool(hidden), "", tuple(breaks))
                             for sid, text, page, bbox, size, bold, italic, color, font, hidden,
                             breaks in spans), page_index, column)
             for lid, page_index, column, spans in data["lines"]]
    return Document(pages, lines, data["format"])


def record(item: tuple[str, str, Path, Path]) -> dict | None:
    """One rendering read and labelled; None (with a note on stderr) when it cannot be read."""
    renderer, source_id, path, source_path = item
    try:
        doc = read_document(path.read_bytes(), path.name, NOTIONAL)
    except (ReadError, OSError) as error:
        print(f"skip {path}: {error}", file=sys.stderr)
        return None
    source = json.loads(source_path.read_text(encoding="utf-8"))
    return labelled(renderer, source_id, encode(doc), source)


def labelled(renderer: str, source_id: str, stored: dict, source: dict) -> dict:
    """A stored document with its piece labels, computed on what training will see: the stored
    (rounded) geometry."""
    doc = decode(stored)
    labels = label_pieces(split_pieces(doc, reading_lines(doc)), source)
    return {"renderer": renderer, "source": source_id, "doc": stored, "labels": labels}


TEXT_SUFFIX = {"text-markdown": ".md", "text-plain": ".txt", "text-compact": ".txt"}


def in_repo(renderer: str, source_id: str, source: dict,
            stored_format: str) -> tuple[bytes, str] | None:
    """The rendering itself (bytes, file name) where the repository holds it or makes it
    without outside tools: the built-in samples, the JSON Resume sources read as they are, the
    text styles and pandoc's Markdown input (pure Python, seeded)."""
    if renderer.startswith("samples-"):
        path = SAMPLES / f"{source_id}.{renderer.removeprefix('samples-')}"
        return path.read_bytes(), path.name
    if renderer == "json-source":
        path = SOURCES / f"{source_id}.json"
        return path.read_bytes(), path.name
    if renderer in TEXT_SUFFIX:
        text = render_text(source, renderer, random.Random(f"{source_id}/{renderer}"))
        return text.encode(), source_id + TEXT_SUFFIX[renderer]
    if renderer.startswith("pandoc-md-") and stored_format == "text":
        return resume_to_markdown(source).encode(), f"{source_id}.md"
    return None


def on_disk(renderer: str, source_id: str, stored_format: str) -> tuple[bytes, str] | None:
    """The rendering in `RENDERS` when this machine has it (the renders are not committed):
    re-rendering one family and relabelling brings a reader change to that family alone."""
    path = RENDERS / renderer / f"{source_id}.{stored_format}"
    return (path.read_bytes(), path.name) if path.is_file() else None


def relabel_record(line: str) -> dict:
    """One stored dataset line labelled again from its source; a rendering the repository holds
    or makes, or one this machine has in `RENDERS`, is read again too, so a change to its
    reader reaches the dataset."""
    item = json.loads(line)
    root = SAMPLES / "sources" if item["renderer"].startswith("samples-") else SOURCES
    source = json.loads((root / f"{item['source']}.json").read_text(encoding="utf-8"))
    rendering = (in_repo(item["renderer"], item["source"], source, item["doc"]["format"])
                 or on_disk(item["renderer"], item["source"], item["doc"]["format"]))
    stored = reassembled(item["doc"]) if rendering is None else encode(
        read_document(*rendering, NOTIONAL))
    return labelled(item["renderer"], item["source"], stored, source)


def reassembled(stored: dict) -> dict:
    """A stored document's spans put in lines and reading order again, by today's layout code:
    the readers hand every page's spans to `assemble`, so a change to it reaches renderings the
    repository does not hold."""
    doc = decode(stored)
    pages = [Page(p.index, p.width, p.height) for p in doc.pages]
    spans_by_page: list[list[Span]] = [[] for _ in pages]
    for line in doc.lines:
        for span in line.spans:
            spans_by_page[span.page].append(span)
    new_pages, lines = assemble(pages, spans_by_page)
    return encode(Document(new_pages, lines, doc.source_format))


def relabelled(dataset: Path, workers: int = 2) -> Iterator[dict]:
    """The dataset's documents, labelled again. Reads the whole file first, so the output may
    replace it."""
    with gzip.open(dataset, "rt", encoding="utf-8") as handle:
        stored = handle.readlines()
    return _labelled_all(stored, workers)


def _labelled_all(stored: list[str], workers: int) -> Iterator[dict]:
    with ProcessPoolExecutor(workers) as pool:
        yield from pool.map(relabel_record, stored, chunksize=8)


def records(renders: Path, workers: int = 2) -> Iterator[dict]:
    with ProcessPoolExecutor(workers) as pool:
        for done in pool.map(record, list(renderings(renders)), chunksize=4):
            if done is not None:
                yield done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--renders", type=Path, default=RENDERS)
    parser.add_argument("--out", type=Path, default=DATASET)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--relabel", action="store_true",
                        help="relabel the documents already in --out instead of reading renders")
    args = parser.parse_args(argv)
    items = relabelled(args.out, args.workers) if args.relabel else records(args.renders,
                                                                            args.workers)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    counts: Counter[str] = Counter()
    documents: Counter[str] = Counter()
    digest = hashlib.sha256()
    with gzip.open(args.out, "wt", encoding="utf-8", compresslevel=9) as out:
        for item in items:
            line = json.dumps(item, ensure_ascii=False, separators=(",", ":"))
            digest.update(line.encode())
            out.write(line + "\n")
            counts.update(item["labels"])
            documents[item["renderer"]] += 1
    print(f"{sum(documents.values())} documents from {len(documents)} renderers, "
          f"{sum(counts.values())} pieces; sha256 {digest.hexdigest()[:16]}")
    for label, n in counts.most_common():
        print(f"  {label:10} {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
