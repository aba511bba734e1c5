#include "swsim/health/heat_health.hpp"

#include <algorithm>
#include <cmath>

namespace swsim {

std::vector<double> lagged_excess_c(const std::vector<WeatherDay>& weather, const HealthParams& h) {
  std::vector<double> e(weather.size(), 0.0);
  for (std::size_t d = 0; d < weather.size(); ++d) {
    double sum = 0;
    for (std::size_t l = 0; l < h.lag_weights.size(); ++l) {
      const std::size_t src = d >= l ? d - l : 0;
      sum += h.lag_weights[l] * std::max(0.0, weather[src].tmax_c - h.threshold_c);
    }
    e[d] = sum;
  }
  return e;
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

}  // namespace swsim
