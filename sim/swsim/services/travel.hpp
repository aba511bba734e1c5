#pragma once
// Travel speeds of the day (odd.md, Travel): e-bikes keep their speed; walking and stair climbing slow
// with Tmax above travel.heat_slowdown_onset_c, never below travel.min_heat_speed_factor.
#include <cmath>

#include "swsim/config/config.hpp"
#include "swsim/geo/distance.hpp"  // km_between

namespace swsim {

double heat_walk_factor(double tmax_c, const TravelParams& p);
double travel_speed_kmh(TravelMode mode, double walk_factor, const TravelParams& p);

}  // namespace swsim
