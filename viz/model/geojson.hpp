#pragma once
// District outlines from a GeoJSON FeatureCollection of Polygon / MultiPolygon features (e.g. the
// DataV district files). A small JSON parser of our own; every problem is a GeoJsonError whose message
// names the file and, for syntax errors, the line and column.
#include <stdexcept>
#include <string>
#include <vector>

#include "model/dataset.hpp"

namespace swsim::viz {

class GeoJsonError : public std::runtime_error {
 public:
  explicit GeoJsonError(const std::string& what) : std::runtime_error(what) {}
};

struct Boundary {
  std::string name;                        // properties.name, "" when absent
  std::vector<std::vector<LonLat>> rings;  // outer rings and holes alike, each closed
  LonLat label_at;                         // properties.centroid / center, else the ring average
};

struct Boundaries {
  std::string path;
  std::vector<Boundary> features;
  int skipped = 0;  // features of other geometry types (points, lines) or without geometry
};

// Parses GeoJSON text; `source` names it in error messages.
Boundaries parse_geojson(const std::string& text, const std::string& source);
Boundaries load_geojson(const std::string& path);

// The district outlines a result file carries (CF-1.8 polygon geometries written by swsim: the outlines
// the simulation was built in); empty when the file has none.
Boundaries outlines_from_result(const std::string& path);

}  // namespace swsim::viz
