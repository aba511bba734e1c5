#pragma once
// Heat-illness hazard (odd.md, Heat health). An elder's daily hazard of heat illness is
//   h = base_hazard x modifiers x illness_rr^E x hot-night factor,
// where E = sum over lags l of w_l x max(0, X(d-l) - threshold) is the lagged excess exposure, X the daily
// maximum temperature (default) or its apparent temperature (health.exposure), and the hot-night factor
// applies when Tmin reaches health.hot_night_tmin_c on a day with E > 0. The base hazard and illness_rr
// are fitted (heat_calibration.hpp). Expected excess deaths (all causes) keep the mortality curve of
// Li et al. 2017 on Tmax: population x (RR^E - 1) x baseline mortality.
#include <array>
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

// Apparent temperature (Steadman 1994, BoM form without radiation): AT = Ta + 0.33 e - 0.70 ws - 4.00 with
// the vapour pressure e = rh/100 x 6.105 exp(17.27 Ta / (237.7 + Ta)) hPa; Ta degC, rh %, ws m/s at 10 m.
double apparent_temperature_c(double ta_c, double rh_pct, double wind_ms);

// The day's heat-illness exposure X: Tmax, or the apparent temperature of Tmax with the day's humidity.
double illness_exposure_c(const WeatherDay& w, const HealthParams& h, double wind_ms);
// The threshold that goes with health.exposure.
double illness_threshold_c(const HealthParams& h);

// Lagged excess of heat-illness exposure for each day; days before the first are taken as equal to it.
std::vector<double> lagged_illness_excess_c(const std::vector<WeatherDay>& weather, const HealthParams& h,
                                            double wind_ms);
// Lagged excess Tmax over the mortality threshold (expected excess deaths).
std::vector<double> lagged_excess_c(const std::vector<WeatherDay>& weather, const HealthParams& h);

// The day's heat-illness factor illness_rr^E x hot-night factor, per heat age class: the elder's hazard is
// heat_weight (base x modifiers) times it.
std::array<double, kHeatAgeClasses> illness_factors(double excess_c, double tmin_c, const HealthParams& h);

// The mortality factor (RR^E - 1) x hot-night factor, per heat age class, for one day.
std::array<double, kHeatAgeClasses> heat_excess_factors(double excess_c, double tmin_c, const HealthParams& h);

// Expected heat-attributable deaths of a day among elders counted by heat age class (population relative
// risk, no individual modifiers): sum over classes of count x factor, times the daily baseline mortality.
double expected_excess_deaths(const std::uint32_t (&elders_by_class)[kHeatAgeClasses],
                              const std::array<double, kHeatAgeClasses>& factors, const HealthParams& h);

// Expected excess deaths averted today among protected elders (a call or visit the day before, a hot day):
// the sum of their mortality factors x daily baseline mortality x (1 - prevention_rr) (Rome programme:
// excess mortality RR 0.70 among those reached).
double averted_excess_deaths(double protected_factor_sum, const HealthParams& h);

}  // namespace swsim
