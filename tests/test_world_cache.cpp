// The per-process world cache (world/world_cache): a cached world is the world build_world makes, its
// key holds every parameter the world depends on (and nothing a replicate or a run's days change), and
// results are the same with and without it.
#include <algorithm>
#include <tbb/parallel_for.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "swsim/config/parameters.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/simulation/ensemble.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"
#include "swsim/world/world_cache.hpp"

using namespace swsim;

namespace {

Config small() {
  Scenario s = scenario_from_text("[run]\nscale = 0.03\ndays = 8\nstart_date = 2022-06-14\n", "cache.ini");
  return s.config;
}

bool is_world_key(const std::string& key) {
  for (const auto& k : world_parameter_keys())
    if (k == key) return true;
  return false;
}

// Other valid values of a parameter to try: numbers moved up and down, flags flipped, clocks moved a
// minute. Empty for text and choices.
std::vector<std::string> other_values(const ParamDef& p) {
  const std::string& d = p.default_value;
  if (d == "true") return {"false"};
  if (d == "false") return {"true"};
  if (d.size() == 5 && d[2] == ':') {
    const int m = std::stoi(d.substr(0, 2)) * 60 + std::stoi(d.substr(3));
    return {format_clock(m + 1), format_clock(m - 1)};
  }
  double v = 0;
  std::size_t used = 0;
  try {
    v = std::stod(d, &used);
  } catch (const std::exception&) {
    return {};
  }
  if (used != d.size()) return {};
  return {format_number(v * 1.1), format_number(v * 0.9), format_number(v + 1), format_number(v - 1),
          format_number(v + 0.01), format_number(v - 0.01)};
}

}  // namespace

TEST_CASE("world_cache: a cached world equals a fresh one and is built once per key", "[world_cache]") {
  clear_world_cache();
  const Config c = small();
  const auto first = shared_world(c);
  const World fresh = build_world(c);
  CHECK(world_digest(*first) == world_digest(fresh));
  CHECK(first->elders.size() == fresh.elders.size());
  Config other_run = c;  // what replicates, days and the run seed change does not touch the world
  other_run.run.seed = 99;
  other_run.run.replicates = 5;
  other_run.run.days = 3;
  CHECK(shared_world(other_run).get() == first.get());
  Config other_world = c;
  other_world.world.seed = c.world.seed + 1;
  const auto second = shared_world(other_world);
  CHECK(second.get() != first.get());
  CHECK(world_digest(*second) != world_digest(*first));  // the digest sees a change of the world
  const WorldCacheStats s = world_cache_stats();
  CHECK(s.builds == 2);
  CHECK(s.hits == 1);
  CHECK(s.held == 2);
}

TEST_CASE("world_cache: concurrent requests for one key build the world once", "[world_cache]") {
  clear_world_cache();
  const Config c = small();
  std::vector<const World*> got(8, nullptr);
  tbb::parallel_for(0, 8, [&](int k) { got[static_cast<std::size_t>(k)] = shared_world(c).get(); });
  CHECK(std::set<const World*>(got.begin(), got.end()).size() == 1);
  CHECK(world_cache_stats().builds == 1);
}

TEST_CASE("world_cache: the capacity bounds the worlds held", "[world_cache]") {
  clear_world_cache();
  set_world_cache_capacity(1);
  Config a = small(), b = small();
  b.world.seed = a.world.seed + 7;
  const std::uint64_t digest_a = world_digest(*shared_world(a));
  shared_world(b);
  CHECK(world_cache_stats().held == 1);
  CHECK(world_digest(*shared_world(a)) == digest_a);  // dropped, built again, the same
  CHECK(world_cache_stats().builds == 3);
  set_world_cache_capacity(0);
  shared_world(a);
  CHECK(world_cache_stats().held == 0);
  set_world_cache_capacity(4);
}

TEST_CASE("world_cache: the key holds every parameter the world depends on", "[world_cache]") {
  // Every other parameter changed at once (each to a valid value) must leave the world as it is.
  const Config base = small();
  Config changed = base;
  int moved = 0, candidates = 0;
  for (const ParamDef& p : parameter_registry()) {
    if (is_world_key(p.key()) || p.key() == "run.days" || p.key() == "run.start_date") continue;
    const auto values = other_values(p);
    candidates += !values.empty();
    for (const std::string& v : values) {
      Config trial = changed;
      try {
        p.parse(trial, v);
        validate_config(trial);
      } catch (const ValueError&) {
        continue;
      }
      if (p.format(trial) == p.format(base)) continue;
      changed = trial;
      ++moved;
      break;
    }
  }
  INFO(moved << " of " << candidates << " parameters moved");
  CHECK(moved >= candidates * 9 / 10);
  CHECK(world_key(changed) == world_key(base));
  CHECK(world_digest(build_world(changed)) == world_digest(build_world(base)));
}

TEST_CASE("world_cache: results are bit-identical with and without the cache", "[world_cache]") {
  clear_world_cache();
  Config c = small();
  c.run.replicates = 2;
  const auto weather = make_weather(c);
  const World fresh = build_world(c);
  const Ensemble a = run_ensemble(c, fresh, weather);
  const Ensemble b = run_ensemble(c, *shared_world(c), weather);
  REQUIRE(a.replicates.size() == b.replicates.size());
  for (std::size_t r = 0; r < a.replicates.size(); ++r)
    for (std::size_t m = 0; m < kMetricCount; ++m)
      CHECK(std::ranges::equal(a.replicates[r].series(static_cast<Metric>(m)), b.replicates[r].series(static_cast<Metric>(m))));
}
