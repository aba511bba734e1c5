#pragma once
// What swsim-analyze is given on its command line: result files, or sweep indexes (DIR/sweep.h5 written
// by `swsim sweep`), which expand to one result file per grid point, labelled by its parameter values.
#include <string>
#include <utility>
#include <vector>

namespace swsim::results {

struct SweepPoint {
  int point = 0;
  std::string file;                                   // path of the point's result file
  std::vector<std::pair<std::string, double>> params;  // "section.key" -> value
  std::string label() const;                          // "staffing.social_workers_per_station=4"
};

struct SweepIndex {
  std::string path, scenario;
  std::vector<std::string> parameters;  // "section.key", in order
  std::vector<SweepPoint> points;
};

// True for an HDF5 file with a `point` dimension and `point_file` (false for anything else).
bool is_sweep_index(const std::string& path);
SweepIndex read_sweep_index(const std::string& path);  // throws ReadError

struct Input {
  std::string path;   // the result file
  std::string label;  // "" for a plain file (the scenario label is used), else "sweep point 2: a.b=4"
  std::string sweep;  // the sweep index it came from, "" for a plain file
  SweepPoint point;
};
std::vector<Input> expand_inputs(const std::vector<std::string>& args);  // throws ReadError

std::string format_number(double v);  // shortest of %g style: 3, 0.25, 1e+06

}  // namespace swsim::results
