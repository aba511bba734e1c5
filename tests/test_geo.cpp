// Plane geometry (swsim/geo/polygon) against closed forms, and the GeoJSON reader's errors.
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>

#include "swsim/geo/geojson.hpp"
#include "swsim/geo/json.hpp"
#include "swsim/geo/polygon.hpp"
#include "swsim/util/error.hpp"
#include "swsim/world/geography.hpp"

using namespace swsim;
using namespace swsim::geo;

namespace {
constexpr double kPi = 3.14159265358979323846;
Ring regular(int n, double r, Pt c = {}) {
  Ring out;
  for (int i = 0; i < n; ++i) {
    const double a = 2 * kPi * i / n;
    out.push_back({c.x + r * std::cos(a), c.y + r * std::sin(a)});
  }
  return out;
}
}  // namespace

TEST_CASE("areas and centroids of known shapes", "[geo]") {
  const Ring sq = rectangle(1, 2, 4, 6);  // 3 x 4
  CHECK(signed_area(sq) == Approx(12));
  Ring cw(sq.rbegin(), sq.rend());
  CHECK(signed_area(cw) == Approx(-12));
  CHECK(area(cw) == Approx(12));
  CHECK(centroid(sq).x == Approx(2.5));
  CHECK(centroid(cw).y == Approx(4));
  // Right triangle: area ab/2, centroid at a third of the legs.
  const Ring tri{{0, 0}, {6, 0}, {0, 3}};
  CHECK(area(tri) == Approx(9));
  CHECK(centroid(tri).x == Approx(2));
  CHECK(centroid(tri).y == Approx(1));
  // Regular n-gon: (n/2) r² sin(2π/n), tends to π r².
  CHECK(area(regular(12, 2)) == Approx(6 * 4 * std::sin(2 * kPi / 12)));
  CHECK(area(regular(2000, 1, {50, -30})) == Approx(kPi).epsilon(1e-5));
  // A square with a square hole off-centre: area and centroid by subtraction.
  Polygon p{rectangle(0, 0, 10, 10), {rectangle(6, 6, 8, 8)}};
  normalize(p);
  CHECK(area(p) == Approx(96));
  const double cx = (100 * 5 - 4 * 7) / 96.0;
  CHECK(centroid(p).x == Approx(cx));
  CHECK(centroid(p).y == Approx(cx));
  MultiPolygon m{{p, Polygon{rectangle(20, 0, 22, 1), {}}}};
  CHECK(area(m) == Approx(98));
  const BBox b = bbox(m);
  CHECK(b.x0 == 0);
  CHECK(b.x1 == 22);
  CHECK(b.y1 == 10);
}

TEST_CASE("point in polygon respects holes and parts, and distance to the boundary", "[geo]") {
  Polygon p{rectangle(0, 0, 10, 10), {rectangle(4, 4, 6, 6)}};
  CHECK(contains(p, {1, 1}));
  CHECK_FALSE(contains(p, {5, 5}));  // in the hole
  CHECK_FALSE(contains(p, {11, 5}));
  // A non-convex ring (an L): the notch is outside.
  const Ring ell{{0, 0}, {4, 0}, {4, 1}, {1, 1}, {1, 4}, {0, 4}};
  CHECK(contains(ell, {0.5, 3}));
  CHECK_FALSE(contains(ell, {2, 2}));
  MultiPolygon m{{p, Polygon{rectangle(20, 0, 21, 1), {}}}};
  CHECK(contains(m, {20.5, 0.5}));
  CHECK(distance_to_boundary(p, {2, 5}) == Approx(2));   // to the hole's left edge
  CHECK(distance_to_boundary(p, {1, 0.5}) == Approx(0.5));
  CHECK(distance_to_boundary(ell, {2, 2}) == Approx(1));
}

TEST_CASE("lon/lat and km round-trip through the model's projection", "[geo]") {
  const Pt p = to_km(117.021, 36.662);
  double x = 0, y = 0;
  latlon_to_km(36.662, 117.021, x, y);
  CHECK(p.x == x);
  CHECK(p.y == y);
  CHECK(p.x < 0);  // west of the origin 117.12E
  double lon = 0, lat = 0;
  to_lonlat(p, lon, lat);
  CHECK(lon == Approx(117.021).margin(1e-12));
  CHECK(lat == Approx(36.662).margin(1e-12));
}

TEST_CASE("clipping by a half-plane and by a convex polygon", "[geo]") {
  const Ring sq = rectangle(0, 0, 4, 4);
  // Keep x <= 1: a 1 x 4 strip.
  CHECK(area(clip_halfplane(sq, 1, 0, 1)) == Approx(4));
  // Keep x + y <= 4: half the square.
  CHECK(area(clip_halfplane(sq, 1, 1, 4)) == Approx(8));
  CHECK(clip_halfplane(sq, 1, 0, -1).empty());
  CHECK(area(clip_halfplane(sq, 1, 0, 10)) == Approx(16));
  // Square clipped by a diamond of "radius" 2 centred on a corner: a quarter of the diamond (area 8/4 = 2).
  const Ring diamond{{2, 0}, {0, 2}, {-2, 0}, {0, -2}};
  CHECK(area(clip_convex(sq, diamond)) == Approx(2));
  Ring diamond_cw(diamond.rbegin(), diamond.rend());
  CHECK(area(clip_convex(sq, diamond_cw)) == Approx(2));
  // A non-convex U clipped by a band across both arms: two pieces, area still exact.
  const Ring u{{0, 0}, {3, 0}, {3, 3}, {2, 3}, {2, 1}, {1, 1}, {1, 3}, {0, 3}};
  const Ring band = rectangle(-1, 2, 5, 2.5);
  const Ring clipped = clip_convex(u, band);
  CHECK(area(clipped) == Approx(1.0));
  CHECK(contains(clipped, {0.5, 2.2}));
  CHECK(contains(clipped, {2.5, 2.2}));
  CHECK_FALSE(contains(clipped, {1.5, 2.2}));
  // A polygon with a hole.
  Polygon p{rectangle(0, 0, 10, 10), {rectangle(4, 4, 6, 6)}};
  normalize(p);
  CHECK(area(clip_convex(p, rectangle(0, 0, 5, 10))) == Approx(50 - 2));
}

TEST_CASE("validate names the ring and the reason", "[geo]") {
  Polygon ok{rectangle(0, 0, 1, 1), {}};
  CHECK_FALSE(validate(ok));
  Polygon bow{{{0, 0}, {2, 2}, {2, 0}, {0, 3}}, {}};  // a bow tie
  auto d = validate(bow);
  REQUIRE(d);
  CHECK(d->ring == 0);
  CHECK(d->reason.find("cross") != std::string::npos);
  Polygon flat{{{0, 0}, {1, 0}, {2, 0}}, {}};
  d = validate(flat);
  REQUIRE(d);
  CHECK(d->reason == "the ring has zero area");
  Polygon two{{{0, 0}, {1, 1}, {0, 0}}, {}};
  d = validate(two);
  REQUIRE(d);
  CHECK(d->reason == "fewer than 3 distinct vertices");
  // A hole poking out of its outer ring.
  Polygon poke{rectangle(0, 0, 4, 4), {rectangle(3, 1, 5, 2)}};
  d = validate(poke);
  REQUIRE(d);
  CHECK(d->ring == 1);
  // A spike folding back along its own edge.
  Polygon spike{{{0, 0}, {4, 0}, {4, 4}, {4, 2}, {0, 4}}, {}};
  CHECK(validate(spike));
  MultiPolygon m{{ok, bow}};
  d = validate(m);
  REQUIRE(d);
  CHECK(d->part == 1);
}

TEST_CASE("Douglas-Peucker keeps the shape within tolerance and the ring valid", "[geo]") {
  // A 1000-gon circle of radius 10: tolerance 0.1 keeps a polygon whose sagitta is below 0.1.
  const Ring circle = regular(1000, 10);
  const Ring s = simplify(circle, 0.1);
  CHECK(s.size() < 100);
  CHECK(s.size() >= 3);
  CHECK_FALSE(validate(Polygon{s, {}}));
  // Inscribed polygon area is below the circle's, within 2 * tolerance * perimeter.
  CHECK(area(s) < area(circle));
  CHECK(area(circle) - area(s) < 0.1 * 2 * kPi * 10);
  for (const auto& p : circle) CHECK(distance_to_boundary(s, p) <= 0.1 + 1e-9);
  // Collinear points go at any positive tolerance.
  const Ring dense{{0, 0}, {1, 0}, {2, 0}, {3, 0}, {3, 1}, {3, 2}, {0, 2}, {0, 1}};
  CHECK(simplify(dense, 1e-6).size() == 4);
  // A comb whose teeth nearly touch: a large tolerance would cut across the teeth; the result stays valid.
  Ring comb;
  for (int i = 0; i < 10; ++i) {
    comb.push_back({i * 1.0, 0});
    comb.push_back({i * 1.0 + 0.5, 10});
  }
  comb.push_back({10, 0});
  comb.push_back({10, -1});
  comb.push_back({0, -1});
  const Ring sc = simplify(comb, 3);
  CHECK_FALSE(validate(Polygon{sc, {}}));
  // Parts below the minimum area are dropped.
  MultiPolygon m{{Polygon{circle, {}}, Polygon{regular(50, 0.1, {30, 0}), {}}}};
  CHECK(simplify(m, 0.1, 0.5).parts.size() == 1);
}

namespace {
std::string square_feature(const std::string& name, double lon0, double lat0, double d = 0.1) {
  char ring[256];
  std::snprintf(ring, sizeof ring, "[[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f],[%.6f,%.6f]]", lon0, lat0, lon0 + d, lat0,
                lon0 + d, lat0 + d, lon0, lat0 + d, lon0, lat0);
  std::string out = R"({"type":"Feature","properties":{"name":")";
  out += name;
  out += R"(","adcode":370102},"geometry":{"type":"Polygon","coordinates":[)";
  out += ring;
  out += "]}}";
  return out;
}
std::string collection(const std::string& features) { return R"({"type":"FeatureCollection","features":[)" + features + "]}"; }
std::string error_of(const std::string& text) {
  try {
    parse_geojson(text, "b.geojson");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("the GeoJSON reader projects polygons and reads name and adcode", "[geo][geojson]") {
  const FeatureSet s = parse_geojson(collection(square_feature("历下区", 117.0, 36.6) + "," +
                                                R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}})"),
                                     "b.geojson");
  REQUIRE(s.features.size() == 1);
  CHECK(s.skipped == 1);
  CHECK(s.features[0].name == "历下区");
  CHECK(s.features[0].adcode == 370102);
  const Pt c = centroid(s.features[0].shape);
  double lon = 0, lat = 0;
  to_lonlat(c, lon, lat);
  CHECK(lon == Approx(117.05).margin(1e-6));
  CHECK(lat == Approx(36.65).margin(1e-6));
  // 0.1° x 0.1° near 36.65N: about 11.06 km x 8.93 km.
  CHECK(area(s.features[0].shape) == Approx(11.0574 * 111.32 * 0.1 * std::cos(36.65 * kPi / 180)).epsilon(1e-6));
  CHECK(s.find("历下区") != nullptr);
  CHECK(s.find("nowhere", 370102) != nullptr);
  CHECK(s.find("nowhere") == nullptr);
  CHECK_NOTHROW(require_features(s, {"历下区"}));
  CHECK_THROWS_WITH(require_features(s, {"历下区", "历城区"}, {370102, 370112}),
                    "b.geojson: no feature for district 历城区 (adcode 370112), which the stations need");
}

TEST_CASE("GeoJSON errors are one line naming the file and the feature", "[geo][geojson]") {
  const std::string csv = error_of("name,lat\n1,2\n");
  CHECK(csv.rfind("b.geojson: line 1, column ", 0) == 0);
  CHECK(csv.find("invalid JSON") != std::string::npos);
  CHECK(csv.find("(not GeoJSON)") != std::string::npos);
  // Odd bytes in the text are named by value, so the message stays on one line (a fuzzer finding).
  CHECK(error_of("{\"a\\\n\"}") == "b.geojson: line 2, column 1: invalid JSON: bad escape \\ followed by byte 0x0A (not GeoJSON)");
  CHECK(error_of("{\"a\": \x01}") == "b.geojson: line 1, column 7: invalid JSON: unexpected character byte 0x01 (not GeoJSON)");
  CHECK(error_of(R"({"type":"Feature"})") == "b.geojson: expected a GeoJSON FeatureCollection, found type \"Feature\"");
  CHECK(error_of("[1,2]") == "b.geojson: not GeoJSON: the top level is not an object");
  CHECK(error_of(collection("")) == "b.geojson: the FeatureCollection has no Polygon or MultiPolygon feature");
  const std::string bow =
      R"({"type":"Feature","properties":{"name":"槐荫区"},"geometry":{"type":"Polygon","coordinates":[[[117,36],[117.1,36.1],[117.1,36],[117,36.15],[117,36]]]}})";
  const std::string e = error_of(collection(square_feature("历下区", 117.0, 36.6) + "," + bow));
  CHECK(e.rfind("b.geojson: feature 1 (槐荫区): degenerate or self-intersecting: polygon 0, outer ring: edges", 0) == 0);
  CHECK(e.find('\n') == std::string::npos);
  const std::string flat =
      R"({"type":"Feature","properties":{"name":"x"},"geometry":{"type":"MultiPolygon","coordinates":[[[[117,36],[117.1,36],[117.2,36],[117,36]]]]}})";
  CHECK(error_of(collection(flat)) == "b.geojson: feature 0 (x): degenerate or self-intersecting: polygon 0, outer ring: the ring has zero area near 117.0000E 36.0000N");
  const std::string projected =
      R"({"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[500000,4000000],[1,2],[3,4],[500000,4000000]]]}})";
  CHECK(error_of(collection(projected)).rfind("b.geojson: feature 0: a position is outside longitude", 0) == 0);
  CHECK_THROWS_AS(load_geojson("/nonexistent/b.geojson"), InputError);
}
