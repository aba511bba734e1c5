// swsim optimize (docs/optimize.md): the allocation against exhaustive search on constructed curves,
// budget and constraints held exactly, the whole method on a small city with a known best answer (one
// station without staff), beating the uniform allocation on fresh replicates, and determinism over
// thread counts.
#include <tbb/global_control.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <numeric>

#include "swsim/config/parameters.hpp"
#include "swsim/optimize/optimize.hpp"
#include "swsim/simulation/ensemble.hpp"
#include "swsim/util/error.hpp"
#include "swsim/weather/weather.hpp"

using namespace swsim;
using namespace swsim::optimize;

namespace {

// Concave curves value[k][s] from a fixed generator: gains shrink with k, as diminishing returns do.
std::vector<std::vector<double>> concave_curves(int stations, int levels, std::uint64_t seed) {
  std::vector<std::vector<double>> v(static_cast<std::size_t>(levels), std::vector<double>(static_cast<std::size_t>(stations), 0.0));
  for (int s = 0; s < stations; ++s) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    const double first = 1.0 + static_cast<double>(seed >> 40) / static_cast<double>(1ull << 24) * 9.0;
    const double ratio = 0.3 + 0.6 * static_cast<double>((seed >> 16) & 0xFFFF) / 65536.0;
    double g = first;
    for (int k = 1; k < levels; ++k, g *= ratio)
      v[static_cast<std::size_t>(k)][static_cast<std::size_t>(s)] = v[static_cast<std::size_t>(k) - 1][static_cast<std::size_t>(s)] + g;
  }
  return v;
}

bool within(const std::vector<int>& u, const Bounds& b, const std::vector<int>& area_of) {
  std::vector<int> at(b.area_min.size(), 0);
  for (std::size_t s = 0; s < u.size(); ++s) {
    if (u[s] < b.station_min[s] || u[s] > b.station_max[s]) return false;
    at[static_cast<std::size_t>(area_of[s])] += u[s];
  }
  for (std::size_t a = 0; a < at.size(); ++a)
    if (at[a] < b.area_min[a] || at[a] > b.area_max[a]) return false;
  return true;
}

// The best total over every allocation of exactly `budget` units within the bounds (exhaustive).
double exhaustive_best(const std::vector<std::vector<double>>& v, const Bounds& b, const std::vector<int>& area_of,
                       int budget) {
  const std::size_t n = area_of.size();
  std::vector<int> u(n, 0);
  double best = -1e300;
  std::function<void(std::size_t, int)> go = [&](std::size_t s, int left) {
    if (s == n) {
      if (left != 0 || !within(u, b, area_of)) return;
      double t = 0;
      for (std::size_t i = 0; i < n; ++i) t += v[static_cast<std::size_t>(u[i])][i];
      best = std::max(best, t);
      return;
    }
    for (int k = 0; k <= std::min(left, static_cast<int>(v.size()) - 1); ++k) {
      u[s] = k;
      go(s + 1, left - k);
    }
    u[s] = 0;
  };
  go(0, budget);
  return best;
}

Bounds bounds_for(int stations, int areas, int lo, int hi) {
  Bounds b;
  b.station_min.assign(static_cast<std::size_t>(stations), lo);
  b.station_max.assign(static_cast<std::size_t>(stations), hi);
  b.area_min.assign(static_cast<std::size_t>(areas), 0);
  b.area_max.assign(static_cast<std::size_t>(areas), 1000);
  return b;
}

double total(const std::vector<std::vector<double>>& v, const std::vector<int>& u) {
  double t = 0;
  for (std::size_t s = 0; s < u.size(); ++s) t += v[static_cast<std::size_t>(u[s])][s];
  return t;
}

}  // namespace

TEST_CASE("greedy allocation equals exhaustive search on concave curves, with area bounds", "[optimize]") {
  const std::vector<int> area_of{0, 0, 1, 1, 1, 2};
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    const auto v = concave_curves(6, 4, seed);
    Bounds b = bounds_for(6, 3, 0, 3);
    b.station_min[5] = 1;  // a minimum
    b.area_max[1] = 2;     // an area cap
    b.area_min[0] = 2;     // an area floor
    for (int budget : {3, 5, 8}) {
      INFO("seed " << seed << " budget " << budget);
      int swaps = -1;
      const auto u = allocate_sum(v, b, area_of, budget, 100, &swaps);
      CHECK(std::accumulate(u.begin(), u.end(), 0) == budget);
      CHECK(within(u, b, area_of));
      CHECK(total(v, u) == Approx(exhaustive_best(v, b, area_of, budget)).epsilon(1e-12));
      CHECK(swaps == 0);  // on concave curves greedy is already optimal
    }
  }
}

TEST_CASE("pairwise swaps repair a greedy choice that a later constraint makes wrong", "[optimize]") {
  // Station 0's first unit looks best, but its area is capped at 2 units and station 1, in the same area,
  // gains most from its second unit: greedy takes one unit at each and is blocked; a swap moves station
  // 0's unit to station 1.
  const std::vector<std::vector<double>> v{{0, 0, 0}, {5, 4, 1}, {5, 12, 2}};
  const std::vector<int> area_of{0, 0, 1};
  Bounds b = bounds_for(3, 2, 0, 2);
  b.area_max[0] = 2;
  int swaps = 0;
  const auto u = allocate_sum(v, b, area_of, 3, 100, &swaps);
  CHECK(swaps >= 1);  // greedy alone stops at 5 + 4 + 1 = 10
  CHECK(total(v, u) == Approx(13));
  CHECK(total(v, u) == Approx(exhaustive_best(v, b, area_of, 3)));
  CHECK(within(u, b, area_of));
}

TEST_CASE("budget and bounds are held exactly, and impossible ones are refused", "[optimize]") {
  const std::vector<int> area_of{0, 0, 0, 1, 1};
  const auto v = concave_curves(5, 6, 99);
  Bounds b = bounds_for(5, 2, 1, 5);
  b.station_max[0] = 1;  // its minimum is its maximum: exactly one
  b.area_max[1] = 3;
  for (int budget = 5; budget <= 13; ++budget) {
    const auto u = allocate_sum(v, b, area_of, budget, 100, nullptr);
    CHECK(std::accumulate(u.begin(), u.end(), 0) == budget);
    CHECK(within(u, b, area_of));
    CHECK(u[0] == 1);
    const auto w = allocate_worst_area(v, b, area_of, 2, budget);
    CHECK(std::accumulate(w.begin(), w.end(), 0) == budget);
    CHECK(within(w, b, area_of));
  }
  CHECK_THROWS_AS(allocate_sum(v, b, area_of, 4, 100, nullptr), InputError);   // minima need 5
  CHECK_THROWS_AS(allocate_sum(v, b, area_of, 15, 100, nullptr), InputError);  // maxima allow 1 + 5 + 5 + 3
  CHECK(uniform_allocation(4, 10) == std::vector<int>{3, 2, 3, 2});
}

TEST_CASE("the worst-area allocation raises the worst area first", "[optimize]") {
  // Area 0 starts far below area 1; every unit helps either area by 1: all units go to area 0 until it
  // catches up, then they alternate.
  const std::vector<std::vector<double>> level{{-10, 0}, {-9, 1}, {-8, 2}, {-7, 3}, {-6, 4}};
  const std::vector<int> area_of{0, 1};
  const auto u = allocate_worst_area(level, bounds_for(2, 2, 0, 4), area_of, 2, 4);
  CHECK(u == std::vector<int>{4, 0});
}

TEST_CASE("paired intervals: Student t over replicates", "[optimize]") {
  const Estimate e = paired_estimate({1, 2, 3, 4});
  CHECK(e.mean == Approx(2.5));
  // sd = 1.2910, se = 0.6455, t(3) = 3.182
  CHECK(e.hi - e.mean == Approx(3.182 * 0.645497).epsilon(1e-4));
}

namespace {

struct SmallCity {
  Config c;
  World world;
  std::vector<WeatherDay> weather;
};

// A small city whose lunches are all carried by station staff (meal points deliver none, no volunteers),
// in which the last station has no social workers: it misses every delivered lunch, and which stations
// should get two more workers is not obvious (its second worker gains about as much as a fourth worker
// at a busy station). The known best answer comes from exhaustive search with whole runs.
SmallCity small_city() {
  SmallCity sc{default_config(), {}, {}};
  sc.c.run.scale = 0.04;
  sc.c.run.days = 10;
  sc.c.run.start_date = Date{2023, 6, 18};
  sc.c.lunch.point_delivery_capacity = 0;
  sc.c.volunteers.roster_per_station = 0;
  sc.world = build_world(sc.c);
  sc.world.stations.back().social_workers = 0;
  sc.weather = make_weather(sc.c);
  return sc;
}

Options small_options(const World& w, int budget) {
  Options o;
  o.resource = &find_resource("social_workers");
  o.objective = parse_objective("missed_lunches", false);
  o.budget = budget;
  o.bounds = default_bounds(w, 0, 2);
  o.replicates = 2;
  o.fresh_replicates = 3;
  return o;
}

}  // namespace

// Missed lunches of the whole city with `units` added, summed over `reps` replicates (the optimiser's seeds).
double missed_with(const SmallCity& sc, const std::vector<int>& units, int reps) {
  World w = sc.world;
  apply_units(find_resource("social_workers"), sc.c, sc.world, units, w);
  Config c = sc.c;
  c.run.replicates = reps;
  double missed = 0;
  for (const Results& r : run_ensemble(c, w, sc.weather).replicates)
    for (double v : r.series(Metric::kMealsMissed)) missed += v;
  return missed;
}

TEST_CASE("on a city with an unstaffed station the optimiser finds the exhaustive best and beats uniform",
          "[optimize][slow]") {
  const SmallCity sc = small_city();
  const std::size_t n = sc.world.stations.size();
  REQUIRE(n >= 3);
  const Options o = small_options(sc.world, 2);
  const Plan p = optimize::optimize(sc.c, sc.world, sc.weather, o);
  CHECK(std::accumulate(p.units.begin(), p.units.end(), 0) == 2);
  CHECK(p.runs == planned_runs(o));
  // Every allocation of 2 units (at most 2 a station), run as a whole with the same seeds.
  double best = 1e300;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i; j < n; ++j) {
      std::vector<int> u(n, 0);
      ++u[i], ++u[j];
      best = std::min(best, missed_with(sc, u, o.replicates));
    }
  CHECK(missed_with(sc, p.units, o.replicates) == best);
  CHECK(p.units[n - 1] >= 1);
  // Lending is off: stations do not interact, so the screening predicts the whole run exactly.
  CHECK(p.realised_gain.mean == Approx(p.predicted_gain).margin(1e-9));
  // Fresh replicates: fewer missed lunches than uniform and the status quo, intervals above zero.
  CHECK(p.vs_uniform.lo > 0);
  CHECK(p.vs_status_quo.lo > 0);
  CHECK(p.fresh_seeds.size() == 3);
  CHECK(p.fresh_seeds[0] != sc.c.run.seed);
  CHECK(p.rows.back().gain.lo > 0);
  const Station& last = sc.world.stations.back();
  const std::string csv = allocation_csv(p, sc.world, sc.c, o);
  CHECK(csv.find(last.name_en + "," + last.name_zh + "," + std::to_string(last.global_index)) != std::string::npos);
}

TEST_CASE("the optimiser gives the same plan for 1 and 2 threads", "[optimize][determinism][slow]") {
  const SmallCity sc = small_city();
  Options o = small_options(sc.world, 3);
  o.objective = parse_objective("missed_lunches=1,on_time_share=2", false);
  auto plan_with = [&](std::size_t threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, threads);
    return optimize::optimize(sc.c, sc.world, sc.weather, o);
  };
  const Plan a = plan_with(1), b = plan_with(2);
  CHECK(a.units == b.units);
  CHECK(a.vs_uniform.mean == b.vs_uniform.mean);
  CHECK(a.vs_status_quo.hi == b.vs_status_quo.hi);
  CHECK(a.optimised_runs == b.optimised_runs);
}

TEST_CASE("added volunteers keep the existing volunteers' identities (common random numbers)", "[optimize]") {
  Config c = default_config();
  c.run.scale = 0.02;
  const World base = build_world(c);
  World more = base;
  std::vector<int> extra(base.stations.size(), 0);
  extra[0] = 3;
  apply_units(find_resource("volunteers"), c, base, extra, more);
  REQUIRE(more.volunteers.size() == base.volunteers.size() + 3);
  const Station& s0 = more.stations[0];
  CHECK(s0.volunteer_end - s0.volunteer_begin == static_cast<std::uint32_t>(c.volunteers.roster_per_station + 3));
  for (std::size_t v = 0; v < base.volunteers.size(); ++v) {
    const std::size_t at = v < base.stations[0].volunteer_end ? v : v + 3;
    CHECK(more.volunteers.id[at] == base.volunteers.id[v]);
    CHECK(more.volunteers.mode[at] == base.volunteers.mode[v]);
  }
}

TEST_CASE("objectives, resources and constraint files: bad input is named", "[optimize]") {
  CHECK_THROWS_WITH(parse_objective("heat_harm,deaths", false), Catch::Contains("unknown term 'deaths'"));
  CHECK_THROWS_WITH(parse_objective("heat_harm=-1", false), Catch::Contains("positive"));
  CHECK(parse_objective("heat_harm=2, missed_lunches=0.5", true).terms.size() == 2);
  CHECK_THROWS_WITH(find_resource("nurses"), Catch::Contains("social_workers, volunteers"));
  for (const auto& r : resources()) CHECK(find_parameter(r.key) != nullptr);  // a registry key each
}

TEST_CASE("a constraints file sets station and area bounds and names its bad lines", "[optimize]") {
  Config c = default_config();
  c.run.scale = 0.02;
  const World w = build_world(c);
  const std::string path = std::filesystem::temp_directory_path() / ("swsim_constraints_" + std::to_string(::getpid()) + ".csv");
  auto with = [&](const std::string& text) {
    std::ofstream(path) << text;
    Bounds b = default_bounds(w, 0, 4);
    read_constraints(path, w, b);
    return b;
  };
  const Station& s = w.stations[1];
  const Area& a = w.areas[static_cast<std::size_t>(w.stations[2].area)];
  const Bounds b = with("scope,name,min,max\nstation," + s.name_en + ",1,2\n# a comment\narea," + a.name_zh + ",0,3\n");
  CHECK(b.station_min[1] == 1);
  CHECK(b.station_max[1] == 2);
  CHECK(b.station_max[0] == 4);
  CHECK(b.area_max[static_cast<std::size_t>(w.stations[2].area)] == 3);
  CHECK(with("station," + std::to_string(w.stations[0].global_index) + ",2,2\n").station_min[0] == 2);
  CHECK_THROWS_WITH(with("scope,name,min,max\nstation,Nowhere,0,1\n"), Catch::Contains(path + ":2: no simulated station 'Nowhere'"));
  CHECK_THROWS_WITH(with("district,x,0,1\n"), Catch::Contains(":1: scope 'district' must be station or area"));
  CHECK_THROWS_WITH(with("station," + s.name_en + ",3,1\n"), Catch::Contains("min 3 exceeds max 1"));
  CHECK_THROWS_WITH(with("station," + s.name_en + ",one,2\n"), Catch::Contains("not a whole number"));
  CHECK_THROWS_WITH(with("station," + s.name_en + ",1\n"), Catch::Contains("4 fields"));
  std::filesystem::remove(path);
}
