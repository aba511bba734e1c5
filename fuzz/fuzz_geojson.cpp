// libFuzzer target: the visualizer's GeoJSON reader (its own JSON parser + FeatureCollection checks).
// Contract checked: bad input is a GeoJsonError; every accepted feature has rings of >= 4 positions
// with longitudes and latitudes in range, and a finite label position.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "model/geojson.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto b = swsim::viz::parse_geojson(text, "fuzz.geojson");
    if (b.features.empty()) std::abort();
    for (const auto& f : b.features) {
      if (f.rings.empty() || !std::isfinite(f.label_at.lon) || !std::isfinite(f.label_at.lat)) std::abort();
      for (const auto& r : f.rings) {
        if (r.size() < 4) std::abort();
        for (const auto& p : r)
          if (!(p.lon >= -180 && p.lon <= 180 && p.lat >= -90 && p.lat <= 90)) std::abort();
      }
    }
  } catch (const swsim::viz::GeoJsonError&) {
  }
  return 0;
}
