#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <optional>

#include "swsim/config/parameters.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/simulation/simulation.hpp"

using namespace swsim;

namespace {
Config small_config(const std::string& heat_waves = "2022-06-16 7 39 35") {
  Config c = default_config();
  c.run.scale = 0.05;
  c.run.start_date = {2022, 6, 10};
  c.run.days = 21;
  find_parameter("weather.heat_waves")->parse(c, heat_waves);
  return c;
}
Results run(const Config& c, int threads = 0) {
  std::optional<tbb::global_control> limit;
  if (threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  const World world = build_world(c);
  Simulation sim(c, world, make_weather(c));
  sim.run();
  return sim.results();
}
double total(const Results& r, Metric m, int from = 0, int to = -1) {
  double s = 0;
  if (to < 0) to = r.days();
  for (int d = from; d < to; ++d)
    for (int st = 0; st < r.stations(); ++st) s += r.at(m, d, st);
  return s;
}
}  // namespace

TEST_CASE("same seed gives identical results for 1 and 2 threads", "[simulation][determinism]") {
  const Config c = small_config();
  const Results one = run(c, 1);
  const Results two = run(c, 2);
  REQUIRE(total(one, Metric::kMealsRequested) > 0);
  REQUIRE(total(one, Metric::kHeatIllness) > 0);
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    INFO(metric_defs()[m].name);
    CHECK(one.series(static_cast<Metric>(m)) == two.series(static_cast<Metric>(m)));
  }
}

TEST_CASE("a different seed gives different days", "[simulation]") {
  Config c = small_config();
  const Results a = run(c);
  c.run.seed = 99;
  CHECK_FALSE(run(c) == a);
}

TEST_CASE("every meal and every heat-illness event is accounted for", "[simulation]") {
  const Results r = run(small_config());
  for (int d = 0; d < r.days(); ++d)
    for (int s = 0; s < r.stations(); ++s) {
      REQUIRE(r.at(Metric::kMealsOnTime, d, s) + r.at(Metric::kMealsLate, d, s) + r.at(Metric::kMealsMissed, d, s) ==
              r.at(Metric::kMealsRequested, d, s));
      REQUIRE(r.at(Metric::kHeatIllnessFoundEarly, d, s) + r.at(Metric::kHeatIllnessFoundLate, d, s) ==
              r.at(Metric::kHeatIllness, d, s));
      REQUIRE(r.at(Metric::kHospitalisations, d, s) <= r.at(Metric::kHeatIllness, d, s));
    }
}

TEST_CASE("a heat wave raises heat illness and lowers the on-time lunch rate", "[simulation][behaviour]") {
  const Results hot = run(small_config());
  const Results mild = run(small_config("none"));
  CHECK(total(hot, Metric::kHeatIllness) > 2 * total(mild, Metric::kHeatIllness) + 10);
  // The wave is 16-22 June: days 6-12 of the run.
  const double hot_rate = total(hot, Metric::kMealsOnTime, 6, 13) / total(hot, Metric::kMealsRequested, 6, 13);
  const double mild_rate = total(mild, Metric::kMealsOnTime, 6, 13) / total(mild, Metric::kMealsRequested, 6, 13);
  INFO("on-time rate in the wave " << hot_rate << ", same days without it " << mild_rate);
  CHECK(hot_rate < mild_rate);
  CHECK(total(hot, Metric::kVolunteersTurnedOut, 6, 13) < total(mild, Metric::kVolunteersTurnedOut, 6, 13));
  // Before the wave the two runs are the same days (common random numbers).
  CHECK(total(hot, Metric::kMealsOnTime, 0, 6) == total(mild, Metric::kMealsOnTime, 0, 6));
}

TEST_CASE("more social workers never lower the on-time lunch rate", "[simulation][behaviour]") {
  double previous = -1;
  for (int workers : {1, 2, 3, 5}) {
    Config c = small_config();
    c.staffing.social_workers_per_station = workers;
    const Results r = run(c);
    const double on_time = total(r, Metric::kMealsOnTime);
    INFO(workers << " social workers: " << on_time << " meals on time");
    CHECK(on_time >= previous);
    previous = on_time;
  }
}

TEST_CASE("weekends run on a duty roster", "[simulation]") {
  Config c = small_config("none");
  c.run.start_date = {2022, 6, 1};  // Wednesday
  c.run.days = 7;
  const Results r = run(c);
  CHECK(r.at(Metric::kSocialWorkersOnDuty, 0, 0) == 3);
  CHECK(r.at(Metric::kSocialWorkersOnDuty, 3, 0) == 1);  // Saturday: round(3 x 0.34)
}
