// The GeoJSON reader on the inputs the fuzzer found or that real files have: a BOM, lone surrogates in
// names, label positions that are not usable, an empty MultiPolygon (once a crash), deep nesting.
#include <catch2/catch.hpp>

#include "model/geojson.hpp"

using Catch::Matchers::Contains;
using namespace swsim::viz;

namespace {
const std::string kFc = R"({"type":"FeatureCollection","features":[{"type":"Feature",)";
const std::string kSquare = R"("geometry":{"type":"Polygon","coordinates":[[[0,0],[2,0],[2,2],[0,2],[0,0]]]}}]})";

std::string error_of(const std::string& text) {
  try {
    parse_geojson(text, "d.json");
  } catch (const GeoJsonError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("GeoJSON: a MultiPolygon with no polygons is an error, not a crash (fuzz crash 1)", "[reliability][geojson]") {
  CHECK_THAT(error_of(kFc + R"("geometry":{"type":"MultiPolygon","coordinates":[]}}]})"),
             Contains("d.json: feature 0: the MultiPolygon has no polygons"));
}

TEST_CASE("GeoJSON: a byte-order mark is skipped", "[reliability][geojson]") {
  CHECK(parse_geojson("\xEF\xBB\xBF" + kFc + kSquare, "d.json").features.size() == 1);
}

TEST_CASE("GeoJSON: lone and mismatched surrogates become U+FFFD and pairs decode", "[reliability][geojson]") {
  auto name = [](const std::string& escaped) {
    return parse_geojson(kFc + R"("properties":{"name":")" + escaped + R"("},)" + kSquare, "d.json").features[0].name;
  };
  CHECK(name("\\ud83d\\ude00") == "\xF0\x9F\x98\x80");
  CHECK(name("a\\ud800b") == "a\xEF\xBF\xBD" "b");
  CHECK(name("\\udc00") == "\xEF\xBF\xBD");
  CHECK(name("\\ud800\\u0041") == "\xEF\xBF\xBD" "A");            // the second escape is kept
  CHECK(name("\\ud800\\ud83d\\ude00") == "\xEF\xBF\xBD\xF0\x9F\x98\x80");
}

TEST_CASE("GeoJSON: an infinite or projected label position falls back to the ring average", "[reliability][geojson]") {
  for (const char* c : {"[1e999, 0]", "[500000, 4000000]", "[-1e999, 1]"}) {
    const auto b = parse_geojson(kFc + R"("properties":{"centroid":)" + c + "}," + kSquare, "d.json");
    INFO(c);
    CHECK(b.features[0].label_at.lon == Approx(0.8));
    CHECK(b.features[0].label_at.lat == Approx(0.8));
  }
}

TEST_CASE("GeoJSON: deep nesting is refused with a message, at any depth", "[reliability][geojson]") {
  CHECK_THAT(error_of(std::string(300, '[') + std::string(300, ']')), Contains("nested too deeply"));
  CHECK_THAT(error_of(std::string(1000000, '[')), Contains("nested too deeply"));
  CHECK_THAT(error_of(std::string(50, '[') + std::string(50, ']')), Contains("the top level is not an object"));
}

TEST_CASE("GeoJSON: a directory is named as such", "[reliability][geojson]") {
  CHECK_THROWS_WITH(load_geojson("."), Contains(".: is a directory"));
}
