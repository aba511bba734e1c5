#pragma once
// Volunteers: who turns out, on which shift, and who drops out (odd.md, Volunteers). Turnout falls
// linearly with Tmax above volunteers.heat_turnout_onset_c and with the hours worked in the last 7 days
// (zero at volunteers.fatigue_cap_hours); dropout is the monthly rate spread over days, multiplied for
// the overworked.
#include <array>
#include <cstdint>

#include "swsim/config/config.hpp"
#include "swsim/people/heat_work.hpp"
#include "swsim/services/schedule.hpp"

namespace swsim {

// Minutes worked on each of the last 7 days (indexed by day % 7).
using WeekMinutes = std::array<std::uint16_t, 7>;

double hours_in_last_week(const WeekMinutes& minutes);

// Probability of turning out today.
double turnout_probability(const VolunteerParams& p, double tmax_c, bool weekend, double hours7,
                           const HeatWorkDay& heat_work);

// Probability of dropping out today, for an active volunteer.
double dropout_probability(const VolunteerParams& p, double hours7);

// The volunteer's working day: the lunch or the afternoon shift, under the day's heat rules.
void start_volunteer_shift(Helper& h, double speed_kmh, bool afternoon, const VolunteerParams& p,
                           const HeatWorkDay& heat_work);

}  // namespace swsim
