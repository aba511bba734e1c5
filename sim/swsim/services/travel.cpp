#include "swsim/services/travel.hpp"

#include <algorithm>

namespace swsim {

double heat_walk_factor(double tmax_c, const TravelParams& p) {
  return std::max(p.min_heat_speed_factor, 1.0 - p.heat_walk_slowdown_per_c * std::max(0.0, tmax_c - p.heat_slowdown_onset_c));
}

double travel_speed_kmh(TravelMode mode, double walk_factor, const TravelParams& p) {
  return mode == TravelMode::kEbike ? p.ebike_kmh : p.walk_kmh * walk_factor;
}

}  // namespace swsim
