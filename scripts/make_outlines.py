#!/usr/bin/env python3
"""Converts Natural Earth 110m country outlines from the npm package world-atlas@2.0.2
(countries-110m.json, TopoJSON) into assets/countries-110m.txt, the compact file that
`mentionmap render` embeds.

Run once (the output is committed):
    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python3 scripts/make_outlines.py package/countries-110m.json assets/countries-110m.txt

Output format, one country a line after the `#` header lines:
    NAME<TAB>POLYGON|POLYGON...
where a POLYGON is RING;RING... (outer ring first, then holes) and a RING is space-separated
`x,y` pairs in hundredths of a degree (longitude, latitude); the first pair is absolute and each
later pair is the difference from the one before it.
"""
import json
import sys

HEADER = """# Country outlines: Natural Earth 1:110m Admin 0 countries (public domain, naturalearthdata.com),
# via the npm package world-atlas@2.0.2 (countries-110m.json, ISC licence, (c) 2013-2019 Michael Bostock).
# Made by scripts/make_outlines.py; coordinates in hundredths of a degree, delta-encoded.
"""


def decode_arcs(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring(arcs, indexes):
    pts = []
    for i in indexes:
        a = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(a if not pts else a[1:])
    return pts


def quantise(pts):
    out = []
    for x, y in pts:
        q = (round(x * 100), round(y * 100))
        if not out or out[-1] != q:
            out.append(q)
    return out


def encode(q):
    parts = [f"{q[0][0]},{q[0][1]}"]
    for (x0, y0), (x1, y1) in zip(q, q[1:]):
        parts.append(f"{x1 - x0},{y1 - y0}")
    return " ".join(parts)


def main(src, dst):
    topo = json.load(open(src, encoding="utf-8"))
    arcs = decode_arcs(topo)
    lines = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]] if g["type"] == "Polygon" else []
        enc = []
        for poly in polys:
            rings = [quantise(ring(arcs, r)) for r in poly]
            rings = [r for r in rings if len(r) >= 4]
            if rings:
                enc.append(";".join(encode(r) for r in rings))
        if enc:
            name = g.get("properties", {}).get("name", g.get("id", "?"))
            lines.append(f"{name}\t{'|'.join(enc)}")
    with open(dst, "w", encoding="utf-8") as f:
        f.write(HEADER)
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
