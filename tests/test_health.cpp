#include <catch2/catch.hpp>
#include <cmath>

#include "swsim/config/parameters.hpp"
#include "swsim/health/heat_health.hpp"
#include "swsim/simulation/simulation.hpp"

using namespace swsim;

namespace {
std::vector<WeatherDay> constant_weather(int days, double tmax, double tmin) {
  std::vector<WeatherDay> w(static_cast<std::size_t>(days), WeatherDay{tmax, tmin, 50, false, HeatWarning::kNone, false});
  return w;
}
}  // namespace

TEST_CASE("lagged excess temperature weights the last four days", "[health]") {
  const HealthParams h = default_config().health;
  auto w = constant_weather(6, 30, 20);
  w[2].tmax_c = 42;  // one hot day, 10 degC above the threshold
  const auto e = lagged_excess_c(w, h);
  CHECK(e[1] == 0);
  CHECK(e[2] == Approx(10 * h.lag_weights[0]));
  CHECK(e[3] == Approx(10 * h.lag_weights[1]));
  CHECK(e[5] == Approx(10 * h.lag_weights[3]));
  const auto steady = lagged_excess_c(constant_weather(5, 36, 20), h);
  for (double x : steady) CHECK(x == Approx(4.0));  // held at T: E = T - threshold from the first day
}

TEST_CASE("no heat illness at or below the threshold, RR^E - 1 above it", "[health]") {
  const HealthParams h = default_config().health;
  for (double f : heat_excess_factors(0.0, 20, h)) CHECK(f == 0.0);
  const auto f = heat_excess_factors(5.0, 20, h);
  CHECK(f[0] == Approx(std::pow(h.rr_per_c_60_64, 5) - 1));
  CHECK(f[1] == Approx(std::pow(h.rr_per_c_65plus, 5) - 1));
  CHECK(f[2] == Approx(std::pow(h.rr_per_c_65plus, 5) - 1));
  const auto night = heat_excess_factors(5.0, h.hot_night_tmin_c, h);
  CHECK(night[1] == Approx(f[1] * h.hot_night_factor));
  CHECK(night[2] == Approx(f[2] * h.hot_night_factor_75plus));
}

TEST_CASE("the lagged illness exposure uses the apparent temperature when asked", "[health]") {
  HealthParams h = default_config().health;
  h.exposure = HeatExposure::kApparent;
  h.illness_threshold_apparent_c = 36;
  const auto e = lagged_illness_excess_c(constant_weather(4, 35, 20), h, 2.0);  // rh 50%
  // Held at one exposure the lagged excess is AT - threshold; AT by hand: e = 28.0083 hPa, AT = 38.8427.
  for (double x : e) CHECK(x == Approx(38.8427 - 36).margin(1e-3));
  h.exposure = HeatExposure::kTmax;
  h.illness_threshold_c = 32;
  for (double x : lagged_illness_excess_c(constant_weather(4, 35, 20), h, 2.0)) CHECK(x == Approx(3.0));
}

TEST_CASE("the simulated heat-illness rate follows the exposure-response curve over a temperature sweep",
          "[health][validation]") {
  Config c = default_config();
  c.run.scale = 0.01;
  c.run.days = 1;
  c.health.base_hazard_per_day = 0.002;  // enough events per point for a tight check
  c.health.hot_night_tmin_c = 40;        // no hot nights in this sweep
  const World world = build_world(c);
  double weight_sum = 0;
  for (std::size_t i = 0; i < world.elders.size(); ++i) weight_sum += world.elders.heat_weight[i];
  std::vector<double> observed;
  for (double t : {28.0, 33.0, 35.0, 37.0, 39.0, 41.0}) {
    Simulation sim(c, world, constant_weather(1, t, 24));
    sim.run();
    double events = 0;
    for (int s = 0; s < sim.results().stations(); ++s) events += sim.results().at(Metric::kHeatIllness, 0, s);
    // Closed form, independent of the rule's code: sum of weights x rr^(T - threshold) above the threshold.
    const double expected =
        weight_sum * std::exp(std::log(c.health.illness_rr_per_c) * std::max(0.0, t - c.health.illness_threshold_c));
    observed.push_back(events);
    INFO("Tmax " << t << ": observed " << events << ", expected " << expected);
    CHECK(std::abs(events - expected) <= 4 * std::sqrt(expected) + 1);  // Poisson-binomial: sd <= sqrt(mean)
  }
  for (std::size_t k = 2; k < observed.size(); ++k) CHECK(observed[k] > observed[k - 1]);
}
