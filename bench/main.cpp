// swsim-bench: performance benchmark of swsim (method and figures in docs/performance.md).
//
// For each scale, day count and thread count it
//   * times whole processes of `swsim run` (fork/exec; wall time, user+system CPU time and peak resident
//     memory of the child from wait4(), output file size), the way the targets are checked;
//   * runs the library in-process (load_scenario -> make_weather -> build_world -> Simulation::run ->
//     write_results) under tbb::global_control and times each phase separately;
//   * hashes the results (the Results arrays in-process; every dataset and attribute of the HDF5 file
//     except the command_line attribute for whole processes) and checks they are bit-identical for
//     every thread count.
// Repeats are interleaved over thread counts (rep 1 at 1, 2 threads, rep 2 at 1, 2 threads, ...) so slow
// drifts in machine load hit all thread counts alike; medians and minima are reported.
// It prints readable tables and, at scale 1 and 92 days, PASS/FAIL for each target.
#include <hdf5.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/version.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "swsim/config/scenario.hpp"
#include "swsim/io/result_writer.hpp"
#include "swsim/simulation/results.hpp"
#include "swsim/simulation/simulation.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

// ---- Targets: full Jinan, 92 days, one replicate, the baseline scenario, this 2-core box ----
constexpr double kTargetWallS = 5.0;                 // whole process at 2 threads
constexpr double kTargetElderDaysPerS = 34e6;        // 1.84 M x 92 / 5 s, rounded up
constexpr double kTargetRssMiB = 512.0;              // peak resident memory of the process
constexpr double kTargetSpeedup = 1.7;               // wall(1 thread) / wall(2 threads), whole process
constexpr double kTargetOutputMB = 50.0;             // HDF5 output, MB = 10^6 bytes

// ---- Small helpers ------------------------------------------------------------------------------------

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double median(std::vector<double> v) {
  if (v.empty()) return NAN;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}
double minimum(const std::vector<double>& v) { return v.empty() ? NAN : *std::min_element(v.begin(), v.end()); }
double maximum(const std::vector<double>& v) { return v.empty() ? NAN : *std::max_element(v.begin(), v.end()); }

template <typename T>
std::vector<T> parse_list(const std::string& text, const char* what) {
  std::vector<T> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    std::istringstream is(item);
    T v{};
    if (!(is >> v) || !is.eof()) throw std::runtime_error(std::string("bad value '") + item + "' in --" + what);
    out.push_back(v);
  }
  if (out.empty()) throw std::runtime_error(std::string("--") + what + " is empty");
  return out;
}

// 64-bit FNV-1a, enough to tell two result sets apart.
struct Hasher {
  std::uint64_t h = 1469598103934665603ull;
  void bytes(const void* p, std::size_t n) {
    const auto* c = static_cast<const unsigned char*>(p);
    for (std::size_t i = 0; i < n; ++i) {
      h ^= c[i];
      h *= 1099511628211ull;
    }
  }
  void text(const std::string& s) {
    const std::uint64_t n = s.size();
    bytes(&n, sizeof n);
    bytes(s.data(), s.size());
  }
};

std::string hex(std::uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::uint64_t hash_results(const swsim::Results& r) {
  Hasher hs;
  const int dims[2] = {r.days(), r.stations()};
  hs.bytes(dims, sizeof dims);
  for (std::size_t m = 0; m < swsim::kMetricCount; ++m) {
    const auto& s = r.series(static_cast<swsim::Metric>(m));
    hs.bytes(s.data(), s.size() * sizeof(double));
  }
  return hs.h;
}

// ---- Hash of an HDF5 result file ----------------------------------------------------------------------
// Every dataset's values and every attribute's value, by path and name, in name order; skipped: the
// `command_line` attribute (it names the thread count) and object references (DIMENSION_LIST,
// REFERENCE_LIST: file addresses, not results). Also sums `station_elders` (elders simulated).

struct H5Digest {
  Hasher hs;
  std::int64_t elders = 0;
  bool ok = true;
};

void hash_values(hid_t obj, bool attribute, const std::string& name, H5Digest& d) {
  const hid_t type = attribute ? H5Aget_type(obj) : H5Dget_type(obj);
  const hid_t space = attribute ? H5Aget_space(obj) : H5Dget_space(obj);
  if (type < 0 || space < 0) {
    d.ok = false;
    return;
  }
  const auto n = static_cast<std::size_t>(std::max<hssize_t>(0, H5Sget_simple_extent_npoints(space)));
  const H5T_class_t cls = H5Tget_class(type);
  d.hs.text(name);
  d.hs.bytes(&cls, sizeof cls);
  d.hs.bytes(&n, sizeof n);
  auto read = [&](hid_t mem, void* buf) {
    return attribute ? H5Aread(obj, mem, buf) : H5Dread(obj, mem, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf);
  };
  if (cls == H5T_STRING && H5Tis_variable_str(type) > 0) {
    const hid_t mem = H5Tcopy(H5T_C_S1);
    H5Tset_size(mem, H5T_VARIABLE);
    H5Tset_cset(mem, H5Tget_cset(type));
    std::vector<char*> buf(n, nullptr);
    if (n && read(mem, buf.data()) < 0) d.ok = false;
    for (char* s : buf) d.hs.text(s ? std::string(s) : std::string());
    if (n) H5Dvlen_reclaim(mem, space, H5P_DEFAULT, buf.data());
    H5Tclose(mem);
  } else if (cls == H5T_STRING || cls == H5T_INTEGER || cls == H5T_FLOAT) {
    const hid_t mem = cls == H5T_STRING ? H5Tcopy(type) : H5Tget_native_type(type, H5T_DIR_ASCEND);
    const std::size_t size = H5Tget_size(mem);
    std::vector<unsigned char> buf(n * size);
    if (n && read(mem, buf.data()) < 0) d.ok = false;
    d.hs.bytes(buf.data(), buf.size());
    if (!attribute && name == "/station_elders" && cls == H5T_INTEGER) {
      for (std::size_t i = 0; i < n; ++i) {
        if (size == 4) {
          std::int32_t v;
          std::memcpy(&v, buf.data() + i * 4, 4);
          d.elders += v;
        } else if (size == 8) {
          std::int64_t v;
          std::memcpy(&v, buf.data() + i * 8, 8);
          d.elders += v;
        }
      }
    }
    H5Tclose(mem);
  }  // references, vlen of references, compounds of references: structure only
  H5Sclose(space);
  H5Tclose(type);
}

herr_t hash_attribute(hid_t loc, const char* name, const H5A_info_t*, void* data) {
  auto& d = *static_cast<H5Digest*>(data);
  if (std::strcmp(name, "command_line") == 0) return 0;
  const hid_t a = H5Aopen(loc, name, H5P_DEFAULT);
  if (a < 0) {
    d.ok = false;
    return 0;
  }
  hash_values(a, true, std::string("@") + name, d);
  H5Aclose(a);
  return 0;
}

void hash_object_attributes(hid_t obj, H5Digest& d) {
  hsize_t idx = 0;
  H5Aiterate2(obj, H5_INDEX_NAME, H5_ITER_INC, &idx, hash_attribute, &d);
}

herr_t hash_link(hid_t group, const char* name, const H5L_info_t*, void* data) {
  auto& d = *static_cast<H5Digest*>(data);
  const hid_t obj = H5Oopen(group, name, H5P_DEFAULT);
  if (obj < 0) {
    d.ok = false;
    return 0;
  }
  const std::string path = std::string("/") + name;
  d.hs.text(path);
  if (H5Iget_type(obj) == H5I_DATASET) hash_values(obj, false, path, d);
  hash_object_attributes(obj, d);
  H5Oclose(obj);
  return 0;
}

std::optional<H5Digest> hash_h5_file(const std::string& path) {
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) return std::nullopt;
  H5Digest d;
  hash_object_attributes(f, d);  // global attributes
  H5Lvisit(f, H5_INDEX_NAME, H5_ITER_INC, hash_link, &d);
  H5Fclose(f);
  if (!d.ok) return std::nullopt;
  return d;
}

// ---- Measurements ---------------------------------------------------------------------------------------

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

struct Case {
  double scale;
  int days;
  int threads;
};

std::string fmt_scale(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", s);
  return buf;
}

ProcessRun run_process(const std::string& swsim, const std::string& scenario, const std::string& out, const Case& c) {
  std::vector<std::string> args{swsim,          "run",         "--scenario",          scenario,
                                "--out",        out,           "--scale",             fmt_scale(c.scale),
                                "--days",       std::to_string(c.days), "--threads", std::to_string(c.threads),
                                "--quiet"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  ProcessRun r;
  const auto t0 = Clock::now();
  const pid_t pid = fork();
  if (pid < 0) {
    std::perror("swsim-bench: fork");
    return r;
  }
  if (pid == 0) {
    if (FILE* null = std::fopen("/dev/null", "w")) dup2(fileno(null), STDOUT_FILENO);
    execv(argv[0], argv.data());
    std::perror("swsim-bench: exec");
    _exit(127);
  }
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
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "swsim-bench: '%s run' failed (status %d) at scale %g, %d days, %d threads\n",
                 swsim.c_str(), status, c.scale, c.days, c.threads);
    return r;
  }
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
  tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(c.threads));
  InprocRun r;
  // The same overrides, with the same origins, as `swsim run --scale S --days N` (the scenario text in the
  // file records them), so in-process and whole-process files hash alike.
  const std::vector<swsim::Override> overrides{{"run.scale", fmt_scale(c.scale), "--scale " + fmt_scale(c.scale)},
                                               {"run.days", std::to_string(c.days), "--days " + std::to_string(c.days)}};
  const auto t0 = Clock::now();
  auto t = t0;
  auto lap = [&t] {
    const double s = seconds_since(t);
    t = Clock::now();
    return s;
  };
  const swsim::Scenario scenario = swsim::load_scenario(scenario_path, overrides);
  r.load_s = lap();
  std::vector<swsim::WeatherDay> weather = swsim::make_weather(scenario.config);
  r.weather_s = lap();
  const swsim::World world = swsim::build_world(scenario.config);
  r.world_s = lap();
  swsim::Simulation sim(scenario.config, world, std::move(weather));
  r.init_s = lap();
  while (sim.day() < scenario.config.run.days) {
    const auto d0 = Clock::now();
    sim.step();
    r.day_s.push_back(seconds_since(d0));
  }
  r.loop_s = lap();
  swsim::write_results(out, scenario, world, sim.weather(), sim.results(), swsim::RunInfo{SWSIM_VERSION, "swsim-bench"});
  r.write_s = lap();
  r.total_s = seconds_since(t0);
  r.elders = static_cast<std::int64_t>(world.elders.size());
  r.results_hash = hex(hash_results(sim.results()));
  std::error_code ec;
  r.output_bytes = fs::file_size(out, ec);
  if (const auto d = hash_h5_file(out)) r.file_hash = hex(d->hs.h);
  return r;
}

// ---- Machine description ---------------------------------------------------------------------------------

std::string read_first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

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
  return a + " " + b + " " + c;
}

double load1() { return std::atof(read_first_line("/proc/loadavg").c_str()); }

// Share of both cores busy (any process) over `secs`, from /proc/stat.
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

// With --wait-idle S: before a run, waits (at most S seconds in all per run) until the machine was less
// than 10 % busy over half a second. Returns the busy share measured last.
double wait_for_idle(double max_wait_s) {
  if (max_wait_s <= 0) return NAN;
  const auto t0 = Clock::now();
  double busy = machine_busy(0.5);
  while (busy > 0.10 && seconds_since(t0) < max_wait_s) busy = machine_busy(0.5);
  return busy;
}

std::string default_swsim_path() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path next = self.parent_path().parent_path() / "sim" / "swsim";
    if (fs::exists(next)) return next.string();
  }
  return SWSIM_BENCH_SWSIM_PATH;
}

const char* pass(bool ok) { return ok ? "PASS" : "FAIL"; }

}  // namespace

int main(int argc, char** argv) {
  po::options_description desc(
      "swsim-bench: performance benchmark of swsim (docs/performance.md)\n\n"
      "Usage: swsim-bench [options]\n\nOptions");
  desc.add_options()("help,h", "show this help")(
      "scenario", po::value<std::string>()->default_value(std::string(SWSIM_BENCH_SOURCE_DIR) + "/scenarios/baseline.ini"),
      "scenario file")("scales", po::value<std::string>()->default_value("0.1,1.0"), "comma-separated scales")(
      "days", po::value<std::string>(), "comma-separated day counts (default: the scenario's run.days)")(
      "threads", po::value<std::string>()->default_value("1,2"), "comma-separated thread counts")(
      "repeat", po::value<int>()->default_value(3), "runs per case (median and min are reported)")(
      "mode", po::value<std::string>()->default_value("both"),
      "process (time whole `swsim run` processes), inprocess (phases timed in-process) or both")(
      "swsim", po::value<std::string>(), "the swsim executable for whole-process runs (default: ../sim/swsim next to this program)")(
      "quick", "smoke test: scale 0.1 only, 1 run per case")("per-day", "print the day loop's time per simulated day (in-process)")(
      "csv", po::value<std::string>(), "also write every single run as a CSV row to FILE")(
      "workdir", po::value<std::string>(), "folder for result files (default: a fresh folder under /tmp, removed afterwards)")(
      "wait-idle", po::value<double>()->default_value(0)->value_name("S"),
      "before each run wait up to S seconds until the machine is idle (< 10 % busy over 0.5 s)")(
      "hash", po::value<std::string>()->value_name("FILE"),
      "print the result hash of an swsim output file (what the bit-identity check compares) and exit")(
      "keep", "keep the result files (the last run of each case) in the work folder");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "swsim-bench: " << e.what() << "\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << desc << "\n";
    return 0;
  }

  if (vm.count("hash")) {
    H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    const auto d = hash_h5_file(vm["hash"].as<std::string>());
    if (!d) {
      std::cerr << "swsim-bench: cannot read " << vm["hash"].as<std::string>() << "\n";
      return 1;
    }
    std::printf("%s  %s  (%lld elders)\n", hex(d->hs.h).c_str(), vm["hash"].as<std::string>().c_str(),
                static_cast<long long>(d->elders));
    return 0;
  }

  std::vector<double> scales;
  std::vector<int> days_list, threads_list;
  int repeat = vm["repeat"].as<int>();
  const std::string mode = vm["mode"].as<std::string>();
  const std::string scenario_path = vm["scenario"].as<std::string>();
  const bool quick = vm.count("quick") > 0;
  const bool keep = vm.count("keep") > 0;
  const double wait_idle = vm["wait-idle"].as<double>();
  try {
    scales = parse_list<double>(quick && vm["scales"].defaulted() ? std::string("0.1") : vm["scales"].as<std::string>(), "scales");
    threads_list = parse_list<int>(vm["threads"].as<std::string>(), "threads");
    if (vm.count("days")) {
      days_list = parse_list<int>(vm["days"].as<std::string>(), "days");
    } else {
      days_list = {swsim::load_scenario(scenario_path).config.run.days};
    }
    if (quick && vm["repeat"].defaulted()) repeat = 1;
    if (repeat < 1) throw std::runtime_error("--repeat must be at least 1");
    if (mode != "both" && mode != "process" && mode != "inprocess")
      throw std::runtime_error("--mode must be process, inprocess or both");
    for (int t : threads_list)
      if (t < 1) throw std::runtime_error("--threads: thread counts must be >= 1");
    for (double s : scales)
      if (!(s > 0 && s <= 1)) throw std::runtime_error("--scales: each scale must be in (0, 1]");
  } catch (const std::exception& e) {
    std::cerr << "swsim-bench: " << e.what() << "\n";
    return 2;
  }
  const bool do_process = mode != "inprocess";
  const bool do_inproc = mode != "process";
  const std::string swsim = vm.count("swsim") ? vm["swsim"].as<std::string>() : default_swsim_path();
  if (do_process && access(swsim.c_str(), X_OK) != 0) {
    std::cerr << "swsim-bench: cannot execute " << swsim << " (build the swsim target or pass --swsim PATH)\n";
    return 2;
  }

  fs::path workdir;
  bool own_workdir = false;
  if (vm.count("workdir")) {
    workdir = vm["workdir"].as<std::string>();
    fs::create_directories(workdir);
  } else {
    char tmpl[] = "/tmp/swsim-bench.XXXXXX";
    if (!mkdtemp(tmpl)) {
      std::perror("swsim-bench: mkdtemp");
      return 1;
    }
    workdir = tmpl;
    own_workdir = true;
  }
  std::ofstream csv;
  if (vm.count("csv")) {
    csv.open(vm["csv"].as<std::string>());
    if (!csv) {
      std::cerr << "swsim-bench: cannot write " << vm["csv"].as<std::string>() << "\n";
      return 2;
    }
    csv << "mode,scale,days,threads,rep,elders,wall_s,cpu_s,peak_rss_mib,output_bytes,load_s,weather_s,world_s,"
           "init_s,loop_s,write_s,hash,busy_before\n";
  }
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);  // read errors are reported by the benchmark itself

  std::printf("swsim-bench %s\n", SWSIM_VERSION);
  std::printf("machine   : %u hardware threads, %s\n", std::thread::hardware_concurrency(), cpu_model().c_str());
  std::printf("build     : %s, g++ %s, flags '%s'; oneTBB %s, HDF5 %d.%d.%d\n", SWSIM_BENCH_BUILD_TYPE, __VERSION__,
              SWSIM_BENCH_CXX_FLAGS, TBB_VERSION_STRING, H5_VERS_MAJOR, H5_VERS_MINOR, H5_VERS_RELEASE);
  std::printf("scenario  : %s\n", scenario_path.c_str());
  if (do_process) std::printf("swsim     : %s\n", swsim.c_str());
  std::printf("runs      : %d per case, repeats interleaved over thread counts; load average %s at start\n", repeat,
              loadavg().c_str());
  if (wait_idle > 0)
    std::printf("idle wait : before each run, up to %g s until the machine is < 10 %% busy over 0.5 s\n", wait_idle);
  if (load1() > 1.0)
    std::printf("note      : the machine is busy (1-min load %.2f): timings are noisy, compare minima\n", load1());
  std::printf("\n");
  std::fflush(stdout);

  // Results, keyed by (scale, days) then threads.
  using Key = std::pair<double, int>;
  std::map<Key, std::map<int, std::vector<ProcessRun>>> proc;
  std::map<Key, std::map<int, std::vector<InprocRun>>> inproc;
  int failures = 0;

  for (double scale : scales) {
    for (int days : days_list) {
      const Key key{scale, days};
      for (int rep = 0; rep < repeat; ++rep) {
        for (int threads : threads_list) {
          const Case c{scale, days, threads};
          char label[96];
          std::snprintf(label, sizeof label, "scale %g, %d days, %d thread%s, run %d/%d", scale, days, threads,
                        threads == 1 ? "" : "s", rep + 1, repeat);
          if (do_process) {
            const std::string out = (workdir / ("process-" + fmt_scale(scale) + "-" + std::to_string(days) + "-" +
                                                std::to_string(threads) + ".h5"))
                                        .string();
            const double busy = wait_for_idle(wait_idle);
            std::fprintf(stderr, "  process   %s ...", label);
            ProcessRun r = run_process(swsim, scenario_path, out, c);
            r.busy_before = busy;
            std::fprintf(stderr, " %.3f s\n", r.wall_s);
            if (!r.ok) ++failures;
            if (csv)
              csv << "process," << scale << "," << days << "," << threads << "," << rep + 1 << "," << r.elders << ","
                  << r.wall_s << "," << r.cpu_s << "," << r.rss_mib << "," << r.output_bytes << ",,,,,,," << r.hash
                  << "," << r.busy_before << "\n";
            proc[key][threads].push_back(r);
            std::error_code ec;
            if (!keep) fs::remove(out, ec);
          }
          if (do_inproc) {
            const std::string out = (workdir / ("inprocess-" + fmt_scale(scale) + "-" + std::to_string(days) + "-" +
                                                std::to_string(threads) + ".h5"))
                                        .string();
            const double busy = wait_for_idle(wait_idle);
            std::fprintf(stderr, "  inprocess %s ...", label);
            InprocRun r;
            try {
              r = run_inprocess(scenario_path, out, c);
              r.busy_before = busy;
            } catch (const std::exception& e) {
              std::fprintf(stderr, " failed: %s\n", e.what());
              ++failures;
              continue;
            }
            std::fprintf(stderr, " %.3f s\n", r.total_s);
            if (csv)
              csv << "inprocess," << scale << "," << days << "," << threads << "," << rep + 1 << "," << r.elders
                  << "," << r.total_s << ",,," << r.output_bytes << "," << r.load_s << "," << r.weather_s << ","
                  << r.world_s << "," << r.init_s << "," << r.loop_s << "," << r.write_s << "," << r.results_hash
                  << "," << r.busy_before << "\n";
            inproc[key][threads].push_back(r);
            std::error_code ec;
            if (!keep) fs::remove(out, ec);
          }
        }
      }
    }
  }
  const std::string load_end = loadavg();

  // ---- Whole-process table ----
  const int t_base = *std::min_element(threads_list.begin(), threads_list.end());
  if (do_process) {
    std::printf("Whole processes: `swsim run` timed from fork to exit (wall), CPU = user+system, RSS = peak resident "
                "memory (wait4)\n");
    std::printf("%6s %5s %3s %10s %9s %9s %10s %8s %6s %9s %9s %9s %17s\n", "scale", "days", "thr", "elders",
                "wall med", "wall min", "Melder-d/s", "CPU s", "CPU/wl", "RSS MiB", "output MB", "speed-up",
                "result hash");
    for (const auto& [key, by_threads] : proc) {
      const double base_med = by_threads.count(t_base) ? median([&] {
        std::vector<double> v;
        for (const auto& r : by_threads.at(t_base)) v.push_back(r.wall_s);
        return v;
      }()) : NAN;
      for (const auto& [threads, runs] : by_threads) {
        std::vector<double> wall, cpu, rss, util;
        for (const auto& r : runs) {
          wall.push_back(r.wall_s);
          cpu.push_back(r.cpu_s);
          rss.push_back(r.rss_mib);
          util.push_back(r.cpu_s / r.wall_s);
        }
        const double med = median(wall);
        const double ed = static_cast<double>(runs.front().elders) * key.second / med / 1e6;
        std::printf("%6g %5d %3d %10lld %9.3f %9.3f %10.1f %8.2f %6.2f %9.1f %9.2f %8.2fx %17s\n", key.first,
                    key.second, threads, static_cast<long long>(runs.front().elders), med, minimum(wall), ed,
                    median(cpu), median(util), maximum(rss), static_cast<double>(runs.front().output_bytes) / 1e6,
                    base_med / med, runs.front().hash.c_str());
      }
    }
    std::printf("(speed-up = median wall at %d thread%s / median wall at N threads; CPU/wl = CPU time / wall time, "
                "about 1.0 at 1 thread\n on an idle machine, less when other processes take the cores; RSS is the "
                "maximum over runs)\n\n",
                t_base, t_base == 1 ? "" : "s");
  }

  // ---- In-process phase table ----
  if (do_inproc) {
    std::printf("In-process phases (median seconds over runs): load = load_scenario, weather = make_weather, world = "
                "build_world,\ninit = Simulation constructor, days = Simulation::step x days, write = write_results\n");
    std::printf("%6s %5s %3s %8s %8s %8s %8s %8s %8s %8s %9s %9s %10s %17s\n", "scale", "days", "thr", "load", "weather",
                "world", "init", "days", "write", "total", "ms/day", "days x", "Melder-d/s", "results hash");
    for (const auto& [key, by_threads] : inproc) {
      auto loop_median = [&](int t) {
        if (!by_threads.count(t)) return static_cast<double>(NAN);
        std::vector<double> v;
        for (const auto& r : by_threads.at(t)) v.push_back(r.loop_s);
        return median(v);
      };
      const double base_loop = loop_median(t_base);
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
                    static_cast<double>(runs.front().elders) * key.second / loop / 1e6, runs.front().results_hash.c_str());
      }
    }
    std::printf("(days x = speed-up of the day loop over %d thread%s; Melder-d/s here = elder-days per second of the "
                "day loop alone)\n\n",
                t_base, t_base == 1 ? "" : "s");
    if (vm.count("per-day")) {
      for (const auto& [key, by_threads] : inproc)
        for (const auto& [threads, runs] : by_threads) {
          const auto& r = runs.back();
          std::printf("per-day ms, scale %g, %d threads (last run):", key.first, threads);
          for (std::size_t d = 0; d < r.day_s.size(); ++d) std::printf("%s%.1f", d % 23 ? " " : "\n  ", 1e3 * r.day_s[d]);
          std::printf("\n");
        }
      std::printf("\n");
    }
  }

  // ---- Determinism ----
  bool identical = true;
  std::printf("Bit-identical results across thread counts\n");
  for (double scale : scales)
    for (int days : days_list) {
      const Key key{scale, days};
      std::vector<std::string> hashes;
      if (do_process && proc.count(key))
        for (const auto& [t, runs] : proc[key])
          for (const auto& r : runs) hashes.push_back(r.hash);
      std::vector<std::string> rh, fh;
      if (do_inproc && inproc.count(key))
        for (const auto& [t, runs] : inproc[key])
          for (const auto& r : runs) {
            rh.push_back(r.results_hash);
            fh.push_back(r.file_hash);
          }
      auto all_same = [](const std::vector<std::string>& v) {
        return std::all_of(v.begin(), v.end(), [&](const std::string& s) { return s == v.front() && !s.empty(); });
      };
      // Every output file (whole-process and in-process) must hash alike, and every in-process Results.
      std::vector<std::string> files = hashes;
      for (const auto& h : fh) files.push_back(h);
      bool ok = true;
      if (!files.empty()) ok = ok && all_same(files);
      if (!rh.empty()) ok = ok && all_same(rh);
      std::printf("  scale %-5g %3d days: %s  (%zu output files and %zu in-process Results, threads", scale, days,
                  pass(ok), files.size(), rh.size());
      for (int t : threads_list) std::printf(" %d", t);
      std::printf(")\n");
      identical = identical && ok;
    }
  std::printf("\n");

  // ---- Targets ----
  const Key full{1.0, 92};
  if (do_process && proc.count(full)) {
    // With --wait-idle, runs that started on a busy machine (the wait timed out) are left out of the
    // verdicts when clean runs remain at that thread count.
    std::map<int, std::vector<ProcessRun>> by;
    int left_out = 0;
    for (const auto& [t, runs] : proc.at(full)) {
      for (const auto& r : runs)
        if (!(r.busy_before > 0.10)) by[t].push_back(r);
      if (by[t].empty()) by[t] = runs;
      left_out += static_cast<int>(runs.size() - by[t].size());
    }
    const int t_hi = 2;
    std::printf("Targets (full Jinan, 92 days, whole processes, %s)\n", scenario_path.c_str());
    if (left_out > 0)
      std::printf("  (%d run%s that started on a busy machine left out of the verdicts)\n", left_out,
                  left_out == 1 ? "" : "s");
    auto walls = [&](int t) {
      std::vector<double> v;
      if (by.count(t))
        for (const auto& r : by.at(t)) v.push_back(r.wall_s);
      return v;
    };
    if (by.count(t_hi)) {
      const double w = median(walls(t_hi));
      const double ed = static_cast<double>(by.at(t_hi).front().elders) * 92 / w;
      std::printf("  wall time at 2 threads   %8.3f s  (min %.3f)       target <= %.0f s          %s\n", w,
                  minimum(walls(t_hi)), kTargetWallS, pass(w <= kTargetWallS));
      std::printf("  elder-days per second    %8.1f M  at 2 threads     target >= %.0f M          %s\n", ed / 1e6,
                  kTargetElderDaysPerS / 1e6, pass(ed >= kTargetElderDaysPerS));
    } else {
      std::printf("  wall time / elder-days per second: not measured at 2 threads\n");
    }
    double rss = 0, out_mb = 0;
    for (const auto& [t, runs] : by)
      for (const auto& r : runs) {
        rss = std::max(rss, r.rss_mib);
        out_mb = std::max(out_mb, static_cast<double>(r.output_bytes) / 1e6);
      }
    std::printf("  peak resident memory     %8.1f MiB (max over runs) target <= %.0f MiB        %s\n", rss,
                kTargetRssMiB, pass(rss <= kTargetRssMiB));
    if (by.count(1) && by.count(t_hi)) {
      std::vector<double> util1;
      for (const auto& r : by.at(1)) util1.push_back(r.cpu_s / r.wall_s);
      if (median(util1) < 0.9)
        std::printf("  note: at 1 thread the runs got only %.0f %% of a core (CPU/wall): other processes were running, "
                    "so wall times\n        and the speed-up are not reliable; rerun on an idle machine\n",
                    100 * median(util1));
      const double sp = median(walls(1)) / median(walls(t_hi));
      const double sp_min = minimum(walls(1)) / minimum(walls(t_hi));
      std::printf("  speed-up 1 -> 2 threads  %8.2f x (min/min %.2f x)  target >= %.1f x          %s\n", sp, sp_min,
                  kTargetSpeedup, pass(sp >= kTargetSpeedup));
    } else {
      std::printf("  speed-up 1 -> 2 threads: needs --threads 1,2\n");
    }
    std::printf("  HDF5 output              %8.2f MB                target <= %.0f MB           %s\n", out_mb,
                kTargetOutputMB, pass(out_mb <= kTargetOutputMB));
    std::printf("  bit-identical results    %8s                   any thread count          %s\n",
                identical ? "yes" : "NO", pass(identical));
  } else {
    std::printf("Targets: not evaluated (they need whole-process runs at scale 1 and 92 days)\n");
  }
  std::printf("\nload average %s at the end\n", load_end.c_str());
  if (wait_idle > 0) {
    std::vector<double> busy;
    for (const auto& [key, by] : proc)
      for (const auto& [t, runs] : by)
        for (const auto& r : runs) busy.push_back(r.busy_before);
    for (const auto& [key, by] : inproc)
      for (const auto& [t, runs] : by)
        for (const auto& r : runs) busy.push_back(r.busy_before);
    const auto busy_runs = std::count_if(busy.begin(), busy.end(), [](double b) { return b > 0.10; });
    std::printf("machine busy just before a run: median %.0f %%, max %.0f %%; %lld of %zu runs started on a busy "
                "machine\n",
                100 * median(busy), 100 * maximum(busy), static_cast<long long>(busy_runs), busy.size());
  }

  if (keep) std::printf("result files kept in %s\n", workdir.c_str());
  if (own_workdir && !keep) {
    std::error_code ec;
    fs::remove_all(workdir, ec);
  }
  return failures == 0 && identical ? 0 : 1;
}
