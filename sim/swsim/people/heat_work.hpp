#pragma once
// Volunteers' outdoor work in heat (policy.heat_work_rules). Under the national 2012 rules nobody works
// outdoors at or above heat_work.stop_tmax_c, and from heat_work.midday_ban_tmax_c there is no outdoor
// work in the midday hours and at most heat_work.max_outdoor_min of it. Social workers are staff on
// duty and keep working (the rules bind volunteers here).
#include "swsim/config/config.hpp"

namespace swsim {

struct HeatWorkDay {
  bool volunteers_stay_home = false;
  bool midday_ban = false;           // no outdoor work in [ban_start_min, ban_end_min)
  double ban_start_min = 0, ban_end_min = 0;
  double outdoor_budget_min = 1e9;   // outdoor minutes a volunteer may work today
};

HeatWorkDay heat_work_day(HeatWorkRules rules, double tmax_c, const HeatWorkParams& p);

}  // namespace swsim
