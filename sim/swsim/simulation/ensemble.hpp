#pragma once
// Replicates: the same world and weather, the days re-run with different seeds. Replicates run in
// parallel with each other and, inside each, over stations (oneTBB balances the two levels); each
// replicate's results depend only on its seed, never on the thread count or on the other replicates.
#include <atomic>
#include <cstdint>
#include <functional>
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/simulation/results.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

// Seed of replicate r: the run seed itself for r = 0, then a splitmix64 mix of (seed, r).
std::uint64_t replicate_seed(std::uint64_t run_seed, int replicate);

struct Ensemble {
  std::vector<std::uint64_t> seeds;
  std::vector<Results> replicates;
};

// Runs config.run.replicates replicates. `on_progress(days_done, days_total)` may be called from any
// thread (serialised). When `stop` becomes true the run ends between days by throwing Interrupted.
Ensemble run_ensemble(const Config& config, const World& world, const std::vector<WeatherDay>& weather,
                      const std::function<void(long, long)>& on_progress = {},
                      const std::atomic<bool>* stop = nullptr);

}  // namespace swsim
