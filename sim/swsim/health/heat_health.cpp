#include "swsim/health/heat_health.hpp"

#include <algorithm>
#include <cmath>

namespace swsim {

double apparent_temperature_c(double ta_c, double rh_pct, double wind_ms) {
  const double e = rh_pct / 100.0 * 6.105 * std::exp(17.27 * ta_c / (237.7 + ta_c));
  return ta_c + 0.33 * e - 0.70 * wind_ms - 4.00;
}

double illness_exposure_c(const WeatherDay& w, const HealthParams& h, double wind_ms) {
  return h.exposure == HeatExposure::kApparent ? apparent_temperature_c(w.tmax_c, w.rh_pct, wind_ms) : w.tmax_c;
}

double illness_threshold_c(const HealthParams& h) {
  return h.exposure == HeatExposure::kApparent ? h.illness_threshold_apparent_c : h.illness_threshold_c;
}

namespace {
template <class X>
std::vector<double> lagged(std::size_t n, const std::vector<double>& weights, double threshold, X x) {
  std::vector<double> e(n, 0.0);
  for (std::size_t d = 0; d < n; ++d) {
    double sum = 0;
    for (std::size_t l = 0; l < weights.size(); ++l) sum += weights[l] * std::max(0.0, x(d >= l ? d - l : 0) - threshold);
    e[d] = sum;
  }
  return e;
}
}  // namespace

std::vector<double> lagged_illness_excess_c(const std::vector<WeatherDay>& weather, const HealthParams& h,
                                            double wind_ms) {
  return lagged(weather.size(), h.lag_weights, illness_threshold_c(h),
                [&](std::size_t d) { return illness_exposure_c(weather[d], h, wind_ms); });
}

std::vector<double> lagged_excess_c(const std::vector<WeatherDay>& weather, const HealthParams& h) {
  return lagged(weather.size(), h.lag_weights, h.threshold_c, [&](std::size_t d) { return weather[d].tmax_c; });
}

std::array<double, kHeatAgeClasses> illness_factors(double excess_c, double tmin_c, const HealthParams& h) {
  const bool hot_night = tmin_c >= h.hot_night_tmin_c && excess_c > 0;
  const double f = std::pow(h.illness_rr_per_c, excess_c);
  std::array<double, kHeatAgeClasses> out{};
  out[static_cast<int>(HeatAgeClass::k60to64)] = f * (hot_night ? h.hot_night_factor : 1.0);
  out[static_cast<int>(HeatAgeClass::k65to74)] = f * (hot_night ? h.hot_night_factor : 1.0);
  out[static_cast<int>(HeatAgeClass::k75plus)] = f * (hot_night ? h.hot_night_factor_75plus : 1.0);
  return out;
}

std::array<double, kHeatAgeClasses> heat_excess_factors(double excess_c, double tmin_c, const HealthParams& h) {
  const bool hot_night = tmin_c >= h.hot_night_tmin_c && excess_c > 0;
  std::array<double, kHeatAgeClasses> f{};
  f[static_cast<int>(HeatAgeClass::k60to64)] =
      (std::pow(h.rr_per_c_60_64, excess_c) - 1) * (hot_night ? h.hot_night_factor : 1.0);
  f[static_cast<int>(HeatAgeClass::k65to74)] =
      (std::pow(h.rr_per_c_65plus, excess_c) - 1) * (hot_night ? h.hot_night_factor : 1.0);
  f[static_cast<int>(HeatAgeClass::k75plus)] =
      (std::pow(h.rr_per_c_65plus, excess_c) - 1) * (hot_night ? h.hot_night_factor_75plus : 1.0);
  return f;
}

double expected_excess_deaths(const std::uint32_t (&elders_by_class)[kHeatAgeClasses],
                              const std::array<double, kHeatAgeClasses>& factors, const HealthParams& h) {
  double deaths = 0;
  for (int c = 0; c < kHeatAgeClasses; ++c) deaths += elders_by_class[c] * factors[static_cast<std::size_t>(c)];
  return deaths * (h.baseline_mortality_per_year / 365.0);
}

double averted_excess_deaths(double protected_factor_sum, const HealthParams& h) {
  return protected_factor_sum * (h.baseline_mortality_per_year / 365.0) * (1.0 - h.prevention_rr);
}

}  // namespace swsim
