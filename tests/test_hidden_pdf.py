"""Hidden text in a PDF that colour and size alone do not give away (issue 12, section 3): text
under an opaque image or box drawn after it, text outside the clip path, text in a colour that
puts no ink down, and outlined text in the paper's colour. Each is never credited and is
reported with its reason; the look-alikes that a real template draws stay visible."""

from __future__ import annotations

import pytest

from training.hostile import RESUME_LINES, pdf_file, stream, text_content
from triage.document import CUT_AT_EDGE
from triage.readers import read_document
from triage.readers.pdf_ink import CLIPPED, COVERED

PAYLOAD = "Kubernetes Terraform Golang Rust Staff Principal Distinguished"
PAYLOAD_Y = 400
TINT_TO_GREY = b"<< /FunctionType 2 /Domain [0 1] /C0 [1] /C1 [0] /N 1 >>"


def _payload(prefix: bytes = b"", suffix: bytes = b"", render: int = 0) -> bytes:
    """The resume lines, then the payload line at PAYLOAD_Y between `prefix` and `suffix`."""
    line = (b"BT /F1 11 Tf %d Tr 1 0 0 1 72 %d Tm (%s) Tj ET"
            % (render, PAYLOAD_Y, PAYLOAD.encode()))
    return b"\n".join([text_content(RESUME_LINES), prefix, line, suffix])


def _pdf(content: bytes, resources: bytes = b"", more: list[bytes] | None = None) -> bytes:
    """One page with font F1 (object 5) and extra resource entries; `more` are objects 6, ..."""
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R"
        b" >> " + resources + b" >> /Contents 4 0 R >>",
        stream(content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(more or []),
    ])


def _reasons(data: bytes) -> dict[str, str]:
    """Each span's text -> its hidden reason ('' when visible)."""
    document = read_document(data, "resume.pdf")
    return {s.text: s.hidden_reason for ln in document.lines for s in ln.spans} | {
        s.text: s.hidden_reason for s in document.hidden_spans}


def _payload_reason(data: bytes) -> str:
    reasons = _reasons(data)
    assert reasons["Jane Doe"] == "" and reasons["Experience"] == ""  # the rest stays visible
    return reasons[PAYLOAD]


BOX = b"%d %d 420 16 re f" % (68, PAYLOAD_Y - 4)
IMAGE = b"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray " \
        b"/BitsPerComponent 8 %s /Length 1 >>\nstream\n\xff\nendstream"
DRAW_IMAGE = b"q 420 0 0 16 68 %d cm /Im1 Do Q" % (PAYLOAD_Y - 4)
SEE_THROUGH = b"<< /GS1 << /Type /ExtGState /ca 0.3 >> >>"
# A clip of the whole page less the payload's box, as Chromium paints a CSS box-shadow: under
# the even-odd rule, or under nonzero with the box wound the other way.
ALL_BUT_BOX = b"0 0 612 792 re %d %d 420 16 re W* n" % (68, PAYLOAD_Y - 4)
ALL_BUT_BOX_NONZERO = (b"0 0 m 612 0 l 612 792 l 0 792 l h %d %d m %d %d l %d %d l %d %d l h W n"
                       % (68, PAYLOAD_Y - 4, 68, PAYLOAD_Y + 12, 488, PAYLOAD_Y + 12, 488,
                          PAYLOAD_Y - 4))


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("white box drawn over it", _pdf(_payload(suffix=b"1 1 1 rg " + BOX)), COVERED),
    ("dark box drawn over it", _pdf(_payload(suffix=b"0.2 0.2 0.6 rg " + BOX)), COVERED),
    ("image drawn over it", _pdf(_payload(suffix=DRAW_IMAGE),
                                 b"/XObject << /Im1 6 0 R >>", [IMAGE % b""]), COVERED),
    ("outside the clip", _pdf(_payload(b"q 0 0 20 20 re W n", b"Q")), CLIPPED),
    ("outside a form's inherited clip", _pdf(
        b"\n".join([text_content(RESUME_LINES), b"q 0 0 20 20 re W n /Fm1 Do Q"]),
        b"/XObject << /Fm1 6 0 R >>",
        [stream(b"BT /F1 11 Tf 1 0 0 1 72 %d Tm (%s) Tj ET" % (PAYLOAD_Y, PAYLOAD.encode()),
                b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /Font << "
                b"/F1 5 0 R >> >>")]), CLIPPED),
    ("a Separation named None", _pdf(_payload(b"/CS0 cs 1 scn"),
                                     b"/ColorSpace << /CS0 [/Separation /None /DeviceGray 6 0 R]"
                                     b" >>", [TINT_TO_GREY]), "invisible ink"),
    ("a spot colour at tint 0", _pdf(_payload(b"/CS0 cs 0 scn"),
                                     b"/ColorSpace << /CS0 [/Separation /PANTONE#20300 "
                                     b"/DeviceGray 6 0 R] >>", [TINT_TO_GREY]),
     "same colour as background"),
    ("outlined in white", _pdf(_payload(b"1 1 1 RG 0 0 0 rg", render=1)),
     "same colour as background"),
    ("render mode 7 (clip only)", _pdf(_payload(render=7)), "invisible ink"),
    ("in a hole cut in the clip", _pdf(_payload(b"q " + ALL_BUT_BOX, b"Q")), CLIPPED),
    ("cut through by the clip's edge, its lower part shown",
     _pdf(_payload(b"q 0 0 612 %d re W n" % (PAYLOAD_Y + 2), b"Q")), CUT_AT_EDGE),
    ("black on a black band drawn before it", _pdf(_payload(b"0 0 0 rg " + BOX)),
     "same colour as background"),
])
def test_hidden_payload_is_found(name: str, data: bytes, reason: str) -> None:
    assert _payload_reason(data) == reason, name


@pytest.mark.parametrize(("name", "data"), [
    ("a band drawn before the text", _pdf(_payload(b"0.9 0.9 0.9 rg " + BOX + b" 0 g"))),
    ("a see-through box over it", _pdf(_payload(b"/GS1 gs", b"1 1 1 rg " + BOX),
                                       b"/ExtGState " + SEE_THROUGH)),
    ("a rule struck through it", _pdf(_payload(suffix=b"0 0 0 rg 72 %.1f 300 1 re f"
                                               % (PAYLOAD_Y + 2.7)))),
    ("an image with a soft mask over it", _pdf(_payload(suffix=DRAW_IMAGE),
                                               b"/XObject << /Im1 6 0 R >>",
                                               [IMAGE % b"/SMask 7 0 R", IMAGE % b""])),
    ("a half-opaque form whose image resets ca", _pdf(
        _payload(b"/GS1 gs", b"q 420 0 0 16 68 %d cm /Fm1 Do Q" % (PAYLOAD_Y - 4)),
        b"/ExtGState " + SEE_THROUGH + b" /XObject << /Fm1 6 0 R >>",
        [stream(b"/GS2 gs /Im1 Do", b"/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources"
                b" << /ExtGState << /GS2 << /ca 1 >> >> /XObject << /Im1 7 0 R >> >>"),
         IMAGE % b""])),
    ("inside the clip", _pdf(_payload(b"q 0 0 612 792 re W n", b"Q"))),
    ("text after the clip is restored", _pdf(b"q 0 0 20 20 re W n Q\n" + _payload())),
    ("a spot colour at full tint", _pdf(_payload(b"/CS0 cs 1 scn"),
                                        b"/ColorSpace << /CS0 [/Separation /PANTONE#20300 "
                                        b"/DeviceGray 6 0 R] >>", [TINT_TO_GREY])),
    ("outlined in black", _pdf(_payload(b"0 0 0 RG 1 1 1 rg", render=1))),
    ("black on a box-shadow: a black band clipped to all but the text's box",
     _pdf(_payload(b"q " + ALL_BUT_BOX + b" 0 0 0 rg " + BOX + b" Q 0 g"))),
    ("the same clip wound for the nonzero rule",
     _pdf(_payload(b"q " + ALL_BUT_BOX_NONZERO + b" 0 0 0 rg " + BOX + b" Q 0 g"))),
    ("a white box over it, clipped to all but its box",
     _pdf(_payload(suffix=b"q " + ALL_BUT_BOX + b" 1 1 1 rg " + BOX + b" Q"))),
])
def test_look_alikes_stay_visible(name: str, data: bytes) -> None:
    assert _payload_reason(data) == "", name


def test_covered_text_is_never_credited_and_is_reported() -> None:
    """The payload under a white box is a gimmick with its place, and lifts nothing."""
    from triage import score

    plain = score(_pdf(text_content(RESUME_LINES)), filename="resume.pdf")
    covered = score(_pdf(_payload(suffix=b"1 1 1 rg " + BOX)), filename="resume.pdf")
    gimmicks = [s.finding.message for s in covered.verdict.scored
                if s.finding.signal == "gimmicks"]
    assert any(COVERED in text and "Kubernetes" in text for text in gimmicks)
    assert covered.verdict.score <= plain.verdict.score


def test_a_line_cut_at_a_page_edge_is_not_read_and_not_held_against_anyone() -> None:
    """Chromium can print one line half at the foot of a page and half at the head of the next:
    half a line is not read, but it is no gimmick (a person sees it, cut)."""
    from triage import score

    cut = score(_pdf(_payload(b"q 0 0 612 %d re W n" % (PAYLOAD_Y + 2), b"Q")),
                filename="resume.pdf")
    assert PAYLOAD in [s.text for s in cut.resume.document.hidden_spans]
    assert not [s for s in cut.verdict.scored if s.finding.signal == "gimmicks"
                and "Kubernetes" in s.finding.message]


def _line_across_a_page_break(foot: str, head: str) -> bytes:
    """Two pages: `foot` cut at the bottom edge of page 1's clip (its top part shows), `head`
    cut at the top edge of page 2's (its bottom part shows), then a line under it."""
    def line(y: int, text: str) -> bytes:
        return b"BT /F1 11 Tf 1 0 0 1 72 %d Tm (%s) Tj ET" % (y, text.encode())
    page_one = b"\n".join([text_content(RESUME_LINES), b"q 0 33 612 759 re W n",
                           line(28, foot), b"Q"])
    page_two = b"\n".join([b"q 0 0 612 762 re W n", line(760, head), b"Q",
                           line(740, "Graduate Trainee")])
    page = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << " \
           b"/F1 7 0 R >> >> /Contents %d 0 R >>"
    return pdf_file([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
        page % 5, page % 6, stream(page_one), stream(page_two),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def test_a_line_cut_across_a_page_break_is_read_once_where_its_block_goes_on() -> None:
    header = "Gold Coast Beverages Ltd  Sep 2010 - Aug 2011"
    document = read_document(_line_across_a_page_break(header, header), "resume.pdf")
    shown = [(s.page, s.text) for ln in document.lines for s in ln.spans if not s.hidden]
    assert [p for p, t in shown if "Gold Coast" in t] == [1]  # once, on page 2
    assert [(s.page, s.hidden_reason) for s in document.hidden_spans] == [(0, CUT_AT_EDGE)]
    # Different words at the foot and the head are two cut lines: neither is read.
    other = read_document(_line_across_a_page_break(header, "Unrelated words entirely"),
                          "resume.pdf")
    assert not [s for ln in other.lines for s in ln.spans
                if not s.hidden and ("Gold Coast" in s.text or "Unrelated" in s.text)]
