// Ensemble and design timings of swsim-bench (docs/performance.md, "Ensembles and designs"): whole
// processes of `swsim run --replicates N` (replicate-days per second, memory per replicate) and of
// `swsim sensitivity` (a Morris design), on the full city at the largest thread count asked for, checked
// against the targets of issue 19 (measured, or projected linearly when a smaller design was timed).
#pragma once

#include <filesystem>
#include <string>

#include "measure.hpp"
#include "options.hpp"

namespace swsim::bench {

struct EnsembleFigures {
  int threads = 0, days = 0;
  int replicates = 0;  // N of the ensemble (0: not measured)
  TimedRun one, many;  // 1 replicate and N replicates
  int morris_r = 0, morris_factors = 0, morris_replicates = 0;
  TimedRun morris;
};

EnsembleFigures run_ensembles(const BenchOptions& opt, const std::filesystem::path& workdir);

// The table and the verdicts (nothing when neither --replicates nor --morris was given); true when every
// measured run succeeded.
bool print_ensembles(const EnsembleFigures& f);

}  // namespace swsim::bench
