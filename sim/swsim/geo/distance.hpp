#pragma once
// Straight-line distance on the model's local km plane, for the world (homes to stations, meal points)
// and the services' daily travel alike.
#include <cmath>

namespace swsim {

// sqrt(dx^2 + dy^2) rather than std::hypot: the same to the last bit or two at city distances, and several
// times cheaper (hypot guards against overflow that kilometres cannot reach).
inline double km_between(double ax, double ay, double bx, double by) {
  const double dx = ax - bx, dy = ay - by;
  return std::sqrt(dx * dx + dy * dy);
}

}  // namespace swsim
