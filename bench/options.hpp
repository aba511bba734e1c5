// The command line of swsim-bench, parsed and checked (docs/performance.md, "Rerunning the benchmark").
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace swsim::bench {

struct BenchOptions {
  bool help = false;
  std::string help_text;  // the usage text, for --help
  std::string hash_file;  // --hash FILE: only print that file's result hash
  std::string scenario_path;
  std::vector<double> scales;
  std::vector<int> days;
  std::vector<int> threads;
  int repeat = 3;
  bool do_process = true;  // --mode process or both
  bool do_inproc = true;   // --mode inprocess or both
  std::string swsim_path;  // the swsim executable for whole-process runs
  bool per_day = false;
  std::string csv_path;  // empty: no CSV
  std::string workdir;   // empty: a fresh folder under /tmp, removed afterwards
  double wait_idle = 0;  // seconds
  bool keep = false;
  int replicates = 0;         // --replicates N: time an ensemble of N full-city replicates (0 = not)
  int morris_r = 0;           // --morris R: time `swsim sensitivity` with R trajectories (0 = not)
  int morris_factors = 10;    // --morris-factors K: the first K built-in factors
  int morris_replicates = 8;  // --morris-replicates N: replicates per design point
};

// Bad command line: the message is one line naming the option; the program exits with status 2.
struct OptionError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Parses and checks argv (lists, ranges, the mode, the swsim executable); throws OptionError.
// With --help or --hash the rest is not checked.
BenchOptions parse_options(int argc, char** argv);

}  // namespace swsim::bench
