// Uses the installed swsim library: the default scenario at 2 % of the stations for 5 days, then prints
// lunches requested and on time. Exits non-zero when the run produced nothing.
#include <cstdio>

#include "swsim/config/parameters.hpp"
#include "swsim/simulation/simulation.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

int main() {
  swsim::Config config = swsim::default_config();
  config.run.scale = 0.02;
  config.run.days = 5;
  const swsim::World world = swsim::build_world(config);
  swsim::Simulation sim(config, world, swsim::make_weather(config));
  sim.run();
  const swsim::Results& r = sim.results();
  double requested = 0, on_time = 0;
  for (int d = 0; d < r.days(); ++d)
    for (int s = 0; s < r.stations(); ++s) {
      requested += r.at(swsim::Metric::kMealsRequested, d, s);
      on_time += r.at(swsim::Metric::kMealsOnTime, d, s);
    }
  std::printf("swsim %s: %d stations, %d days, %.0f lunches requested, %.0f on time\n", SWSIM_VERSION,
              r.stations(), r.days(), requested, on_time);
  return (r.stations() > 0 && r.days() == 5 && requested > 0 && on_time > 0) ? 0 : 1;
}
