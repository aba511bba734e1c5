// The shipped scenarios, run at a small scale with the same seed, and compared for the directions the
// model must show (common random numbers make the comparisons paired).
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>

#include "swsim/config/scenario.hpp"
#include "swsim/simulation/simulation.hpp"

using namespace swsim;

namespace {
const std::string dir = std::string(SWSIM_SOURCE_DIR) + "/scenarios/";

struct Outcome {
  Results results;
  int stations = 0;
  double total(Metric m) const {
    double s = 0;
    for (double v : results.series(m)) s += v;
    return s;
  }
  double rate(Metric a, Metric b) const { return total(a) / total(b); }
};

const Outcome& outcome(const std::string& name) {
  static std::map<std::string, Outcome> cache;
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  const Scenario sc = load_scenario(dir + name + ".ini", {{"run.scale", "0.1", "test"}});
  const World world = build_world(sc.config);
  Simulation sim(sc.config, world, make_weather(sc.config));
  sim.run();
  return cache.emplace(name, Outcome{sim.results(), static_cast<int>(world.stations.size())}).first->second;
}
}  // namespace

TEST_CASE("every shipped scenario loads, says what it asks, and runs", "[scenarios]") {
  int n = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() != ".ini") continue;
    ++n;
    INFO(e.path().filename());
    std::ifstream in(e.path());
    std::string first;
    std::getline(in, first);
    CHECK(first.rfind("# ", 0) == 0);  // opens with a comment saying what it is
    const Outcome& o = outcome(e.path().stem().string());
    CHECK(o.total(Metric::kMealsRequested) > 0);
  }
  CHECK(n >= 17);
}

TEST_CASE("shipped scenarios point the expected way", "[scenarios][behaviour]") {
  using M = Metric;
  const auto& base = outcome("baseline");
  SECTION("staffing 2 < 3 < 5") {
    const auto &s2 = outcome("staffing_2"), &s3 = outcome("staffing_3"), &s5 = outcome("staffing_5");
    CHECK(s2.total(M::kMealsOnTime) <= s3.total(M::kMealsOnTime));
    CHECK(s3.total(M::kMealsOnTime) <= s5.total(M::kMealsOnTime));
    CHECK(s2.total(M::kVisitsDone) < s3.total(M::kVisitsDone));
    CHECK(s3.total(M::kVisitsDone) < s5.total(M::kVisitsDone));
    CHECK(s3.results == base.results);  // staffing_3 is the baseline
  }
  SECTION("halving volunteers loses lunches") {
    CHECK(outcome("volunteers_halved").total(M::kMealsOnTime) < base.total(M::kMealsOnTime));
  }
  SECTION("one on weekend duty brings the weekend saw-tooth back; weekdays are unchanged") {
    const auto& single = outcome("weekend_single_duty");
    auto sum = [](const Outcome& o, Metric m, bool weekend) {  // the run starts on Wednesday 1 June 2022
      double v = 0;
      for (int d = 0; d < o.results.days(); ++d)
        if (((d + 2) % 7 >= 5) == weekend)
          for (int st = 0; st < o.results.stations(); ++st) v += o.results.at(m, d, st);
      return v;
    };
    auto rate = [&](const Outcome& o, bool weekend) {
      return sum(o, M::kMealsOnTime, weekend) / sum(o, M::kMealsRequested, weekend);
    };
    CHECK(std::abs(rate(single, false) - rate(base, false)) < 0.002);  // only hospital stays can differ
    CHECK(rate(single, true) < rate(base, true));
    CHECK(sum(single, M::kSocialWorkersOnDuty, true) < sum(base, M::kSocialWorkersOnDuty, true));
  }
  SECTION("lending helps") {
    CHECK(outcome("lending_on").total(M::kMealsOnTime) > outcome("lending_off").total(M::kMealsOnTime));
  }
  SECTION("heat check-ins protect registered elders") {
    CHECK(outcome("heat_checkins_on").total(M::kHeatCheckinCalls) > 0);
    CHECK(outcome("heat_checkins_on").total(M::kHeatProtectedElders) >
          outcome("heat_checkins_off").total(M::kHeatProtectedElders));
  }
  SECTION("a sauna spell weighs more under the apparent temperature than under Tmax") {
    const auto &at = outcome("sauna_apparent"), &tmax = outcome("sauna_tmax");
    CHECK(at.total(M::kHeatIllness) > tmax.total(M::kHeatIllness));
    CHECK(at.total(M::kMealsRequested) == tmax.total(M::kMealsRequested));  // only the hazard differs
  }
  SECTION("heat rules cost lunches in the heat") {
    const auto &on = outcome("heat_rules_on"), &off = outcome("heat_rules_off");
    CHECK(on.total(M::kMealsOnTime) + on.total(M::kMealsLate) < off.total(M::kMealsOnTime) + off.total(M::kMealsLate));
  }
  SECTION("heat waves bring heat illness and late lunches") {
    const auto& none = outcome("no_heatwave");
    CHECK(base.total(M::kHeatIllness) > none.total(M::kHeatIllness));
    CHECK(base.rate(M::kMealsOnTime, M::kMealsRequested) < none.rate(M::kMealsOnTime, M::kMealsRequested));
    CHECK(outcome("heatwave_2025_hot_nights").total(M::kHeatIllness) > none.total(M::kHeatIllness));
    CHECK(outcome("heatwave_2023_red").total(M::kHeatIllness) > none.total(M::kHeatIllness));
  }
  SECTION("fewer stations, longer trips") {
    const auto& cov = outcome("coverage_74");
    CHECK(cov.stations < base.stations);
    CHECK(cov.rate(M::kMealsOnTime, M::kMealsRequested) < base.rate(M::kMealsOnTime, M::kMealsRequested));
  }
  SECTION("the shidu activity is held and costs") {
    const auto& act = outcome("shidu_activity");
    CHECK(act.total(M::kActivitiesHeld) > 0);
    CHECK(act.total(M::kActivityAttendance) > 0);
  }
}

TEST_CASE("full city, summer 2022: ordinary weekdays and weekends >= 95% on time, <= 2% missed, in every area",
          "[scenarios][fullcity]") {
  const Scenario sc = load_scenario(dir + "baseline.ini", {});
  REQUIRE(sc.config.run.scale == 1.0);
  const World world = build_world(sc.config);
  const auto weather = make_weather(sc.config);
  Simulation sim(sc.config, world, weather);
  sim.run();
  const Results& r = sim.results();
  for (bool weekend : {false, true}) {
    std::vector<double> req(world.areas.size(), 0), on(world.areas.size(), 0), missed(world.areas.size(), 0);
    for (int d = 0; d < r.days(); ++d) {
      if (weather[static_cast<std::size_t>(d)].warning != HeatWarning::kNone || ((d + 2) % 7 >= 5) != weekend) continue;
      for (int s = 0; s < r.stations(); ++s) {
        const auto a = static_cast<std::size_t>(world.stations[static_cast<std::size_t>(s)].area);
        req[a] += r.at(Metric::kMealsRequested, d, s);
        on[a] += r.at(Metric::kMealsOnTime, d, s);
        missed[a] += r.at(Metric::kMealsMissed, d, s);
      }
    }
    double sr = 0, so = 0, sm = 0;
    for (std::size_t a = 0; a < req.size(); ++a) {
      INFO((weekend ? "weekends, " : "weekdays, ") << world.areas[a].name_en);
      REQUIRE(req[a] > 0);
      CHECK(on[a] / req[a] >= 0.95);
      CHECK(missed[a] / req[a] <= 0.02);
      sr += req[a], so += on[a], sm += missed[a];
    }
    CHECK(so / sr >= 0.95);
    CHECK(sm / sr <= 0.02);
  }
}
