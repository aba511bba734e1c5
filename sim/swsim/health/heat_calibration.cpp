#include "swsim/health/heat_calibration.hpp"

#include "swsim/health/heat_health.hpp"

namespace swsim {

HeatExpectation expected_heat_illness(const World& world, const std::vector<WeatherDay>& weather,
                                      const HealthParams& h, double wind_ms) {
  double mass_all[kHeatAgeClasses] = {}, mass_65[kHeatAgeClasses] = {}, n65 = 0;
  const Elders& el = world.elders;
  for (std::size_t i = 0; i < el.size(); ++i) {
    const auto c = static_cast<std::size_t>(el.heat_class[i]);
    mass_all[c] += el.heat_weight[i];
    if (el.age[i] >= 65) {
      mass_65[c] += el.heat_weight[i];
      n65 += 1;
    }
  }
  const std::vector<double> e = lagged_illness_excess_c(weather, h, wind_ms);
  double all65 = 0, wave = 0, other = 0, wave_days = 0;
  for (std::size_t d = 0; d < weather.size(); ++d) {
    const auto f = illness_factors(e[d], weather[d].tmin_c, h);
    double day_all = 0;
    for (std::size_t c = 0; c < kHeatAgeClasses; ++c) {
      day_all += mass_all[c] * f[c];
      all65 += mass_65[c] * f[c];
    }
    (weather[d].heat_wave ? wave : other) += day_all;
    wave_days += weather[d].heat_wave;
  }
  const double days = static_cast<double>(weather.size()), other_days = days - wave_days;
  HeatExpectation out;
  out.incidence_65plus_per_100k = n65 > 0 ? 1e5 * all65 / n65 / days : 0.0;
  out.wave_ratio = wave_days > 0 && other > 0 ? (wave / wave_days) / (other / other_days) : 0.0;
  out.wave_share = wave + other > 0 ? wave / (wave + other) : 0.0;
  return out;
}

HeatFit fit_heat_hazard(const World& world, const std::vector<WeatherDay>& weather, HealthParams h, double wind_ms,
                        double target_per_100k, double target_ratio) {
  double lo = 1.0, hi = 3.0;
  for (int k = 0; k < 60; ++k) {
    h.illness_rr_per_c = (lo + hi) / 2;
    (expected_heat_illness(world, weather, h, wind_ms).wave_ratio < target_ratio ? lo : hi) = h.illness_rr_per_c;
  }
  h.illness_rr_per_c = (lo + hi) / 2;
  const double at = expected_heat_illness(world, weather, h, wind_ms).incidence_65plus_per_100k;
  return HeatFit{h.illness_rr_per_c, at > 0 ? h.base_hazard_per_day * target_per_100k / at : 0.0};
}

}  // namespace swsim
