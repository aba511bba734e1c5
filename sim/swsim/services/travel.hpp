#pragma once
// Travel speeds of the day (odd.md, Travel): e-bikes keep their speed; walking and stair climbing slow
// with Tmax above travel.heat_slowdown_onset_c, never below travel.min_heat_speed_factor.
#include <cmath>

#include "swsim/config/config.hpp"

namespace swsim {

// Straight-line distance in km between two points of the local plane (the services' daily travel).
// sqrt(dx^2 + dy^2) rather than std::hypot: the same to the last bit or two at city distances, and several
// times cheaper (hypot guards against overflow that kilometres cannot reach).
inline double km_between(double ax, double ay, double bx, double by) {
  const double dx = ax - bx, dy = ay - by;
  return std::sqrt(dx * dx + dy * dy);
}

double heat_walk_factor(double tmax_c, const TravelParams& p);
double travel_speed_kmh(TravelMode mode, double walk_factor, const TravelParams& p);

}  // namespace swsim
