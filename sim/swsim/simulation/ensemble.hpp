#pragma once
// Replicates: the same world and weather, the days re-run with different seeds. Each day, the
// replicates step in parallel with each other and, inside each, over stations (oneTBB balances the two
// levels); a replicate's results depend only on its seed, never on the thread count or on the others.
// Runs can write checkpoints between days and resume from them with bit-identical results.
#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/simulation/results.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

class Simulation;

// Seed of replicate r: the run seed itself for r = 0, then a splitmix64 mix of (seed, r).
std::uint64_t replicate_seed(std::uint64_t run_seed, int replicate);

struct Ensemble {
  std::vector<std::uint64_t> seeds;
  std::vector<Results> replicates;
};

// Memory a held ensemble's results take while it is written: every replicate's Results (all metrics, days,
// stations, as doubles) plus the mean and three quantiles the writer computes, and `fixed` bytes for the
// world and the simulations alive. Runs whose replicates step in lock-step (checkpoints, resume, live
// snapshots) or are gathered from MPI ranks hold every replicate until it is written; a plain swsim run
// streams them into the file (EnsembleFileWriter) and holds none.
struct ResultsMemory {
  std::uint64_t per_replicate = 0, fixed = 0;
  std::uint64_t total(int replicates) const { return (static_cast<std::uint64_t>(replicates) + 4) * per_replicate + fixed; }
  // The most replicates that fit in `available` bytes (0 when not even one does).
  int replicates_within(std::uint64_t available) const;
};
ResultsMemory results_memory(int days, int stations, std::uint64_t fixed);
// MemAvailable of /proc/meminfo in bytes; 0 when it cannot be read (then no check is made).
std::uint64_t available_memory_bytes();

// An input file of a run as a checkpoint records it: what it is, its absolute path and a hash of its
// content (64-bit FNV-1a), so a resume with a changed input is refused.
struct InputDigest {
  std::string what;  // e.g. "weather CSV"
  std::string path;
  std::uint64_t hash = 0;
};
// The digest of the file now; throws InputError when it cannot be read.
InputDigest digest_input(const std::string& what, const std::string& path);
// The input files of a scenario: the weather CSV (with weather.source = csv) and the station table.
std::vector<InputDigest> digest_inputs(const Config& config);

class EnsembleRun;

struct RunControl {
  const std::atomic<bool>* stop = nullptr;  // when it becomes true the run throws Interrupted between days
  std::string checkpoint_path;              // where checkpoints go (written atomically)
  int checkpoint_every = 0;                 // days between checkpoints; 0 = none
  std::string scenario_text;                // effective scenario stored in checkpoints
  std::string resume_path;                  // a checkpoint to continue from
  std::vector<InputDigest> inputs;          // input files recorded in checkpoints
  std::vector<int> only_replicates;         // compute just these (the others stay empty: MPI ranks share
                                            // the work); empty = all
  // Called after every day with the run so far (serialised, on the calling thread): live snapshots.
  std::function<void(const EnsembleRun&)> after_day;
};

// The first `days` days of every replicate (a snapshot of a run still going).
Ensemble first_days(const Ensemble& ensemble, int days);

// Replicates streamed: each replicate runs all its days on its own, several at once (oneTBB balances
// replicates against the station loop nested in each), at most `max_alive` simulations alive at a time
// (0 = twice the threads available). `consume(replicate, results)` receives each replicate in
// replicate order, serialised, as an rvalue it may keep (moved out of the finished simulation, not
// copied), after which its simulation and results are freed, so memory is bounded
// by max_alive whatever the number of replicates. `only` picks replicates (empty = all);
// `on_day()` is called (serialised) after every simulated day of any replicate; `stop` interrupts
// between days (Interrupted). Results equal the lock-step EnsembleRun's, for any thread count.
struct StreamStats {
  int replicates = 0;  // consumed
  int max_alive = 0;   // the most simulations (each with its results) alive at once
};
StreamStats stream_ensemble(const Config& config, const World& world, const std::vector<WeatherDay>& weather,
                            const std::function<void(int, Results&&)>& consume, int max_alive = 0,
                            const std::vector<int>& only = {}, const std::function<void()>& on_day = {},
                            const std::atomic<bool>* stop = nullptr);

// Runs config.run.replicates replicates. `on_progress(days_done, days_total)` is called serialised.
// Without checkpoints, resume or after_day the replicates are streamed (stream_ensemble), else stepped
// together day by day (EnsembleRun).
Ensemble run_ensemble(const Config& config, const World& world, const std::vector<WeatherDay>& weather,
                      const std::function<void(long, long)>& on_progress = {}, const RunControl& control = {});

// The effective scenario text stored in a checkpoint; throws InputError naming the file when it is
// missing, not a checkpoint, or damaged.
std::string checkpoint_scenario(const std::string& path);
// Throws InputError naming the checkpoint and the input when an input file recorded in the checkpoint
// is missing or its content changed since the checkpoint was written.
void verify_checkpoint_inputs(const std::string& path);

// Lower-level: all replicates of a run, stepped together.
class EnsembleRun {
 public:
  EnsembleRun(const Config& config, const World& world, const std::vector<WeatherDay>& weather,
              std::vector<int> only_replicates = {});
  ~EnsembleRun();
  int day() const;
  void step();
  Ensemble results() const;
  // Written to `.NAME.tmp.PID` beside `path`, then renamed into place.
  void save_checkpoint(const std::string& path, const std::string& scenario_text,
                       const std::vector<InputDigest>& inputs = {}) const;
  void load_checkpoint(const std::string& path);  // throws InputError

 private:
  std::vector<Config> configs_;              // one per computed replicate
  std::vector<std::uint64_t> seeds_;         // of every replicate of the ensemble
  std::vector<int> indices_;                 // the replicates computed here
  std::vector<std::unique_ptr<Simulation>> sims_;
  int days_ = 0, stations_ = 0;
};

}  // namespace swsim
