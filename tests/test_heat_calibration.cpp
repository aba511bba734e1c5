// The heat-illness hazard is calibrated (health/heat_calibration): at the defaults, full city, summer
// 2022 (scenarios/baseline.ini), the 65+ have about 0.85 episodes per 100,000 per day, and heat-wave
// days 2.5 times the daily rate of other days (CALIBRATION.md s4; docs/sources.md, Calibration).
#include <catch2/catch.hpp>

#include "swsim/config/scenario.hpp"
#include "swsim/health/heat_calibration.hpp"
#include "swsim/simulation/simulation.hpp"

using namespace swsim;

namespace {
Config baseline() { return load_scenario(std::string(SWSIM_SOURCE_DIR) + "/scenarios/baseline.ini").config; }
}  // namespace

TEST_CASE("the default hazard is the fit to 0.85 per 100,000 aged 65+ a day and a heat-wave ratio of 2.5",
          "[health][calibration]") {
  const Config c = baseline();
  REQUIRE(c.run.scale == 1.0);
  const World world = build_world(c);
  const auto weather = make_weather(c);
  const HeatExpectation e = expected_heat_illness(world, weather, c.health, c.weather.wind_ms);
  CHECK(e.incidence_65plus_per_100k == Approx(0.85).epsilon(0.03));
  CHECK(e.wave_ratio == Approx(2.5).epsilon(0.03));
  const HeatFit fit = fit_heat_hazard(world, weather, c.health, c.weather.wind_ms, 0.85, 2.5);
  CHECK(fit.illness_rr_per_c == Approx(c.health.illness_rr_per_c).margin(0.005));
  CHECK(fit.base_hazard_per_day == Approx(c.health.base_hazard_per_day).epsilon(0.03));
}

TEST_CASE("the simulated full city meets the incidence target within its tolerance", "[health][calibration]") {
  Config c = baseline();
  const World world = build_world(c);
  Simulation sim(c, world, make_weather(c));
  sim.run();
  const Results& r = sim.results();
  double cases = 0, elder_days = 0;
  for (int d = 0; d < r.days(); ++d)
    for (int s = 0; s < r.stations(); ++s) {
      cases += r.at(Metric::kHeatIllness65plus, d, s);
      elder_days += r.at(Metric::kElders65plus, d, s);
    }
  const double per_100k = 1e5 * cases / elder_days;
  INFO("simulated " << per_100k << " per 100,000 aged 65+ per day");
  CHECK(per_100k > 0.85 * 0.85);
  CHECK(per_100k < 0.85 * 1.15);
}

TEST_CASE("the fit is a closed form: doubling the base hazard doubles the expected incidence", "[health][calibration]") {
  Config c = baseline();
  c.run.scale = 0.05;
  const auto weather = make_weather(c);
  const World w1 = build_world(c);
  const double one = expected_heat_illness(w1, weather, c.health, c.weather.wind_ms).incidence_65plus_per_100k;
  c.health.base_hazard_per_day *= 2;
  const World w2 = build_world(c);
  const HeatExpectation two = expected_heat_illness(w2, weather, c.health, c.weather.wind_ms);
  CHECK(two.incidence_65plus_per_100k == Approx(2 * one).epsilon(1e-5));
  // The ratio does not depend on the base hazard, and rises with the rate ratio per degC.
  const double ratio = two.wave_ratio;
  c.health.illness_rr_per_c = 1.3;
  CHECK(expected_heat_illness(w2, weather, c.health, c.weather.wind_ms).wave_ratio > ratio);
}
