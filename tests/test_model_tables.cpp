// The model's one-place tables: named random draws, metrics, indicators, and the checkpointed state.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <span>
#include <sstream>

#include "swsim/config/parameters.hpp"
#include "swsim/simulation/indicators.hpp"
#include "swsim/simulation/results.hpp"
#include "swsim/simulation/simulation.hpp"
#include "swsim/util/rng.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

using namespace swsim;

TEST_CASE("no two named draws share a slot of one stream", "[rng][tables]") {
  CHECK(draw_slots_disjoint(kDrawTable));
  // The check itself catches overlaps, including a two-word draw over its neighbour and a sequence that
  // shares its stream.
  const DrawInfo clash[] = {{StreamKind::kElderDay, 0, "a", 0, 1, ""}, {StreamKind::kElderDay, 0, "b", 0, 1, ""}};
  CHECK_FALSE(draw_slots_disjoint(clash));
  const DrawInfo wide[] = {{StreamKind::kWeather, 0, "a", 0, 2, ""}, {StreamKind::kWeather, 0, "b", 1, 1, ""}};
  CHECK_FALSE(draw_slots_disjoint(wide));
  const DrawInfo seq[] = {{StreamKind::kWorldChild, 0, "a", 0, 0, ""}, {StreamKind::kWorldChild, 0, "b", 9, 1, ""}};
  CHECK_FALSE(draw_slots_disjoint(seq));
  const DrawInfo apart[] = {{StreamKind::kWeather, 0, "a", 0, 2, ""}, {StreamKind::kWeather, 1, "b", 0, 2, ""}};
  CHECK(draw_slots_disjoint(apart));
  std::set<std::string> names;
  for (const auto& d : kDrawTable) CHECK(names.insert(d.name).second);
}

TEST_CASE("a named draw sees the same number whatever was drawn before it", "[rng][tables]") {
  Stream seq(5, 11, 3, StreamKind::kCaseloadDay);
  const double w0 = seq.uniform(), w1 = seq.uniform(), w2 = seq.uniform();
  Stream a(5, 11, 3, StreamKind::kCaseloadDay);
  CHECK(a.at(Draw::kAfternoonAppointment) == w2);  // read first, still word 2
  CHECK(a.at(Draw::kActivityAttendance) == w1);
  CHECK(a.at(Draw::kAfternoonAppointment) == w2);  // and again
  CHECK(w0 != w1);
  CHECK(stream_of(Draw::kActivityAttendance) == StreamKind::kCaseloadDay);
  CHECK(word_of(Draw::kAfternoonAppointment) == 2);
}

TEST_CASE("the metric table is complete, in enum order, with unique names and labels in two languages", "[tables]") {
  std::set<std::string_view> names;
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    const MetricDef& d = metric_defs()[m];
    INFO(d.name);
    CHECK(d.id == static_cast<Metric>(m));
    CHECK(names.insert(d.name).second);
    CHECK_FALSE(d.label.empty());
    CHECK_FALSE(d.label_zh.empty());
    CHECK_FALSE(d.long_name.empty());
    CHECK_FALSE(d.units.empty());
  }
  CHECK(metric_def(Metric::kMealsMissed).direction == Direction::kHigherIsWorse);
  CHECK(metric_def(Metric::kMealsOnTime).direction == Direction::kHigherIsBetter);
  CHECK(metric_def(Metric::kVolunteersActive).aggregation == Aggregation::kStock);
  CHECK(direction_name(Direction::kHigherIsWorse) == "higher_is_worse");
}

TEST_CASE("indicators are ratios of metric sums, defined once, with formulas", "[tables]") {
  const IndicatorDef* on_time = find_indicator("on_time_rate");
  REQUIRE(on_time != nullptr);
  CHECK(on_time->formula() == "100 * meals_on_time / meals_requested");
  std::vector<double> sums(kMetricCount, 0.0);
  sums[static_cast<std::size_t>(Metric::kMealsOnTime)] = 30;
  sums[static_cast<std::size_t>(Metric::kMealsRequested)] = 40;
  CHECK(indicator_value(*on_time, sums) == Approx(75.0));
  const IndicatorDef* cost = find_indicator("cost_per_meal");
  REQUIRE(cost != nullptr);
  CHECK(cost->formula() == "cost_yuan / (meals_on_time + meals_late)");
  sums[static_cast<std::size_t>(Metric::kCostYuan)] = 900;
  sums[static_cast<std::size_t>(Metric::kMealsLate)] = 6;
  CHECK(indicator_value(*cost, sums) == Approx(25.0));
  std::vector<double> empty(kMetricCount, 0.0);
  CHECK(std::isnan(indicator_value(*on_time, empty)));
  std::set<std::string_view> names;
  for (const auto& d : indicator_defs()) CHECK(names.insert(d.name).second);
}

namespace {

// Every field of the state as bytes, by name, through SimState::visit.
struct Fields {
  std::map<std::string, std::string> bytes;
  template <class T>
  static std::string raw(std::span<const T> v) {
    return std::string(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T)) + "|" + std::to_string(v.size());
  }
  void operator()(const char* name, const std::int32_t& v) { bytes[name] = std::to_string(v); }
  void operator()(const char* name, const Results& r) {
    for (std::size_t m = 0; m < kMetricCount; ++m) bytes[name] += raw(r.series(static_cast<Metric>(m)));
  }
  template <class T>
  static std::string raw(const std::vector<T>& v) {
    return raw(std::span<const T>(v));
  }
  template <class T>
  void operator()(const char* name, const std::vector<T>& v) { bytes[name] = raw(v); }
  template <class T>
  void operator()(const char* name, const std::vector<std::vector<T>>& vv) {
    for (const auto& v : vv) bytes[name] += raw(v);
  }
};

std::map<std::string, std::string> fields_of(const SimState& s) {
  Fields f;
  s.visit(f);
  return f.bytes;
}

}  // namespace

TEST_CASE("a checkpoint restores every field of the state, and the run goes on identically", "[tables][checkpoint]") {
  Config c;
  c.run.scale = 0.05;
  c.run.days = 24;
  c.weather.heat_waves = {HeatWaveSpec{{2022, 6, 5}, 6, 39, 40}};
  c.policy.heat_checkins = true;
  const World world = build_world(c);
  const auto weather = make_weather(c);
  Simulation a(c, world, weather);
  for (int d = 0; d < 10; ++d) a.step();
  std::stringstream buf;
  a.save(buf);
  Simulation b(c, world, weather);
  b.load(buf);
  const auto fa = fields_of(a.state()), fb = fields_of(b.state());
  REQUIRE(fa.size() == 9);  // every field SimState declares (protected_day went with next-day protection)
  for (const auto& [name, bytes] : fa) {
    INFO(name);
    CHECK(fb.at(name) == bytes);
  }
  CHECK(fields_of(Simulation(c, world, weather).state()) != fa);  // the fields carry the ten days
  a.run();
  b.run();
  CHECK(a.results() == b.results());
}

TEST_CASE("a plain default Config is the registry's defaults and a valid scenario", "[tables][config]") {
  const Config c;
  for (const auto& p : parameter_registry()) {
    INFO(p.key());
    CHECK(p.format(c) == p.format(default_config()));
  }
  CHECK_NOTHROW(validate_config(c));
  CHECK(c.population.share_60plus > 0);
  CHECK(c.volunteers.fatigue_cap_hours > 0);
}
