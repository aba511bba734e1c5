// Built-in district outlines, unit territories and settlement; checked against the real DataV outlines
// when the developers' copy is present (../shared/data beside the clone, or /work/shared/data).
#include <catch2/catch.hpp>
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "swsim/geo/geojson.hpp"
#include "swsim/util/error.hpp"
#include "swsim/util/rng.hpp"
#include "swsim/world/geography.hpp"
#include "swsim/world/jinan_outlines.hpp"
#include "swsim/world/jinan_units.hpp"
#include "swsim/world/settlement.hpp"
#include "swsim/world/territory.hpp"

using namespace swsim;

namespace {
const Territories& builtin() {
  static const Territories t = build_territories(jinan_builtin_outlines());
  return t;
}

// The real DataV file, if the developers' data is beside the clone; nullptr (tests skip) otherwise.
const geo::FeatureSet* datav() {
  static const geo::FeatureSet* set = [] () -> const geo::FeatureSet* {
    for (const std::string& dir : {std::string(SWSIM_SOURCE_DIR) + "/../shared/data", std::string("/work/shared/data")}) {
      const std::string path = dir + "/jinan_districts_datav.geojson";
      if (std::filesystem::exists(path)) return new geo::FeatureSet(geo::load_geojson(path));
    }
    return nullptr;
  }();
  return set;
}

const geo::MultiPolygon& real_district(int d) {
  return datav()->find(std::string(jinan_areas()[static_cast<std::size_t>(d)].name_zh), district_adcode(d))->shape;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}
}  // namespace

TEST_CASE("built-in outlines: 12 valid districts of a few dozen vertices, Jinan's area", "[territory][outline]") {
  const geo::FeatureSet s = jinan_builtin_outlines();
  REQUIRE(s.features.size() == 12);
  double total = 0;
  for (int d = 0; d < kJinanDistrictCount; ++d) {
    const auto& f = s.features[static_cast<std::size_t>(d)];
    INFO(f.name);
    CHECK(f.name == jinan_areas()[static_cast<std::size_t>(d)].name_zh);
    CHECK(f.adcode == district_adcode(d));
    CHECK_FALSE(geo::validate(f.shape));
    std::size_t vertices = 0;
    for (const auto& p : f.shape.parts) vertices += p.outer.size();
    CHECK(vertices >= 20);
    CHECK(vertices <= 120);
    total += geo::area(f.shape);
  }
  // FACTS: Jinan 10,244 km² (official land area; the DataV polygons give 10,179).
  CHECK(total == Approx(10'244).epsilon(0.01));
}

TEST_CASE("built-in outlines are within 2% of each DataV district's area", "[territory][outline][datav]") {
  if (!datav()) {
    WARN("skipped: jinan_districts_datav.geojson not found in ../shared/data or /work/shared/data");
    return;
  }
  double built = 0, real = 0;
  for (int d = 0; d < kJinanDistrictCount; ++d) {
    INFO(jinan_areas()[static_cast<std::size_t>(d)].name_en);
    const double a = geo::area(jinan_district_outline(d)), r = geo::area(real_district(d));
    CHECK(a == Approx(r).epsilon(0.02));
    built += a;
    real += r;
  }
  CHECK(built == Approx(real).epsilon(0.002));
}

TEST_CASE("territories: one per unit, partitioning each district, seats inside", "[territory]") {
  const Territories& t = builtin();
  REQUIRE(t.units.size() == 161);
  int per_area[kAreaCount] = {};
  std::vector<double> district_sum(kJinanDistrictCount, 0.0);
  std::vector<double> urban, rural;
  for (const auto& u : t.units) {
    const JinanUnit& j = jinan_units()[static_cast<std::size_t>(u.unit)];
    INFO(j.name_zh);
    ++per_area[j.area];
    CHECK(u.area_km2 > 0);
    CHECK(u.area_km2 == Approx(geo::area(u.shape)));
    // The construction reaches its target areas closely (sampling error only).
    CHECK(u.area_km2 == Approx(u.target_km2).epsilon(0.1));
    CHECK(geo::contains(u.shape, u.seat));
    CHECK(geo::contains(t.districts[static_cast<std::size_t>(j.district)], u.seat));
    CHECK(geo::distance_to_boundary(t.districts[static_cast<std::size_t>(j.district)], u.seat) >= 1.0);
    double lon = 0, lat = 0;
    geo::to_lonlat(u.seat, lon, lat);
    CHECK(lon == u.seat_lon);
    CHECK(lat == u.seat_lat);
    CHECK(u.urban == (j.kind == UnitKind::kStreet && jinan_areas()[static_cast<std::size_t>(j.area)].urban));
    district_sum[static_cast<std::size_t>(j.district)] += u.area_km2;
    (u.urban ? urban : rural).push_back(u.area_km2);
  }
  for (int a = 0; a < kAreaCount; ++a) CHECK(per_area[a] == jinan_areas()[static_cast<std::size_t>(a)].stations);
  // Territories of a district add up to the district: with no overlap (next test) they tile it.
  for (int d = 0; d < kJinanDistrictCount; ++d)
    CHECK(district_sum[static_cast<std::size_t>(d)] == Approx(geo::area(t.districts[static_cast<std::size_t>(d)])).epsilon(1e-9));
  // Urban street units are small, rural units large.
  CHECK(median(urban) * 4 < median(rural));
  CHECK(t.build_seconds < 10);
}

TEST_CASE("territories of one district do not overlap and leave no gap", "[territory]") {
  const Territories& t = builtin();
  for (int d = 0; d < kJinanDistrictCount; ++d) {
    const auto& shape = t.districts[static_cast<std::size_t>(d)];
    const geo::BBox b = geo::bbox(shape);
    const double step = std::sqrt(geo::area(shape) / 3000.0);
    int inside = 0, once = 0;
    for (double y = b.y0 + 0.37 * step; y < b.y1; y += step)
      for (double x = b.x0 + 0.41 * step; x < b.x1; x += step) {
        const geo::Pt p{x, y};
        if (!geo::contains(shape, p)) continue;
        ++inside;
        int n = 0;
        for (const auto& u : t.units)
          if (jinan_units()[static_cast<std::size_t>(u.unit)].district == d && geo::contains(u.shape, p)) ++n;
        once += n == 1 ? 1 : 0;
      }
    INFO(jinan_areas()[static_cast<std::size_t>(d)].name_en);
    CHECK(once == inside);
  }
}

TEST_CASE("functional zones are carved where their units lie", "[territory]") {
  const Territories& t = builtin();
  const geo::Pt core = geo::to_km(kCityCore.lon, kCityCore.lat);
  for (const auto& u : t.units) {
    const JinanUnit& j = jinan_units()[static_cast<std::size_t>(u.unit)];
    INFO(j.name_zh);
    if (j.area == 13) CHECK(u.seat_lat < 36.56);        // 南部山区: the mountains south of the city
    if (j.area == 14) CHECK(u.seat_lat > 36.76);        // 起步区: north of the Yellow River
    if (j.area == 12) CHECK(u.seat.x > core.x + 5);     // 高新区: east of the city
  }
  // Each zone's territory is of the order of its FACTS estimate (320 / 610 / 500 km², [EST]).
  CHECK(geo::area(t.area_shape(12)) == Approx(320).epsilon(0.3));
  CHECK(geo::area(t.area_shape(13)) == Approx(610).epsilon(0.3));
  CHECK(geo::area(t.area_shape(14)) == Approx(500).epsilon(0.3));
}

TEST_CASE("territories are deterministic for a seed and change with it", "[territory]") {
  const Territories& a = builtin();
  const Territories b = build_territories(jinan_builtin_outlines());
  TerritoryParams p;
  p.seed = 2;
  const Territories c = build_territories(jinan_builtin_outlines(), p);
  int moved = 0;
  for (std::size_t i = 0; i < a.units.size(); ++i) {
    CHECK(a.units[i].seat.x == b.units[i].seat.x);
    CHECK(a.units[i].seat.y == b.units[i].seat.y);
    CHECK(a.units[i].area_km2 == b.units[i].area_km2);
    moved += a.units[i].seat.x != c.units[i].seat.x ? 1 : 0;
  }
  CHECK(moved > 100);
}

TEST_CASE("a boundaries file lacking a district is refused naming it", "[territory]") {
  geo::FeatureSet s = jinan_builtin_outlines();
  s.path = "mine.geojson";
  s.features.erase(s.features.begin() + 4);  // 历城区
  CHECK_THROWS_WITH(build_territories(s), "mine.geojson: no feature for district 历城区 (adcode 370112), which the stations need");
}

TEST_CASE("against the real DataV outlines: seats inside, coverage both ways >= 97%", "[territory][datav]") {
  if (!datav()) {
    WARN("skipped: jinan_districts_datav.geojson not found in ../shared/data or /work/shared/data");
    return;
  }
  const Territories& t = builtin();
  for (const auto& u : t.units) {
    const JinanUnit& j = jinan_units()[static_cast<std::size_t>(u.unit)];
    INFO(j.name_zh);
    CHECK(geo::contains(real_district(j.district), u.seat));
  }
  // Grid of 1 km over Jinan: real points covered by some territory; territory points inside the real outline.
  geo::BBox b;
  for (const auto& f : datav()->features) {
    const geo::BBox fb = geo::bbox(f.shape);
    b.add({fb.x0, fb.y0});
    b.add({fb.x1, fb.y1});
  }
  long real = 0, real_covered = 0, terr = 0, terr_inside = 0;
  for (double y = b.y0 + 0.3; y < b.y1; y += 1.0)
    for (double x = b.x0 + 0.2; x < b.x1; x += 1.0) {
      const geo::Pt p{x, y};
      bool in_real = false, in_terr = false;
      for (const auto& f : datav()->features) in_real = in_real || geo::contains(f.shape, p);
      for (const auto& u : t.units) in_terr = in_terr || geo::contains(u.shape, p);
      real += in_real;
      real_covered += in_real && in_terr;
      terr += in_terr;
      terr_inside += in_terr && in_real;
    }
  const double coverage = static_cast<double>(real_covered) / static_cast<double>(real);
  const double inside = static_cast<double>(terr_inside) / static_cast<double>(terr);
  INFO("coverage " << coverage << ", inside " << inside);
  CHECK(coverage >= 0.97);
  CHECK(inside >= 0.97);
  // The DataV file itself as the boundaries: seats again inside their real district.
  const Territories from_file = build_territories(*datav());
  for (const auto& u : from_file.units)
    CHECK(geo::contains(real_district(jinan_units()[static_cast<std::size_t>(u.unit)].district), u.seat));
}

TEST_CASE("settlement: homes inside the territory, villages more clustered than urban blocks", "[settlement]") {
  // One territory, settled both ways: a 10 x 10 km square with the seat in the middle.
  geo::MultiPolygon sq{{geo::Polygon{geo::rectangle(0, 0, 10, 10), {}}}};
  const geo::Pt seat{5, 5};
  const Settlement urban(sq, seat, true, 7, 3);
  const Settlement rural(sq, seat, false, 7, 3);
  CHECK(urban.clusters() == 600);  // 6 blocks per km²
  CHECK(rural.clusters() == 51);   // 0.5 villages per km², plus the seat town
  const std::size_t n = 3000;
  std::vector<double> ux(n), uy(n), rx(n), ry(n);
  urban.place(0, n, ux.data(), uy.data());
  rural.place(0, n, rx.data(), ry.data());
  for (std::size_t i = 0; i < n; ++i) {
    CHECK(geo::contains(sq, {ux[i], uy[i]}));
    CHECK(geo::contains(sq, {rx[i], ry[i]}));
  }
  const double ce_urban = clark_evans_ratio(ux.data(), uy.data(), n, 100);
  const double ce_rural = clark_evans_ratio(rx.data(), ry.data(), n, 100);
  const geo::BBox box = geo::bbox(sq);
  const double di_urban = dispersion_index(ux.data(), uy.data(), n, box, 1.0);
  const double di_rural = dispersion_index(rx.data(), ry.data(), n, box, 1.0);
  INFO("Clark-Evans urban " << ce_urban << ", rural " << ce_rural << "; dispersion urban " << di_urban << ", rural "
                            << di_rural);
  CHECK(ce_rural < 0.85 * ce_urban);
  CHECK(di_rural > 5 * di_urban);
  // A quarter of the rural homes in the seat town: the mean distance to the seat is below the urban one.
  const double du = mean_distance(ux.data(), uy.data(), n, seat), dr = mean_distance(rx.data(), ry.data(), n, seat);
  INFO("mean distance to the seat: urban " << du << " km, rural " << dr << " km");
  CHECK(du == Approx(3.83).epsilon(0.1));  // uniform in a square: 0.3826 of the side
  CHECK(dr < du);
  // Counter-based: home 1234 alone equals home 1234 in the batch; another seed moves it.
  double x = 0, y = 0;
  rural.place(1234, 1, &x, &y);
  CHECK(x == rx[1234]);
  CHECK(y == ry[1234]);
  const Settlement other(sq, seat, false, 8, 3);
  CHECK(other.home(1234).x != rx[1234]);
}

TEST_CASE("settlement inside real territories: every home inside its unit's territory", "[settlement][territory]") {
  const Territories& t = builtin();
  for (const auto& u : t.units) {
    const Settlement s(u.shape, u.seat, u.urban, 1, static_cast<std::uint32_t>(u.unit));
    std::vector<double> x(200), y(200);
    s.place(0, x.size(), x.data(), y.data());
    int outside = 0;
    for (std::size_t i = 0; i < x.size(); ++i) outside += geo::contains(u.shape, {x[i], y[i]}) ? 0 : 1;
    INFO(jinan_units()[static_cast<std::size_t>(u.unit)].name_zh);
    CHECK(outside == 0);
  }
}

// The settlement's point-in-territory index must answer exactly as the crossing test: for points spread
// over every territory's bounding box, and for points within a hair of its vertices and edges (where a
// wrongly classified cell would show).
TEST_CASE("ShapeIndex answers as contains() on every real territory, near edges too", "[settlement][territory][geo]") {
  const Territories& t = builtin();
  Stream rng(42, 0, 0, StreamKind::kWorldSettlement);
  std::size_t checked = 0, disagree = 0;
  double mixed = 0;
  for (const auto& u : t.units) {
    const geo::ShapeIndex index(u.shape);
    mixed += index.mixed_share();
    const geo::BBox b = geo::bbox(u.shape);
    const auto check = [&](geo::Pt p) {
      ++checked;
      disagree += index.contains(p) != geo::contains(u.shape, p);
    };
    for (int k = 0; k < 2000; ++k)
      check({b.x0 - 0.1 + (b.x1 - b.x0 + 0.2) * rng.uniform(), b.y0 - 0.1 + (b.y1 - b.y0 + 0.2) * rng.uniform()});
    for (const auto& part : u.shape.parts)
      for (std::size_t i = 0, j = part.outer.size() - 1; i < part.outer.size(); j = i++) {
        const geo::Pt a = part.outer[j], c = part.outer[i];
        for (double f : {0.0, 0.25, 0.5, 0.999})
          for (double off : {1e-12, 1e-9, 1e-7, 1e-5, 1e-3})
            for (int sx : {-1, 1})
              for (int sy : {-1, 1}) check({a.x + f * (c.x - a.x) + sx * off, a.y + f * (c.y - a.y) + sy * off});
      }
  }
  INFO(checked << " points");
  CHECK(disagree == 0);
  // Most cells are settled without the crossing test (that is the point of the index).
  CHECK(mixed / static_cast<double>(t.units.size()) < 0.35);
}

TEST_CASE("ShapeIndex on a shape with a hole and two parts, and degenerate shapes", "[geo]") {
  const geo::Polygon ring_with_hole{geo::rectangle(0, 0, 10, 10), {geo::rectangle(4, 4, 6, 6)}};
  const geo::MultiPolygon m{{ring_with_hole, geo::Polygon{geo::rectangle(20, 0, 21, 1), {}}}};
  const geo::ShapeIndex index(m, 16);
  CHECK(index.contains({1, 1}));
  CHECK_FALSE(index.contains({5, 5}));  // in the hole
  CHECK(index.contains({20.5, 0.5}));
  CHECK_FALSE(index.contains({15, 0.5}));  // between the parts
  CHECK_FALSE(index.contains({-1, 5}));    // off the grid
  Stream rng(7, 0, 0, StreamKind::kWorldSettlement);
  int disagree = 0;
  for (int k = 0; k < 20000; ++k) {
    const geo::Pt p{-1 + 23 * rng.uniform(), -1 + 12 * rng.uniform()};
    disagree += index.contains(p) != geo::contains(m, p);
  }
  CHECK(disagree == 0);
  const geo::ShapeIndex empty{geo::MultiPolygon{}};
  CHECK_FALSE(empty.contains({0, 0}));
  CHECK(empty.mixed_share() == 1.0);
}
