// swsim: the command line. `swsim run` reads a scenario, builds the synthetic city, simulates the days
// and writes an HDF5 result file; `swsim params` and `swsim schema` print the parameter and output
// tables that docs/ carries.
#include <tbb/global_control.h>

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "swsim/config/parameters.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/io/result_writer.hpp"
#include "swsim/simulation/simulation.hpp"
#include "swsim/util/error.hpp"
#include "swsim/util/progress.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/geography.hpp"
#include "swsim/world/world.hpp"

namespace po = boost::program_options;
using namespace swsim;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitInput = 2;

const char* kUsage =
    "swsim " SWSIM_VERSION ": agent-based simulation of social work station coverage in Jinan\n"
    "\n"
    "Usage:\n"
    "  swsim run --scenario FILE --out FILE [options]   simulate a scenario, write HDF5 results\n"
    "  swsim params [--format markdown|ini]             list every scenario key with its default\n"
    "  swsim schema                                     describe the variables of a result file\n"
    "  swsim areas                                      the 15 management areas built in, with sources\n"
    "  swsim --help | --version\n"
    "\n"
    "Run 'swsim run --help' for the options of a run.\n";

std::string join_command_line(int argc, char** argv) {
  std::string s;
  for (int i = 0; i < argc; ++i) {
    std::string a = argv[i];
    const bool quote = a.empty() || a.find_first_of(" \t\"'$;&|<>*?()") != std::string::npos;
    if (quote) {
      std::string q = "'";
      for (char c : a) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
      a = q + "'";
    }
    s += (i ? " " : "") + a;
  }
  return s;
}

po::options_description run_options() {
  po::options_description desc("Options of 'swsim run'");
  desc.add_options()
      ("help,h", "show this help")
      ("scenario", po::value<std::string>()->value_name("FILE"), "scenario INI file (required)")
      ("out", po::value<std::string>()->value_name("FILE"), "result file to write, HDF5/netCDF-4 (required)")
      ("scale", po::value<std::string>()->value_name("S"),
       "share of the 161 stations to simulate, 0 < S <= 1, each with its whole catchment (default: the "
       "scenario's run.scale, 1)")
      ("days", po::value<std::string>()->value_name("N"), "days to simulate (default: the scenario's run.days, 92)")
      ("seed", po::value<std::string>()->value_name("N"), "seed of the daily random streams (default: run.seed, 1)")
      ("threads", po::value<int>()->default_value(0)->value_name("N"),
       "worker threads; 0 = all cores (results do not depend on it)")
      ("set", po::value<std::vector<std::string>>()->composing()->value_name("KEY=VALUE"),
       "override a scenario key, e.g. --set staffing.social_workers_per_station=5 (repeatable; "
       "--scale/--days/--seed win over --set)")
      ("quiet,q", "no progress bar and no closing line");
  return desc;
}

int cmd_run(int argc, char** argv, const std::string& command_line) {
  po::options_description desc = run_options();
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw InputError(std::string("swsim run: ") + e.what() + " (see 'swsim run --help')");
  }
  if (vm.count("help")) {
    std::cout << "Usage: swsim run --scenario FILE --out FILE [options]\n\n" << desc << "\n";
    return kExitOk;
  }
  if (!vm.count("scenario")) throw InputError("swsim run: --scenario FILE is required (see 'swsim run --help')");
  if (!vm.count("out")) throw InputError("swsim run: --out FILE is required (see 'swsim run --help')");
  const int threads = vm["threads"].as<int>();
  if (threads < 0) throw InputError("swsim run: --threads must be 0 (all cores) or a positive number");

  std::vector<Override> overrides;
  if (vm.count("set"))
    for (const auto& item : vm["set"].as<std::vector<std::string>>()) overrides.push_back(parse_set_option(item));
  for (const char* flag : {"scale", "days", "seed"})
    if (vm.count(flag)) overrides.push_back({std::string("run.") + flag, vm[flag].as<std::string>(),
                           std::string("--") + flag + " " + vm[flag].as<std::string>()});

  // Everything that can be wrong with the input is checked before any file is created.
  const Scenario scenario = load_scenario(vm["scenario"].as<std::string>(), overrides);
  const Config& cfg = scenario.config;
  std::vector<WeatherDay> weather = make_weather(cfg);
  PendingOutput output(vm["out"].as<std::string>());

  std::optional<tbb::global_control> limit;
  if (threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));

  const bool quiet = vm.count("quiet") > 0;
  const auto t0 = std::chrono::steady_clock::now();
  const World world = build_world(cfg);
  Simulation sim(cfg, world, std::move(weather));
  ProgressBar bar("simulating", cfg.run.days, !quiet && ProgressBar::stderr_is_terminal());
  sim.run([&](int done, int) { bar.update(done); });
  bar.finish();
  write_results(output.temp_path(), scenario, world, sim.weather(), sim.results(),
                RunInfo{SWSIM_VERSION, command_line});
  output.commit();
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!quiet)
    std::fprintf(stderr, "swsim: wrote %s (%zu stations, %zu elders, %d days) in %.1f s\n",
                 output.final_path().c_str(), world.stations.size(), world.elders.size(), cfg.run.days, secs);
  return kExitOk;
}

int cmd_params(int argc, char** argv) {
  po::options_description desc("Options of 'swsim params'");
  desc.add_options()("help,h", "show this help")(
      "format", po::value<std::string>()->default_value("markdown")->value_name("markdown|ini"),
      "markdown table (docs/parameters.md) or an INI file of every default");
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(desc).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw InputError(std::string("swsim params: ") + e.what());
  }
  if (vm.count("help")) {
    std::cout << "Usage: swsim params [--format markdown|ini]\n\n" << desc << "\n";
    return kExitOk;
  }
  const std::string fmt = vm["format"].as<std::string>();
  if (fmt == "ini") {
    std::cout << effective_ini(default_config(), "every swsim parameter at its default (swsim params --format ini)");
    return kExitOk;
  }
  if (fmt != "markdown") throw InputError("swsim params: --format must be markdown or ini");
  std::string section;
  for (const auto& p : parameter_registry()) {
    if (p.section != section) {
      section = p.section;
      std::cout << "\n### [" << section << "]\n\n| key | default | unit | allowed | meaning | source |\n"
                << "|---|---|---|---|---|---|\n";
    }
    std::cout << "| `" << p.name << "` | `" << p.default_value << "` | " << p.unit << " | " << p.range << " | "
              << p.description << " | " << p.source << " |\n";
  }
  return kExitOk;
}

int cmd_areas() {
  const Config c = default_config();
  const auto elders = elders_per_area(c.population);
  std::cout << "| area | pinyin | stations | population | area km2 | centroid lat, lon | 60+ share (before scaling) "
               "| elders 60+ (scale 1) | urban core | source |\n|---|---|---:|---:|---:|---|---:|---:|---|---|\n";
  int stations = 0;
  double pop = 0, area = 0;
  std::int64_t total = 0;
  for (std::size_t a = 0; a < jinan_areas().size(); ++a) {
    const auto& f = jinan_areas()[a];
    char buf[512];
    std::snprintf(buf, sizeof buf, "| %s | %s | %d | %.0f | %.1f | %.3f, %.3f | %.1f%% | %lld | %s | %s |\n",
                  std::string(f.name_zh).c_str(), std::string(f.name_en).c_str(), f.stations, f.population,
                  f.area_km2, f.lat, f.lon, 100 * f.share_60plus, static_cast<long long>(elders[a]),
                  f.urban ? "yes" : "no", std::string(f.source).c_str());
    std::cout << buf;
    stations += f.stations;
    pop += f.population;
    area += f.area_km2;
    total += elders[a];
  }
  std::printf("| **Jinan** | | **%d** | %.0f (census total %.0f) | %.0f | | %.2f%% (city) | %lld | | |\n", stations,
              pop, kJinanPopulation2020, area, 100 * c.population.share_60plus, static_cast<long long>(total));
  return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command_line = join_command_line(argc, argv);
  try {
    if (argc < 2) {
      std::cerr << kUsage;
      return kExitInput;
    }
    const std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kUsage << "\n" << run_options() << "\n";
      return kExitOk;
    }
    if (cmd == "--version" || cmd == "-V") {
      std::cout << "swsim " << SWSIM_VERSION << "\n";
      return kExitOk;
    }
    if (cmd == "run") return cmd_run(argc - 1, argv + 1, command_line);
    if (cmd == "params") return cmd_params(argc - 1, argv + 1);
    if (cmd == "areas") return cmd_areas();
    if (cmd == "schema") {
      std::cout << schema_markdown();
      return kExitOk;
    }
    throw InputError("swsim: unknown command '" + cmd + "' (commands: run, params, schema, areas; see 'swsim --help')");
  } catch (const InputError& e) {
    std::cerr << "swsim: error: " << e.what() << "\n";
    return kExitInput;
  } catch (const RuntimeError& e) {
    std::cerr << "swsim: failed: " << e.what() << "\n";
    return kExitRuntime;
  } catch (const std::bad_alloc&) {
    std::cerr << "swsim: failed: out of memory (try a smaller --scale)\n";
    return kExitRuntime;
  } catch (const std::exception& e) {
    std::cerr << "swsim: failed: " << e.what() << "\n";
    return kExitRuntime;
  }
}
