#include "swsim/simulation/ensemble.hpp"

#include <tbb/parallel_for.h>

#include <mutex>

#include "swsim/simulation/simulation.hpp"
#include "swsim/util/error.hpp"

namespace swsim {

std::uint64_t replicate_seed(std::uint64_t run_seed, int replicate) {
  if (replicate == 0) return run_seed;
  std::uint64_t z = run_seed + 0x9E3779B97F4A7C15ull * static_cast<std::uint64_t>(replicate);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

Ensemble run_ensemble(const Config& config, const World& world, const std::vector<WeatherDay>& weather,
                      const std::function<void(long, long)>& on_progress, const std::atomic<bool>* stop) {
  const int n = config.run.replicates;
  Ensemble e;
  e.replicates.resize(static_cast<std::size_t>(n));
  std::vector<Config> configs(static_cast<std::size_t>(n), config);
  for (int r = 0; r < n; ++r) {
    e.seeds.push_back(replicate_seed(config.run.seed, r));
    configs[static_cast<std::size_t>(r)].run.seed = e.seeds.back();
  }
  std::mutex progress_mutex;
  std::atomic<long> days_done{0};
  const long days_total = static_cast<long>(n) * config.run.days;
  tbb::parallel_for(0, n, [&](int r) {
    Simulation sim(configs[static_cast<std::size_t>(r)], world, weather);
    while (sim.day() < config.run.days) {
      if (stop && stop->load()) throw Interrupted();
      sim.step();
      const long done = ++days_done;
      if (on_progress) {
        std::lock_guard<std::mutex> lock(progress_mutex);
        on_progress(done, days_total);
      }
    }
    e.replicates[static_cast<std::size_t>(r)] = sim.results();
  });
  return e;
}

}  // namespace swsim
