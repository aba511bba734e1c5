#include "swsim/services/cost.hpp"

namespace swsim {

double day_cost_yuan(const DayCostInputs& in, const CostParams& p) {
  return in.staff * p.social_worker_yuan_per_day + in.overtime_hours * p.overtime_yuan_per_hour +
         static_cast<double>(in.volunteer_turnouts) * p.volunteer_allowance_yuan + in.meals_requested * p.meal_yuan +
         in.travel_km * p.travel_yuan_per_km + in.activities * p.activity_yuan_fixed +
         in.attendance * p.activity_yuan_per_attendee + in.shidu_with_gifts * p.gifts_per_year * p.gift_yuan / 365.0;
}

}  // namespace swsim
