#include "swsim/people/social_workers.hpp"

#include <algorithm>
#include <cmath>

namespace swsim {

int social_workers_on_duty(int staff, bool weekend, const StaffingParams& p) {
  if (!weekend || staff <= 0) return staff;
  const int roster = static_cast<int>(std::lround(staff * p.weekend_duty_share));
  return std::max({1, roster, std::min(staff, p.weekend_min_on_duty)});
}

void start_social_worker_shift(Helper& h, double speed_kmh, const StaffingParams& p) {
  const double shift_len = p.shift_end_min - p.shift_start_min;
  h.reset(speed_kmh, true, p.shift_start_min, p.shift_end_min, p.shift_end_min + p.max_overtime_min);
  h.field_budget_min = std::max(0.0, (shift_len - p.break_min) * (1.0 - p.admin_share));
}

ShiftHours shift_hours(const Helper& h, const StaffingParams& p) {
  const double shift_len = p.shift_end_min - p.shift_start_min;
  const double over = std::max(0.0, h.last_end - h.shift_end);
  return {(shift_len - p.break_min + over) / 60, over / 60};
}

}  // namespace swsim
