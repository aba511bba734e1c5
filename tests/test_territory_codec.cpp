// The unit territories as built data (world/territory_codec): the array compiled into swsim_core equals
// what build_territories computes for the built-in outlines and the default seed; other seeds and
// boundaries files are still built; the encoding round-trips exactly and refuses malformed arrays.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "swsim/geo/geojson.hpp"
#include "swsim/world/jinan_outlines.hpp"
#include "swsim/world/territory.hpp"
#include "swsim/world/territory_codec.hpp"
#include "swsim/world/world_cache.hpp"

using namespace swsim;

namespace {

Territories computed(std::uint64_t seed) {
  TerritoryParams p;
  p.seed = seed;
  return build_territories(jinan_builtin_outlines(), p);
}

// The built-in outlines written as a GeoJSON boundaries file (lon/lat).
std::string outlines_file() {
  const auto path = std::filesystem::temp_directory_path() / ("swsim_codec_" + std::to_string(::getpid()) + ".geojson");
  std::ofstream out(path);
  out << R"({"type":"FeatureCollection","features":[)";
  const geo::FeatureSet set = jinan_builtin_outlines();
  for (std::size_t f = 0; f < set.features.size(); ++f) {
    out << (f ? "," : "") << R"({"type":"Feature","properties":{"name":")" << set.features[f].name
        << R"(","adcode":)" << set.features[f].adcode << R"(},"geometry":{"type":"MultiPolygon","coordinates":[)";
    for (std::size_t k = 0; k < set.features[f].shape.parts.size(); ++k) {
      const geo::Ring& r = set.features[f].shape.parts[k].outer;
      out << (k ? "," : "") << "[[";
      for (std::size_t i = 0; i <= r.size(); ++i) {
        double lon = 0, lat = 0;
        geo::to_lonlat(r[i % r.size()], lon, lat);
        char buf[80];
        std::snprintf(buf, sizeof buf, "%s[%.17g,%.17g]", i ? "," : "", lon, lat);
        out << buf;
      }
      out << "]]";
    }
    out << "]}}";
  }
  out << "]}";
  return path.string();
}

}  // namespace

TEST_CASE("territory_codec: the stored territories equal what the algorithm computes", "[territory]") {
  const Territories built = computed(builtin_territory_seed());
  const Territories stored = decode_territories(builtin_territory_data());
  REQUIRE(stored.units.size() == built.units.size());
  REQUIRE(stored.districts.size() == built.districts.size());
  CHECK(encode_territories(stored) == encode_territories(built));
  const std::span<const double> data = builtin_territory_data();
  CHECK(std::vector<double>(data.begin(), data.end()) == encode_territories(built));
  for (std::size_t i = 0; i < built.units.size(); ++i) {
    CHECK(stored.units[i].seat.x == built.units[i].seat.x);
    CHECK(stored.units[i].seat.y == built.units[i].seat.y);
    CHECK(stored.units[i].area_km2 == built.units[i].area_km2);
    CHECK(stored.units[i].urban == built.units[i].urban);
  }
  CHECK(builtin_territory_seed() == TerritoryParams{}.seed);
}

TEST_CASE("territory_codec: shared_territories decodes the default, builds other seeds and files", "[territory]") {
  clear_world_cache();
  const auto stored = shared_territories("", builtin_territory_seed());
  const std::span<const double> data = builtin_territory_data();
  CHECK(encode_territories(*stored) == std::vector<double>(data.begin(), data.end()));
  const auto other = shared_territories("", 2);
  CHECK(encode_territories(*other) == encode_territories(computed(2)));
  CHECK(encode_territories(*other) != encode_territories(*stored));
  const std::string file = outlines_file();
  const auto from_file = shared_territories(file, builtin_territory_seed());
  CHECK(encode_territories(*from_file) == encode_territories(build_territories(geo::load_geojson(file))));
  CHECK(from_file->build_seconds > 0);  // built, not decoded
  std::filesystem::remove(file);
  clear_world_cache();
}

TEST_CASE("territory_codec: round trip with holes and parts, malformed arrays refused", "[territory]") {
  Territories t;
  UnitTerritory u;
  u.unit = 7;
  u.seat = {1.25, -3.5};
  u.seat_lon = 117.1;
  u.seat_lat = 36.6;
  u.area_km2 = 11.5;
  u.target_km2 = 12;
  u.urban = true;
  geo::Polygon with_hole{geo::rectangle(0, 0, 4, 4), {geo::rectangle(1, 1, 2, 2)}};
  u.shape.parts = {with_hole, geo::Polygon{geo::rectangle(5, 5, 6, 7), {}}};
  t.units = {u, UnitTerritory{}};
  t.districts = {u.shape};
  const std::vector<double> data = encode_territories(t);
  const Territories back = decode_territories(data);
  CHECK(encode_territories(back) == data);
  REQUIRE(back.units[0].shape.parts.size() == 2);
  CHECK(back.units[0].shape.parts[0].holes.size() == 1);
  CHECK(back.units[0].shape.parts[0].holes[0][2].x == 2);
  CHECK(back.units[0].urban);
  CHECK_FALSE(back.units[1].urban);
  CHECK_THROWS_AS(decode_territories(std::span<const double>(data).first(data.size() - 1)), std::runtime_error);
  std::vector<double> longer = data;
  longer.push_back(0);
  CHECK_THROWS_AS(decode_territories(longer), std::runtime_error);
  std::vector<double> other_format = data;
  other_format[0] = 99;
  CHECK_THROWS_AS(decode_territories(other_format), std::runtime_error);
}
