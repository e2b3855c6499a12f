"""Build a tiny TrueType font (stdlib only) mapping private-use code points to bullet shapes.

Word documents use Symbol/Wingdings bullets whose text layer in the exported PDF
is U+F0B7 (Symbol bullet), U+F0A7 (Wingdings small square), U+F0D8 (Wingdings
arrowhead), U+F076 (Wingdings diamond-ish). No locally installed font has those
code points, so we synthesise one and embed it as a data: URI in the HTML.
Chromium then writes a ToUnicode map that yields the PUA code point.
"""
from __future__ import annotations

import base64
import math
import struct

UPEM = 1000


def _circle(cx, cy, r, n=24):
    # clockwise
    return [[(round(cx + r * math.cos(-2 * math.pi * i / n)), round(cy + r * math.sin(-2 * math.pi * i / n)))
             for i in range(n)]]


def _square(cx, cy, h):
    return [[(cx - h, cy - h), (cx - h, cy + h), (cx + h, cy + h), (cx + h, cy - h)]]


def _arrow(cx, cy, h):
    # arrowhead pointing right with a notch: like Wingdings 0xD8
    return [[(cx - h, cy - h), (cx - h // 3, cy), (cx - h, cy + h), (cx + h, cy)]]


def _diamond(cx, cy, h):
    return [[(cx, cy - h), (cx - h, cy), (cx, cy + h), (cx + h, cy)]]


GLYPHS = {  # code point -> (advance, contours)
    0xF0B7: (460, _circle(230, 330, 130)),
    0xF0A7: (460, _square(230, 330, 110)),
    0xF0D8: (620, _arrow(310, 330, 200)),
    0xF076: (600, _diamond(300, 330, 220)),
}


def _glyf(contours):
    if not contours:
        return b""
    pts = [p for c in contours for p in c]
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    out = struct.pack(">hhhhh", len(contours), min(xs), min(ys), max(xs), max(ys))
    end = -1
    for c in contours:
        end += len(c)
        out += struct.pack(">H", end)
    out += struct.pack(">H", 0)  # instructionLength
    out += bytes([0x01] * len(pts))  # on-curve, int16 deltas
    px = py = 0
    xb = yb = b""
    for x, y in pts:
        xb += struct.pack(">h", x - px)
        yb += struct.pack(">h", y - py)
        px, py = x, y
    return out + xb + yb


def _checksum(b: bytes) -> int:
    b = b + b"\0" * ((4 - len(b) % 4) % 4)
    return sum(struct.unpack(">%dI" % (len(b) // 4), b)) & 0xFFFFFFFF


def _name_table(family: str) -> bytes:
    recs = [(1, family), (2, "Regular"), (3, family + " Regular"), (4, family + " Regular"),
            (6, family.replace(" ", "") + "-Regular")]
    strings = b""
    records = b""
    for nid, s in recs:
        data = s.encode("utf-16-be")
        records += struct.pack(">HHHHHH", 3, 1, 0x409, nid, len(data), len(strings))
        strings += data
    return struct.pack(">HHH", 0, len(recs), 6 + 12 * len(recs)) + records + strings


def build_font(family: str = "PUA Bullets") -> bytes:
    cps = sorted(GLYPHS)
    glyphs = [(500, [])] + [GLYPHS[c] for c in cps]  # .notdef empty
    glyf = b""
    loca = []
    for _, contours in glyphs:
        loca.append(len(glyf))
        g = _glyf(contours)
        g += b"\0" * ((4 - len(g) % 4) % 4)
        glyf += g
    loca.append(len(glyf))
    allpts = [p for _, cs in glyphs for c in cs for p in c]
    xmin = min(p[0] for p in allpts)
    ymin = min(p[1] for p in allpts)
    xmax = max(p[0] for p in allpts)
    ymax = max(p[1] for p in allpts)
    maxpts = max((sum(len(c) for c in cs) for _, cs in glyphs), default=0)
    maxcont = max((len(cs) for _, cs in glyphs), default=0)
    n = len(glyphs)
    advmax = max(a for a, _ in glyphs)

    head = struct.pack(">IIIIHHqqhhhhHHhhh", 0x00010000, 0x00010000, 0, 0x5F0F3CF5, 0x000B, UPEM,
                       0, 0, xmin, ymin, xmax, ymax, 0, 8, 2, 1, 0)
    hhea = struct.pack(">IhhhHhhhhhhhhhhhH", 0x00010000, 800, -200, 0, advmax, 0, 0, xmax, 1, 0, 0,
                       0, 0, 0, 0, 0, n)
    maxp = struct.pack(">IHHHHHHHHHHHHHH", 0x00010000, n, maxpts, maxcont, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0)
    hmtx = b"".join(struct.pack(">Hh", a, min((p[0] for c in cs for p in c), default=0)) for a, cs in glyphs)
    # cmap format 4, one segment per code point + 0xFFFF
    segs = [(c, c, i + 1) for i, c in enumerate(cps)] + [(0xFFFF, 0xFFFF, 0)]
    segx2 = 2 * len(segs)
    sr = 2 * (2 ** int(math.floor(math.log2(len(segs)))))
    es = int(math.log2(sr // 2))
    rs = segx2 - sr
    ends = b"".join(struct.pack(">H", e) for s, e, g in segs)
    starts = b"".join(struct.pack(">H", s) for s, e, g in segs)
    deltas = b"".join(struct.pack(">h", ((g - s) + 0x8000) % 0x10000 - 0x8000 if g else 1) for s, e, g in segs)
    ranges = b"".join(struct.pack(">H", 0) for _ in segs)
    body = struct.pack(">HHHH", segx2, sr, es, rs) + ends + b"\0\0" + starts + deltas + ranges
    sub = struct.pack(">HHH", 4, 6 + len(body), 0) + body
    cmap = struct.pack(">HHHHI", 0, 1, 3, 1, 12) + sub
    os2 = struct.pack(">HhHHHhhhhhhhhhhh10sIIIIIHHHhhhHHIIhhHHH",
                      4, 500, 400, 5, 0, 650, 700, 0, 140, 650, 700, 0, 480, 50, 250, 0,
                      b"\0" * 10, 0, 1 << 28, 0, 0, b"PUAB"[0] << 24 | b"PUAB"[1] << 16 | b"PUAB"[2] << 8 | b"PUAB"[3],
                      0x40, cps[0], cps[-1], 800, -200, 0, 800, 200, 1, 0, 0, 0, 0, 0, 0)
    post = struct.pack(">IIhhIIIII", 0x00030000, 0, -100, 50, 0, 0, 0, 0, 0)
    name = _name_table(family)
    loca_b = b"".join(struct.pack(">I", o) for o in loca)
    tables = {b"OS/2": os2, b"cmap": cmap, b"glyf": glyf, b"head": head, b"hhea": hhea,
              b"hmtx": hmtx, b"loca": loca_b, b"maxp": maxp, b"name": name, b"post": post}
    tags = sorted(tables)
    nt = len(tags)
    sr = 16 * (2 ** int(math.floor(math.log2(nt))))
    offset = 12 + 16 * nt
    directory = struct.pack(">IHHHH", 0x00010000, nt, sr, int(math.log2(sr // 16)), nt * 16 - sr)
    data = b""
    head_off = 0
    for t in tags:
        b = tables[t]
        if t == b"head":
            head_off = offset + len(data)
        directory += struct.pack(">4sIII", t, _checksum(b), offset + len(data), len(b))
        data += b + b"\0" * ((4 - len(b) % 4) % 4)
    font = bytearray(directory + data)
    adj = (0xB1B0AFBA - _checksum(bytes(font))) & 0xFFFFFFFF
    font[head_off + 8:head_off + 12] = struct.pack(">I", adj)
    return bytes(font)


_CACHE: dict[str, str] = {}


def font_face_css(family: str = "PUA Bullets") -> str:
    if family not in _CACHE:
        b64 = base64.b64encode(build_font(family)).decode("ascii")
        _CACHE[family] = ("@font-face{font-family:'%s';src:url(data:font/ttf;base64,%s) format('truetype');}"
                          % (family, b64))
    return _CACHE[family]
