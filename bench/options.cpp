// The command line of swsim-bench (see options.hpp).
#include "options.hpp"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <filesystem>
#include <sstream>

#include "swsim/config/scenario.hpp"

namespace po = boost::program_options;
namespace fs = std::filesystem;

namespace swsim::bench {

namespace {

po::options_description describe_options() {
  po::options_description desc(
      "swsim-bench: performance benchmark of swsim (docs/performance.md)\n\n"
      "Usage: swsim-bench [options]\n\nOptions");
  std::string baseline(SWSIM_BENCH_SOURCE_DIR);
  baseline.append("/scenarios/baseline.ini");
  auto add = desc.add_options();
  add("help,h", "show this help");
  add("scenario", po::value<std::string>()->default_value(baseline), "scenario file");
  add("scales", po::value<std::string>()->default_value("0.1,1.0"), "comma-separated scales");
  add("days", po::value<std::string>(), "comma-separated day counts (default: the scenario's run.days)");
  add("threads", po::value<std::string>()->default_value("1,2"), "comma-separated thread counts");
  add("repeat", po::value<int>()->default_value(3), "runs per case (median and min are reported)");
  add("mode", po::value<std::string>()->default_value("both"),
      "process (time whole `swsim run` processes), inprocess (phases timed in-process) or both");
  add("swsim", po::value<std::string>(),
      "the swsim executable for whole-process runs (default: ../sim/swsim next to this program)");
  add("quick", "smoke test: scale 0.1 only, 1 run per case");
  add("per-day", "print the day loop's time per simulated day (in-process)");
  add("csv", po::value<std::string>(), "also write every single run as a CSV row to FILE");
  add("workdir", po::value<std::string>(),
      "folder for result files (default: a fresh folder under /tmp, removed afterwards)");
  add("wait-idle", po::value<double>()->default_value(0)->value_name("S"),
      "before each run wait up to S seconds until the machine is idle (< 10 % busy over 0.5 s)");
  add("hash", po::value<std::string>()->value_name("FILE"),
      "print the result hash of an swsim output file (what the bit-identity check compares) and exit");
  add("keep", "keep the result files (the last run of each case) in the work folder");
  add("replicates", po::value<int>()->default_value(0)->value_name("N"),
      "also time `swsim run --replicates N` on the full city at the largest thread count (ensemble throughput, "
      "memory per replicate)");
  add("morris", po::value<int>()->default_value(0)->value_name("R"),
      "also time `swsim sensitivity -r R` on the full city (a Morris design) at the largest thread count");
  add("morris-factors", po::value<int>()->default_value(10)->value_name("K"), "factors of the Morris design");
  add("morris-replicates", po::value<int>()->default_value(8)->value_name("N"), "replicates per Morris point");
  return desc;
}

template <typename T>
std::vector<T> parse_list(const std::string& text, const char* what) {
  std::vector<T> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (item.empty()) continue;
    std::istringstream is(item);
    T v{};
    if (!(is >> v) || !is.eof()) {
      std::string msg("bad value '");
      msg.append(item).append("' in --").append(what);
      throw OptionError(msg);
    }
    out.push_back(v);
  }
  if (out.empty()) {
    std::string msg("--");
    msg.append(what).append(" is empty");
    throw OptionError(msg);
  }
  return out;
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

// Scales, day counts (default: the scenario's run.days), thread counts and repeats, each checked.
void read_cases(const po::variables_map& vm, BenchOptions& o) {
  const bool quick = vm.count("quick") > 0;
  o.scales = parse_list<double>(
      quick && vm["scales"].defaulted() ? std::string("0.1") : vm["scales"].as<std::string>(), "scales");
  o.threads = parse_list<int>(vm["threads"].as<std::string>(), "threads");
  if (vm.count("days")) {
    o.days = parse_list<int>(vm["days"].as<std::string>(), "days");
  } else {
    try {
      o.days = {load_scenario(o.scenario_path).config.run.days};
    } catch (const std::exception& e) {
      throw OptionError(e.what());
    }
  }
  o.repeat = vm["repeat"].as<int>();
  if (quick && vm["repeat"].defaulted()) o.repeat = 1;
  if (o.repeat < 1) throw OptionError("--repeat must be at least 1");
  for (int t : o.threads)
    if (t < 1) throw OptionError("--threads: thread counts must be >= 1");
  for (double s : o.scales)
    if (!(s > 0 && s <= 1)) throw OptionError("--scales: each scale must be in (0, 1]");
}

// --mode, --swsim (checked executable when whole processes are timed) and the output options.
void read_modes(const po::variables_map& vm, BenchOptions& o) {
  const std::string mode = vm["mode"].as<std::string>();
  if (mode != "both" && mode != "process" && mode != "inprocess")
    throw OptionError("--mode must be process, inprocess or both");
  o.do_process = mode != "inprocess";
  o.do_inproc = mode != "process";
  o.swsim_path = vm.count("swsim") ? vm["swsim"].as<std::string>() : default_swsim_path();
  if (o.do_process && access(o.swsim_path.c_str(), X_OK) != 0) {
    std::string msg("cannot execute ");
    msg.append(o.swsim_path).append(" (build the swsim target or pass --swsim PATH)");
    throw OptionError(msg);
  }
  o.per_day = vm.count("per-day") > 0;
  o.keep = vm.count("keep") > 0;
  o.wait_idle = vm["wait-idle"].as<double>();
  if (vm.count("csv")) o.csv_path = vm["csv"].as<std::string>();
  if (vm.count("workdir")) o.workdir = vm["workdir"].as<std::string>();
  o.replicates = vm["replicates"].as<int>();
  o.morris_r = vm["morris"].as<int>();
  o.morris_factors = vm["morris-factors"].as<int>();
  o.morris_replicates = vm["morris-replicates"].as<int>();
  if (o.replicates < 0 || o.morris_r < 0) throw OptionError("--replicates and --morris must be >= 0");
  if (o.morris_factors < 1 || o.morris_replicates < 1)
    throw OptionError("--morris-factors and --morris-replicates must be >= 1");
  if ((o.replicates > 0 || o.morris_r > 0) && access(o.swsim_path.c_str(), X_OK) != 0)
    throw OptionError("cannot execute " + o.swsim_path + " (needed by --replicates and --morris)");
}

}  // namespace

BenchOptions parse_options(int argc, char** argv) {
  const po::options_description desc = describe_options();
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, desc), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw OptionError(e.what());
  }
  BenchOptions o;
  if (vm.count("help")) {
    std::ostringstream text;
    text << desc;
    o.help = true;
    o.help_text = text.str();
    return o;
  }
  if (vm.count("hash")) {
    o.hash_file = vm["hash"].as<std::string>();
    return o;
  }
  o.scenario_path = vm["scenario"].as<std::string>();
  read_cases(vm, o);
  read_modes(vm, o);
  return o;
}

}  // namespace swsim::bench
