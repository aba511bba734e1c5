#include "swsim/services/tasks.hpp"

namespace swsim {

bool task_before(const TaskItem& a, const TaskItem& b) {
  if (a.kind != b.kind) return a.kind < b.kind;
  if (a.deadline != b.deadline) return a.deadline < b.deadline;
  return a.ref < b.ref;
}

double appointment_probability(Function function, bool weekend, const CaseloadParams& p) {
  return weekend || function == Function::kIndependent ? 0.0 : 7.0 / (5.0 * p.escort_interval_days);
}

ScheduleTask appointment_escort(float x_km, float y_km, bool afternoon, double shift_start_min,
                                const CaseloadParams& p, const ServiceTimeParams& s) {
  const double release = afternoon ? p.afternoon_appointment_from : shift_start_min;
  const double latest = afternoon ? p.afternoon_appointment_by : p.morning_appointment_by;
  return {x_km, y_km, true, true, false, s.escort_min, release, static_cast<double>(latest)};
}

ScheduleTask checkin_call(float x_km, float y_km, double shift_start_min, const ServiceTimeParams& s) {
  return {x_km, y_km, false, false, true, s.call_min, shift_start_min, static_cast<double>(s.checkin_call_by)};
}

ScheduleTask home_visit(float x_km, float y_km, double shift_start_min, double day_end_min,
                        const ServiceTimeParams& s) {
  return {x_km, y_km, true, true, false, s.visit_min, shift_start_min, day_end_min};
}

ScheduleTask medicine_errand(float x_km, float y_km, double shift_start_min, double day_end_min,
                             const ServiceTimeParams& s) {
  return {x_km, y_km, true, true, false, s.medicine_min, shift_start_min, day_end_min};
}

ScheduleTask child_care(float x_km, float y_km, const ChildrenParams& c, const ServiceTimeParams& s) {
  return {x_km, y_km, true, true, false, s.child_care_min, static_cast<double>(c.care_start_min),
          c.care_end_min - s.child_care_min};
}

ScheduleTask tutoring(float x_km, float y_km, const ChildrenParams& c, const ServiceTimeParams& s) {
  return {x_km, y_km, true, true, false, s.tutoring_min, static_cast<double>(c.care_start_min),
          c.care_end_min - s.tutoring_min};
}

bool is_activity_day(const Date& today, int day_of_month) {
  const int wd_target = weekday(days_from_civil(Date{today.year, today.month, day_of_month}));
  const int shift = wd_target == 5 ? 2 : wd_target == 6 ? 1 : 0;
  return today.day == day_of_month + shift;
}

ScheduleTask group_activity(double station_x_km, double station_y_km, const ServiceTimeParams& s,
                            const StaffingParams& staff) {
  return {station_x_km, station_y_km, false, false, true, s.activity_min, static_cast<double>(s.activity_start),
          staff.shift_end_min - s.activity_min};
}

}  // namespace swsim
