// libFuzzer target: the simulation's boundaries reader (swsim/geo/geojson: the shared JSON parser, the
// FeatureCollection checks, projection and polygon validation). Contract checked: bad input is an
// InputError of one line; every accepted feature has at least one polygon that validates, with a
// positive area.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "swsim/geo/geojson.hpp"
#include "swsim/util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const auto s = swsim::geo::parse_geojson(text, "fuzz.geojson");
    if (s.features.empty()) std::abort();
    for (const auto& f : s.features) {
      if (f.shape.parts.empty() || swsim::geo::validate(f.shape)) std::abort();
      if (!(swsim::geo::area(f.shape) > 0)) std::abort();
    }
  } catch (const swsim::InputError& e) {
    if (std::string(e.what()).find('\n') != std::string::npos) std::abort();
  }
  return 0;
}
