// Measurements of swsim-bench (docs/performance.md, "Method"): whole `swsim run` processes (wall time,
// CPU time and peak resident memory from wait4) and in-process runs of the library with each phase timed;
// the machine's description and load.
#pragma once

#include <chrono>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace swsim::bench {

struct BenchOptions;

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point t0);

// Summaries of repeated measurements (NaN for none).
double median(std::vector<double> v);
double minimum(const std::vector<double>& v);
double maximum(const std::vector<double>& v);

// One measured configuration.
struct Case {
  double scale;
  int days;
  int threads;
};

// A scale as the command line takes it ("%g").
std::string fmt_scale(double s);

struct ProcessRun {
  double wall_s = NAN, cpu_s = NAN, rss_mib = NAN;
  double busy_before = NAN;  // share of the machine busy just before the run (--wait-idle)
  std::uintmax_t output_bytes = 0;
  std::int64_t elders = 0;
  std::string hash;
  bool ok = false;
};

struct InprocRun {
  double busy_before = NAN;
  double load_s = 0, weather_s = 0, world_s = 0, init_s = 0, loop_s = 0, write_s = 0, total_s = 0;
  std::vector<double> day_s;
  std::uintmax_t output_bytes = 0;
  std::int64_t elders = 0;
  std::string results_hash, file_hash;
};

// Any command timed from fork to exit: wall, user+system CPU and peak resident memory (wait4); ok when it
// exited with status 0.
struct TimedRun {
  double wall_s = NAN, cpu_s = NAN, rss_mib = NAN;
  bool ok = false;
};
// `context` is appended to the one-line failure message (e.g. " at scale 1, 92 days, 2 threads").
TimedRun run_timed(const std::vector<std::string>& args, const std::string& context = "");

// Times one whole `swsim run` process writing `out` (fork/exec/wait4) and hashes its file.
ProcessRun run_process(const std::string& swsim, const std::string& scenario, const std::string& out,
                       const Case& c);

// Runs the library in-process under tbb::global_control, timing each phase; throws what the library throws.
InprocRun run_inprocess(const std::string& scenario_path, const std::string& out, const Case& c);

// Every run, keyed by (scale, days) then thread count, in the order they ran.
using CaseKey = std::pair<double, int>;
struct Measurements {
  std::map<CaseKey, std::map<int, std::vector<ProcessRun>>> proc;
  std::map<CaseKey, std::map<int, std::vector<InprocRun>>> inproc;
  int failures = 0;
};

// Runs every case of the options `repeat` times, repeats interleaved over thread counts; result files go to
// `workdir`; each run is also written as a row to `csv` when it is open.
Measurements run_cases(const BenchOptions& opt, const std::filesystem::path& workdir, std::ostream* csv);
void write_csv_header(std::ostream& csv);

// ---- Machine description ----
std::string cpu_model();
std::string loadavg();  // the three load averages, as /proc/loadavg gives them
double load1();         // the 1-minute load average
// Share of both cores busy (any process) over `secs`, from /proc/stat.
double machine_busy(double secs);
// With --wait-idle S: before a run, waits (at most S seconds in all per run) until the machine was less
// than 10 % busy over half a second. Returns the busy share measured last (NaN when max_wait_s <= 0).
double wait_for_idle(double max_wait_s);

}  // namespace swsim::bench
