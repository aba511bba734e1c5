// Measurements of swsim-bench (see measure.hpp).
#include "measure.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <oneapi/tbb/global_control.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

#include "h5_digest.hpp"
#include "options.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/io/result_writer.hpp"
#include "swsim/simulation/results.hpp"
#include "swsim/simulation/simulation.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"
#include "swsim/world/world_cache.hpp"

namespace fs = std::filesystem;

namespace swsim::bench {

double seconds_since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}
double minimum(const std::vector<double>& v) {
  return v.empty() ? NAN : *std::min_element(v.begin(), v.end());
}
double maximum(const std::vector<double>& v) {
  return v.empty() ? NAN : *std::max_element(v.begin(), v.end());
}

std::string fmt_scale(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

namespace {

// Starts `args` with stdout to /dev/null; the child's pid, or -1.
// Linux keeps a forked child's high-water mark of resident memory through exec, starting from the parent's
// resident size at fork: the memory the in-process runs left in the allocator is returned first, so the
// child's peak RSS is its own.
pid_t spawn(std::vector<std::string> args) {
  malloc_trim(0);
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("swsim-bench: fork");
    return pid;
  }
  if (pid == 0) {
    if (FILE* null = std::fopen("/dev/null", "w")) dup2(fileno(null), STDOUT_FILENO);
    execv(argv[0], argv.data());
    std::perror("swsim-bench: exec");
    _exit(127);
  }
  return pid;
}

}  // namespace

TimedRun run_timed(const std::vector<std::string>& args, const std::string& context) {
  TimedRun r;
  const auto t0 = Clock::now();
  const pid_t pid = spawn(args);
  if (pid < 0) return r;
  int status = 0;
  rusage ru{};
  while (wait4(pid, &status, 0, &ru) < 0)
    if (errno != EINTR) {
      std::perror("swsim-bench: wait4");
      return r;
    }
  r.wall_s = seconds_since(t0);
  r.cpu_s = static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
            1e-6 * static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
  r.rss_mib = static_cast<double>(ru.ru_maxrss) / 1024.0;  // Linux: KiB
  r.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  if (!r.ok)
    std::fprintf(stderr, "swsim-bench: '%s %s' failed (status %d)%s\n", args[0].c_str(), args[1].c_str(), status,
                 context.c_str());
  return r;
}

ProcessRun run_process(const std::string& swsim, const std::string& scenario, const std::string& out,
                       const Case& c) {
  ProcessRun r;
  char context[96];
  std::snprintf(context, sizeof context, " at scale %g, %d days, %d threads", c.scale, c.days, c.threads);
  const TimedRun t = run_timed({swsim, "run", "--scenario", scenario, "--out", out, "--scale", fmt_scale(c.scale),
                                "--days", std::to_string(c.days), "--threads", std::to_string(c.threads), "--quiet"},
                               context);
  r.wall_s = t.wall_s;
  r.cpu_s = t.cpu_s;
  r.rss_mib = t.rss_mib;
  if (!t.ok) return r;
  std::error_code ec;
  r.output_bytes = fs::file_size(out, ec);
  if (const auto d = hash_h5_file(out)) {
    r.hash = hex(d->hs.h);
    r.elders = d->elders;
    r.ok = true;
  } else {
    std::fprintf(stderr, "swsim-bench: could not read %s\n", out.c_str());
  }
  return r;
}

InprocRun run_inprocess(const std::string& scenario_path, const std::string& out, const Case& c) {
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism,
                            static_cast<std::size_t>(c.threads));
  InprocRun r;
  // The same overrides, with the same origins, as `swsim run --scale S --days N` (the scenario text in the
  // file records them), so in-process and whole-process files hash alike.
  const std::vector<Override> overrides{
      {"run.scale", fmt_scale(c.scale), "--scale " + fmt_scale(c.scale)},
      {"run.days", std::to_string(c.days), "--days " + std::to_string(c.days)}};
  clear_world_cache();  // each run builds its territories like a fresh process
  const auto t0 = Clock::now();
  auto t = t0;
  auto lap = [&t] {
    const double s = seconds_since(t);
    t = Clock::now();
    return s;
  };
  const Scenario scenario = load_scenario(scenario_path, overrides);
  r.load_s = lap();
  std::vector<WeatherDay> weather = make_weather(scenario.config);
  r.weather_s = lap();
  const World world = build_world(scenario.config);
  r.world_s = lap();
  Simulation sim(scenario.config, world, std::move(weather));
  r.init_s = lap();
  while (sim.day() < scenario.config.run.days) {
    const auto d0 = Clock::now();
    sim.step();
    r.day_s.push_back(seconds_since(d0));
  }
  r.loop_s = lap();
  write_results(out, scenario, world, sim.weather(), sim.results(), RunInfo{SWSIM_VERSION, "swsim-bench"});
  r.write_s = lap();
  r.total_s = seconds_since(t0);
  r.elders = static_cast<std::int64_t>(world.elders.size());
  r.results_hash = hex(hash_results(sim.results()));
  std::error_code ec;
  r.output_bytes = fs::file_size(out, ec);
  if (const auto d = hash_h5_file(out)) r.file_hash = hex(d->hs.h);
  return r;
}

// ---- Running every case ----

void write_csv_header(std::ostream& csv) {
  csv << "mode,scale,days,threads,rep,elders,wall_s,cpu_s,peak_rss_mib,output_bytes,load_s,weather_s,world_s,"
         "init_s,loop_s,write_s,hash,busy_before\n";
}

namespace {

// One run of one case: what it is, where its file goes, where its row goes.
struct RunSlot {
  const BenchOptions& opt;
  const fs::path& workdir;
  std::ostream* csv;
  Case c;
  int rep;
  std::string label;  // "scale S, D days, T threads, run r/R"

  std::string out(const char* mode) const {
    std::string name(mode);
    name.append("-").append(fmt_scale(c.scale)).append("-").append(std::to_string(c.days));
    name.append("-").append(std::to_string(c.threads)).append(".h5");
    return (workdir / name).string();
  }
  void remove(const std::string& file) const {
    std::error_code ec;
    if (!opt.keep) fs::remove(file, ec);
  }
};

void measure_process(const RunSlot& s, Measurements& m) {
  const std::string out = s.out("process");
  const double busy = wait_for_idle(s.opt.wait_idle);
  std::fprintf(stderr, "  process   %s ...", s.label.c_str());
  ProcessRun r = run_process(s.opt.swsim_path, s.opt.scenario_path, out, s.c);
  r.busy_before = busy;
  std::fprintf(stderr, " %.3f s\n", r.wall_s);
  if (!r.ok) ++m.failures;
  if (s.csv)
    *s.csv << "process," << s.c.scale << "," << s.c.days << "," << s.c.threads << "," << s.rep + 1 << ","
           << r.elders << "," << r.wall_s << "," << r.cpu_s << "," << r.rss_mib << "," << r.output_bytes
           << ",,,,,,," << r.hash << "," << r.busy_before << "\n";
  m.proc[{s.c.scale, s.c.days}][s.c.threads].push_back(r);
  s.remove(out);
}

void measure_inprocess(const RunSlot& s, Measurements& m) {
  const std::string out = s.out("inprocess");
  const double busy = wait_for_idle(s.opt.wait_idle);
  std::fprintf(stderr, "  inprocess %s ...", s.label.c_str());
  InprocRun r;
  try {
    r = run_inprocess(s.opt.scenario_path, out, s.c);
    r.busy_before = busy;
  } catch (const std::exception& e) {
    std::fprintf(stderr, " failed: %s\n", e.what());
    ++m.failures;
    return;
  }
  std::fprintf(stderr, " %.3f s\n", r.total_s);
  if (s.csv)
    *s.csv << "inprocess," << s.c.scale << "," << s.c.days << "," << s.c.threads << "," << s.rep + 1 << ","
           << r.elders << "," << r.total_s << ",,," << r.output_bytes << "," << r.load_s << "," << r.weather_s
           << "," << r.world_s << "," << r.init_s << "," << r.loop_s << "," << r.write_s << ","
           << r.results_hash << "," << r.busy_before << "\n";
  m.inproc[{s.c.scale, s.c.days}][s.c.threads].push_back(r);
  s.remove(out);
}

std::string run_label(const Case& c, int rep, int repeat) {
  char label[96];
  std::snprintf(label, sizeof label, "scale %g, %d days, %d thread%s, run %d/%d", c.scale, c.days, c.threads,
                c.threads == 1 ? "" : "s", rep + 1, repeat);
  return label;
}

}  // namespace

Measurements run_cases(const BenchOptions& opt, const fs::path& workdir, std::ostream* csv) {
  Measurements m;
  for (double scale : opt.scales)
    for (int days : opt.days)
      for (int rep = 0; rep < opt.repeat; ++rep)
        for (int threads : opt.threads) {
          const Case c{scale, days, threads};
          const RunSlot slot{opt, workdir, csv, c, rep, run_label(c, rep, opt.repeat)};
          if (opt.do_process) measure_process(slot, m);
          if (opt.do_inproc) measure_inprocess(slot, m);
        }
  return m;
}

// ---- Machine description ----

namespace {

std::string read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) {
      const auto colon = line.find(':');
      return colon == std::string::npos ? line : line.substr(colon + 2);
    }
  return "unknown";
}

std::string loadavg() {
  std::istringstream is(read_first_line("/proc/loadavg"));
  std::string a, b, c;
  is >> a >> b >> c;
  std::string out(a);
  out.append(" ").append(b).append(" ").append(c);
  return out;
}

double load1() {
  return std::atof(read_first_line("/proc/loadavg").c_str());
}

double machine_busy(double secs) {
  auto sample = [] {
    std::istringstream is(read_first_line("/proc/stat"));
    std::string cpu;
    double v[8] = {0, 0, 0, 0, 0, 0, 0, 0};
    is >> cpu;
    for (double& x : v) is >> x;
    double total = 0;
    for (double x : v) total += x;
    return std::pair<double, double>{total, v[3] + v[4]};  // idle + iowait
  };
  const auto a = sample();
  std::this_thread::sleep_for(std::chrono::duration<double>(secs));
  const auto b = sample();
  const double total = b.first - a.first;
  return total > 0 ? 1.0 - (b.second - a.second) / total : 0.0;
}

double wait_for_idle(double max_wait_s) {
  if (max_wait_s <= 0) return NAN;
  const auto t0 = Clock::now();
  double busy = machine_busy(0.5);
  while (busy > 0.10 && seconds_since(t0) < max_wait_s) busy = machine_busy(0.5);
  return busy;
}

}  // namespace swsim::bench
