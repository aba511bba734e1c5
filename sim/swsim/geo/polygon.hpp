#pragma once
// Plane geometry on the model's local km projection (x east, y north; see world/geography.hpp for the
// projection of lon/lat): rings, polygons with holes, multipolygons; area, centroid, bounding box,
// point-in-polygon, distance to the boundary, Douglas-Peucker simplification that keeps rings valid, a
// validity check naming the faulty ring, and clipping by a half-plane or a convex polygon
// (Sutherland-Hodgman). Rings are stored open: the first vertex is not repeated at the end.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace swsim::geo {

struct Pt {
  double x = 0, y = 0;  // km east, km north of the projection origin
};

using Ring = std::vector<Pt>;  // open ring, either orientation unless stated

struct Polygon {
  Ring outer;               // counter-clockwise after normalize()
  std::vector<Ring> holes;  // clockwise after normalize()
};

struct MultiPolygon {
  std::vector<Polygon> parts;
};

struct BBox {
  double x0 = 1e300, y0 = 1e300, x1 = -1e300, y1 = -1e300;
  bool empty() const { return x0 > x1; }
  void add(Pt p);
  bool contains(Pt p) const { return p.x >= x0 && p.x <= x1 && p.y >= y0 && p.y <= y1; }
};

// Projection between lon/lat (degrees) and the model's km plane: the equirectangular projection of
// world/geography (swsim::latlon_to_km), so geometry and the rest of the model share one frame.
Pt to_km(double lon, double lat);
void to_lonlat(Pt p, double& lon, double& lat);

// Areas in km²: signed_area is positive for a counter-clockwise ring (shoelace formula).
double signed_area(const Ring& r);
double area(const Ring& r);
double area(const Polygon& p);  // outer less holes
double area(const MultiPolygon& m);

// Area-weighted centroids (holes subtract). An empty or zero-area shape gives the vertex mean.
Pt centroid(const Ring& r);
Pt centroid(const Polygon& p);
Pt centroid(const MultiPolygon& m);

BBox bbox(const Ring& r);
BBox bbox(const Polygon& p);
BBox bbox(const MultiPolygon& m);

// Point in polygon by the crossing rule (even-odd): inside the outer ring and in no hole. Points exactly
// on an edge may go either way.
bool contains(const Ring& r, Pt p);
bool contains(const Polygon& poly, Pt p);
bool contains(const MultiPolygon& m, Pt p);

// contains() for many points against one shape: a grid over the shape's bounding box in which each cell
// that no edge comes within a millimetre of is known to lie wholly inside or wholly outside (the crossing
// parity cannot change inside it); only points in the other cells, and points off the grid, run the
// crossing test. The answer equals contains(shape, p) for every p (a point well away from every edge gets
// the same parity from the crossing test as the cell's centre). Keeps its own copy of the shape.
class ShapeIndex {
 public:
  ShapeIndex() = default;
  explicit ShapeIndex(const MultiPolygon& m, int cells_per_side = 48);
  bool contains(Pt p) const {
    const double fx = (p.x - box_.x0) * inv_w_, fy = (p.y - box_.y0) * inv_h_;
    if (fx >= 0 && fy >= 0 && fx < n_ && fy < n_) {
      const std::uint8_t c = cell_[static_cast<std::size_t>(fy) * static_cast<std::size_t>(n_) + static_cast<std::size_t>(fx)];
      if (c != kMixed) return c == kInside;
    }
    return geo::contains(shape_, p);
  }
  const MultiPolygon& shape() const { return shape_; }
  const BBox& box() const { return box_; }
  // Share of the cells that need the crossing test (for tests and tuning).
  double mixed_share() const;

 private:
  static constexpr std::uint8_t kOutside = 0, kInside = 1, kMixed = 2;
  MultiPolygon shape_;
  BBox box_;
  int n_ = 0;  // cells per side (0: no grid, every query runs the crossing test)
  double inv_w_ = 0, inv_h_ = 0;
  std::vector<std::uint8_t> cell_;  // row-major, row 0 at y0
  void mark_edge(Pt a, Pt b, double w, double h);
};

// Shortest distance (km) from p to any edge of any ring.
double distance_to_boundary(const Ring& r, Pt p);
double distance_to_boundary(const Polygon& poly, Pt p);
double distance_to_boundary(const MultiPolygon& m, Pt p);

// Outer rings counter-clockwise, holes clockwise; drops repeated consecutive vertices and a closing
// vertex equal to the first.
void normalize(Ring& r, bool ccw);
void normalize(Polygon& p);
void normalize(MultiPolygon& m);

// Douglas-Peucker on a closed ring: keeps the vertices whose removal would move the outline by more
// than tolerance_km. The ring is split at its first vertex and the vertex farthest from it. If the
// result crosses itself, the tolerance is halved until it does not (at worst the ring comes back as
// it was). Never returns fewer than 3 vertices for a ring with 3 or more.
Ring simplify(const Ring& r, double tolerance_km);
// Each ring of each part simplified; parts (and holes) smaller than min_area_km2 are dropped. Rings
// are checked one by one (crossings between the rings of one polygon are checked too, by validate()).
MultiPolygon simplify(const MultiPolygon& m, double tolerance_km, double min_area_km2);

// What is wrong with a shape, if anything: which part and ring (ring 0 the outer, 1.. the holes) and why.
struct Defect {
  int part = -1;
  int ring = -1;
  std::string reason;  // e.g. "fewer than 3 distinct vertices", "edges 4 and 17 cross"
  Pt where;            // a point near the fault
};
// Fewer than 3 distinct vertices, non-finite coordinates, zero area, or two edges of the polygon (of
// one ring, or of the outer ring and a hole) crossing or overlapping; edges that merely share an
// endpoint as neighbours are fine. O(n²) in the vertices of a polygon.
std::optional<Defect> validate(const Polygon& p);
std::optional<Defect> validate(const MultiPolygon& m);

// Keeps the part of ring r where a*x + b*y <= c (Sutherland-Hodgman against one line). The result of
// clipping a non-convex ring may contain zero-width bridges along the line; its area and its
// point-in-polygon answers are still those of the clipped region.
Ring clip_halfplane(const Ring& r, double a, double b, double c);
// The part of r inside the convex ring `convex` (either orientation), one half-plane per edge.
Ring clip_convex(const Ring& r, const Ring& convex);
// A polygon or multipolygon clipped by a convex ring: every ring clipped; empty results dropped.
Polygon clip_convex(const Polygon& p, const Ring& convex);
MultiPolygon clip_convex(const MultiPolygon& m, const Ring& convex);

// The axis-aligned rectangle [x0,x1] x [y0,y1] as a counter-clockwise ring.
Ring rectangle(double x0, double y0, double x1, double y1);

}  // namespace swsim::geo
