#pragma once
// The cost of a station's day (odd.md, Cost): staff on duty (lent staff included), overtime, volunteer
// allowances, meals, travel, group activities and, without the activity policy, gifts to shidu elders
// accrued daily.
#include "swsim/config/config.hpp"

namespace swsim {

struct DayCostInputs {
  int staff = 0;               // social workers on duty plus lent staff
  double overtime_hours = 0;
  int volunteer_turnouts = 0;
  int meals_requested = 0;
  double travel_km = 0;
  int activities = 0;
  int attendance = 0;
  int shidu_with_gifts = 0;    // registered shidu elders receiving gifts (no activity policy)
};

double day_cost_yuan(const DayCostInputs& in, const CostParams& p);

}  // namespace swsim
