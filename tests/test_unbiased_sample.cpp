// A sampled run estimates the full city without bias (odd.md Initialization, "Sampling"): the city's
// on-time lunch rate and heat-illness rate at --scale 0.1, averaged over replicates that each draw their
// own station sample (world.seed) and days (run.seed), lie within a stated tolerance of scale 1.
#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "swsim/config/parameters.hpp"
#include "swsim/simulation/simulation.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

using namespace swsim;

namespace {
struct CityRates {
  double on_time = 0;      // % of requested lunches on time
  double heat_per_1000 = 0;  // heat-illness events per 1,000 elders over the run
};

CityRates city_rates(double scale, int replicate, bool lending) {
  Config c = default_config();
  c.run.scale = scale;
  c.policy.lending = lending;
  c.world.seed = 1000 + static_cast<std::uint64_t>(replicate);
  c.run.seed = 1 + static_cast<std::uint64_t>(replicate);
  const World world = build_world(c);
  Simulation sim(c, world, make_weather(c));
  sim.run();
  const Results& r = sim.results();
  double on_time = 0, requested = 0, ill = 0;
  for (int d = 0; d < r.days(); ++d)
    for (int s = 0; s < r.stations(); ++s) {
      on_time += r.at(Metric::kMealsOnTime, d, s);
      requested += r.at(Metric::kMealsRequested, d, s);
      ill += r.at(Metric::kHeatIllness, d, s);
    }
  return {100 * on_time / requested, 1000 * ill / static_cast<double>(world.elders.size())};
}

struct MeanSe {
  double mean = 0, se = 0;
};
MeanSe mean_se(const std::vector<double>& v) {
  double m = 0, ss = 0;
  for (double x : v) m += x;
  m /= static_cast<double>(v.size());
  for (double x : v) ss += (x - m) * (x - m);
  const double sd = v.size() > 1 ? std::sqrt(ss / static_cast<double>(v.size() - 1)) : 0.0;
  return {m, sd / std::sqrt(static_cast<double>(v.size()))};
}
}  // namespace

// Tolerances. On-time: 4 points. The mean of 8 samples of 16 stations has a standard error of about 0.5
// points (measured: 0.43 without lending, 0.48 with); the sample keeps one station in every area, so the
// small rural areas weigh more than their share and the estimate sits about 2 points below scale 1
// (measured -1.8 without lending, -2.5 with); 4 points covers that and 3 standard errors, and refuses the
// old sample, which with lending put each whole general-station team on the one or two sampled stations
// (+10.7 points of lending effect at scale 0.1 against +2.3 at scale 1, issue 13). Heat illness: 8 %
// relative; the rate per elder depends on who the elders are, not on service (measured within 0.1 %,
// standard error 1.8 %).
TEST_CASE("a run at scale 0.1 estimates the city's on-time and heat-illness rates of scale 1", "[simulation][sampling][slow]") {
  constexpr int kSampleReplicates = 8, kFullReplicates = 2;
  const bool lending = GENERATE(false, true);
  std::vector<double> on_small, heat_small, on_full, heat_full;
  for (int r = 0; r < kSampleReplicates; ++r) {
    const CityRates x = city_rates(0.1, r, lending);
    on_small.push_back(x.on_time);
    heat_small.push_back(x.heat_per_1000);
  }
  for (int r = 0; r < kFullReplicates; ++r) {
    const CityRates x = city_rates(1.0, r, lending);
    on_full.push_back(x.on_time);
    heat_full.push_back(x.heat_per_1000);
  }
  const MeanSe os = mean_se(on_small), of = mean_se(on_full), hs = mean_se(heat_small), hf = mean_se(heat_full);
  INFO("policy.lending " << lending);
  INFO("on-time % at scale 0.1: " << os.mean << " (se " << os.se << "), at scale 1: " << of.mean << " (se " << of.se << ")");
  INFO("heat illness per 1,000 at scale 0.1: " << hs.mean << " (se " << hs.se << "), at scale 1: " << hf.mean);
  CHECK(std::abs(os.mean - of.mean) < 4.0);
  CHECK(std::abs(hs.mean - hf.mean) < 0.08 * hf.mean);
}
