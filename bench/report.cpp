// What swsim-bench prints (see report.hpp).
#include "report.hpp"

#include <hdf5.h>

#include <oneapi/tbb/version.h>

#include <algorithm>
#include <cstdio>
#include <thread>

namespace swsim::bench {

namespace {

// ---- Targets: full Jinan, 92 days, one replicate, the baseline scenario, this 2-core box ----
constexpr double kTargetWallS = 2.0;           // whole process at 2 threads
constexpr double kTargetElderDaysPerS = 84e6;  // 1.84 M x 92 / 2 s = 84.6 M, rounded down
constexpr double kTargetRssMiB = 512.0;        // peak resident memory of the process
constexpr double kTargetSpeedup = 1.7;         // wall(1 thread) / wall(2 threads), whole process
constexpr double kTargetOutputMB = 50.0;       // HDF5 output, MB = 10^6 bytes
constexpr int kTargetThreads = 2;
constexpr double kGoalWallS = 0.5;    // performance round two (issue 19): whole process at 2 threads
constexpr double kGoalSpeedup = 1.8;  // and its speed-up over 1 thread
constexpr CaseKey kFullCity{1.0, 92};

const char* pass(bool ok) {
  return ok ? "PASS" : "FAIL";
}
const char* plural(int n) {
  return n == 1 ? "" : "s";
}

int base_threads(const BenchOptions& opt) {
  return *std::min_element(opt.threads.begin(), opt.threads.end());
}

template <typename Run, typename Field>
std::vector<double> values(const std::vector<Run>& runs, Field field) {
  std::vector<double> v;
  for (const auto& r : runs) v.push_back(field(r));
  return v;
}

double median_wall(const std::map<int, std::vector<ProcessRun>>& by_threads, int t) {
  if (!by_threads.count(t)) return NAN;
  return median(values(by_threads.at(t), [](const ProcessRun& r) { return r.wall_s; }));
}

void print_process_rows(const CaseKey& key, const std::map<int, std::vector<ProcessRun>>& by_threads,
                        int t_base) {
  const double base_med = median_wall(by_threads, t_base);
  for (const auto& [threads, runs] : by_threads) {
    const auto wall = values(runs, [](const ProcessRun& r) { return r.wall_s; });
    const auto cpu = values(runs, [](const ProcessRun& r) { return r.cpu_s; });
    const auto rss = values(runs, [](const ProcessRun& r) { return r.rss_mib; });
    const auto util = values(runs, [](const ProcessRun& r) { return r.cpu_s / r.wall_s; });
    const double med = median(wall);
    const double ed = static_cast<double>(runs.front().elders) * key.second / med / 1e6;
    std::printf("%6g %5d %3d %10lld %9.3f %9.3f %10.1f %8.2f %6.2f %9.1f %9.2f %8.2fx %17s\n", key.first,
                key.second, threads, static_cast<long long>(runs.front().elders), med, minimum(wall), ed,
                median(cpu), median(util), maximum(rss), static_cast<double>(runs.front().output_bytes) / 1e6,
                base_med / med, runs.front().hash.c_str());
  }
}

void print_phase_rows(const CaseKey& key, const std::map<int, std::vector<InprocRun>>& by_threads,
                      int t_base) {
  const double base_loop =
      by_threads.count(t_base)
          ? median(values(by_threads.at(t_base), [](const InprocRun& r) { return r.loop_s; }))
          : NAN;
  for (const auto& [threads, runs] : by_threads) {
    std::vector<double> ph[7];
    for (const auto& r : runs) {
      const double v[7] = {r.load_s, r.weather_s, r.world_s, r.init_s, r.loop_s, r.write_s, r.total_s};
      for (int k = 0; k < 7; ++k) ph[k].push_back(v[k]);
    }
    const double loop = median(ph[4]);
    std::printf("%6g %5d %3d %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %8.3f %9.2f %8.2fx %10.1f %17s\n", key.first,
                key.second, threads, median(ph[0]), median(ph[1]), median(ph[2]), median(ph[3]), loop,
                median(ph[5]), median(ph[6]), 1e3 * loop / key.second, base_loop / loop,
                static_cast<double>(runs.front().elders) * key.second / loop / 1e6,
                runs.front().results_hash.c_str());
  }
}

}  // namespace

void print_machine(const BenchOptions& opt) {
  std::printf("swsim-bench %s\n", SWSIM_VERSION);
  std::printf("machine   : %u hardware threads, %s\n", std::thread::hardware_concurrency(),
              cpu_model().c_str());
  std::printf("build     : %s, g++ %s, flags '%s'; oneTBB %s, HDF5 %d.%d.%d\n", SWSIM_BENCH_BUILD_TYPE,
              __VERSION__, SWSIM_BENCH_CXX_FLAGS, TBB_VERSION_STRING, H5_VERS_MAJOR, H5_VERS_MINOR,
              H5_VERS_RELEASE);
  std::printf("scenario  : %s\n", opt.scenario_path.c_str());
  if (opt.do_process) std::printf("swsim     : %s\n", opt.swsim_path.c_str());
  std::printf("runs      : %d per case, repeats interleaved over thread counts; load average %s at start\n",
              opt.repeat, loadavg().c_str());
  if (opt.wait_idle > 0)
    std::printf("idle wait : before each run, up to %g s until the machine is < 10 %% busy over 0.5 s\n",
                opt.wait_idle);
  if (load1() > 1.0)
    std::printf("note      : the machine is busy (1-min load %.2f): timings are noisy, compare minima\n",
                load1());
  std::printf("\n");
  std::fflush(stdout);
}

void print_process_table(const BenchOptions& opt, const Measurements& m) {
  if (!opt.do_process) return;
  const int t_base = base_threads(opt);
  std::printf(
      "Whole processes: `swsim run` timed from fork to exit (wall), CPU = user+system, RSS = peak resident "
      "memory (wait4)\n");
  std::printf("%6s %5s %3s %10s %9s %9s %10s %8s %6s %9s %9s %9s %17s\n", "scale", "days", "thr", "elders",
              "wall med", "wall min", "Melder-d/s", "CPU s", "CPU/wl", "RSS MiB", "output MB", "speed-up",
              "result hash");
  for (const auto& [key, by_threads] : m.proc) print_process_rows(key, by_threads, t_base);
  std::printf(
      "(speed-up = median wall at %d thread%s / median wall at N threads; CPU/wl = CPU time / wall time, "
      "about 1.0 at 1 thread\n on an idle machine, less when other processes take the cores; RSS is the "
      "maximum over runs)\n\n",
      t_base, plural(t_base));
}

void print_phase_table(const BenchOptions& opt, const Measurements& m) {
  if (!opt.do_inproc) return;
  const int t_base = base_threads(opt);
  std::printf(
      "In-process phases (median seconds over runs): load = load_scenario, weather = make_weather, world = "
      "build_world,\ninit = Simulation constructor, days = Simulation::step x days, write = write_results\n");
  std::printf("%6s %5s %3s %8s %8s %8s %8s %8s %8s %8s %9s %9s %10s %17s\n", "scale", "days", "thr", "load",
              "weather", "world", "init", "days", "write", "total", "ms/day", "days x", "Melder-d/s",
              "results hash");
  for (const auto& [key, by_threads] : m.inproc) print_phase_rows(key, by_threads, t_base);
  std::printf(
      "(days x = speed-up of the day loop over %d thread%s; Melder-d/s here = elder-days per second of the "
      "day loop alone)\n\n",
      t_base, plural(t_base));
}

void print_per_day(const Measurements& m) {
  for (const auto& [key, by_threads] : m.inproc)
    for (const auto& [threads, runs] : by_threads) {
      const auto& r = runs.back();
      std::printf("per-day ms, scale %g, %d threads (last run):", key.first, threads);
      for (std::size_t d = 0; d < r.day_s.size(); ++d)
        std::printf("%s%.1f", d % 23 ? " " : "\n  ", 1e3 * r.day_s[d]);
      std::printf("\n");
    }
  std::printf("\n");
}

namespace {

bool all_same(const std::vector<std::string>& v) {
  return std::all_of(v.begin(), v.end(), [&](const std::string& s) { return s == v.front() && !s.empty(); });
}

// Every output file (whole-process and in-process) of one case must hash alike, and every in-process Results.
bool check_case_identity(const BenchOptions& opt, const Measurements& m, const CaseKey& key) {
  std::vector<std::string> files, results;
  if (opt.do_process && m.proc.count(key))
    for (const auto& [t, runs] : m.proc.at(key))
      for (const auto& r : runs) files.push_back(r.hash);
  if (opt.do_inproc && m.inproc.count(key)) {
    std::vector<std::string> inproc_files;
    for (const auto& [t, runs] : m.inproc.at(key))
      for (const auto& r : runs) {
        results.push_back(r.results_hash);
        inproc_files.push_back(r.file_hash);
      }
    files.insert(files.end(), inproc_files.begin(), inproc_files.end());
  }
  bool ok = true;
  if (!files.empty()) ok = ok && all_same(files);
  if (!results.empty()) ok = ok && all_same(results);
  std::printf("  scale %-5g %3d days: %s  (%zu output files and %zu in-process Results, threads", key.first,
              key.second, pass(ok), files.size(), results.size());
  for (int t : opt.threads) std::printf(" %d", t);
  std::printf(")\n");
  return ok;
}

}  // namespace

bool check_bit_identity(const BenchOptions& opt, const Measurements& m) {
  bool identical = true;
  std::printf("Bit-identical results across thread counts\n");
  for (double scale : opt.scales)
    for (int days : opt.days) identical = check_case_identity(opt, m, {scale, days}) && identical;
  std::printf("\n");
  return identical;
}

namespace {

// With --wait-idle, runs that started on a busy machine (the wait timed out) are left out of the verdicts
// when clean runs remain at that thread count.
std::map<int, std::vector<ProcessRun>> clean_runs(const std::map<int, std::vector<ProcessRun>>& all,
                                                  int& left_out) {
  std::map<int, std::vector<ProcessRun>> by;
  left_out = 0;
  for (const auto& [t, runs] : all) {
    for (const auto& r : runs)
      if (!(r.busy_before > 0.10)) by[t].push_back(r);
    if (by[t].empty()) by[t] = runs;
    left_out += static_cast<int>(runs.size() - by[t].size());
  }
  return by;
}

std::vector<double> walls(const std::map<int, std::vector<ProcessRun>>& by, int t) {
  return by.count(t) ? values(by.at(t), [](const ProcessRun& r) { return r.wall_s; }) : std::vector<double>{};
}

void print_wall_targets(const std::map<int, std::vector<ProcessRun>>& by) {
  if (!by.count(kTargetThreads)) {
    std::printf("  wall time / elder-days per second: not measured at 2 threads\n");
    return;
  }
  const double w = median(walls(by, kTargetThreads));
  const double ed = static_cast<double>(by.at(kTargetThreads).front().elders) * kFullCity.second / w;
  std::printf("  wall time at 2 threads   %8.3f s  (min %.3f)       target <= %.0f s          %s\n", w,
              minimum(walls(by, kTargetThreads)), kTargetWallS, pass(w <= kTargetWallS));
  std::printf("  elder-days per second    %8.1f M  at 2 threads     target >= %.0f M          %s\n", ed / 1e6,
              kTargetElderDaysPerS / 1e6, pass(ed >= kTargetElderDaysPerS));
}

void print_speedup_target(const std::map<int, std::vector<ProcessRun>>& by) {
  if (!by.count(1) || !by.count(kTargetThreads)) {
    std::printf("  speed-up 1 -> 2 threads: needs --threads 1,2\n");
    return;
  }
  const double util1 = median(values(by.at(1), [](const ProcessRun& r) { return r.cpu_s / r.wall_s; }));
  if (util1 < 0.9)
    std::printf(
        "  note: at 1 thread the runs got only %.0f %% of a core (CPU/wall): other processes were running, "
        "so wall times\n        and the speed-up are not reliable; rerun on an idle machine\n",
        100 * util1);
  const double sp = median(walls(by, 1)) / median(walls(by, kTargetThreads));
  const double sp_min = minimum(walls(by, 1)) / minimum(walls(by, kTargetThreads));
  std::printf("  speed-up 1 -> 2 threads  %8.2f x (min/min %.2f x)  target >= %.1f x          %s\n", sp,
              sp_min, kTargetSpeedup, pass(sp >= kTargetSpeedup));
}

// The goals of performance round two (issue 19), stricter than the project's targets.
void print_round_two_goals(const std::map<int, std::vector<ProcessRun>>& by) {
  if (!by.count(1) || !by.count(kTargetThreads)) return;
  const double w = median(walls(by, kTargetThreads));
  const double sp = median(walls(by, 1)) / w;
  std::printf("  round two (issue 19): wall at 2 threads %.3f s, goal <= %.1f s: %s; speed-up %.2f x, goal >= %.1f x: %s\n",
              w, kGoalWallS, pass(w <= kGoalWallS), sp, kGoalSpeedup, pass(sp >= kGoalSpeedup));
}

}  // namespace

void print_targets(const BenchOptions& opt, const Measurements& m, bool identical) {
  if (!opt.do_process || !m.proc.count(kFullCity)) {
    std::printf("Targets: not evaluated (they need whole-process runs at scale 1 and 92 days)\n");
    return;
  }
  int left_out = 0;
  const auto by = clean_runs(m.proc.at(kFullCity), left_out);
  std::printf("Targets (full Jinan, 92 days, whole processes, %s)\n", opt.scenario_path.c_str());
  if (left_out > 0)
    std::printf("  (%d run%s that started on a busy machine left out of the verdicts)\n", left_out,
                plural(left_out));
  print_wall_targets(by);
  double rss = 0, out_mb = 0;
  for (const auto& [t, runs] : by)
    for (const auto& r : runs) {
      rss = std::max(rss, r.rss_mib);
      out_mb = std::max(out_mb, static_cast<double>(r.output_bytes) / 1e6);
    }
  std::printf("  peak resident memory     %8.1f MiB (max over runs) target <= %.0f MiB        %s\n", rss,
              kTargetRssMiB, pass(rss <= kTargetRssMiB));
  print_speedup_target(by);
  std::printf("  HDF5 output              %8.2f MB                target <= %.0f MB           %s\n", out_mb,
              kTargetOutputMB, pass(out_mb <= kTargetOutputMB));
  std::printf("  bit-identical results    %8s                   any thread count          %s\n",
              identical ? "yes" : "NO", pass(identical));  print_round_two_goals(by);
}

void print_load_summary(const BenchOptions& opt, const Measurements& m, const std::string& load_end) {
  std::printf("\nload average %s at the end\n", load_end.c_str());
  if (opt.wait_idle <= 0) return;
  std::vector<double> busy;
  for (const auto& [key, by] : m.proc)
    for (const auto& [t, runs] : by)
      for (const auto& r : runs) busy.push_back(r.busy_before);
  for (const auto& [key, by] : m.inproc)
    for (const auto& [t, runs] : by)
      for (const auto& r : runs) busy.push_back(r.busy_before);
  const auto busy_runs = std::count_if(busy.begin(), busy.end(), [](double b) { return b > 0.10; });
  std::printf(
      "machine busy just before a run: median %.0f %%, max %.0f %%; %lld of %zu runs started on a busy "
      "machine\n",
      100 * median(busy), 100 * maximum(busy), static_cast<long long>(busy_runs), busy.size());
}

}  // namespace swsim::bench
