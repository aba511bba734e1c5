#include "swsim/simulation/results.hpp"

namespace swsim {

const std::array<MetricDef, kMetricCount>& metric_defs() {
  static const std::array<MetricDef, kMetricCount> defs{{
      {"meals_requested", "1", "lunches requested (enrolled elders at home, plus requests during heat warnings)", true},
      {"meals_on_time", "1", "lunches handed over by lunch.on_time_by", true},
      {"meals_late", "1", "lunches handed over after lunch.on_time_by and by lunch.late_by", true},
      {"meals_missed", "1", "lunches not handed over by lunch.late_by", true},
      {"meal_wait_min", "min", "minutes from meals ready to hand-over, summed over delivered lunches", false},
      {"heat_illness", "1", "heat-illness events among elders (by day of onset)", true},
      {"heat_illness_found_early", "1", "heat-illness events found within 24 h by an assessing contact (by day of onset)", true},
      {"heat_illness_found_late", "1", "heat-illness events not found within 24 h (by day of onset)", true},
      {"hospitalisations", "1", "hospital admissions after heat illness (by day of onset)", true},
      {"social_workers_on_duty", "1", "social workers on duty", true},
      {"volunteers_turned_out", "1", "volunteers who turned out", true},
      {"lunch_km", "km", "road distance travelled on lunch rounds, return legs included", false},
  }};
  return defs;
}

}  // namespace swsim
