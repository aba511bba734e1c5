#pragma once
// Writes a run's results as netCDF-4-compatible HDF5 (schema: docs/hdf5-schema.md). The file is written
// under a temporary name beside the target and renamed only once complete, so a file at the output path
// is always a whole one.
#include <string>
#include <vector>

#include "swsim/config/scenario.hpp"
#include "swsim/simulation/results.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

struct RunInfo {
  std::string version;
  std::string command_line;
};

// A temporary file beside `path` that is removed unless committed: create it early (so an unwritable
// location is reported before the run), write, then commit() to rename it into place.
class PendingOutput {
 public:
  explicit PendingOutput(const std::string& path);  // throws InputError if the folder is not writable
  ~PendingOutput();                                 // removes the temporary file unless committed
  PendingOutput(const PendingOutput&) = delete;
  PendingOutput& operator=(const PendingOutput&) = delete;
  const std::string& temp_path() const { return temp_; }
  const std::string& final_path() const { return final_; }
  void commit();  // throws RuntimeError if the rename fails

 private:
  std::string final_, temp_;
  bool committed_ = false;
};

void write_results(const std::string& path, const Scenario& scenario, const World& world,
                   const std::vector<WeatherDay>& weather, const Results& results, const RunInfo& info);

// The schema as Markdown (generated from the metric definitions; docs/hdf5-schema.md holds its output).
std::string schema_markdown();

}  // namespace swsim
