"""What lies over a PDF's text and what keeps it off the page: covers, clips and inkless colour.

Stuffing hides text from a person while an ATS still reads it. Colour and size are checked per
glyph in `pdf.py`; this module tracks what pdfminer ignores:
- a clip path (`W n`): text drawn outside the current clip never shows;
- an opaque image or filled shape drawn *after* the text, on top of it (text under a white box);
- colour that puts no ink down: a Separation named `None`, a spot colour at tint 0, or text
  drawn in stroke-only mode whose stroke is the paper's colour.

`InkInterpreter` carries the clip and the fill opacity in the graphics state (pdfminer keeps
neither); `InkDevice` notes, per glyph, why it cannot be seen. Both only add to pdfminer's and
`GlyphDevice`'s work, in the same drawing order.
"""

from __future__ import annotations

import numpy as np
from pdfminer.layout import LTCurve, LTFigure
from pdfminer.pdfinterp import PDFGraphicState
from pdfminer.pdftypes import PDFStream, dict_value, resolve1
from pdfminer.psparser import literal_name

from triage.readers.pdf_bounds import BoundedInterpreter
from triage.readers.pdf_glyphs import Glyph, GlyphDevice, colour

Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF space (origin bottom left)

CLIPPED = "clipped away"
COVERED = "covered by an image or shape"
OPAQUE_ALPHA = 0.99  # a fill at least this opaque hides what is under it
MIN_COVER_PT = 2.0  # thinner shapes are rules and underlines, not covers
STROKE_ONLY_MODES = (1, 5)  # text render modes that outline glyphs without filling them
SPOT_SPACES = ("Separation", "DeviceN")  # colour values there are tints: 0 puts no ink down


class InkState(PDFGraphicState):
    """pdfminer's graphics state plus what it does not keep: the clip box, fill opacity and
    whether the fill colour space puts down no ink at all."""

    def __init__(self) -> None:
        super().__init__()
        self.clip: Rect | None = None
        self.fill_alpha = 1.0  # this state's own `ca`
        self.group_alpha = 1.0  # the opacity a form (a group) is drawn with, as a whole
        self.inkless_space = False  # a Separation named None

    @property
    def opacity(self) -> float:
        return self.group_alpha * self.fill_alpha

    def copy(self) -> InkState:
        twin = InkState()
        twin.__dict__.update(self.__dict__)
        return twin


def _intersect(a: Rect | None, b: Rect) -> Rect:
    if a is None:
        return b
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _path_box(path: list[tuple], ctm: tuple) -> Rect | None:
    """The box of a path's points in device space: for a curve, its control points bound it."""
    a, b, c, d, e, f = ctm
    xs, ys = [], []
    for segment in path:
        numbers = [v for v in segment[1:] if isinstance(v, int | float)]
        for x, y in zip(numbers[::2], numbers[1::2], strict=False):
            xs.append(a * x + c * y + e)
            ys.append(b * x + d * y + f)
    if not xs:
        return None
    return (min(xs), min(ys), max(xs), max(ys))


class InkInterpreter(BoundedInterpreter):
    """The bounded interpreter, keeping the clip, fill opacity and inkless colour spaces."""

    inherited: InkState | None = None  # a form's interpreter starts from its caller's state

    def dup(self) -> InkInterpreter:
        twin = InkInterpreter(self.rsrcmgr, self.device, self.limits, self.spent)
        twin.page_number = self.page_number
        twin.inherited = self.graphicstate
        return twin

    def init_state(self, ctm) -> None:
        """A form starts from its caller's clip and colour; what it draws is composited with
        the caller's opacity, whatever `ca` it sets inside (read as a transparency group)."""
        super().init_state(ctm)
        self.graphicstate = InkState()
        if self.inherited is not None:
            self.graphicstate = self.inherited.copy()
            self.graphicstate.group_alpha = self.inherited.opacity
            self.graphicstate.fill_alpha = 1.0

    def do_W(self) -> None:
        """The path just built becomes (part of) the clip, from the next painting on."""
        box = _path_box(self.curpath, self.ctm)
        if box is not None:
            self.graphicstate.clip = _intersect(self.graphicstate.clip, box)

    do_W_a = do_W

    def do_Do(self, xobjid) -> None:
        self.device.image_alpha = self.graphicstate.opacity
        super().do_Do(xobjid)

    def do_EI(self, obj) -> None:
        self.device.image_alpha = self.graphicstate.opacity
        super().do_EI(obj)

    def _resource(self, kind: str, name: object) -> object:
        try:
            return resolve1(dict_value(self.resources.get(kind)).get(literal_name(name)))
        except Exception:  # a damaged resource dictionary: nothing to learn from it
            return None

    def do_gs(self, name) -> None:
        """Keep the fill opacity (`ca`): a half-transparent box does not hide text."""
        params = self._resource("ExtGState", name)
        alpha = params.get("ca") if isinstance(params, dict) else None
        if isinstance(alpha, int | float):
            self.graphicstate.fill_alpha = float(alpha)

    def do_cs(self, name) -> None:
        super().do_cs(name)
        spec = self._resource("ColorSpace", name)
        self.graphicstate.inkless_space = bool(
            isinstance(spec, list) and len(spec) > 1
            and literal_name(spec[0]) == "Separation" and literal_name(spec[1]) == "None")


def _fill_rgb(state: PDFGraphicState, stroke_only: bool) -> tuple[float, float, float] | None:
    """The colour text of this state shows in: tints of spot colours are ink amounts (0 is
    paper), and stroke-only text shows its stroke colour."""
    space = state.scs if stroke_only else state.ncs
    value = state.scolor if stroke_only else state.ncolor
    if space.name in SPOT_SPACES:
        tints = [v for v in (value if isinstance(value, list | tuple) else [value])
                 if isinstance(v, int | float)]
        return (1.0 - max(tints),) * 3 if tints else None
    if space.name in ("Indexed", "Pattern"):
        return None  # an index or a pattern is no colour we can judge: counts as visible
    return colour(value)


class InkDevice(GlyphDevice):
    """The glyph device, noting glyphs drawn outside the clip, in no ink, or later covered."""

    image_alpha = 1.0  # the fill opacity the interpreter draws the next image with

    def begin_page(self, page, ctm) -> None:
        super().begin_page(page, ctm)
        self.veiled: dict[int, str] = {}  # id(glyph) -> why it cannot be seen
        self._covers: list[tuple[int, Rect]] = []  # (glyphs drawn before it, box)

    def render_string(self, textstate, seq, ncs, graphicstate) -> None:
        start = len(self.glyphs)
        super().render_string(textstate, seq, ncs, graphicstate)
        drawn = self.glyphs[start:]
        if not drawn:
            return
        rgb = _fill_rgb(graphicstate, textstate.render in STROKE_ONLY_MODES)
        inkless = getattr(graphicstate, "inkless_space", False)
        clip = getattr(graphicstate, "clip", None)
        if rgb != self._rgb or inkless:  # GlyphDevice read the colour as plain grey or RGB
            for glyph in drawn:
                glyph.rgb = rgb
                glyph.invisible = glyph.invisible or inkless
        if clip is not None:
            for glyph in drawn:
                if not _inside(glyph, clip):
                    self.veiled[id(glyph)] = CLIPPED

    def render_image(self, name: str, stream: PDFStream) -> None:
        super().render_image(name, stream)
        attrs = stream.attrs if isinstance(stream, PDFStream) else {}
        see_through = any(attrs.get(key) for key in ("SMask", "Mask", "ImageMask", "IM"))
        if isinstance(self.cur_item, LTFigure) and not see_through:
            item = self.cur_item
            self._cover((item.x0, item.y0, item.x1, item.y1), self.image_alpha)

    def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
        before = len(self.cur_item._objs)
        super().paint_path(gstate, stroke, fill, evenodd, path)
        if not fill:
            return
        for shape in self.cur_item._objs[before:]:
            if isinstance(shape, LTCurve):
                self._cover(shape.bbox, getattr(gstate, "opacity", 1.0))

    def _cover(self, box: Rect, alpha: float) -> None:
        x0, y0, x1, y1 = box
        if self.glyphs and alpha >= OPAQUE_ALPHA and min(x1 - x0, y1 - y0) > MIN_COVER_PT:
            self._covers.append((len(self.glyphs), box))

    def veils(self) -> dict[int, str]:
        """Why each hidden glyph of the page cannot be seen, by id: clipped, or covered by an
        opaque image or shape drawn after it over its centre."""
        veiled = dict(self.veiled)
        if not self._covers:
            return veiled
        centres = np.array([((g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2) for g in self.glyphs])
        covered = np.zeros(len(self.glyphs), dtype=bool)
        for count, (x0, y0, x1, y1) in self._covers:
            x, y = centres[:count, 0], centres[:count, 1]
            covered[:count] |= (x > x0) & (x < x1) & (y > y0) & (y < y1)
        for index in np.flatnonzero(covered):
            veiled.setdefault(id(self.glyphs[index]), COVERED)
        return veiled


def _inside(glyph: Glyph, box: Rect) -> bool:
    x, y = (glyph.x0 + glyph.x1) / 2, (glyph.y0 + glyph.y1) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]

