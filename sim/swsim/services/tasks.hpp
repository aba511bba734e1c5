#pragma once
// The rules that put a station's work on the day's task list (odd.md, Needs and Dispatch): outpatient
// appointments of impaired registered elders, heat check-ins, medicine purchases, routine visits by
// risk tier, children's care and tutoring, and the monthly group activity. Each rule is a small function
// of the elder's state, the day and the parameters; the station's day (simulation/station_day.cpp)
// applies them.
#include <cstdint>

#include "swsim/config/config.hpp"
#include "swsim/services/schedule.hpp"
#include "swsim/util/date.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

// Task kinds, in dispatch priority order (urgent escort > lunch > medicine > visits > children >
// activities; lunch runs first in its own window, urgent escorts in a second pass when found).
enum class TaskKind : std::uint8_t {
  kScheduledEscort = 0,
  kCheckinCall = 1,
  kCheckinVisit = 2,
  kMedicine = 3,
  kVisit = 4,
  kChildCare = 5,
  kTutoring = 6,
  kActivity = 7,
};

struct TaskItem {
  ScheduleTask task;
  TaskKind kind;
  std::uint32_t ref;  // registered-elder index, child index, or 0
  double deadline;    // for ordering inside a kind (overdue visits first)
};

// Priority order: kind, then deadline, then reference (deterministic).
bool task_before(const TaskItem& a, const TaskItem& b);

// The probability that a registered elder has an outpatient appointment today: 7 / (5 x
// caseload.escort_interval_days) for an impaired elder on a weekday (so the mean interval is
// escort_interval_days), 0 for an independent elder or at the weekend.
double appointment_probability(Function function, bool weekend, const CaseloadParams& p);
// The escort: in the morning (leave between the shift start and morning_appointment_by) or after lunch.
ScheduleTask appointment_escort(float x_km, float y_km, bool afternoon, double shift_start_min,
                                const CaseloadParams& p, const ServiceTimeParams& s);

// Daily call and visit for high-risk elders while a heat warning is in force (policy.heat_checkins).
inline bool gets_heat_checkin(bool policy_on, bool warning, RiskTier tier) {  // inline: once per entry a day
  return policy_on && warning && tier == RiskTier::kHigh;
}
// The ordering key (TaskItem::deadline) of a check-in call or visit: the highest heat risk first, so that
// the elders most at risk are reached when the staff cannot reach everyone by the call deadline.
inline double checkin_priority(float heat_weight) { return -static_cast<double>(heat_weight); }
ScheduleTask checkin_call(float x_km, float y_km, double shift_start_min, const ServiceTimeParams& s);
ScheduleTask home_visit(float x_km, float y_km, double shift_start_min, double day_end_min,
                        const ServiceTimeParams& s);
ScheduleTask medicine_errand(float x_km, float y_km, double shift_start_min, double day_end_min,
                             const ServiceTimeParams& s);

inline int visit_interval_days(RiskTier tier, const CaseloadParams& p) {
  return tier == RiskTier::kHigh  ? p.visit_interval_high_days
         : tier == RiskTier::kKey ? p.visit_interval_key_days
                                  : p.visit_interval_general_days;
}
inline int visit_slack_days(RiskTier tier, const CaseloadParams& p) {
  return tier == RiskTier::kHigh  ? p.visit_slack_high_days
         : tier == RiskTier::kKey ? p.visit_slack_key_days
                                  : p.visit_slack_general_days;
}

ScheduleTask child_care(float x_km, float y_km, const ChildrenParams& c, const ServiceTimeParams& s);
ScheduleTask tutoring(float x_km, float y_km, const ChildrenParams& c, const ServiceTimeParams& s);

// The activity day of the month, moved to the Monday after when it falls on a weekend.
bool is_activity_day(const Date& today, int day_of_month);
ScheduleTask group_activity(double station_x_km, double station_y_km, const ServiceTimeParams& s,
                            const StaffingParams& staff);

}  // namespace swsim
