// Ensemble and design timings of swsim-bench (see ensemble.hpp).
#include "ensemble.hpp"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "swsim/config/scenario.hpp"

namespace swsim::bench {
namespace {

constexpr int kTargetReplicates = 100;
constexpr double kTargetEnsembleS = 30.0;       // 100 full-city replicates, whole process
constexpr double kTargetEnsembleMiB = 1024.0;   // their peak resident memory
constexpr double kTargetMorrisS = 600.0;        // Morris 10 factors x r = 10 x 8 replicates
constexpr int kTargetMorrisRuns = 10 * 11 * 8;  // replicate runs of that design

// The first `k` built-in factor names (the Markdown table of `swsim sensitivity --list-factors`).
std::string first_factors(const std::string& swsim, const std::string& scenario, int k) {
  const std::string cmd = "'" + swsim + "' sensitivity --list-factors --scenario '" + scenario + "' 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return "";
  std::string names;
  char line[1024];
  int n = 0;
  while (std::fgets(line, sizeof line, p)) {
    const std::string s(line);
    const auto a = s.find('`'), b = s.find('`', a + 1);
    if (s.rfind("| `", 0) != 0 || b == std::string::npos || n >= k) continue;
    names.append(n++ ? "," : "").append(s.substr(a + 1, b - a - 1));
  }
  pclose(p);
  return n == k ? names : "";
}

TimedRun time_run(const BenchOptions& opt, const std::filesystem::path& workdir, int replicates, int threads) {
  const std::string out = (workdir / ("ensemble_" + std::to_string(replicates) + ".h5")).string();
  std::fprintf(stderr, "  ensemble  scale 1, %d replicate%s, %d threads ...", replicates, replicates == 1 ? "" : "s",
               threads);
  const TimedRun r = run_timed({opt.swsim_path, "run", "--scenario", opt.scenario_path, "--out", out, "--scale", "1",
                                "--replicates", std::to_string(replicates), "--threads", std::to_string(threads),
                                "--quiet"});
  std::fprintf(stderr, " %.3f s\n", r.wall_s);
  std::error_code ec;
  if (!opt.keep) std::filesystem::remove(out, ec);
  return r;
}

TimedRun time_morris(const BenchOptions& opt, const std::string& factors, int threads) {
  std::fprintf(stderr, "  morris    scale 1, %d factors, r = %d, %d replicates, %d threads ...", opt.morris_factors,
               opt.morris_r, opt.morris_replicates, threads);
  TimedRun r;
  if (!factors.empty())
    r = run_timed({opt.swsim_path, "sensitivity", "--scenario", opt.scenario_path, "--scale", "1", "-r",
                   std::to_string(opt.morris_r), "--factors", factors, "--replicates",
                   std::to_string(opt.morris_replicates), "--threads", std::to_string(threads), "--quiet"});
  std::fprintf(stderr, " %.1f s\n", r.wall_s);
  return r;
}

const char* verdict(bool ok) { return ok ? "PASS" : "FAIL"; }

}  // namespace

EnsembleFigures run_ensembles(const BenchOptions& opt, const std::filesystem::path& workdir) {
  EnsembleFigures f;
  f.threads = *std::max_element(opt.threads.begin(), opt.threads.end());
  f.days = load_scenario(opt.scenario_path).config.run.days;
  if (opt.replicates > 0) {
    f.replicates = opt.replicates;
    f.one = time_run(opt, workdir, 1, f.threads);
    f.many = opt.replicates == 1 ? f.one : time_run(opt, workdir, opt.replicates, f.threads);
  }
  if (opt.morris_r > 0) {
    f.morris_r = opt.morris_r;
    f.morris_factors = opt.morris_factors;
    f.morris_replicates = opt.morris_replicates;
    f.morris = time_morris(opt, first_factors(opt.swsim_path, opt.scenario_path, opt.morris_factors), f.threads);
  }
  return f;
}

namespace {

// Replicate-days per second, memory per replicate and the 100-replicate target (projected linearly
// from 1 and N replicates when N differs from 100).
void print_replicates(const EnsembleFigures& f) {
  const int n = f.replicates;
  const double per_rep_s = n > 1 ? (f.many.wall_s - f.one.wall_s) / (n - 1) : f.one.wall_s;
  const double per_rep_mib = n > 1 ? (f.many.rss_mib - f.one.rss_mib) / (n - 1) : 0.0;
  std::printf("Ensembles: `swsim run --replicates N`, full city, %d days, %d threads (whole processes)\n", f.days,
              f.threads);
  std::printf("  replicates   wall s    CPU s   RSS MiB  replicate-days/s\n");
  for (const auto* r : {&f.one, &f.many}) {
    const int reps = r == &f.one ? 1 : n;
    std::printf("  %10d %8.2f %8.2f %9.1f %17.1f\n", reps, r->wall_s, r->cpu_s, r->rss_mib, reps * f.days / r->wall_s);
    if (n == 1) break;
  }
  std::printf("  each further replicate: %.2f s, %.1f MiB\n", per_rep_s, per_rep_mib);
  const bool measured = n == kTargetReplicates;
  const double t100 = measured ? f.many.wall_s : f.one.wall_s + (kTargetReplicates - 1) * per_rep_s;
  const double m100 = measured ? f.many.rss_mib : f.one.rss_mib + (kTargetReplicates - 1) * per_rep_mib;
  const char* how = measured ? "measured " : "projected";
  std::printf("  100 replicates: wall     %8.1f s   (%s)  target <= %.0f s       %s\n", t100, how, kTargetEnsembleS,
              verdict(t100 <= kTargetEnsembleS));
  std::printf("  100 replicates: memory   %8.1f MiB (%s)  target <= %.0f MiB   %s\n", m100, how, kTargetEnsembleMiB,
              verdict(m100 <= kTargetEnsembleMiB));
}

void print_morris(const EnsembleFigures& f) {
  const int runs = f.morris_r * (f.morris_factors + 1) * f.morris_replicates;
  std::printf("Morris design: `swsim sensitivity`, full city, %d factors x r = %d (%d points) x %d replicates = %d "
              "runs, %d threads\n",
              f.morris_factors, f.morris_r, f.morris_r * (f.morris_factors + 1), f.morris_replicates, runs, f.threads);
  std::printf("  wall %.1f s, CPU %.1f s, peak RSS %.1f MiB, %.2f s per replicate run\n", f.morris.wall_s,
              f.morris.cpu_s, f.morris.rss_mib, f.morris.wall_s / runs);
  const bool measured = runs == kTargetMorrisRuns && f.morris_factors == 10;
  const double t = f.morris.wall_s * kTargetMorrisRuns / runs;
  std::printf("  10 factors x r = 10 x 8 replicates: %8.1f s (%s)  target <= %.0f s   %s\n", t,
              measured ? "measured" : "projected", kTargetMorrisS, verdict(t <= kTargetMorrisS));
}

}  // namespace

bool print_ensembles(const EnsembleFigures& f) {
  bool ok = true;
  if (f.replicates > 0) {
    std::printf("\n");
    if (f.one.ok && f.many.ok) print_replicates(f);
    else std::printf("Ensembles: a run failed\n");
    ok = ok && f.one.ok && f.many.ok;
  }
  if (f.morris_r > 0) {
    std::printf("\n");
    if (f.morris.ok) print_morris(f);
    else std::printf("Morris design: the run failed (or the factors could not be listed)\n");
    ok = ok && f.morris.ok;
  }
  return ok;
}

}  // namespace swsim::bench
