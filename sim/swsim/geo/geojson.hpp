#pragma once
// District outlines for the simulation from a GeoJSON FeatureCollection of Polygon / MultiPolygon
// features (e.g. DataV.GeoAtlas district files), projected to the model's km plane. Every problem is
// an InputError of one line naming the file and the feature: not JSON or not GeoJSON, a position that
// is not [lon, lat], a degenerate or self-intersecting polygon, a district the caller needs missing.
#include <string>
#include <string_view>
#include <vector>

#include "swsim/geo/polygon.hpp"

namespace swsim::geo {

struct Feature {
  std::string name;   // properties.name ("" when absent)
  long adcode = -1;   // properties.adcode (-1 when absent)
  MultiPolygon shape; // km plane; outer rings counter-clockwise, holes clockwise
};

struct FeatureSet {
  std::string path;
  std::vector<Feature> features;  // Polygon / MultiPolygon features in file order
  int skipped = 0;                // features without geometry or of other types (points, lines)

  // The feature of that name (exact match) or, failing that, that adcode; nullptr if none.
  const Feature* find(std::string_view name, long adcode = -1) const;
};

// Parses GeoJSON text; `source` names it in error messages ("<source>: feature 3 (历城区): ...").
// Polygons are validated (geo::validate); coordinates must be longitude -180..180, latitude -90..90.
FeatureSet parse_geojson(const std::string& text, const std::string& source);
FeatureSet load_geojson(const std::string& path);

// Throws an InputError naming the file and the first district in `names` that has no feature (matched
// by name or, when adcodes is not empty, by the adcode at the same index).
void require_features(const FeatureSet& set, const std::vector<std::string>& names,
                      const std::vector<long>& adcodes = {});

}  // namespace swsim::geo
