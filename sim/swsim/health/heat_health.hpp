#pragma once
// Heat-illness hazard (odd.md, Heat health). An elder's daily hazard of heat illness is the
// excess over the baseline hazard of heat-sensitive health events:
//   h = base_hazard x modifiers x (RR^E - 1) x hot-night factor,
// where E = sum over lags l of w_l x max(0, Tmax(d-l) - threshold) is the lagged excess temperature and RR
// the relative risk per degC for the elder's age class. Below the threshold there is no heat illness;
// held at T for four days, the rate is base x modifiers x (RR^(T - threshold) - 1).
#include <array>
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

// Lagged excess temperature E for each day; days before the first are taken as equal to the first.
std::vector<double> lagged_excess_c(const std::vector<WeatherDay>& weather, const HealthParams& h);

// The factor (RR^E - 1) x hot-night factor, per heat age class, for one day.
std::array<double, kHeatAgeClasses> heat_excess_factors(double excess_c, double tmin_c, const HealthParams& h);

// Expected heat-attributable deaths of a day among elders counted by heat age class (population relative
// risk, no individual modifiers): sum over classes of count x factor, times the daily baseline mortality.
double expected_excess_deaths(const std::uint32_t (&elders_by_class)[kHeatAgeClasses],
                              const std::array<double, kHeatAgeClasses>& factors, const HealthParams& h);

}  // namespace swsim
