#pragma once
// Who is on the day's lunch rounds (odd.md, Needs): the meal programme's homebound elders not in hospital
// are delivered, by their meal point or, when no point reaches them, by the station; diners eat at or
// collect from their point, except that on a day with a heat warning a diner who lives alone or is 75+
// may book delivery instead (booked the day before, bounded by the point's delivery capacity). The
// surge is a shift of existing diners: meals delivered + eaten on site never exceed the enrolled.
#include <cstdint>

#include "swsim/config/config.hpp"
#include "swsim/services/lunch.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

// A diner books delivery for today: only on a warning day, only a diner flagged as a warning requester
// (mobile, alone or 75+), by its draw (u < lunch.warning_switch_share), and only while the point has
// delivery capacity left (booked < capacity).
bool books_delivery_in_warning(double u, std::uint8_t elder_flags, bool warning, int booked, int capacity,
                               const LunchParams& p);

// The elder's door as a stop of the round: where, and the stair climb without a lift.
MealStop meal_stop(const Elders& elders, std::uint32_t i, double stair_min_per_floor);

}  // namespace swsim
