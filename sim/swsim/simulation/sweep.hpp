#pragma once
// Parameter sweeps: the grid of a scenario's [sweep] axes (the first axis varies slowest), one scenario
// per point with the same seeds (common random numbers), and the share of the points a process runs
// (MPI ranks get points by expected cost). Writing the index lives in io/sweep_index.hpp.
#include <cstddef>
#include <string>
#include <vector>

#include "swsim/config/scenario.hpp"

namespace swsim {

struct SweepPoint {
  Scenario scenario;                // the point's effective scenario (checked)
  std::vector<std::string> values;  // the value of each axis at this point, in axis order
  std::string file;                 // its result file, relative to the sweep folder
};

inline constexpr std::size_t kMaxSweepPoints = 10000;

// Every point of the base scenario's grid, each scenario built and checked before anything runs.
// `overrides` (the command line's) apply to every point, the point's values after them. Throws InputError
// for a base without [sweep], a grid over kMaxSweepPoints, or a point whose values do not validate.
std::vector<SweepPoint> plan_sweep(const Scenario& base, const std::vector<Override>& overrides);

// The result file name of point p: point_000.h5, point_001.h5, ...
std::string sweep_point_file(std::size_t p);

// Expected cost of a point: simulated stations x days x replicates.
double sweep_point_cost(const Config& config);

// Which of `ranks` processes runs each point: largest cost first to the least loaded (ties: lower rank).
std::vector<int> assign_sweep_points(const std::vector<SweepPoint>& points, int ranks);

}  // namespace swsim
