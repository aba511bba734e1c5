#include <catch2/catch.hpp>

#include "model/geojson.hpp"
#include "viz_test_files.hpp"

using namespace swsim::viz;
using Catch::Matchers::Contains;

namespace {
const char* kTwoDistricts = R"({"type":"FeatureCollection","features":[
 {"type":"Feature","properties":{"name":"\u5386\u4e0b\u533a","centroid":[117.1,36.66]},
  "geometry":{"type":"Polygon","coordinates":[[[117,36.6],[117.2,36.6],[117.2,36.7],[117,36.6]]]}},
 {"type":"Feature","properties":{"name":"East"},
  "geometry":{"type":"MultiPolygon","coordinates":[[[[117.3,36.5],[117.6,36.5],[117.6,36.9],[117.3,36.5]]],
   [[[117.7,36.6],[117.9,36.6],[117.8,36.8],[117.7,36.6]],[[117.75,36.65],[117.8,36.65],[117.78,36.7],[117.75,36.65]]]]}},
 {"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[117,36]}},
 {"type":"Feature","properties":{"name":"nothing"},"geometry":null}
]})";

std::string error_of(const std::string& text) {
  try {
    parse_geojson(text, "d.json");
  } catch (const GeoJsonError& e) {
    return e.what();
  }
  return "no error";
}
}  // namespace

TEST_CASE("GeoJSON polygons and multipolygons become closed rings with names", "[geojson]") {
  const Boundaries b = parse_geojson(kTwoDistricts, "d.json");
  REQUIRE(b.features.size() == 2);
  CHECK(b.skipped == 2);
  CHECK(b.features[0].name == "\xE5\x8E\x86\xE4\xB8\x8B\xE5\x8C\xBA");  // 历下区 from \u escapes
  CHECK(b.features[0].rings.size() == 1);
  CHECK(b.features[0].label_at.lon == Approx(117.1));
  CHECK(b.features[1].rings.size() == 3);    // two outer rings and a hole
  CHECK(b.features[1].label_at.lat > 36.4);  // ring average when no centroid is given
}

TEST_CASE("GeoJSON from a file, and a missing file", "[geojson]") {
  const std::string path = viz_test::write_file("two.geojson", kTwoDistricts);
  CHECK(load_geojson(path).features.size() == 2);
  CHECK_THROWS_WITH(load_geojson(path + ".missing"), Contains("cannot open the boundaries file"));
}

TEST_CASE("malformed JSON is reported with line and column", "[geojson]") {
  CHECK_THAT(error_of("{\"type\": \"FeatureCollection\",\n \"features\": [,]}"),
             Contains("d.json: line 2, column 15: invalid JSON"));
  CHECK_THAT(error_of(""), Contains("the file is empty"));
  CHECK_THAT(error_of("{\"type\": \"FeatureCollection\""),
             Contains("unexpected end of file inside an object"));
  CHECK_THAT(error_of("{\"a\": \"unterminated}"), Contains("unterminated string"));
  CHECK_THAT(error_of("{\"a\": 1} x"), Contains("unexpected text after the JSON value"));
  CHECK_THAT(error_of("{\"a\": tru}"), Contains("expected 'true'"));
}

TEST_CASE("JSON that is not a usable FeatureCollection is rejected clearly", "[geojson]") {
  CHECK_THAT(error_of("[1,2]"), Contains("the top level is not an object"));
  CHECK_THAT(error_of("{\"features\": []}"), Contains("no \"type\" member"));
  CHECK_THAT(error_of("{\"type\": \"Feature\"}"),
             Contains("expected a GeoJSON FeatureCollection, found type \"Feature\""));
  CHECK_THAT(error_of("{\"type\": \"FeatureCollection\"}"), Contains("no \"features\" array"));
  CHECK_THAT(error_of("{\"type\": \"FeatureCollection\", \"features\": []}"),
             Contains("no Polygon or MultiPolygon"));
  CHECK_THAT(
      error_of(
          R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4],[1,2]]]}}]})"),
      Contains("feature 0: a polygon ring has fewer than 4 positions"));
  CHECK_THAT(
      error_of(
          R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[1,"x"],[3,4],[5,6],[1,2]]]}}]})"),
      Contains("a position is not an array [longitude, latitude]"));
  CHECK_THAT(
      error_of(
          R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[500000,4000000],[3,4],[5,6],[1,2]]]}}]})"),
      Contains("projected data?"));
  CHECK_THAT(
      error_of(
          R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"MultiPolygon"}}]})"),
      Contains("no \"coordinates\" array"));
}
