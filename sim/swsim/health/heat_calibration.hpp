#pragma once
// The fit of the heat-illness hazard (odd.md, Calibration notes; sources.md, Calibration). Both fitted
// values follow from the world and the weather in closed form, because the expected number of episodes
// is linear in the base hazard: expected episodes on day d = sum over elders of heat_weight x factor(d)
// (ignoring the few elders already ill, and prevention, which reach under 1% of the elders).
//  - illness_rr_per_c is set so that the daily rate on heat-wave days is `target_ratio` times the rate on
//    the other days (Bobb et al. 2014: 2.54; bisection, the ratio rises with the rate ratio);
//  - base_hazard_per_day is then scaled so that the 65+ have `target_per_100k` episodes per 100,000 per day.
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

struct HeatExpectation {
  double incidence_65plus_per_100k = 0;  // per day, averaged over the run's days
  double wave_ratio = 0;                 // daily rate on heat-wave days / on the other days (all elders)
  double wave_share = 0;                 // share of episodes on heat-wave days
};

// Expected heat illness under `h`, for a world built with h's base hazard and modifiers (its heat weights).
HeatExpectation expected_heat_illness(const World& world, const std::vector<WeatherDay>& weather,
                                      const HealthParams& h, double wind_ms);

// The illness rate ratio per degC that gives `target_ratio`, and the base hazard that then gives
// `target_per_100k` (the world built with h's base hazard).
struct HeatFit {
  double illness_rr_per_c = 0, base_hazard_per_day = 0;
};
HeatFit fit_heat_hazard(const World& world, const std::vector<WeatherDay>& weather, HealthParams h, double wind_ms,
                        double target_per_100k, double target_ratio);

}  // namespace swsim
