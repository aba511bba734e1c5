#pragma once
// Writes a run's results as netCDF-4-compatible HDF5 (schema: docs/hdf5-schema.md). The file is written
// under a temporary name beside the target and renamed only once complete, so a file at the output path
// is always a whole one.
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "swsim/config/scenario.hpp"
#include "swsim/io/live_path.hpp"
#include "swsim/simulation/ensemble.hpp"
#include "swsim/simulation/results.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

// A station variable a command adds to its result file (swsim optimize: the allocation), written after
// the station facts with units, long_name and the zh/en labels (`label`, `label_zh`).
struct ExtraStationVariable {
  std::string name, units, long_name, label, label_zh;
  std::vector<double> values;  // one per simulated station
  bool integer = false;        // written as int32
};

struct RunInfo {
  std::string version;
  std::string command_line;
  // A live snapshot of a run still going (swsim run --live): the days the run will have when complete.
  // 0 for a complete result file. Snapshots carry live_status = "running", live_days_done/_total.
  int live_days_total = 0;
  std::vector<ExtraStationVariable> station_extra{};
  std::vector<std::pair<std::string, std::string>> extra_attributes{};  // global text attributes
};


// A file the run reads, named for messages ("the scenario file", "the weather CSV", ...).
struct RunInput {
  std::string what;
  std::string path;
};

// Throws InputError unless `path` can be an output: not empty, in an existing folder, and either absent
// or a regular file that is none of `inputs` (compared by device and inode, or by resolved path when the
// output does not exist yet). Devices, directories, FIFOs and sockets are refused.
void check_output_path(const std::string& path, const std::vector<RunInput>& inputs, const char* option = "--out");

// The output of a run while it is written: checks the path (check_output_path), takes an exclusive
// lock (flock on `.NAME.lock` beside it, so a second run writing the same output fails at once),
// removes stale temporary files of dead runs in the folder, and creates the temporary file
// `.NAME.tmp.PID` early (so an unwritable location is reported before the run). Write to temp_path(),
// then commit() renames it into place; the destructor removes the temporary file unless committed and
// releases the lock.
class PendingOutput {
 public:
  explicit PendingOutput(const std::string& path, const std::vector<RunInput>& inputs = {});
  ~PendingOutput();
  PendingOutput(const PendingOutput&) = delete;
  PendingOutput& operator=(const PendingOutput&) = delete;
  const std::string& temp_path() const { return temp_; }
  const std::string& final_path() const { return final_; }
  void commit();  // throws RuntimeError if the rename fails

 private:
  std::string final_, temp_, lock_;
  int lock_fd_ = -1;
  bool committed_ = false;
};

void write_results(const std::string& path, const Scenario& scenario, const World& world,
                   const std::vector<WeatherDay>& weather, const Results& results, const RunInfo& info);
// With several replicates the metrics gain a replicate dimension and ensemble statistics.
void write_results(const std::string& path, const Scenario& scenario, const World& world,
                   const std::vector<WeatherDay>& weather, const Ensemble& ensemble, const RunInfo& info);

// An ensemble's file written replicate by replicate (swsim run --replicates N, N >= 2), so memory does not
// grow with N: the constructor creates the file at `path` with everything but the metric values (the
// metric variables are created empty, in their places); add(r, results) writes replicate r's slab of every
// metric (per station, per area, city) as it arrives, in any order; finish() computes NAME_mean and
// NAME_quantile one metric and one block of days at a time from the slabs read back, and closes the file.
// The file equals write_results(Ensemble)'s value for value and attribute for attribute (only its chunking
// differs: one replicate per chunk). Without finish() the file is incomplete (the caller's PendingOutput
// removes it). Throws RuntimeError on HDF5 failures.
class EnsembleFileWriter {
 public:
  EnsembleFileWriter(const std::string& path, const Scenario& scenario, const World& world,
                     const std::vector<WeatherDay>& weather, const std::vector<std::uint64_t>& seeds,
                     const RunInfo& info);
  ~EnsembleFileWriter();
  EnsembleFileWriter(const EnsembleFileWriter&) = delete;
  EnsembleFileWriter& operator=(const EnsembleFileWriter&) = delete;
  void add(int replicate, const Results& results);
  void finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A low estimate of a result file's size: half a byte per value of every metric, replicate, day and
// station, area and the city (compressed files measure 0.9-1.3 bytes per value; the fixed part is left
// out), so a run refused for want of disk (free_disk_bytes below this) would surely not have fitted.
std::uint64_t least_result_bytes(int replicates, int days, int stations, int areas);
// Bytes an unprivileged user may still write in the folder of `path`; 0 when unknown.
std::uint64_t free_disk_bytes(const std::string& path);

// Quantile of sorted values by linear interpolation between order statistics (numpy's default).
double quantile_of_sorted(const std::vector<double>& sorted, double p);

// The `scenario` attribute of an existing complete result file, or "" when there is no such readable
// file (used to skip sweep points and replicates already done).
std::string existing_result_scenario(const std::string& path);

// The schema as Markdown (generated from the metric definitions; docs/hdf5-schema.md holds its output).
std::string schema_markdown();

}  // namespace swsim
