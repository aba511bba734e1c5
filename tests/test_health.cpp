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

TEST_CASE("the simulated heat-illness rate follows the exposure-response curve over a temperature sweep",
          "[health][validation]") {
  Config c = default_config();
  c.run.scale = 0.01;
  c.run.days = 1;
  c.health.base_hazard_per_day = 0.02;  // enough events per point for a tight check
  const World world = build_world(c);
  std::vector<double> observed, expected;
  for (double t : {31.0, 33.0, 35.0, 37.0, 39.0, 41.0}) {
    c.health.hot_night_tmin_c = 40;  // no hot nights in this sweep
    Simulation sim(c, world, constant_weather(1, t, 24));
    sim.run();
    double events = 0;
    for (int s = 0; s < sim.results().stations(); ++s) events += sim.results().at(Metric::kHeatIllness, 0, s);
    const auto f = heat_excess_factors(std::max(0.0, t - c.health.threshold_c), 24, c.health);
    double mean = 0;
    for (std::size_t i = 0; i < world.elders.size(); ++i)
      mean += world.elders.heat_weight[i] * f[static_cast<std::size_t>(world.elders.heat_class[i])];
    observed.push_back(events);
    expected.push_back(mean);
    INFO("Tmax " << t << ": observed " << events << ", expected " << mean);
    if (mean == 0) {
      CHECK(events == 0);
    } else {
      CHECK(std::abs(events - mean) <= 4 * std::sqrt(mean) + 1);  // Poisson-binomial: sd <= sqrt(mean)
    }
  }
  // Rising with temperature all the way.
  for (std::size_t k = 2; k < observed.size(); ++k) CHECK(observed[k] > observed[k - 1]);
}
