#include "swsim/people/volunteers.hpp"

#include <algorithm>
#include <cmath>

namespace swsim {

double hours_in_last_week(const WeekMinutes& minutes) {
  double hours = 0;
  for (std::uint16_t m : minutes) hours += m / 60.0;
  return hours;
}

double turnout_probability(const VolunteerParams& p, double tmax_c, bool weekend, double hours7,
                           const HeatWorkDay& heat_work) {
  if (heat_work.volunteers_stay_home) return 0.0;
  const double heat_factor = std::max(0.0, 1.0 - p.heat_turnout_drop_per_c * std::max(0.0, tmax_c - p.heat_turnout_onset_c));
  const double base = (weekend ? p.turnout_weekend : p.turnout_weekday) * heat_factor;
  return base * std::max(0.0, 1.0 - hours7 / p.fatigue_cap_hours);
}

double dropout_probability(const VolunteerParams& p, double hours7) {
  const double daily = 1.0 - std::pow(1.0 - p.monthly_dropout, 1.0 / 30.0);
  return daily * (hours7 > p.overwork_hours ? p.overwork_dropout_factor : 1.0);
}

void start_volunteer_shift(Helper& h, double speed_kmh, bool afternoon, const VolunteerParams& p,
                           const HeatWorkDay& heat_work) {
  const double start = afternoon ? p.afternoon_shift_start_min : p.lunch_shift_start_min;
  h.reset(speed_kmh, false, start, start + p.shift_min, start + p.shift_min);
  h.field_budget_min = p.shift_min;
  if (heat_work.midday_ban) {
    h.no_outdoor_start = heat_work.ban_start_min;
    h.no_outdoor_end = heat_work.ban_end_min;
    h.outdoor_budget_min = heat_work.outdoor_budget_min;
  }
}

}  // namespace swsim
