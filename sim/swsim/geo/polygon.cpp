#include "swsim/geo/polygon.hpp"

#include <algorithm>
#include <cmath>

#include "swsim/world/geography.hpp"

namespace swsim::geo {

void BBox::add(Pt p) {
  x0 = std::min(x0, p.x);
  y0 = std::min(y0, p.y);
  x1 = std::max(x1, p.x);
  y1 = std::max(y1, p.y);
}

Pt to_km(double lon, double lat) {
  Pt p;
  latlon_to_km(lat, lon, p.x, p.y);
  return p;
}

void to_lonlat(Pt p, double& lon, double& lat) { km_to_latlon(p.x, p.y, lat, lon); }

double signed_area(const Ring& r) {
  const std::size_t n = r.size();
  if (n < 3) return 0;
  // Relative to the first vertex: less cancellation far from the origin.
  double s = 0;
  const Pt o = r[0];
  for (std::size_t i = 1; i + 1 < n; ++i)
    s += (r[i].x - o.x) * (r[i + 1].y - o.y) - (r[i + 1].x - o.x) * (r[i].y - o.y);
  return 0.5 * s;
}

double area(const Ring& r) { return std::abs(signed_area(r)); }

double area(const Polygon& p) {
  double a = area(p.outer);
  for (const auto& h : p.holes) a -= area(h);
  return a;
}

double area(const MultiPolygon& m) {
  double a = 0;
  for (const auto& p : m.parts) a += area(p);
  return a;
}

namespace {
// Sum of (signed area, area * centroid) of a ring, oriented so that `sign` * area is positive.
void accumulate(const Ring& r, double sign, double& a, double& cx, double& cy) {
  const std::size_t n = r.size();
  if (n < 3) return;
  const Pt o = r[0];
  double sa = 0, sx = 0, sy = 0;
  for (std::size_t i = 1; i + 1 < n; ++i) {
    const double x1 = r[i].x - o.x, y1 = r[i].y - o.y, x2 = r[i + 1].x - o.x, y2 = r[i + 1].y - o.y;
    const double cr = x1 * y2 - x2 * y1;  // twice the triangle (o, i, i+1)
    sa += cr;
    sx += cr * (x1 + x2);
    sy += cr * (y1 + y2);
  }
  // Triangle centroid relative to o is (x1 + x2) / 3; area is cr / 2.
  const double orient = sa >= 0 ? 1.0 : -1.0;
  const double w = sign * orient;
  a += w * 0.5 * sa;
  cx += w * (sx / 6.0 + 0.5 * sa * o.x);
  cy += w * (sy / 6.0 + 0.5 * sa * o.y);
}

Pt vertex_mean(const Ring& r) {
  Pt m;
  if (r.empty()) return m;
  for (const auto& p : r) {
    m.x += p.x;
    m.y += p.y;
  }
  m.x /= static_cast<double>(r.size());
  m.y /= static_cast<double>(r.size());
  return m;
}

Pt finish(double a, double cx, double cy, const Ring& fallback) {
  if (std::abs(a) < 1e-12) return vertex_mean(fallback);
  return {cx / a, cy / a};
}
}  // namespace

Pt centroid(const Ring& r) {
  double a = 0, cx = 0, cy = 0;
  accumulate(r, 1, a, cx, cy);
  return finish(a, cx, cy, r);
}

Pt centroid(const Polygon& p) {
  double a = 0, cx = 0, cy = 0;
  accumulate(p.outer, 1, a, cx, cy);
  for (const auto& h : p.holes) accumulate(h, -1, a, cx, cy);
  return finish(a, cx, cy, p.outer);
}

Pt centroid(const MultiPolygon& m) {
  double a = 0, cx = 0, cy = 0;
  for (const auto& p : m.parts) {
    accumulate(p.outer, 1, a, cx, cy);
    for (const auto& h : p.holes) accumulate(h, -1, a, cx, cy);
  }
  return finish(a, cx, cy, m.parts.empty() ? Ring{} : m.parts.front().outer);
}

BBox bbox(const Ring& r) {
  BBox b;
  for (const auto& p : r) b.add(p);
  return b;
}
BBox bbox(const Polygon& p) { return bbox(p.outer); }
BBox bbox(const MultiPolygon& m) {
  BBox b;
  for (const auto& p : m.parts)
    for (const auto& q : p.outer) b.add(q);
  return b;
}

bool contains(const Ring& r, Pt p) {
  bool in = false;
  const std::size_t n = r.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) {
    const Pt a = r[i], b = r[j];
    if ((a.y > p.y) != (b.y > p.y)) {
      const double x = a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x);
      if (p.x < x) in = !in;
    }
  }
  return in;
}

bool contains(const Polygon& poly, Pt p) {
  if (!contains(poly.outer, p)) return false;
  for (const auto& h : poly.holes)
    if (contains(h, p)) return false;
  return true;
}

bool contains(const MultiPolygon& m, Pt p) {
  for (const auto& poly : m.parts)
    if (contains(poly, p)) return true;
  return false;
}

namespace {
// How near (km) an edge may come to a cell before the cell needs the crossing test: far above the
// rounding of the crossing test and of the cell arithmetic at city coordinates (about 1e-13 km).
constexpr double kEdgeMarginKm = 1e-6;
constexpr std::uint8_t kUnknown = 255;
}  // namespace

ShapeIndex::ShapeIndex(const MultiPolygon& m, int cells_per_side) : shape_(m), box_(bbox(m)) {
  if (box_.empty() || !(box_.x1 > box_.x0) || !(box_.y1 > box_.y0) || cells_per_side <= 0) return;
  n_ = cells_per_side;
  const double w = (box_.x1 - box_.x0) / n_, h = (box_.y1 - box_.y0) / n_;
  inv_w_ = 1.0 / w;
  inv_h_ = 1.0 / h;
  const auto n = static_cast<std::size_t>(n_);
  cell_.assign(n * n, kUnknown);
  for (const Polygon& poly : shape_.parts) {
    const auto ring_edges = [&](const Ring& r) {
      for (std::size_t i = 0, j = r.size() - 1; i < r.size(); j = i++) mark_edge(r[j], r[i], w, h);
    };
    if (!poly.outer.empty()) ring_edges(poly.outer);
    for (const Ring& hole : poly.holes)
      if (!hole.empty()) ring_edges(hole);
  }
  // Along each row, a run of cells that no edge comes near is one connected edge-free region: one
  // crossing test (at the run's first centre) classifies all of it.
  for (std::size_t r = 0; r < n; ++r) {
    std::uint8_t run = kUnknown;
    for (std::size_t c = 0; c < n; ++c) {
      std::uint8_t& cell = cell_[r * n + c];
      if (cell == kMixed) {
        run = kUnknown;
        continue;
      }
      if (run == kUnknown) {
        const Pt centre{box_.x0 + (static_cast<double>(c) + 0.5) * w, box_.y0 + (static_cast<double>(r) + 0.5) * h};
        run = geo::contains(shape_, centre) ? kInside : kOutside;
      }
      cell = run;
    }
  }
}

// Marks mixed every cell whose rectangle, grown by the margin, the edge a-b meets: row by row, the part
// of the edge inside the row's grown band, and the columns its x extent (grown) spans.
void ShapeIndex::mark_edge(Pt a, Pt b, double w, double h) {
  const double e = kEdgeMarginKm;
  const auto cell_of = [](double v) { return static_cast<int>(std::floor(v)); };
  const int r0 = std::max(0, cell_of((std::min(a.y, b.y) - e - box_.y0) / h));
  const int r1 = std::min(n_ - 1, cell_of((std::max(a.y, b.y) + e - box_.y0) / h));
  for (int r = r0; r <= r1; ++r) {
    double xlo = std::min(a.x, b.x), xhi = std::max(a.x, b.x);
    if (a.y != b.y) {
      const double lo = box_.y0 + r * h - e, hi = box_.y0 + (r + 1) * h + e;
      double t0 = (lo - a.y) / (b.y - a.y), t1 = (hi - a.y) / (b.y - a.y);
      if (t0 > t1) std::swap(t0, t1);
      t0 = std::clamp(t0, 0.0, 1.0);
      t1 = std::clamp(t1, 0.0, 1.0);
      const double x0 = a.x + t0 * (b.x - a.x), x1 = a.x + t1 * (b.x - a.x);
      xlo = std::min(x0, x1);
      xhi = std::max(x0, x1);
    }
    const int c0 = std::max(0, cell_of((xlo - e - box_.x0) / w));
    const int c1 = std::min(n_ - 1, cell_of((xhi + e - box_.x0) / w));
    for (int c = c0; c <= c1; ++c) cell_[static_cast<std::size_t>(r) * static_cast<std::size_t>(n_) + static_cast<std::size_t>(c)] = kMixed;
  }
}

double ShapeIndex::mixed_share() const {
  if (cell_.empty()) return 1.0;
  const auto mixed = std::count(cell_.begin(), cell_.end(), kMixed);
  return static_cast<double>(mixed) / static_cast<double>(cell_.size());
}

namespace {
double point_segment_distance(Pt p, Pt a, Pt b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2 : 0;
  t = std::clamp(t, 0.0, 1.0);
  const double ex = a.x + t * dx - p.x, ey = a.y + t * dy - p.y;
  return std::sqrt(ex * ex + ey * ey);
}
}  // namespace

double distance_to_boundary(const Ring& r, Pt p) {
  double d = 1e300;
  const std::size_t n = r.size();
  for (std::size_t i = 0, j = n - 1; i < n; j = i++) d = std::min(d, point_segment_distance(p, r[j], r[i]));
  return d;
}

double distance_to_boundary(const Polygon& poly, Pt p) {
  double d = distance_to_boundary(poly.outer, p);
  for (const auto& h : poly.holes) d = std::min(d, distance_to_boundary(h, p));
  return d;
}

double distance_to_boundary(const MultiPolygon& m, Pt p) {
  double d = 1e300;
  for (const auto& poly : m.parts) d = std::min(d, distance_to_boundary(poly, p));
  return d;
}

void normalize(Ring& r, bool ccw) {
  Ring out;
  out.reserve(r.size());
  for (const auto& p : r)
    if (out.empty() || p.x != out.back().x || p.y != out.back().y) out.push_back(p);
  while (out.size() > 1 && out.front().x == out.back().x && out.front().y == out.back().y) out.pop_back();
  if ((signed_area(out) > 0) != ccw) std::reverse(out.begin(), out.end());
  r = std::move(out);
}

void normalize(Polygon& p) {
  normalize(p.outer, true);
  for (auto& h : p.holes) normalize(h, false);
}

void normalize(MultiPolygon& m) {
  for (auto& p : m.parts) normalize(p);
}

// ---- validity ----

namespace {
double orient(Pt a, Pt b, Pt c) { return (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x); }

bool on_segment(Pt a, Pt b, Pt p) {
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}

// Do closed segments ab and cd meet (cross, touch or overlap)?
bool segments_meet(Pt a, Pt b, Pt c, Pt d) {
  const double o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) return true;
  if (o1 == 0 && on_segment(a, b, c)) return true;
  if (o2 == 0 && on_segment(a, b, d)) return true;
  if (o3 == 0 && on_segment(c, d, a)) return true;
  if (o4 == 0 && on_segment(c, d, b)) return true;
  return false;
}

// Do two edges that share exactly one endpoint (neighbours in a ring) overlap along a stretch?
bool neighbours_overlap(Pt shared, Pt a, Pt b) {
  // a and b are the far ends of the two edges from `shared`: they overlap when collinear and on the
  // same side of it.
  if (orient(shared, a, b) != 0) return false;
  return (a.x - shared.x) * (b.x - shared.x) + (a.y - shared.y) * (b.y - shared.y) > 0;
}

struct Edge {
  Pt a, b;
  int ring;
  int index;  // edge index within its ring
  int ring_size;
};

std::optional<Defect> ring_defect(const Ring& r) {
  for (const auto& p : r)
    if (!std::isfinite(p.x) || !std::isfinite(p.y)) return Defect{-1, -1, "a coordinate is not finite", {}};
  Ring d = r;
  normalize(d, true);
  if (d.size() < 3) return Defect{-1, -1, "fewer than 3 distinct vertices", r.empty() ? Pt{} : r[0]};
  if (area(d) < 1e-12) return Defect{-1, -1, "the ring has zero area", d[0]};
  return std::nullopt;
}
}  // namespace

std::optional<Defect> validate(const Polygon& p) {
  std::vector<const Ring*> rings{&p.outer};
  for (const auto& h : p.holes) rings.push_back(&h);
  std::vector<Edge> edges;
  for (std::size_t k = 0; k < rings.size(); ++k) {
    if (auto d = ring_defect(*rings[k])) {
      d->ring = static_cast<int>(k);
      return d;
    }
    Ring r = *rings[k];
    normalize(r, true);
    const int n = static_cast<int>(r.size());
    for (int i = 0; i < n; ++i) edges.push_back({r[static_cast<std::size_t>(i)],
                                                 r[static_cast<std::size_t>((i + 1) % n)], static_cast<int>(k), i, n});
  }
  // Sort by the left end so each edge is tested only against those whose x-ranges overlap it.
  std::vector<std::size_t> order(edges.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  auto xmin = [&](std::size_t i) { return std::min(edges[i].a.x, edges[i].b.x); };
  auto xmax = [&](std::size_t i) { return std::max(edges[i].a.x, edges[i].b.x); };
  std::sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    return xmin(i) < xmin(j) || (xmin(i) == xmin(j) && i < j);
  });
  for (std::size_t oi = 0; oi < order.size(); ++oi) {
    const Edge& e = edges[order[oi]];
    const double right = xmax(order[oi]);
    for (std::size_t oj = oi + 1; oj < order.size() && xmin(order[oj]) <= right; ++oj) {
      const Edge& f = edges[order[oj]];
      if (e.ring == f.ring) {
        const int n = e.ring_size;
        const bool next = (e.index + 1) % n == f.index, prev = (f.index + 1) % n == e.index;
        if (next || prev) {
          if (n == 3) continue;  // a triangle's edges all neighbour each other
          // Neighbours share one vertex; they are faulty only when they fold back over each other.
          const Pt shared = next ? e.b : e.a;
          const Pt ea = next ? e.a : e.b, fb = next ? f.b : f.a;
          if (!neighbours_overlap(shared, ea, fb)) continue;
        } else if (!segments_meet(e.a, e.b, f.a, f.b)) {
          continue;
        }
        const int i = std::min(e.index, f.index), j = std::max(e.index, f.index);
        return Defect{-1, e.ring, "edges " + std::to_string(i) + " and " + std::to_string(j) + " cross or touch",
                      e.a};
      }
      if (segments_meet(e.a, e.b, f.a, f.b))
        return Defect{-1, std::max(e.ring, f.ring),
                      "the ring crosses or touches ring " + std::to_string(std::min(e.ring, f.ring)), e.a};
    }
  }
  return std::nullopt;
}

std::optional<Defect> validate(const MultiPolygon& m) {
  if (m.parts.empty()) return Defect{-1, -1, "no polygon", {}};
  for (std::size_t i = 0; i < m.parts.size(); ++i)
    if (auto d = validate(m.parts[i])) {
      d->part = static_cast<int>(i);
      return d;
    }
  return std::nullopt;
}

// ---- simplification ----

namespace {
void douglas_peucker(const Ring& r, std::size_t first, std::size_t last, double tol, std::vector<char>& keep) {
  // Explicit stack: deep recursion on long rings is avoided.
  std::vector<std::pair<std::size_t, std::size_t>> stack{{first, last}};
  while (!stack.empty()) {
    auto [i0, i1] = stack.back();
    stack.pop_back();
    if (i1 <= i0 + 1) continue;
    double dmax = -1;
    std::size_t imax = i0;
    const Pt a = r[i0 % r.size()], b = r[i1 % r.size()];
    for (std::size_t i = i0 + 1; i < i1; ++i) {
      const double d = point_segment_distance(r[i], a, b);
      if (d > dmax) {
        dmax = d;
        imax = i;
      }
    }
    if (dmax > tol) {
      keep[imax] = 1;
      stack.push_back({i0, imax});
      stack.push_back({imax, i1});
    }
  }
}

Ring simplify_once(const Ring& r, double tol) {
  const std::size_t n = r.size();
  if (n <= 3) return r;
  // Split the closed ring at vertex 0 and the vertex farthest from it.
  std::size_t far = 1;
  double dmax = -1;
  for (std::size_t i = 1; i < n; ++i) {
    const double d = std::hypot(r[i].x - r[0].x, r[i].y - r[0].y);
    if (d > dmax) {
      dmax = d;
      far = i;
    }
  }
  std::vector<char> keep(n, 0);
  keep[0] = keep[far] = 1;
  douglas_peucker(r, 0, far, tol, keep);
  douglas_peucker(r, far, n, tol, keep);  // index n stands for vertex 0 again
  Ring out;
  for (std::size_t i = 0; i < n; ++i)
    if (keep[i]) out.push_back(r[i]);
  if (out.size() < 3) {
    // Keep the vertex farthest from the chord 0-far on each side, so the ring keeps an area.
    Ring tri{r[0]};
    double best = -1;
    std::size_t bi = 1;
    for (std::size_t i = 1; i < n; ++i) {
      if (i == far) continue;
      const double d = point_segment_distance(r[i], r[0], r[far]);
      if (d > best) {
        best = d;
        bi = i;
      }
    }
    if (bi < far) {
      tri.push_back(r[bi]);
      tri.push_back(r[far]);
    } else {
      tri.push_back(r[far]);
      tri.push_back(r[bi]);
    }
    return tri;
  }
  return out;
}
}  // namespace

Ring simplify(const Ring& r_in, double tolerance_km) {
  Ring r = r_in;
  const bool ccw = signed_area(r) >= 0;
  normalize(r, ccw);
  if (r.size() <= 3) return r;
  for (double tol = tolerance_km; tol > 1e-9; tol *= 0.5) {
    Ring s = simplify_once(r, tol);
    if (!validate(Polygon{s, {}})) return s;
  }
  return r;
}

MultiPolygon simplify(const MultiPolygon& m, double tolerance_km, double min_area_km2) {
  MultiPolygon out;
  for (const auto& p : m.parts) {
    if (area(p.outer) < min_area_km2) continue;
    Polygon q;
    q.outer = simplify(p.outer, tolerance_km);
    for (const auto& h : p.holes)
      if (area(h) >= min_area_km2) q.holes.push_back(simplify(h, tolerance_km));
    out.parts.push_back(std::move(q));
  }
  return out;
}

// ---- clipping ----

Ring clip_halfplane(const Ring& r, double a, double b, double c) {
  Ring out;
  const std::size_t n = r.size();
  if (n == 0) return out;
  out.reserve(n + 4);
  auto side = [&](Pt p) { return a * p.x + b * p.y - c; };  // <= 0 inside
  for (std::size_t i = 0; i < n; ++i) {
    const Pt cur = r[i], prev = r[(i + n - 1) % n];
    const double sc = side(cur), sp = side(prev);
    const bool in_c = sc <= 0, in_p = sp <= 0;
    if (in_c != in_p) {
      const double t = sp / (sp - sc);
      out.push_back({prev.x + t * (cur.x - prev.x), prev.y + t * (cur.y - prev.y)});
    }
    if (in_c) out.push_back(cur);
  }
  if (out.size() < 3) out.clear();
  return out;
}

Ring clip_convex(const Ring& r, const Ring& convex) {
  Ring out = r;
  const std::size_t n = convex.size();
  const double s = signed_area(convex) >= 0 ? 1.0 : -1.0;
  for (std::size_t i = 0; i < n && !out.empty(); ++i) {
    const Pt p = convex[i], q = convex[(i + 1) % n];
    // Inside a counter-clockwise edge p->q is to its left: cross(q - p, x - p) >= 0.
    const double dx = (q.x - p.x) * s, dy = (q.y - p.y) * s;
    // -(dx*(y-p.y) - dy*(x-p.x)) <= 0  <=>  dy*x - dx*y <= dy*p.x - dx*p.y
    out = clip_halfplane(out, dy, -dx, dy * p.x - dx * p.y);
  }
  return out;
}

Polygon clip_convex(const Polygon& p, const Ring& convex) {
  Polygon out;
  out.outer = clip_convex(p.outer, convex);
  if (out.outer.empty()) return out;
  for (const auto& h : p.holes) {
    Ring c = clip_convex(h, convex);
    if (!c.empty()) out.holes.push_back(std::move(c));
  }
  return out;
}

MultiPolygon clip_convex(const MultiPolygon& m, const Ring& convex) {
  MultiPolygon out;
  for (const auto& p : m.parts) {
    Polygon c = clip_convex(p, convex);
    if (!c.outer.empty()) out.parts.push_back(std::move(c));
  }
  return out;
}

Ring rectangle(double x0, double y0, double x1, double y1) { return {{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}}; }

}  // namespace swsim::geo
