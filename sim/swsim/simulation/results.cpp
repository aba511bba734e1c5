#include "swsim/simulation/results.hpp"

namespace swsim {

const std::array<MetricDef, kMetricCount>& metric_defs() {
  static const std::array<MetricDef, kMetricCount> defs{{
      {"meals_requested", "1", "lunches requested (enrolled elders at home, plus requests during heat warnings)", true},
      {"meals_on_time", "1", "lunches handed over by lunch.on_time_by", true},
      {"meals_late", "1", "lunches handed over after lunch.on_time_by and by lunch.late_by", true},
      {"meals_missed", "1", "lunches not handed over by lunch.late_by", true},
      {"meal_wait_min", "min", "minutes from meals ready to hand-over, summed over delivered lunches", false},
      {"escorts_urgent_requested", "1", "urgent medical escorts requested (heat illness found early)", true},
      {"escorts_urgent_served", "1", "urgent escorts started within services.urgent_escort_max_wait_min", true},
      {"escort_response_min", "min", "minutes from request to start, summed over served urgent escorts", false},
      {"escorts_scheduled_due", "1", "scheduled medical escorts (appointments) due", true},
      {"escorts_scheduled_done", "1", "scheduled medical escorts done", true},
      {"medicine_due", "1", "medicine purchases pending at the start of the day", true},
      {"medicine_done", "1", "medicine purchases done", true},
      {"medicine_overdue", "1", "medicine purchases still pending at the end of the day and past their window", true},
      {"visits_due", "1", "routine visits pending at the start of the day (due by risk tier, carried over)", true},
      {"visits_done", "1", "routine visits done", true},
      {"visits_overdue", "1", "routine visits still pending at the end of the day and past their slack", true},
      {"heat_checkin_calls", "1", "heat check-in calls made (policy.heat_checkins)", true},
      {"heat_checkin_visits", "1", "heat check-in visits made (policy.heat_checkins)", true},
      {"child_sessions_due", "1", "child care and tutoring sessions due", true},
      {"child_sessions_done", "1", "child care and tutoring sessions done", true},
      {"activities_held", "1", "group activities held for shidu elders (policy.shidu_activity)", true},
      {"activity_attendance", "1", "elders attending group activities", true},
      {"heat_illness", "1", "heat-illness events among elders (by day of onset)", true},
      {"heat_illness_found_early", "1", "heat-illness events found within 24 h by an assessing contact (by day of onset)", true},
      {"heat_illness_found_late", "1", "heat-illness events not found within 24 h (by day of onset)", true},
      {"hospitalisations", "1", "hospital admissions after heat illness (by day of onset)", true},
      {"heat_illness_registered", "1", "heat-illness events among elders on the station's register (by day of onset)", true},
      {"heat_illness_registered_found_early", "1", "heat-illness events among registered elders found within 24 h (by day of onset)", true},
      {"expected_excess_deaths", "1", "expected heat-attributable deaths among the catchment's elders (not individual deaths)", false},
      {"loneliness_sum", "1", "sum of registered elders' UCLA-3 loneliness scores (3-9) at the end of the day; divide by station_caseload for the mean", false},
      {"social_workers_on_duty", "1", "social workers on duty (station staff)", true},
      {"social_worker_hours", "h", "hours worked by social workers on duty, overtime included", false},
      {"overtime_hours", "h", "hours social workers worked past the end of their shift", false},
      {"volunteers_turned_out", "1", "volunteers who turned out", true},
      {"volunteer_hours", "h", "hours of volunteer turnouts", false},
      {"volunteer_dropouts", "1", "volunteers who dropped out", true},
      {"volunteers_active", "1", "volunteers still active at the end of the day", true},
      {"lent_staff", "1", "general-station staff lent to the station for the day (policy.lending)", true},
      {"lunch_km", "km", "road distance travelled on lunch rounds, return legs included", false},
      {"travel_km", "km", "road distance travelled on all services, lunch included", false},
      {"cost_yuan", "yuan", "cost: staff on duty, overtime, volunteer allowances, meals, travel, activities and gifts", false},
  }};
  return defs;
}

}  // namespace swsim
