#pragma once
// Built-in coarse outlines of Jinan's 12 districts/counties, derived by scripts/derive_outlines.py from
// the DataV.GeoAtlas district polygons (cited in docs/sources.md) with the project's own simplification
// (shared borders simplified once, so neighbours meet without gaps). Coordinates are lon/lat as in DataV
// (GCJ-02-like, a few hundred metres off WGS-84). jinan_outlines.cpp is generated: do not edit it.
#include <vector>

#include "swsim/geo/geojson.hpp"
#include "swsim/geo/polygon.hpp"

namespace swsim {

struct OutlineRingData {
  int district;           // 0..11, the order of jinan_areas()
  int part;               // polygon index within the district
  int ring;               // 0 the outer ring, 1.. holes
  const double* lonlat;   // lon0, lat0, lon1, lat1, ... (open ring)
  int vertices;
};

// The generated rings (jinan_outlines.cpp).
const std::vector<OutlineRingData>& jinan_outline_data();

// A district's built-in outline on the km plane (normalised: outer rings counter-clockwise).
geo::MultiPolygon jinan_district_outline(int district);

// All 12 built-in outlines as a FeatureSet (path "built-in outlines", name and adcode per district), the
// same shape a boundaries file gives, so callers treat both alike.
geo::FeatureSet jinan_builtin_outlines();

}  // namespace swsim
