#include "swsim/services/lunch_demand.hpp"

namespace swsim {

bool books_delivery_in_warning(double u, std::uint8_t elder_flags, bool warning, int booked, int capacity,
                               const LunchParams& p) {
  return warning && (elder_flags & elder_flag::kWarningRequester) && booked < capacity && u < p.warning_switch_share;
}

MealStop meal_stop(const Elders& el, std::uint32_t i, double stair_min_per_floor) {
  const bool lift = el.flags[i] & elder_flag::kLift;
  return MealStop{i, el.x_km[i], el.y_km[i], lift ? 0.0f : static_cast<float>((el.floor[i] - 1) * stair_min_per_floor)};
}

}  // namespace swsim
