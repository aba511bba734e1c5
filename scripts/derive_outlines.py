#!/usr/bin/python3
"""Derive the built-in coarse district outlines (sim/swsim/world/jinan_outlines.cpp) from a DataV.GeoAtlas
district FeatureCollection of Jinan (adcodes 3701xx). Run by a developer, never at build time:

    /usr/bin/python3 scripts/derive_outlines.py ../shared/data/jinan_districts_datav.geojson \
        > sim/swsim/world/jinan_outlines.cpp

The simplification is the project's own: shared borders are simplified once, so neighbouring districts
keep one common border (no gaps, no overlaps). Each ring is cut into arcs at the vertices where the set of
districts sharing a vertex changes; each arc is simplified by Douglas-Peucker with its ends fixed, at
TOLERANCE_KM on the model's km plane (the equirectangular projection of world/geography.cpp); where a
simplified arc would cross another, that arc is redone at half the tolerance until nothing crosses.
The summary (vertices, area change per district) goes to stderr and into docs/geography.md by hand.
"""
import json
import math
import sys

TOLERANCE_KM = 0.5
ORIGIN_LAT, ORIGIN_LON = 36.65, 117.12  # world/geography.hpp kOriginLat / kOriginLon
KM_LAT = 110.574
KM_LON = 111.320 * math.cos(ORIGIN_LAT * math.pi / 180.0)
ORDER = [370102, 370103, 370104, 370105, 370112, 370113, 370114, 370115, 370116, 370117, 370124, 370126]


def km(p):
    return ((p[0] - ORIGIN_LON) * KM_LON, (p[1] - ORIGIN_LAT) * KM_LAT)


def seg_dist(p, a, b):
    dx, dy = b[0] - a[0], b[1] - a[1]
    l2 = dx * dx + dy * dy
    t = 0.0 if l2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / l2))
    return math.hypot(a[0] + t * dx - p[0], a[1] + t * dy - p[1])


def dp(points, tol):
    """Douglas-Peucker on an open polyline (lon/lat points), distances in km; ends kept."""
    k = [km(p) for p in points]
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i0, i1 = stack.pop()
        if i1 <= i0 + 1:
            continue
        best, bi = -1.0, i0
        for i in range(i0 + 1, i1):
            d = seg_dist(k[i], k[i0], k[i1])
            if d > best:
                best, bi = d, i
        if best > tol:
            keep[bi] = True
            stack += [(i0, bi), (bi, i1)]
    return [p for p, kk in zip(points, keep) if kk]


def orient(a, b, c):
    return (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])


def proper_cross(a, b, c, d):
    """Segments ab and cd cross or touch, other than at a shared endpoint."""
    shared = {a, b} & {c, d}
    if shared:
        if len(shared) == 2:
            return True  # the same edge twice
        # Collinear overlap beyond the shared point.
        s = shared.pop()
        e = b if a == s else a
        f = d if c == s else c
        return orient(s, e, f) == 0 and (e[0] - s[0]) * (f[0] - s[0]) + (e[1] - s[1]) * (f[1] - s[1]) > 0
    o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
    if o1 * o2 < 0 and o3 * o4 < 0:
        return True
    def on(p, q, r):
        return min(p[0], q[0]) <= r[0] <= max(p[0], q[0]) and min(p[1], q[1]) <= r[1] <= max(p[1], q[1])
    return ((o1 == 0 and on(a, b, c)) or (o2 == 0 and on(a, b, d)) or (o3 == 0 and on(c, d, a)) or
            (o4 == 0 and on(c, d, b)))


def shoelace_km2(ring):
    k = [km(p) for p in ring]
    return 0.5 * sum(k[i][0] * k[(i + 1) % len(k)][1] - k[(i + 1) % len(k)][0] * k[i][1] for i in range(len(k)))


def main():
    data = json.load(open(sys.argv[1], encoding="utf-8"))
    feats = {f["properties"]["adcode"]: f for f in data["features"]}
    rings = {}  # (adcode, part, ring) -> open list of (lon, lat)
    for ad in ORDER:
        g = feats[ad]["geometry"]
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        for pi, poly in enumerate(polys):
            for ri, r in enumerate(poly):
                pts = [tuple(p[:2]) for p in r]
                if pts[0] == pts[-1]:
                    pts.pop()
                rings[(ad, pi, ri)] = pts
    owners = {}
    for key, pts in rings.items():
        for p in pts:
            owners.setdefault(p, set()).add(key)

    def is_node(pts, i):
        n = len(pts)
        s = owners[pts[i]]
        return len(s) > 2 or s != owners[pts[i - 1]] or s != owners[pts[(i + 1) % n]]

    # Arcs: each ring rotated to start at a node and cut at every node.
    arcs = {}  # canonical tuple -> arc index
    arc_pts = []
    ring_arcs = {}  # ring key -> [(arc index, reversed?)]
    for key, pts in rings.items():
        nodes = [i for i in range(len(pts)) if is_node(pts, i)]
        if not nodes:
            nodes = [0, len(pts) // 3, 2 * len(pts) // 3]  # an island: three fixed vertices
        seq = []
        for j, i0 in enumerate(nodes):
            i1 = nodes[(j + 1) % len(nodes)]
            arc = [pts[i0]]
            i = i0
            while True:
                i = (i + 1) % len(pts)
                arc.append(pts[i])
                if i == i1:
                    break
            t = tuple(arc)
            if t in arcs:
                seq.append((arcs[t], False))
            elif t[::-1] in arcs:
                seq.append((arcs[t[::-1]], True))
            else:
                arcs[t] = len(arc_pts)
                arc_pts.append(arc)
                seq.append((arcs[t], False))
        ring_arcs[key] = seq

    tol = [TOLERANCE_KM] * len(arc_pts)
    simple = [dp(a, t) for a, t in zip(arc_pts, tol)]
    for _ in range(30):
        segs = []
        for ai, s in enumerate(simple):
            for i in range(len(s) - 1):
                segs.append((s[i], s[i + 1], ai))
        bad = set()
        segs.sort(key=lambda e: min(e[0][0], e[1][0]))
        for i, (a, b, ai) in enumerate(segs):
            right = max(a[0], b[0])
            for c, d, aj in segs[i + 1:]:
                if min(c[0], d[0]) > right:
                    break
                if proper_cross(a, b, c, d):
                    bad.update((ai, aj))
        # A ring needs at least 3 vertices.
        for key, seq in ring_arcs.items():
            if sum(len(simple[ai]) - 1 for ai, _ in seq) < 3:
                bad.update(ai for ai, _ in seq)
        if not bad:
            break
        for ai in bad:
            tol[ai] *= 0.5
            simple[ai] = dp(arc_pts[ai], tol[ai])
    else:
        sys.exit("derive_outlines: could not make the simplified arcs disjoint")

    out_rings = {}
    for key, seq in ring_arcs.items():
        ring = []
        for ai, rev in seq:
            s = simple[ai][::-1] if rev else simple[ai]
            ring += s[:-1]
        out_rings[key] = ring

    # Output: C++ source.
    w = sys.stdout.write
    w("// GENERATED by scripts/derive_outlines.py from the DataV.GeoAtlas district outlines of Jinan (as mirrored\n")
    w("// in anzhou99/GeoJsons; GCJ-02-like lon/lat). Do not edit: rerun the script. Shared borders simplified once\n")
    w(f"// (Douglas-Peucker, tolerance {TOLERANCE_KM} km, halved where arcs would cross). See docs/geography.md.\n")
    w('#include "swsim/world/jinan_outlines.hpp"\n\nnamespace swsim {\nnamespace {\n\n')
    total_v = 0
    summary = []
    table = []
    for di, ad in enumerate(ORDER):
        keys = sorted(k for k in out_rings if k[0] == ad)
        for key in keys:
            ring = out_rings[key]
            name = f"k{ad}_{key[1]}_{key[2]}"
            w(f"// {feats[ad]['properties']['name']} polygon {key[1]} ring {key[2]}: {len(ring)} vertices\n")
            w(f"constexpr double {name}[] = {{\n")
            for i in range(0, len(ring), 4):
                w("    " + " ".join(f"{p[0]:.5f}, {p[1]:.5f}," for p in ring[i:i + 4]) + "\n")
            w("};\n")
            table.append(f"    {{{di}, {key[1]}, {key[2]}, {name}, {len(ring)}}},")
            total_v += len(ring)
        a0 = sum(abs(shoelace_km2(rings[k])) * (1 if k[2] == 0 else -1) for k in keys)
        a1 = sum(abs(shoelace_km2(out_rings[k])) * (1 if k[2] == 0 else -1) for k in keys)
        nv = sum(len(out_rings[k]) for k in keys)
        nv0 = sum(len(rings[k]) for k in keys)
        summary.append((feats[ad]["properties"]["name"], nv0, nv, a0, a1))
    w("\n}  // namespace\n\n")
    w("const std::vector<OutlineRingData>& jinan_outline_data() {\n")
    w("  static const std::vector<OutlineRingData> rings{\n")
    w("\n".join(table) + "\n  };\n  return rings;\n}\n\n}  // namespace swsim\n")
    sys.stderr.write("district  vertices(DataV -> built-in)  area km2 (DataV -> built-in, change)\n")
    for name, nv0, nv, a0, a1 in summary:
        sys.stderr.write(f"{name}\t{nv0} -> {nv}\t{a0:.1f} -> {a1:.1f} ({100 * (a1 - a0) / a0:+.2f}%)\n")
    ta0 = sum(s[3] for s in summary)
    ta1 = sum(s[4] for s in summary)
    sys.stderr.write(f"total vertices {total_v}; area {ta0:.1f} -> {ta1:.1f} km2 ({100 * (ta1 - ta0) / ta0:+.2f}%)\n")


if __name__ == "__main__":
    main()
