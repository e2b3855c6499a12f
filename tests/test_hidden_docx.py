"""Hidden text in a Word file (issue 12, section 3): text boxes floated off the page or marked
hidden, and text in the colour it is printed on, judged against the shading really under it
(run, paragraph or table cell), so white text on a dark heading band stays visible while white
text in a plain table cell is caught. Hidden text is never credited."""

from __future__ import annotations

import io

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor

from training.hostile import word_file, word_paragraph
from triage.readers import read_document

PAYLOAD = "Kubernetes Terraform Golang Staff Principal"
RESUME = [b"Jane Doe", b"Senior Platform Engineer", b"Experience",
          b"Platform Engineer at Acme, Jan 2020 - Present"]


def _box(text: str, x: int, y: int, across: str = "page", down: str = "page",
         hidden: bool = False) -> bytes:
    """A paragraph holding a floating text box at (x, y) EMU from `across` and `down`."""
    return (
        b'<w:p><w:r><w:drawing><wp:anchor simplePos="0" relativeHeight="1" behindDoc="0" '
        b'locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/>'
        b'<wp:positionH relativeFrom="%s"><wp:posOffset>%d</wp:posOffset></wp:positionH>'
        b'<wp:positionV relativeFrom="%s"><wp:posOffset>%d</wp:posOffset></wp:positionV>'
        b'<wp:extent cx="2000000" cy="500000"/><wp:docPr id="1" name="Box"%s/><a:graphic>'
        b'<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        b'<wps:wsp><wps:txbx><w:txbxContent>%s</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
        b'</a:graphicData></a:graphic></wp:anchor></w:drawing></w:r></w:p>'
        % (across.encode(), x, down.encode(), y, b' hidden="1"' if hidden else b"",
           word_paragraph(text.encode())))


def _reason(data: bytes, text: str) -> str | None:
    """`text`'s hidden reason ('' when visible, None when it is not read at all)."""
    document = read_document(data, "resume.docx")
    spans = [s for ln in document.lines for s in ln.spans] + list(document.hidden_spans)
    return next((s.hidden_reason for s in spans if text in s.text), None)


def _word(*extra: bytes) -> bytes:
    return word_file(b"".join(map(word_paragraph, RESUME)) + b"".join(extra))


@pytest.mark.parametrize(("name", "box", "reason"), [
    ("on the page", _box(PAYLOAD, 1_000_000, 1_000_000), ""),
    ("partly over the left edge of a column", _box(PAYLOAD, -1_000_000, 0, "column",
                                                   "paragraph"), ""),
    ("far left of the page", _box(PAYLOAD, -20_000_000, 1_000_000), "off-page"),
    ("below the page, from a paragraph", _box(PAYLOAD, 0, 30_000_000, "column", "paragraph"),
     "off-page"),
    ("marked hidden", _box(PAYLOAD, 1_000_000, 1_000_000, hidden=True), "hidden formatting"),
])
def test_text_boxes(name: str, box: bytes, reason: str) -> None:
    assert _reason(_word(box), PAYLOAD) == reason, name


def _shade(properties: object, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:fill"), fill)
    properties.append(shading)


def _coloured_docx() -> bytes:
    """Runs in white (and one in dark grey) on every kind of shading, and on none."""
    document = docx.Document()
    document.add_paragraph("Jane Doe")
    white, dark = RGBColor(255, 255, 255), RGBColor(0x33, 0x33, 0x33)

    def run_in(paragraph, text: str, colour: RGBColor = white):
        run = paragraph.add_run(text)
        run.font.color.rgb = colour
        return run

    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    _shade(cell._tc.get_or_add_tcPr(), "1F3864")
    run_in(cell.paragraphs[0], "on a shaded cell")
    run_in(document.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0], "in a plain cell")
    paragraph = document.add_paragraph()
    _shade(paragraph._p.get_or_add_pPr(), "000000")
    run_in(paragraph, "on a shaded paragraph")
    _shade(run_in(document.add_paragraph(), "on its own shading")._r.get_or_add_rPr(), "333333")
    run_in(document.add_paragraph(), "on the paper")
    paragraph = document.add_paragraph()
    _shade(paragraph._p.get_or_add_pPr(), "auto")
    run_in(paragraph, "on automatic shading")
    paragraph = document.add_paragraph()
    _shade(paragraph._p.get_or_add_pPr(), "303030")
    run_in(paragraph, "dark on dark", dark)
    document.add_paragraph("Experience")
    document.add_paragraph("Platform Engineer at Acme, Jan 2020 - Present")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize(("text", "reason"), [
    ("on a shaded cell", ""), ("on a shaded paragraph", ""), ("on its own shading", ""),
    ("in a plain cell", "same colour as background"),
    ("on the paper", "same colour as background"),
    ("on automatic shading", "same colour as background"),
    ("dark on dark", "same colour as background"),
])
def test_colour_against_the_shading_under_it(text: str, reason: str) -> None:
    assert _reason(_coloured_docx(), text) == reason


def test_an_off_page_box_is_reported_and_not_credited() -> None:
    from triage import score

    plain = score(_word(), filename="resume.docx")
    stuffed = score(_word(_box(PAYLOAD, -20_000_000, 0)), filename="resume.docx")
    gimmicks = [s.finding.message for s in stuffed.verdict.scored
                if s.finding.signal == "gimmicks"]
    assert any("off-page" in text and "Kubernetes" in text for text in gimmicks)
    assert stuffed.verdict.score <= plain.verdict.score
