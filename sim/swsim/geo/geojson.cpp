#include "swsim/geo/geojson.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "swsim/geo/json.hpp"
#include "swsim/util/error.hpp"

namespace swsim::geo {
namespace {

Ring parse_ring(const Json& j, const std::string& ctx) {
  if (!j.is_array()) throw InputError(ctx + "a polygon ring is not an array of positions");
  Ring ring;
  for (const auto& p : j.array()) {
    if (!p.is_array() || p.array().size() < 2 || !p.array()[0].is_number() || !p.array()[1].is_number())
      throw InputError(ctx + "a position is not an array [longitude, latitude]");
    const double lon = p.array()[0].number(), lat = p.array()[1].number();
    if (!(lon >= -180 && lon <= 180 && lat >= -90 && lat <= 90))
      throw InputError(ctx + "a position is outside longitude -180..180 / latitude -90..90 (projected data?)");
    ring.push_back(to_km(lon, lat));
  }
  if (ring.size() < 4) throw InputError(ctx + "a polygon ring has fewer than 4 positions");
  return ring;
}

Polygon parse_polygon(const Json& j, const std::string& ctx) {
  if (!j.is_array() || j.array().empty()) throw InputError(ctx + "Polygon coordinates are not an array of rings");
  Polygon p;
  bool first = true;
  for (const auto& r : j.array()) {
    if (first)
      p.outer = parse_ring(r, ctx);
    else
      p.holes.push_back(parse_ring(r, ctx));
    first = false;
  }
  normalize(p);
  return p;
}

std::string describe(const Defect& d) {
  double lon = 0, lat = 0;
  to_lonlat(d.where, lon, lat);
  char at[64];
  std::snprintf(at, sizeof at, " near %.4fE %.4fN", lon, lat);
  std::string ring = d.ring <= 0 ? "outer ring" : "hole " + std::to_string(d.ring);
  return "polygon " + std::to_string(d.part) + ", " + ring + ": " + d.reason + at;
}

}  // namespace

const Feature* FeatureSet::find(std::string_view name, long adcode) const {
  for (const auto& f : features)
    if (!name.empty() && f.name == name) return &f;
  if (adcode >= 0)
    for (const auto& f : features)
      if (f.adcode == adcode) return &f;
  return nullptr;
}

FeatureSet parse_geojson(const std::string& text, const std::string& source) {
  Json root;
  try {
    root = parse_json(text, source);
  } catch (const JsonError& e) {
    throw InputError(std::string(e.what()) + " (not GeoJSON)");
  }
  if (!root.is_object()) throw InputError(source + ": not GeoJSON: the top level is not an object");
  const Json* type = root.member("type");
  if (!type || !type->is_string()) throw InputError(source + ": not GeoJSON: no \"type\" member at the top level");
  if (type->string() != "FeatureCollection")
    throw InputError(source + ": expected a GeoJSON FeatureCollection, found type \"" + type->string() + "\"");
  const Json* features = root.member("features");
  if (!features || !features->is_array())
    throw InputError(source + ": the FeatureCollection has no \"features\" array");
  FeatureSet out;
  out.path = source;
  std::size_t index = 0;
  for (const auto& f : features->array()) {
    std::string ctx = source + ": feature " + std::to_string(index++);
    if (!f.is_object()) throw InputError(ctx + ": not an object");
    Feature feat;
    if (const Json* props = f.member("properties")) {
      if (const Json* name = props->member("name"); name && name->is_string()) feat.name = name->string();
      if (const Json* ad = props->member("adcode")) {
        if (ad->is_number() && std::isfinite(ad->number()))
          feat.adcode = std::lround(ad->number());
        else if (ad->is_string())
          feat.adcode = std::strtol(ad->string().c_str(), nullptr, 10);
      }
    }
    if (!feat.name.empty()) ctx += " (" + feat.name + ")";
    ctx += ": ";
    const Json* geom = f.member("geometry");
    if (!geom || geom->is_null()) {
      ++out.skipped;
      continue;
    }
    const Json* gtype = geom->member("type");
    if (!gtype || !gtype->is_string()) throw InputError(ctx + "the geometry has no \"type\"");
    const Json* coords = geom->member("coordinates");
    if (gtype->string() == "Polygon") {
      if (!coords) throw InputError(ctx + "the Polygon has no \"coordinates\"");
      feat.shape.parts.push_back(parse_polygon(*coords, ctx));
    } else if (gtype->string() == "MultiPolygon") {
      if (!coords || !coords->is_array()) throw InputError(ctx + "the MultiPolygon has no \"coordinates\" array");
      if (coords->array().empty()) throw InputError(ctx + "the MultiPolygon has no polygons (empty \"coordinates\")");
      for (const auto& poly : coords->array()) feat.shape.parts.push_back(parse_polygon(poly, ctx));
    } else {
      ++out.skipped;
      continue;
    }
    if (auto d = validate(feat.shape)) throw InputError(ctx + "degenerate or self-intersecting: " + describe(*d));
    out.features.push_back(std::move(feat));
  }
  if (out.features.empty())
    throw InputError(source + ": the FeatureCollection has no Polygon or MultiPolygon feature");
  return out;
}

FeatureSet load_geojson(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not a boundaries file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open the boundaries file");
  std::ostringstream ss;
  ss << in.rdbuf();
  return parse_geojson(ss.str(), path);
}

void require_features(const FeatureSet& set, const std::vector<std::string>& names, const std::vector<long>& adcodes) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    const long ad = i < adcodes.size() ? adcodes[i] : -1;
    if (!set.find(names[i], ad))
      throw InputError(set.path + ": no feature for district " + names[i] +
                       (ad >= 0 ? " (adcode " + std::to_string(ad) + ")" : std::string()) +
                       ", which the stations need");
  }
}

}  // namespace swsim::geo
