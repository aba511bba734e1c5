#pragma once
// Social workers: who is on duty, their working day and their hours (odd.md, Social workers). All staff
// work on weekdays; at weekends a duty roster of staffing.weekend_duty_share of them, at least
// staffing.weekend_min_on_duty (or all when fewer) so lunch and urgent work stay covered, and at least one.
// A shift runs from staffing.shift_start to shift_end with a break after the lunch round; a share of it
// is desk work, so field tasks get the rest; a task may run up to staffing.max_overtime_min late.
#include "swsim/config/config.hpp"
#include "swsim/services/schedule.hpp"

namespace swsim {

int social_workers_on_duty(int staff, bool weekend, const StaffingParams& p);

// A social worker's (or lent staff member's) day on the scheduler's timeline.
void start_social_worker_shift(Helper& h, double speed_kmh, const StaffingParams& p);

struct ShiftHours {
  double hours = 0;     // worked, overtime included, break excluded
  double overtime = 0;  // past the end of the shift
};
ShiftHours shift_hours(const Helper& h, const StaffingParams& p);

}  // namespace swsim
