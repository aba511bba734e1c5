#pragma once
// Who is on the day's lunch round (odd.md, Needs): every enrolled elder not in hospital, plus mobile
// elders living alone or aged 75+ who ask for delivery while a heat warning is in force.
#include <cstdint>

#include "swsim/config/config.hpp"
#include "swsim/services/lunch.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

bool asks_for_lunch_in_warning(double u, std::uint8_t elder_flags, bool warning, const LunchParams& p);

// The elder's door as a stop of the round: where, and the stair climb without a lift.
MealStop meal_stop(const Elders& elders, std::uint32_t i, double stair_min_per_floor);

}  // namespace swsim
