#include "model/geojson.hpp"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "reader/result_file.hpp"
#include "swsim/geo/json.hpp"

namespace swsim::viz {
namespace {

// The JSON reader is the simulation's (sim/swsim/geo/json.hpp, library swsim_json); its syntax errors
// become GeoJsonErrors with the same text.
using swsim::geo::Json;

std::string where(const std::string& source, std::size_t feature) {
  return source + ": feature " + std::to_string(feature) + ": ";
}

std::vector<LonLat> parse_ring(const Json& j, const std::string& ctx) {
  if (!j.is_array()) throw GeoJsonError(ctx + "a polygon ring is not an array of positions");
  std::vector<LonLat> ring;
  for (const auto& p : j.array()) {
    if (!p.is_array() || p.array().size() < 2 || !p.array()[0].is_number() || !p.array()[1].is_number())
      throw GeoJsonError(ctx + "a position is not an array [longitude, latitude]");
    const double lon = p.array()[0].number(), lat = p.array()[1].number();
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
      throw GeoJsonError(ctx +
                         "a position is outside longitude -180..180 / latitude -90..90 (projected data?)");
    ring.push_back({lon, lat});
  }
  if (ring.size() < 4) throw GeoJsonError(ctx + "a polygon ring has fewer than 4 positions");
  return ring;
}

bool usable_position(double lon, double lat) { return lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90; }

void parse_polygon(const Json& j, const std::string& ctx, Boundary& out) {
  if (!j.is_array() || j.array().empty())
    throw GeoJsonError(ctx + "Polygon coordinates are not an array of rings");
  for (const auto& r : j.array()) out.rings.push_back(parse_ring(r, ctx));
}

bool read_point(const Json* j, LonLat& p) {
  if (!j || !j->is_array() || j->array().size() < 2 || !j->array()[0].is_number() ||
      !j->array()[1].is_number())
    return false;
  const double lon = j->array()[0].number(), lat = j->array()[1].number();
  if (!usable_position(lon, lat)) return false;  // e.g. 1e999 (infinite) or projected: use the ring average
  p = {lon, lat};
  return true;
}

}  // namespace

Boundaries parse_geojson(const std::string& text_in, const std::string& source) {
  // A UTF-8 byte-order mark (some Windows tools write one) is not part of the JSON.
  const bool bom = text_in.compare(0, 3, "\xEF\xBB\xBF") == 0;
  const std::string text = bom ? text_in.substr(3) : text_in;  // columns on line 1 count from after it
  Json root;
  try {
    root = swsim::geo::parse_json(text, source);
  } catch (const swsim::geo::JsonError& e) {
    throw GeoJsonError(e.what());
  }
  if (!root.is_object()) throw GeoJsonError(source + ": not GeoJSON: the top level is not an object");
  const Json* type = root.member("type");
  if (!type || !type->is_string())
    throw GeoJsonError(source + ": not GeoJSON: no \"type\" member at the top level");
  if (type->string() != "FeatureCollection")
    throw GeoJsonError(source + ": expected a GeoJSON FeatureCollection, found type \"" + type->string() +
                       "\"");
  const Json* features = root.member("features");
  if (!features || !features->is_array())
    throw GeoJsonError(source + ": the FeatureCollection has no \"features\" array");
  Boundaries out;
  out.path = source;
  std::size_t index = 0;
  for (const auto& f : features->array()) {
    const std::string ctx = where(source, index++);
    if (!f.is_object()) throw GeoJsonError(ctx + "not an object");
    const Json* geom = f.member("geometry");
    if (!geom || geom->is_null()) {
      ++out.skipped;
      continue;
    }
    const Json* gtype = geom->member("type");
    if (!gtype || !gtype->is_string()) throw GeoJsonError(ctx + "the geometry has no \"type\"");
    const Json* coords = geom->member("coordinates");
    Boundary b;
    if (gtype->string() == "Polygon") {
      if (!coords) throw GeoJsonError(ctx + "the Polygon has no \"coordinates\"");
      parse_polygon(*coords, ctx, b);
    } else if (gtype->string() == "MultiPolygon") {
      if (!coords || !coords->is_array())
        throw GeoJsonError(ctx + "the MultiPolygon has no \"coordinates\" array");
      if (coords->array().empty()) throw GeoJsonError(ctx + "the MultiPolygon has no polygons (empty \"coordinates\")");
      for (const auto& poly : coords->array()) parse_polygon(poly, ctx, b);
    } else {
      ++out.skipped;
      continue;
    }
    bool have_label = false;
    if (const Json* props = f.member("properties")) {
      if (const Json* name = props->member("name"); name && name->is_string()) b.name = name->string();
      have_label = read_point(props->member("centroid"), b.label_at) ||
                   read_point(props->member("center"), b.label_at);
    }
    if (!have_label) {
      double sx = 0, sy = 0;
      for (const auto& p : b.rings.front()) {
        sx += p.lon;
        sy += p.lat;
      }
      const auto n = static_cast<double>(b.rings.front().size());
      b.label_at = {sx / n, sy / n};
    }
    out.features.push_back(std::move(b));
  }
  if (out.features.empty())
    throw GeoJsonError(source + ": the FeatureCollection has no Polygon or MultiPolygon feature");
  return out;
}

Boundaries load_geojson(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw GeoJsonError(path + ": is a directory, not a boundaries file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw GeoJsonError(path + ": cannot open the boundaries file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_geojson(ss.str(), path);
}

}  // namespace swsim::viz

namespace swsim::viz {

Boundaries outlines_from_result(const std::string& path) {
  Boundaries out;
  const results::ResultFile f(path);
  if (!f.has("district_name") || !f.has("boundary_x") || !f.has("boundary_y") || !f.has("boundary_node_count") ||
      !f.has("boundary_part_node_count"))
    return out;  // a file from before outlines were written: nothing to draw
  const auto names = f.read_strings("district_name");
  const auto x = f.read("boundary_x"), y = f.read("boundary_y");
  const auto nodes = f.read("boundary_node_count"), parts = f.read("boundary_part_node_count");
  if (x.size() != y.size() || nodes.size() != names.size())
    throw results::ReadError(path + ": district outlines have inconsistent lengths");
  out.path = path + " (district outlines)";
  std::size_t at = 0, part = 0;
  for (std::size_t d = 0; d < names.size(); ++d) {
    Boundary b;
    b.name = names[d];
    const auto end = at + static_cast<std::size_t>(nodes[d]);
    double sx = 0, sy = 0, n = 0;
    while (at < end && part < parts.size()) {
      const auto len = static_cast<std::size_t>(parts[part++]);
      if (at + len > x.size()) throw results::ReadError(path + ": district outlines are truncated");
      std::vector<LonLat> ring;
      for (std::size_t k = 0; k < len; ++k, ++at) {
        ring.push_back({x[at], y[at]});
        sx += x[at];
        sy += y[at];
        n += 1;
      }
      b.rings.push_back(std::move(ring));
    }
    b.label_at = n > 0 ? LonLat{sx / n, sy / n} : LonLat{};
    out.features.push_back(std::move(b));
  }
  return out;
}

}  // namespace swsim::viz
