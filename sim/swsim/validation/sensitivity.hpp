#pragma once
// Which assumptions move the headline outputs most (docs/sensitivity.md): Morris elementary effects
// (Morris 1991; the radial-free "trajectory" design with the mu* measure of Campolongo et al. 2007).
// Each factor is a scenario key with a range; r trajectories of k + 1 points each walk a p-level grid of
// the unit hypercube, changing one factor at a time by delta = p / (2 (p - 1)). The elementary effect of
// factor i on output y is (y(x + delta e_i) - y(x)) / delta, in output units per full range of the factor;
// mu* (mean absolute effect) ranks importance, sigma (standard deviation) flags interactions and
// non-linearity. Every point runs with the same seeds (common random numbers), so an effect is the
// factor's, not the noise's.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "swsim/config/scenario.hpp"
#include "swsim/simulation/results.hpp"

namespace swsim::sensitivity {

// One factor: a numeric scenario key and its range (canonical texts as the key's parser accepts them).
struct Factor {
  std::string key;
  double low = 0, high = 0;
  bool integer = false;  // the key takes whole numbers: points are rounded
  std::string why;       // where the range comes from ("[sensitivity] section", "default +-50 %, [EST]")
};

// The built-in factors: the assumptions planners ask about, with ranges from the sources or around an
// assumed value (docs/sensitivity.md lists them).
struct DefaultFactor {
  std::string key, low, high, why;
};
const std::vector<DefaultFactor>& default_factors();

// The factors of a scenario's [sensitivity] section; when it has none, the built-in ones. Throws
// InputError for a key that is not numeric.
std::vector<Factor> factors_for(const Scenario& scenario);

// The value of a factor at a unit coordinate u in [0, 1], as text for the key's parser.
std::string factor_value(const Factor& f, double u);

// A trajectory design: r * (k + 1) points in the unit cube; point j of trajectory t is
// points[t * (k + 1) + j]; changed[t * (k + 1) + j] (j >= 1) is the factor changed from point j - 1.
struct Design {
  int factors = 0, trajectories = 0, levels = 0;
  double delta = 0;
  std::vector<std::vector<double>> points;
  std::vector<int> changed;  // -1 for the first point of a trajectory
};
// Deterministic in seed; levels >= 2 and even (so that delta is a whole number of grid steps).
Design morris_design(int factors, int trajectories, int levels, std::uint64_t seed);

// An output: an indicator of the result file's table (indicators.hpp) or a metric summed over stations
// and days.
struct Output {
  std::string name;
  std::string units;
};
// Resolves names ("on_time_rate", "cost_yuan", ...); throws InputError naming an unknown one and what exists.
std::vector<Output> resolve_outputs(const std::vector<std::string>& names);
// The outputs' values for one replicate's results.
std::vector<double> output_values(const std::vector<Output>& outputs, const Results& results);

struct Effect {
  std::string factor, output;
  double mu = 0, mu_star = 0, sigma = 0;
  int rank = 0;  // 1 = largest mu* for this output
};
// y[point][output]: the outputs at every design point. Effects per (output, factor), ranked per output.
std::vector<Effect> morris_effects(const Design& design, const std::vector<Factor>& factors,
                                   const std::vector<Output>& outputs, const std::vector<std::vector<double>>& y);

// The scenario's Config at a design point: the base config with every factor set by its parser.
Config config_at(const Scenario& scenario, const std::vector<Factor>& factors, const std::vector<double>& point);

// Runs design points [the ones `mine` accepts] (world, weather and replicates per point, points in
// parallel) and returns y[point][output] (mean over replicates; zero rows for points not run).
std::vector<std::vector<double>> evaluate(const Scenario& scenario, const std::vector<Factor>& factors,
                                          const Design& design, const std::vector<Output>& outputs,
                                          const std::function<bool(std::size_t)>& mine,
                                          const std::function<void(std::size_t)>& on_point_done);

std::string effects_csv(const std::vector<Effect>& effects);  // output,factor,rank,mu_star,mu,sigma
std::string effects_table(const std::vector<Effect>& effects, const std::vector<Output>& outputs);
// A PNG bar chart: one panel per output, factors ranked by mu*, sigma as a whisker; false when the file
// cannot be written.
bool write_effects_png(const std::string& path, const std::vector<Effect>& effects, const std::vector<Output>& outputs);

}  // namespace swsim::sensitivity
