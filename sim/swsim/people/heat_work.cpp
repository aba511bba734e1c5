#include "swsim/people/heat_work.hpp"

namespace swsim {

HeatWorkDay heat_work_day(HeatWorkRules rules, double tmax_c, const HeatWorkParams& p) {
  HeatWorkDay day;
  if (rules == HeatWorkRules::kNone) return day;
  day.volunteers_stay_home = tmax_c >= p.stop_tmax_c;
  day.midday_ban = tmax_c >= p.midday_ban_tmax_c && tmax_c < p.stop_tmax_c;
  if (day.midday_ban) {
    day.ban_start_min = p.midday_ban_start_min;
    day.ban_end_min = p.midday_ban_end_min;
    day.outdoor_budget_min = p.max_outdoor_min;
  }
  return day;
}

}  // namespace swsim
