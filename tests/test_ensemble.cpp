#include <algorithm>
#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>
#include <unistd.h>

#include "swsim/config/parameters.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/io/result_writer.hpp"
#include "swsim/simulation/ensemble.hpp"
#include "swsim/simulation/simulation.hpp"
#include "swsim/util/error.hpp"

using namespace swsim;
using Catch::Matchers::Contains;

namespace {
Config small(int replicates) {
  Scenario s = scenario_from_text(
      "[run]\nscale = 0.02\ndays = 12\nstart_date = 2022-06-12\n[weather]\nheat_waves = 2022-06-16 5 39 35\n", "e.ini");
  s.config.run.replicates = replicates;
  return s.config;
}
}  // namespace

TEST_CASE("replicate seeds are distinct, reproducible, and replicate 0 uses the run seed", "[ensemble]") {
  std::set<std::uint64_t> seen;
  for (int r = 0; r < 1000; ++r) seen.insert(replicate_seed(42, r));
  CHECK(seen.size() == 1000);
  CHECK(replicate_seed(42, 0) == 42);
  CHECK(replicate_seed(42, 7) == replicate_seed(42, 7));
  CHECK(replicate_seed(42, 7) != replicate_seed(43, 7));
}

TEST_CASE("an ensemble's replicate 0 is the single run, and replicates differ", "[ensemble]") {
  const Config c = small(3);
  const World world = build_world(c);
  const auto weather = make_weather(c);
  const Ensemble e = run_ensemble(c, world, weather);
  REQUIRE(e.replicates.size() == 3);
  Simulation single(c, world, weather);
  single.run();
  CHECK(e.replicates[0] == single.results());
  CHECK_FALSE(e.replicates[1] == e.replicates[0]);
  CHECK_FALSE(e.replicates[2] == e.replicates[1]);
}

TEST_CASE("ensembles do not depend on the thread count", "[ensemble][determinism]") {
  const Config c = small(4);
  const World world = build_world(c);
  const auto weather = make_weather(c);
  auto run_with = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    return run_ensemble(c, world, weather);
  };
  const Ensemble one = run_with(1), two = run_with(2);
  for (std::size_t r = 0; r < one.replicates.size(); ++r) CHECK(one.replicates[r] == two.replicates[r]);
}

TEST_CASE("a stop request ends the ensemble between days", "[ensemble]") {
  const Config c = small(2);
  const World world = build_world(c);
  std::atomic<bool> stop{true};
  RunControl control;
  control.stop = &stop;
  CHECK_THROWS_AS(run_ensemble(c, world, make_weather(c), {}, control), Interrupted);
}

TEST_CASE("quantiles interpolate between order statistics like numpy", "[ensemble]") {
  const std::vector<double> v{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  CHECK(quantile_of_sorted(v, 0.5) == Approx(5.5));
  CHECK(quantile_of_sorted(v, 0.05) == Approx(1.45));
  CHECK(quantile_of_sorted(v, 0.95) == Approx(9.55));
  CHECK(quantile_of_sorted(v, 0.0) == 1);
  CHECK(quantile_of_sorted(v, 1.0) == 10);
  CHECK(quantile_of_sorted({3.0}, 0.95) == 3);
}

TEST_CASE("sweep axes take lists and ranges, checked by the key's own parser", "[ensemble][sweep]") {
  CHECK(parse_sweep_axis("staffing.social_workers_per_station", "2:5").values ==
        std::vector<std::string>{"2", "3", "4", "5"});
  CHECK(parse_sweep_axis("volunteers.turnout_weekday", "0.2:0.4:0.1").values.size() == 3);
  CHECK(parse_sweep_axis("policy.lending", "off, on").values == std::vector<std::string>{"off", "on"});
  CHECK(parse_sweep_axis("lunch.ready_time", "11:00, 11:30").values == std::vector<std::string>{"11:00", "11:30"});
  CHECK_THROWS_AS(parse_sweep_axis("staffing.social_workers_per_station", "2, -1"), ValueError);
  CHECK_THROWS_AS(parse_sweep_axis("staffing.nobody", "2"), ValueError);
  const Scenario s = scenario_from_text("[sweep]\nvolunteers.roster_per_station = 5, 10\nstaffing.social_workers_per_station = 2:3\n", "s.ini");
  REQUIRE(s.sweep.size() == 2);
  CHECK(s.sweep[0].key == "volunteers.roster_per_station");  // file order
  try {
    scenario_from_text("[run]\ndays = 3\n[sweep]\nstaffing.social_workers_per_station = 2, x\n", "bad.ini");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Contains("bad.ini:4"));
    CHECK_THAT(e.what(), Contains("'x' is not a whole number"));
  }
}

TEST_CASE("a run interrupted after a checkpoint and resumed equals the uninterrupted run", "[ensemble][checkpoint]") {
  const Config c = small(2);
  const World world = build_world(c);
  const auto weather = make_weather(c);
  const Ensemble straight = run_ensemble(c, world, weather);
  const std::string ckpt =
      (std::filesystem::temp_directory_path() / ("swsim_ckpt_" + std::to_string(::getpid()) + ".ckpt")).string();
  std::atomic<bool> stop{false};
  RunControl control;
  control.stop = &stop;
  control.checkpoint_every = 5;
  control.checkpoint_path = ckpt;
  control.scenario_text = "the scenario";
  // Stop once day 7 is done: the checkpoint holds day 5.
  CHECK_THROWS_AS(run_ensemble(c, world, weather, [&](long done, long) { if (done >= 7 * 2) stop = true; }, control),
                  Interrupted);
  REQUIRE(std::filesystem::exists(ckpt));
  CHECK(checkpoint_scenario(ckpt) == "the scenario");
  RunControl resume;
  resume.resume_path = ckpt;
  const Ensemble resumed = run_ensemble(c, world, weather, {}, resume);
  for (std::size_t r = 0; r < straight.replicates.size(); ++r) CHECK(resumed.replicates[r] == straight.replicates[r]);
  CHECK(resumed.seeds == straight.seeds);

  // A damaged or foreign checkpoint is refused with one clear line.
  std::filesystem::resize_file(ckpt, std::filesystem::file_size(ckpt) / 2);
  CHECK_THROWS_WITH(checkpoint_scenario(ckpt), Contains("truncated or damaged"));
  std::ofstream(ckpt) << "hello";
  CHECK_THROWS_WITH(checkpoint_scenario(ckpt), Contains("not a swsim checkpoint"));
  Config three = c;
  three.run.replicates = 3;
  EnsembleRun other(three, world, weather);
  control.stop = nullptr;
  {
    EnsembleRun two(c, world, weather);
    two.step();
    two.save_checkpoint(ckpt, "x");
  }
  CHECK_THROWS_WITH(other.load_checkpoint(ckpt), Contains("has 2 replicates"));
  std::filesystem::remove(ckpt);
}

TEST_CASE("stream_ensemble keeps at most max_alive simulations, consumes in replicate order, equals the lock-step run",
          "[ensemble]") {
  const Config c = small(6);
  const World world = build_world(c);
  const auto weather = make_weather(c);
  EnsembleRun lockstep(c, world, weather);
  while (lockstep.day() < c.run.days) lockstep.step();
  const Ensemble ref = lockstep.results();
  for (int threads : {1, 2}) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    std::vector<int> order;
    long days = 0;
    const StreamStats st = stream_ensemble(
        c, world, weather,
        [&](int r, const Results& res) {
          order.push_back(r);
          for (std::size_t m = 0; m < kMetricCount; ++m)
            CHECK(std::ranges::equal(res.series(static_cast<Metric>(m)), ref.replicates[static_cast<std::size_t>(r)].series(static_cast<Metric>(m))));
        },
        2, {}, [&] { ++days; });
    CHECK(order == std::vector<int>{0, 1, 2, 3, 4, 5});
    CHECK(st.replicates == 6);
    CHECK(st.max_alive >= 1);
    CHECK(st.max_alive <= 2);  // memory: two simulations (and their results) at most, whatever the replicates
    CHECK(days == 6L * c.run.days);
  }
  std::vector<int> picked;
  stream_ensemble(c, world, weather, [&](int r, const Results&) { picked.push_back(r); }, 1, {4, 1});
  CHECK(picked == std::vector<int>{4, 1});  // `only`: just those, in the order given
}

TEST_CASE("stream_ensemble stops between days when asked", "[ensemble]") {
  const Config c = small(3);
  const World world = build_world(c);
  std::atomic<bool> stop{false};
  int consumed = 0;
  long days = 0;
  CHECK_THROWS_AS(stream_ensemble(c, world, make_weather(c), [&](int, const Results&) { ++consumed; }, 1, {},
                                  [&] { stop = ++days == 2; }, &stop),
                  Interrupted);
  CHECK(consumed == 0);
  CHECK(days == 2);
}

TEST_CASE("a held ensemble's results memory: every replicate plus the writer's statistics, and how many fit",
          "[ensemble][memory]") {
  const ResultsMemory m = results_memory(92, 161, 1000);
  CHECK(m.per_replicate == kMetricCount * 92 * 161 * sizeof(double));
  CHECK(m.total(10) == 14 * m.per_replicate + 1000);  // 10 replicates, mean and 3 quantiles, the fixed part
  CHECK(m.replicates_within(m.total(10)) == 10);
  CHECK(m.replicates_within(m.total(10) - 1) == 9);
  CHECK(m.replicates_within(m.total(1) - 1) == 0);  // not even one
  CHECK(m.replicates_within(0) == 0);
  CHECK(results_memory(0, 161, 0).replicates_within(0) > 1000);  // nothing to hold: no limit
  // Linux reports MemAvailable; the check is skipped only when it cannot be read.
  CHECK(available_memory_bytes() > (std::uint64_t{16} << 20));
}
