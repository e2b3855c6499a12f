"""What lies over a PDF's text and what keeps it off the page: covers, clips and inkless colour.

Stuffing hides text from a person while an ATS still reads it. Colour and size are checked per
glyph in `pdf.py`; this module tracks what pdfminer ignores:
- a clip path (`W n`): text drawn outside the current clip never shows. A clip can have
  rectangular holes (`W*` over an outer box and boxes inside it: Chromium draws a CSS box-shadow
  as a filled box clipped to everything but the element), and what falls in a hole never shows;
- an opaque image or filled shape drawn *after* the text, on top of it (text under a white box);
- colour that puts no ink down: a Separation named `None`, a spot colour at tint 0, or text
  drawn in stroke-only mode whose stroke is the paper's colour.

`InkInterpreter` carries the clip and the fill opacity in the graphics state (pdfminer keeps
neither); `InkDevice` notes, per glyph, why it cannot be seen. Both only add to pdfminer's and
`GlyphDevice`'s work, in the same drawing order.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pdfminer.layout import LTCurve, LTFigure
from pdfminer.pdfinterp import PDFGraphicState
from pdfminer.pdftypes import PDFStream, dict_value, resolve1
from pdfminer.psparser import literal_name

from triage.document import CUT_AT_EDGE
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
        self.clip: Clip | None = None
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


def _overlap(a: Rect, b: Rect) -> Rect | None:
    x0, y0, x1, y1 = max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])
    return (x0, y0, x1, y1) if x0 < x1 and y0 < y1 else None


def _contains(box: Rect, x: float, y: float) -> bool:
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


@dataclass(frozen=True)
class Clip:
    """Where painting shows: a box, less the rectangular holes cut in it."""

    box: Rect
    holes: tuple[Rect, ...] = ()

    def shows(self, x: float, y: float) -> bool:
        return _contains(self.box, x, y) and not any(_contains(h, x, y) for h in self.holes)

    def shows_part(self, box: Rect) -> bool:
        """Whether any of `box` shows: it meets the clip's box, and no one hole holds it."""
        overlap = _overlap(box, self.box)
        return overlap is not None and not any(_inside_box(overlap, h) for h in self.holes)

    def within(self, other: Clip | None) -> Clip:
        """This clip set inside `other`: a point shows only where both let it."""
        if other is None:
            return self
        a, b = self.box, other.box
        return Clip((max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])),
                    self.holes + other.holes)

    def flipped(self, height: float) -> Clip:
        """The same clip with its origin at the top left of a page `height` high."""
        def flip(r: Rect) -> Rect:
            return (r[0], height - r[3], r[2], height - r[1])
        return Clip(flip(self.box), tuple(flip(h) for h in self.holes))


def _subpaths(path: list[tuple], ctm: tuple) -> list[list[tuple[float, float]]]:
    """A path's points in device space, one list per subpath (each `m` starts one; pdfminer
    turns `re` into `m` and three `l`)."""
    a, b, c, d, e, f = ctm
    out: list[list[tuple[float, float]]] = []
    for segment in path:
        numbers = [v for v in segment[1:] if isinstance(v, int | float)]
        if segment[0] == "m" or not out:
            out.append([])
        out[-1].extend((a * x + c * y + e, b * x + d * y + f)
                       for x, y in zip(numbers[::2], numbers[1::2], strict=False))
    return [points for points in out if points]


def _box(points: list[tuple[float, float]]) -> Rect:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return (min(xs), min(ys), max(xs), max(ys))


def _is_rectangle(points: list[tuple[float, float]]) -> bool:
    """Every point on a corner of its box: an axis-aligned rectangle, perhaps closed twice."""
    x0, y0, x1, y1 = _box(points)
    return all(x in (x0, x1) and y in (y0, y1) for x, y in points)


def _signed_area(points: list[tuple[float, float]]) -> float:
    return sum(xa * yb - xb * ya for (xa, ya), (xb, yb) in zip(points, points[1:] + points[:1],
                                                             strict=True)) / 2


def path_clip(path: list[tuple], ctm: tuple, even_odd: bool) -> Clip | None:
    """The clip a path makes: its box, with a hole for each rectangle inside the outer subpath
    that the fill rule leaves out (any, under even-odd; one wound the other way, under nonzero).
    Holes of other shapes are not cut: their boxes would claim text they do not cover."""
    subpaths = _subpaths(path, ctm)
    if not subpaths:
        return None
    outer = max(subpaths, key=lambda points: _signed_area(points) ** 2)
    outer_box, outer_area = _box(outer), _signed_area(outer)
    holes = tuple(
        _box(points) for points in subpaths
        if points is not outer and _is_rectangle(points)
        and _box(points) != outer_box and _inside_box(_box(points), outer_box)
        and (even_odd or _signed_area(points) * outer_area < 0))
    return Clip(_box([p for points in subpaths for p in points]), holes)


def _inside_box(inner: Rect, outer: Rect) -> bool:
    return (outer[0] <= inner[0] and outer[1] <= inner[1] and inner[2] <= outer[2]
            and inner[3] <= outer[3])


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
        self._clip_to_path(even_odd=False)

    def do_W_a(self) -> None:
        """`W*`: the same, under the even-odd rule."""
        self._clip_to_path(even_odd=True)

    def _clip_to_path(self, even_odd: bool) -> None:
        clip = path_clip(self.curpath, self.ctm, even_odd)
        if clip is not None:
            self.graphicstate.clip = clip.within(self.graphicstate.clip)

    def do_Do(self, xobjid) -> None:
        self.device.image_alpha = self.graphicstate.opacity
        self.device.image_clip = self.graphicstate.clip
        super().do_Do(xobjid)

    def do_EI(self, obj) -> None:
        self.device.image_alpha = self.graphicstate.opacity
        self.device.image_clip = self.graphicstate.clip
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
    image_clip: Clip | None = None  # ... and the clip it draws it in

    def begin_page(self, page, ctm) -> None:
        super().begin_page(page, ctm)
        self.veiled: dict[int, str] = {}  # id(glyph) -> why it cannot be seen
        # (glyphs drawn before it, its box, the clip it was painted in)
        self._covers: list[tuple[int, Rect, Clip | None]] = []
        self.fill_clips: dict[int, Clip] = {}  # id(filled shape) -> the clip it was painted in

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
                if not clip.shows(*_centre(glyph)):
                    box = (glyph.x0, glyph.y0, glyph.x1, glyph.y1)
                    self.veiled[id(glyph)] = CUT_AT_EDGE if clip.shows_part(box) else CLIPPED

    def render_image(self, name: str, stream: PDFStream) -> None:
        super().render_image(name, stream)
        attrs = stream.attrs if isinstance(stream, PDFStream) else {}
        see_through = any(attrs.get(key) for key in ("SMask", "Mask", "ImageMask", "IM"))
        if isinstance(self.cur_item, LTFigure) and not see_through:
            item = self.cur_item
            self._cover((item.x0, item.y0, item.x1, item.y1), self.image_alpha,
                        self.image_clip)

    def paint_path(self, gstate, stroke, fill, evenodd, path) -> None:
        before = len(self.cur_item._objs)
        super().paint_path(gstate, stroke, fill, evenodd, path)
        if not fill:
            return
        clip = getattr(gstate, "clip", None)
        for shape in self.cur_item._objs[before:]:
            if isinstance(shape, LTCurve):
                if clip is not None:
                    self.fill_clips[id(shape)] = clip
                self._cover(shape.bbox, getattr(gstate, "opacity", 1.0), clip)

    def _cover(self, box: Rect, alpha: float, clip: Clip | None) -> None:
        x0, y0, x1, y1 = box
        if self.glyphs and alpha >= OPAQUE_ALPHA and min(x1 - x0, y1 - y0) > MIN_COVER_PT:
            self._covers.append((len(self.glyphs), box, clip))

    def veils(self) -> dict[int, str]:
        """Why each hidden glyph of the page cannot be seen, by id: clipped, or covered by an
        opaque image or shape drawn after it over its centre."""
        veiled = dict(self.veiled)
        if not self._covers:
            return veiled
        centres = np.array([((g.x0 + g.x1) / 2, (g.y0 + g.y1) / 2) for g in self.glyphs])
        covered = np.zeros(len(self.glyphs), dtype=bool)
        for count, (x0, y0, x1, y1), clip in self._covers:
            x, y = centres[:count, 0], centres[:count, 1]
            under = (x > x0) & (x < x1) & (y > y0) & (y < y1)
            if clip is not None:  # the cover shows only inside its clip
                for index in np.flatnonzero(under):
                    under[index] = clip.shows(*centres[index])
            covered[:count] |= under
        for index in np.flatnonzero(covered):
            veiled.setdefault(id(self.glyphs[index]), COVERED)
        return veiled


def _centre(glyph: Glyph) -> tuple[float, float]:
    return (glyph.x0 + glyph.x1) / 2, (glyph.y0 + glyph.y1) / 2

