// swsim: the command line. `swsim run` reads a scenario, builds the synthetic city, simulates the days
// and writes an HDF5 result file; `swsim params` and `swsim schema` print the parameter and output
// tables that docs/ carries.
#include <hdf5.h>
#include <tbb/global_control.h>

#include <signal.h>

#include <algorithm>
#include <atomic>
#include <boost/program_options.hpp>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cluster.hpp"
#include "swsim/config/parameters.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/io/nc_writer.hpp"
#include "swsim/io/result_writer.hpp"
#include "swsim/io/sweep_index.hpp"
#include "swsim/simulation/ensemble.hpp"
#include "swsim/simulation/simulation.hpp"
#include "swsim/simulation/sweep.hpp"
#include "swsim/optimize/optimize.hpp"
#include "swsim/validation/sensitivity.hpp"
#include "swsim/validation/validation.hpp"
#include "swsim/util/error.hpp"
#include "swsim/util/progress.hpp"
#include "swsim/util/text.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/geography.hpp"
#include "swsim/world/world.hpp"
#include "swsim/world/world_cache.hpp"

namespace po = boost::program_options;
using namespace swsim;

namespace {

constexpr int kExitOk = 0;
constexpr int kExitRuntime = 1;
constexpr int kExitInput = 2;

const char* kUsage =
    "Usage: swsim run --scenario FILE --out FILE [options]\n"
    "  or:  swsim run --resume CHECKPOINT --out FILE [options]\n"
    "  or:  swsim sweep --scenario FILE --out-dir DIR [options]\n"
    "  or:  swsim validate [--scenario FILE] [--csv FILE] [--markdown FILE] [options]\n"
    "  or:  swsim sensitivity [--scenario FILE] [-r R] [--outputs LIST] [--csv FILE] [--png FILE] [options]\n"
    "  or:  swsim optimize --scenario FILE --budget N [--resource R] [--objective OBJ] [--csv FILE] [--out FILE]\n"
    "  or:  swsim params [--format markdown|ini]\n"
    "  or:  swsim schema\n"
    "  or:  swsim areas\n"
    "  or:  swsim --help | --version\n"
    "Agent-based simulation of social work station coverage in Jinan (swsim " SWSIM_VERSION ").\n"
    "济南社工站高温情景模拟。\n"
    "\n"
    "Commands:\n"
    "  run          simulate a scenario and write its results as an HDF5/netCDF-4 file\n"
    "  sweep        run the grid of the scenario's [sweep] section: one file per point and an index\n"
    "  validate     how well the model matches its targets (exit 0 only when every row passes)\n"
    "  sensitivity  which assumptions move the outputs most (Morris elementary effects)\n"
    "  optimize     where added social workers or volunteers do most good (greedy allocation, fresh check)\n"
    "  params       every scenario key with its default, unit, range and source\n"
    "  schema       the variables of a result file\n"
    "  areas        the 15 management areas built in, with sources\n"
    "Run 'swsim COMMAND --help' for a command's options; those of 'swsim run' follow.\n";

const char* kExamples =
    "Examples:\n"
    "  swsim run --scenario scenarios/baseline.ini --out baseline.h5\n"
    "  swsim run --scenario scenarios/baseline.ini --scale 0.1 --days 30 --out quick.h5\n"
    "  swsim run --scenario scenarios/baseline.ini --set staffing.social_workers_per_station=5 --out sw5.h5\n"
    "  swsim run --scenario scenarios/baseline.ini --replicates 10 --out ens.h5\n"
    "  swsim sweep --scenario scenarios/staffing_sweep.ini --out-dir sweep/\n"
    "  swsim params --format ini > defaults.ini\n";

const char* kExitStatus =
    "Exit status:\n"
    "  0 done; 1 a run failed; 2 bad input (one line naming the file, line and key); 128 + N stopped by\n"
    "  signal N (Ctrl-C: 130) between two days, with the unfinished file removed.\n";

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

// SIGINT / SIGTERM / SIGHUP: the run stops between two days, the temporary output is removed, and the
// exit code is 128 + the signal number. SIGXFSZ (file size limit) is ignored so that a write past the
// limit fails with EFBIG and is reported like a full disk instead of killing the process.
std::atomic<bool> g_stop{false};
// Set when an HDF5 write failed: HDF5 1.10 then keeps the file half-closed, and its library shutdown
// (H5close, normally run at exit) crashes on it. main() calls H5close itself only when this is false.
bool g_hdf5_write_failed = false;
volatile std::sig_atomic_t g_signal = 0;

extern "C" void on_signal(int sig) {
  g_signal = sig;
  g_stop.store(true);
}

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGHUP, &sa, nullptr);
  std::signal(SIGXFSZ, SIG_IGN);
}

const char* signal_name(int sig) {
  switch (sig) {
    case SIGTERM: return "SIGTERM";
    case SIGHUP: return "SIGHUP";
    default: return "SIGINT";
  }
}

// The files a run reads: its output must be none of them.
std::vector<RunInput> run_inputs(const Scenario& scenario, const std::string& resume_path) {
  std::vector<RunInput> in;
  if (!scenario.source.empty() && resume_path.empty()) in.push_back({"the scenario file", scenario.source});
  if (scenario.config.weather.source == WeatherSource::kCsv) in.push_back({"the weather CSV", scenario.config.weather.csv_file});
  if (!scenario.config.world.stations_file.empty()) in.push_back({"the station table", scenario.config.world.stations_file});
  if (!resume_path.empty()) in.push_back({"the checkpoint to resume from", resume_path});
  return in;
}

// The options every simulating command shares, in groups (the help lists the groups in this order).
po::options_description scenario_options() {
  po::options_description desc("Scenario overrides");
  desc.add_options()
      ("scale", po::value<std::string>()->value_name("S"),
       "share of the 161 stations to simulate, 0 < S <= 1, each with its whole catchment (default: the "
       "scenario's run.scale, 1)")
      ("days", po::value<std::string>()->value_name("N"), "days to simulate (default: the scenario's run.days, 92)")
      ("seed", po::value<std::string>()->value_name("N"), "seed of the daily random streams (default: run.seed, 1)")
      ("replicates", po::value<std::string>()->value_name("N"),
       "independent replicates with seeds derived from --seed (default: run.replicates, 1)")
      ("set", po::value<std::vector<std::string>>()->composing()->value_name("KEY=VALUE"),
       "override a scenario key, e.g. --set staffing.social_workers_per_station=5 (repeatable; "
       "--scale/--days/--seed/--replicates win over --set)");
  return desc;
}

po::options_description general_options(bool threads) {
  po::options_description desc("General");
  if (threads)
    desc.add_options()("threads", po::value<int>()->default_value(0)->value_name("N"),
                       "worker threads; 0 = all cores (results do not depend on it)")(
        "quiet,q", "no progress bar and no closing line");
  desc.add_options()("help,h", "show this help and exit");
  return desc;
}

po::options_description run_options() {
  po::options_description required("Required");
  required.add_options()("scenario", po::value<std::string>()->value_name("FILE"), "scenario INI file")(
      "out", po::value<std::string>()->value_name("FILE"), "result file to write, HDF5/netCDF-4");
  po::options_description ckpt("Checkpoints");
  ckpt.add_options()("checkpoint-every", po::value<int>()->default_value(0)->value_name("N"),
                     "write a checkpoint FILE.ckpt beside --out every N days (0 = none); removed when the run completes")(
      "resume", po::value<std::string>()->value_name("CHECKPOINT"),
      "continue an interrupted run from its checkpoint (instead of --scenario: the scenario comes from the "
      "checkpoint); the result is identical to an uninterrupted run");
  po::options_description live("Live runs");
  live.add_options()("live", po::value<double>()->implicit_value(2.0)->value_name("SECONDS"),
                     "while the run goes, keep a whole snapshot of the days done so far in OUT.live.h5 (for OUT.h5), "
                     "renewed every SECONDS (default 2); swsim-viz --follow OUT.h5 shows it and then the result. "
                     "Removed when the run ends");
  po::options_description desc;
  desc.add(required).add(scenario_options()).add(ckpt).add(live).add(general_options(true));
  return desc;
}

po::options_description sweep_options() {
  po::options_description required("Required");
  required.add_options()("scenario", po::value<std::string>()->value_name("FILE"), "scenario INI file with a [sweep] section")(
      "out-dir", po::value<std::string>()->value_name("DIR"),
      "folder for one result file per grid point plus the index sweep.h5 and sweep.csv");
  po::options_description desc;
  desc.add(required).add(scenario_options()).add(general_options(true));
  return desc;
}

// Arguments that are neither options nor their values: errors, not silently ignored.
void refuse_positional(const po::parsed_options& parsed, const char* cmd) {
  const auto stray = po::collect_unrecognized(parsed.options, po::include_positional);
  if (!stray.empty())
    throw InputError("unexpected argument '" + stray.front() + "' (see 'swsim " + cmd + " --help')");
}

po::variables_map parse_command(int argc, char** argv, const po::options_description& desc, const char* cmd) {
  po::variables_map vm;
  try {
    const po::parsed_options parsed = po::command_line_parser(argc, argv).options(desc).run();
    refuse_positional(parsed, cmd);
    po::store(parsed, vm);
    po::notify(vm);
  } catch (const po::error& e) {
    throw InputError(std::string(e.what()) + " (see 'swsim " + cmd + " --help')");
  }
  return vm;
}

// Commands without options: any further argument is an error.
void refuse_arguments(int argc, char** argv, const char* cmd) {
  if (argc > 2)
    throw InputError(std::string("unexpected argument '") + argv[2] + "' ('swsim " + cmd + "' takes none)");
}

std::vector<Override> overrides_from(const po::variables_map& vm) {
  std::vector<Override> overrides;
  if (vm.count("set"))
    for (const auto& item : vm["set"].as<std::vector<std::string>>()) overrides.push_back(parse_set_option(item));
  for (const char* flag : {"scale", "days", "seed", "replicates"})
    if (vm.count(flag))
      overrides.push_back({std::string("run.") + flag, vm[flag].as<std::string>(),
                           std::string("--") + flag + " " + vm[flag].as<std::string>()});
  return overrides;
}

std::optional<tbb::global_control> thread_limit(const po::variables_map& vm) {
  const int threads = vm["threads"].as<int>();
  if (threads < 0) throw InputError("--threads must be 0 (all cores) or a positive number");
  std::optional<tbb::global_control> limit;
  if (threads > 0) limit.emplace(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
  return limit;
}

// A run that holds every replicate's results until it is written (checkpoints, a resume, --live snapshots,
// MPI: the replicates step in lock-step or are gathered) and whose results cannot fit in the memory
// available now is refused up front in one line, rather than killed by the kernel halfway. A plain run
// streams each replicate to the file (stream_to_file) and is not checked: its memory does not grow with
// the replicates.
void check_results_fit(const Config& cfg, const World& world) {
  const std::uint64_t available = available_memory_bytes();
  if (available == 0 || cfg.run.replicates <= 1) return;
  const int stations = static_cast<int>(world.stations.size());
  const ResultsMemory m = results_memory(cfg.run.days, stations, std::uint64_t{256} << 20);  // world, simulations
  if (m.total(cfg.run.replicates) <= available) return;
  const double gib = 1024.0 * 1024.0 * 1024.0;
  char msg[400];
  std::snprintf(msg, sizeof msg,
                "run.replicates = %d: the results of %d replicates of %d stations over %d days need about %.1f GiB "
                "and %.1f GiB of memory is available (checkpoints, --resume, --live and MPI runs hold every replicate "
                "until the end); run at most %d replicates at a time, without those options, or with a smaller --scale",
                cfg.run.replicates, cfg.run.replicates, stations, cfg.run.days,
                static_cast<double>(m.total(cfg.run.replicates)) / gib, static_cast<double>(available) / gib,
                m.replicates_within(available));
  throw InputError(msg);
}

// Simulates one scenario (all its replicates) and writes the result file; the world is built here.
// Live snapshots of a run (swsim run --live): each a whole result file of the days done so far, written
// under a temporary name and renamed over the previous one, so a reader never meets a half-written file.
// The snapshot is removed when the run ends, however it ends.
class LiveSnapshots {
 public:
  LiveSnapshots(std::string path, const std::vector<RunInput>& inputs) : path_(std::move(path)), inputs_(inputs) {
    if (on()) check_output_path(path_, inputs_, "--out (its live snapshot)");
  }
  ~LiveSnapshots() { remove(); }
  bool on() const { return !path_.empty(); }
  bool due(double seconds) const {
    return !written_ || std::chrono::duration<double>(std::chrono::steady_clock::now() - last_).count() >= seconds;
  }
  void write(const Scenario& scenario, const World& world, const std::vector<WeatherDay>& weather,
             const Ensemble& so_far, const RunInfo& info) {
    PendingOutput out(path_, inputs_);
    const int days = so_far.replicates.empty() ? 0 : so_far.replicates[0].days();
    write_results(out.temp_path(), scenario, world, std::vector<WeatherDay>(weather.begin(), weather.begin() + days), so_far, info);
    out.commit();
    written_ = true;
    last_ = std::chrono::steady_clock::now();
  }
  void remove() {
    if (!written_) return;
    std::error_code ec;
    std::filesystem::remove(path_, ec);
    written_ = false;
  }

 private:
  std::string path_;
  std::vector<RunInput> inputs_;
  bool written_ = false;
  std::chrono::steady_clock::time_point last_;
};

// A run whose result file surely cannot fit on the output's disk (free space below a low estimate of the
// file, least_result_bytes) is refused up front in one line, rather than failing when the disk is full.
void check_disk_fits(const Config& cfg, const World& world, const std::string& out_path) {
  const std::uint64_t free = free_disk_bytes(out_path);
  const std::uint64_t need = least_result_bytes(cfg.run.replicates, cfg.run.days,
                                                static_cast<int>(world.stations.size()), static_cast<int>(world.areas.size()));
  if (free == 0 || need <= free) return;
  const double mb = 1e6;
  char msg[300];
  std::snprintf(msg, sizeof msg,
                "%s: the result file of %d replicate%s needs at least %.0f MB of disk and its folder has %.0f MB free; "
                "free some space, choose another --out folder or run fewer replicates",
                shown(out_path, 200).c_str(), cfg.run.replicates, cfg.run.replicates == 1 ? "" : "s",
                static_cast<double>(need) / mb, static_cast<double>(free) / mb);
  throw InputError(msg);
}

[[noreturn]] void result_write_failed(const std::string& out_path, const RuntimeError& e) {
  g_hdf5_write_failed = true;
  std::error_code ec;
  const bool kept = std::filesystem::exists(out_path, ec);
  throw RuntimeError(out_path + ": cannot write the result file (" + e.what() + ")" +
                     (kept ? "; the previous file is unchanged" : ""));
}

// A plain ensemble (one process, no checkpoints, resume or live snapshots, two or more replicates) is
// written to the file replicate by replicate as the replicates finish (EnsembleFileWriter), so its memory
// does not grow with the number of replicates; the file is the temporary one, renamed by the caller.
void stream_to_file(const Scenario& scenario, const World& world, const std::vector<WeatherDay>& weather,
                    const std::string& out_path, const std::string& temp_path, const RunInfo& info, ProgressBar& bar) {
  const Config& cfg = scenario.config;
  std::vector<std::uint64_t> seeds;
  for (int r = 0; r < cfg.run.replicates; ++r) seeds.push_back(replicate_seed(cfg.run.seed, r));
  std::optional<EnsembleFileWriter> file;
  try {
    file.emplace(temp_path, scenario, world, weather, seeds, info);
  } catch (const RuntimeError& e) {
    result_write_failed(out_path, e);
  }
  long done = 0;
  const auto add = [&](int r, const Results& results) {
    try {
      file->add(r, results);
    } catch (const RuntimeError& e) {
      result_write_failed(out_path, e);
    }
  };
  stream_ensemble(cfg, world, weather, add, 0, {}, [&] { bar.update(static_cast<int>(++done)); }, &g_stop);
  try {
    file->finish();
  } catch (const RuntimeError& e) {
    result_write_failed(out_path, e);
  }
}

void simulate_and_write(const Scenario& scenario, const std::string& out_path, const std::string& command_line,
                        const std::string& label, bool quiet, int checkpoint_every = 0,
                        const std::string& resume_path = "", bool spread_replicates = false, double live_seconds = 0) {
  const Config& cfg = scenario.config;
  // Under MPI (swsim run on several ranks) the replicates are shared round-robin between the ranks and
  // gathered on rank 0, which alone writes the file; the data equal a one-process run.
  const int ranks = spread_replicates ? cluster::size() : 1;
  const int me = spread_replicates ? cluster::rank() : 0;
  const bool writer = me == 0;
  quiet = quiet || !writer;
  const std::vector<RunInput> inputs = run_inputs(scenario, resume_path);
  if (writer) {
    check_output_path(out_path, inputs);
    if (checkpoint_every > 0) {  // OUT.ckpt may be the checkpoint resumed from (it is replaced), nothing else
      std::vector<RunInput> others;
      for (const auto& in : inputs)
        if (in.path != resume_path) others.push_back(in);
      check_output_path(out_path + ".ckpt", others, "--out (its checkpoint)");
    }
  }
  RunControl control;
  control.inputs = digest_inputs(cfg);  // before the data are read: a resume checks them against these
  std::vector<WeatherDay> weather = make_weather(cfg);  // input errors (CSV) before any file exists
  if (writer && !quiet)
    for (const auto& w : heat_wave_warnings(cfg)) std::fprintf(stderr, "swsim: warning: %s\n", w.c_str());
  std::optional<PendingOutput> output;
  if (writer) output.emplace(out_path, inputs);
  const auto t0 = std::chrono::steady_clock::now();
  const std::shared_ptr<const World> shared = shared_world(cfg);  // sweep points sharing a world build it once
  const World& world = *shared;
  const bool streamed = ranks == 1 && checkpoint_every <= 0 && resume_path.empty() && live_seconds <= 0 &&
                        cfg.run.replicates > 1;
  if (!streamed) check_results_fit(cfg, world);
  if (writer) check_disk_fits(cfg, world, out_path);
  ProgressBar bar(label, cfg.run.days * cfg.run.replicates, !quiet && ProgressBar::stderr_is_terminal());
  control.stop = &g_stop;
  control.checkpoint_every = checkpoint_every;
  control.checkpoint_path = out_path + ".ckpt";
  control.scenario_text = scenario.effective_ini;
  control.resume_path = resume_path;
  LiveSnapshots live(live_seconds > 0 && writer ? live_path_for(out_path) : "", inputs);
  if (live.on()) {
    if (ranks > 1) throw InputError("--live is for one process; run without mpirun to follow a run");
    control.after_day = [&](const EnsembleRun& run) {
      if (run.day() < cfg.run.days && live.due(live_seconds))
        live.write(scenario, world, weather, first_days(run.results(), run.day()), RunInfo{SWSIM_VERSION, command_line, cfg.run.days});
    };
  }
  if (ranks > 1) {
    if (checkpoint_every > 0 || !resume_path.empty())
      throw InputError("checkpoints are for one process; run without mpirun to use them");
    for (int r = me; r < cfg.run.replicates; r += ranks) control.only_replicates.push_back(r);
    if (control.only_replicates.empty()) control.only_replicates.push_back(-1);  // nothing here
  }
  Ensemble ensemble;
  try {
    if (control.only_replicates == std::vector<int>{-1}) {  // a rank with no replicate of its own
      ensemble.seeds.resize(static_cast<std::size_t>(cfg.run.replicates));
      ensemble.replicates.assign(static_cast<std::size_t>(cfg.run.replicates),
                                 Results(cfg.run.days, static_cast<int>(world.stations.size())));
    } else if (streamed) {
      stream_to_file(scenario, world, weather, out_path, output->temp_path(), RunInfo{SWSIM_VERSION, command_line}, bar);
    } else {
      ensemble = run_ensemble(cfg, world, weather, [&](long done, long) { bar.update(static_cast<int>(done)); }, control);
    }
  } catch (const Interrupted&) {
    bar.finish();
    std::error_code ec;
    if (checkpoint_every > 0 && std::filesystem::exists(control.checkpoint_path, ec))
      std::fprintf(stderr, "swsim: the last checkpoint is %s; continue with: swsim run --resume %s --out %s\n",
                   shown(control.checkpoint_path, 1000).c_str(), shown(control.checkpoint_path, 1000).c_str(),
                   shown(out_path, 1000).c_str());
    throw;
  }
  bar.finish();
  if (ranks > 1)
    for (int r = 0; r < cfg.run.replicates; ++r)
      cluster::send_results_to_root(ensemble.replicates[static_cast<std::size_t>(r)], r % ranks);
  if (!writer) return;
  try {
    if (!streamed)
      write_results(output->temp_path(), scenario, world, weather, ensemble, RunInfo{SWSIM_VERSION, command_line});
  } catch (const RuntimeError& e) {
    result_write_failed(out_path, e);
  }
  output->commit();
  live.remove();
  if (checkpoint_every > 0 || !resume_path.empty()) {  // the run is complete: its checkpoint is spent
    std::error_code ec;
    std::filesystem::remove(control.checkpoint_path, ec);
    if (!resume_path.empty()) std::filesystem::remove(resume_path, ec);
  }
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (!quiet)
    std::fprintf(stderr, "swsim: wrote %s (%zu stations, %zu elders, %d days, %d replicate%s) in %.1f s\n",
                 shown(output->final_path(), 1000).c_str(), world.stations.size(), world.elders.size(), cfg.run.days,
                 cfg.run.replicates, cfg.run.replicates == 1 ? "" : "s", secs);
}

int cmd_run(int argc, char** argv, const std::string& command_line) {
  const po::options_description desc = run_options();
  const po::variables_map vm = parse_command(argc, argv, desc, "run");
  if (vm.count("help")) {
    std::cout << "Usage: swsim run --scenario FILE --out FILE [options]\n"
                 "  or:  swsim run --resume CHECKPOINT --out FILE [options]\n"
                 "Simulate a scenario (the synthetic city, every day, every replicate) and write the results as\n"
                 "an HDF5/netCDF-4 file (docs/hdf5-schema.md).\n"
              << desc << "\n"
              << kExamples << "\n"
              << kExitStatus;
    return kExitOk;
  }
  if (!vm.count("out")) throw InputError("--out FILE is required (see 'swsim run --help')");
  if (vm["out"].as<std::string>().empty()) throw InputError("--out is empty: give the name of the file to write");
  const int every = vm["checkpoint-every"].as<int>();
  const double live_seconds = vm.count("live") ? vm["live"].as<double>() : 0.0;
  if (vm.count("live") && !(live_seconds > 0 && live_seconds <= 86400))
    throw InputError("--live takes seconds between snapshots, more than 0 and at most 86400");
  if (every < 0) throw InputError("--checkpoint-every must be 0 (none) or a positive number of days");
  const auto limit = thread_limit(vm);
  if (vm.count("resume")) {
    const std::string ckpt = vm["resume"].as<std::string>();
    for (const char* flag : {"scenario", "set", "scale", "days", "seed", "replicates"})
      if (vm.count(flag))
        throw InputError(std::string("--resume takes the scenario from the checkpoint; drop --") + flag);
    const Scenario scenario = scenario_from_text(checkpoint_scenario(ckpt), ckpt);
    verify_checkpoint_inputs(ckpt);
    simulate_and_write(scenario, vm["out"].as<std::string>(), command_line, "resuming", vm.count("quiet") > 0, every,
                       ckpt, /*spread_replicates=*/true, live_seconds);
    return kExitOk;
  }
  if (!vm.count("scenario")) throw InputError("--scenario FILE (or --resume CHECKPOINT) is required (see 'swsim run --help')");
  const Scenario scenario = load_scenario(vm["scenario"].as<std::string>(), overrides_from(vm));
  if (!scenario.sweep.empty())
    throw InputError(scenario.source + ": has a [sweep] section: run it with 'swsim sweep --scenario " +
                     scenario.source + " --out-dir DIR'");
  simulate_and_write(scenario, vm["out"].as<std::string>(), command_line, "simulating", vm.count("quiet") > 0, every,
                     "", /*spread_replicates=*/true, live_seconds);
  return kExitOk;
}

// A parameter sweep: the grid of the [sweep] axes (the first axis varies slowest), one result file per
// point, all with the same seeds (common random numbers), and an index. Points whose file is already
// complete for the same effective scenario are skipped, so a re-run finishes only what is missing.
int cmd_sweep(int argc, char** argv, const std::string& command_line) {
  const po::options_description desc = sweep_options();
  const po::variables_map vm = parse_command(argc, argv, desc, "sweep");
  if (vm.count("help")) {
    std::cout << "Usage: swsim sweep --scenario FILE --out-dir DIR [options]\n"
                 "Run every point of the grid of the scenario's [sweep] section (the first key varies slowest),\n"
                 "all with the same seeds; points already complete are skipped. The section names the swept\n"
                 "keys and their values, e.g.\n"
                 "  [sweep]\n  staffing.social_workers_per_station = 2, 3, 4, 5\n  volunteers.roster_per_station = 5:15:5\n"
              << desc << "\n"
              << "Examples:\n"
                 "  swsim sweep --scenario scenarios/staffing_sweep.ini --out-dir sweep/\n"
                 "  swsim-analyze summary sweep/sweep.h5\n\n"
              << kExitStatus;
    return kExitOk;
  }
  if (!vm.count("scenario")) throw InputError("--scenario FILE is required (see 'swsim sweep --help')");
  if (!vm.count("out-dir")) throw InputError("--out-dir DIR is required (see 'swsim sweep --help')");
  if (vm["out-dir"].as<std::string>().empty()) throw InputError("--out-dir is empty: give the folder to write");
  const auto limit = thread_limit(vm);
  const bool quiet = vm.count("quiet") > 0;
  const std::vector<Override> overrides = overrides_from(vm);
  const Scenario base = load_scenario(vm["scenario"].as<std::string>(), overrides);
  const std::vector<SweepPoint> points = plan_sweep(base, overrides);  // every point checked before anything runs
  const std::string dir = vm["out-dir"].as<std::string>();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec || !std::filesystem::is_directory(dir)) throw InputError(dir + ": cannot create the output folder");

  // Points go to ranks by expected cost (one rank without MPI); a point that fails does not stop the others.
  const int ranks = cluster::size(), me = cluster::rank();
  const std::vector<int> owner = assign_sweep_points(points, ranks);
  const std::size_t n = points.size();
  std::vector<int> done(n, 0), failed(n, 0);
  int skipped = 0;
  for (std::size_t p = 0; p < n; ++p) {
    if (owner[p] != me) continue;
    const std::string path = (std::filesystem::path(dir) / points[p].file).string();
    if (existing_result_scenario(path) == points[p].scenario.effective_ini) {
      ++skipped;
      done[p] = 1;
      if (!quiet) std::fprintf(stderr, "swsim: point %zu/%zu already complete: %s\n", p + 1, n, path.c_str());
      continue;
    }
    char label[64];
    std::snprintf(label, sizeof label, "point %zu/%zu", p + 1, n);
    try {
      simulate_and_write(points[p].scenario, path, command_line, label, quiet);
      done[p] = 1;
    } catch (const RuntimeError& e) {
      failed[p] = 1;
      std::fprintf(stderr, "swsim: point %zu failed%s: %s\n", p, ranks > 1 ? (" on rank " + std::to_string(me)).c_str() : "",
                   e.what());
    } catch (const std::bad_alloc&) {
      failed[p] = 1;
      std::fprintf(stderr, "swsim: point %zu failed: out of memory\n", p);
    }
  }
  done = cluster::sum_all(done);
  failed = cluster::sum_all(failed);
  const int n_failed = static_cast<int>(std::count(failed.begin(), failed.end(), 1));
  if (me != 0) return n_failed ? kExitRuntime : kExitOk;
  write_sweep_index(dir, base, points, done, SWSIM_VERSION, command_line);
  if (!quiet)
    std::fprintf(stderr, "swsim: sweep of %zu points in %s (%d already complete%s); index %s/sweep.h5\n", n,
                 dir.c_str(), skipped, ranks > 1 ? " on rank 0" : "", dir.c_str());
  if (n_failed > 0) {
    std::fprintf(stderr, "swsim: %d of %zu points failed; run the same command again to complete them\n", n_failed, n);
    return kExitRuntime;
  }
  return kExitOk;
}

// The validation report: every target row, printed, and optionally as CSV and Markdown (docs/validation.md).
int cmd_validate(int argc, char** argv) {
  po::options_description input("Input");
  input.add_options()("scenario", po::value<std::string>()->value_name("FILE"),
                      "scenario INI file (default: scenarios/baseline.ini)");
  po::options_description output("Output");
  output.add_options()("csv", po::value<std::string>()->value_name("FILE"), "also write the rows as CSV (id,target,source,low,high,model,pass)")(
      "markdown", po::value<std::string>()->value_name("FILE"), "also write the rows as a Markdown table (docs/validation.md's)")(
      "format", po::value<std::string>()->default_value("table")->value_name("table|markdown|csv"),
      "what to print on standard output");
  po::options_description desc;
  desc.add(input).add(output).add(scenario_options()).add(general_options(true));
  const po::variables_map vm = parse_command(argc, argv, desc, "validate");
  if (vm.count("help")) {
    std::cout << "Usage: swsim validate [--scenario FILE] [--replicates N] [--csv FILE] [--markdown FILE] [options]\n"
                 "Runs the scenario (default scenarios/baseline.ini, full city, 8 replicates) and the variants the rows\n"
                 "need, and prints one row per validation target: closed forms, inputs, heat harm, service patterns.\n"
              << desc << "\n"
              << "Examples:\n"
                 "  swsim validate\n"
                 "  swsim validate --scale 0.25 --replicates 2 --csv validation.csv\n\n"
                 "Exit status:\n"
                 "  0 every row passes; 1 a row fails; 2 bad input.\n";
    return kExitOk;
  }
  const auto limit = thread_limit(vm);
  std::vector<Override> overrides = overrides_from(vm);
  if (!vm.count("replicates")) overrides.push_back({"run.replicates", "8", "validate: 8 replicates"});
  const std::string path = vm.count("scenario") ? vm["scenario"].as<std::string>() : "scenarios/baseline.ini";
  const Scenario sc = load_scenario(path, overrides);
  validation::Options o;
  o.replicates = sc.config.run.replicates;
  const bool quiet = vm.count("quiet") > 0;
  if (!quiet) o.progress = [](const std::string& step) { std::fprintf(stderr, "swsim validate: %s\n", step.c_str()); };
  const std::string format = vm["format"].as<std::string>();
  if (format != "table" && format != "markdown" && format != "csv")
    throw InputError("--format must be table, markdown or csv");
  const auto rows = validation::run_validation(sc, o);
  std::cout << (format == "markdown" ? validation::rows_markdown(rows, sc, o)
                : format == "csv"    ? validation::rows_csv(rows)
                                     : validation::rows_table(rows));
  auto write = [](const std::string& file, const std::string& text) {
    std::ofstream out(file);
    out << text;
    if (!out) throw RuntimeError(file + ": cannot write");
  };
  if (vm.count("csv")) write(vm["csv"].as<std::string>(), validation::rows_csv(rows));
  if (vm.count("markdown")) write(vm["markdown"].as<std::string>(), validation::rows_markdown(rows, sc, o));
  return std::all_of(rows.begin(), rows.end(), [](const validation::Row& r) { return r.pass; }) ? kExitOk : kExitRuntime;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::size_t from = 0;
  while (from <= s.size()) {
    const auto c = s.find(',', from);
    const std::string item = trim(s.substr(from, c == std::string::npos ? std::string::npos : c - from));
    if (!item.empty()) out.push_back(item);
    if (c == std::string::npos) break;
    from = c + 1;
  }
  return out;
}

po::options_description sensitivity_options() {
  po::options_description input("Input");
  input.add_options()("scenario", po::value<std::string>()->value_name("FILE"),
                      "scenario INI file (default: scenarios/baseline.ini); its [sensitivity] section names the factors");
  po::options_description design("Design");
  design.add_options()("trajectories,r", po::value<int>()->default_value(4)->value_name("R"), "Morris trajectories (runs: R x (factors + 1))")(
      "levels", po::value<int>()->default_value(4)->value_name("P"), "grid levels per factor (even, >= 2)")(
      "outputs", po::value<std::string>()->default_value("on_time_rate,missed_rate,heat_deaths_expected,cost_yuan")->value_name("LIST"),
      "indicators or metrics to explain, comma-separated")(
      "factors", po::value<std::string>()->value_name("LIST"),
      "only these of the factors, comma-separated (see --list-factors)")(
      "list-factors", "print the factors with their ranges (a Markdown table) and stop")(
      "design-seed", po::value<std::uint64_t>()->default_value(1)->value_name("N"), "seed of the trajectories");
  po::options_description output("Output");
  output.add_options()("csv", po::value<std::string>()->value_name("FILE"), "write the effects as CSV (output,factor,rank,mu_star,mu,sigma)")(
      "png", po::value<std::string>()->value_name("FILE"), "write a bar chart of mu* and sigma per output");
  po::options_description desc;
  desc.add(input).add(design).add(output).add(scenario_options()).add(general_options(true));
  return desc;
}

// Morris elementary effects of the [EST] parameters (or the scenario's [sensitivity] section) on chosen outputs.
int cmd_sensitivity(int argc, char** argv) {
  const po::options_description desc = sensitivity_options();
  const po::variables_map vm = parse_command(argc, argv, desc, "sensitivity");
  if (vm.count("help")) {
    std::cout << "Usage: swsim sensitivity [--scenario FILE] [-r R] [--outputs LIST] [--csv FILE] [--png FILE] [options]\n"
                 "Morris elementary effects: R trajectories of one-at-a-time steps over the factors' ranges, every run\n"
                 "with the same seeds (common random numbers). Factors: the scenario's [sensitivity] section\n"
                 "(key = low, high), else the built-in assumptions (--list-factors). Prints mu* (mean\n"
                 "absolute effect: importance), mu and sigma (interactions, non-linearity) per output, in output units\n"
                 "per full range of the factor. See docs/sensitivity.md.\n"
              << desc << "\n"
              << "Examples:\n"
                 "  swsim sensitivity --list-factors\n"
                 "  swsim sensitivity --scale 0.1 -r 4 --csv effects.csv --png effects.png\n\n"
              << kExitStatus;
    return kExitOk;
  }
  const auto limit = thread_limit(vm);
  const std::string path = vm.count("scenario") ? vm["scenario"].as<std::string>() : "scenarios/baseline.ini";
  const Scenario sc = load_scenario(path, overrides_from(vm));
  std::vector<sensitivity::Factor> factors = sensitivity::factors_for(sc);
  if (vm.count("factors")) {
    const auto keep = split_list(vm["factors"].as<std::string>());
    for (const auto& k : keep)
      if (std::none_of(factors.begin(), factors.end(), [&](const auto& f) { return f.key == k; }))
        throw InputError("--factors: '" + k + "' is not one of the factors (see 'swsim sensitivity --list-factors')");
    std::erase_if(factors, [&](const auto& f) { return std::find(keep.begin(), keep.end(), f.key) == keep.end(); });
  }
  if (factors.empty()) throw InputError("no factors (give a [sensitivity] section or --factors)");
  if (vm.count("list-factors")) {
    std::cout << "| factor | low | high | default | why this range |\n|---|---:|---:|---:|---|\n";
    for (const auto& f : factors)
      std::cout << "| `" << f.key << "` | " << sensitivity::factor_value(f, 0) << " | " << sensitivity::factor_value(f, 1)
                << " | " << find_parameter(f.key)->format(sc.config) << " | " << f.why << " |\n";
    return kExitOk;
  }
  const auto outputs = sensitivity::resolve_outputs(split_list(vm["outputs"].as<std::string>()));
  const int r = vm["trajectories"].as<int>(), p = vm["levels"].as<int>();
  if (r < 1 || r > 1000 || p < 2 || p > 100 || p % 2)
    throw InputError("need 1 <= --trajectories <= 1000 and an even --levels between 2 and 100");
  const auto design = sensitivity::morris_design(static_cast<int>(factors.size()), r, p, vm["design-seed"].as<std::uint64_t>());
  const bool quiet = vm.count("quiet") > 0;
  const int me = cluster::rank(), ranks = cluster::size();
  ProgressBar bar("sensitivity", static_cast<int>(design.points.size()), !quiet && me == 0 && ProgressBar::stderr_is_terminal());
  std::mutex bar_mutex;
  int done = 0;
  auto y = sensitivity::evaluate(
      sc, factors, design, outputs, [&](std::size_t i) { return static_cast<int>(i % static_cast<std::size_t>(ranks)) == me; },
      [&](std::size_t) {
        const std::lock_guard<std::mutex> lock(bar_mutex);
        bar.update(++done);
      });
  bar.finish();
  std::vector<double> flat;
  for (const auto& row : y) flat.insert(flat.end(), row.begin(), row.end());
  flat = cluster::sum_all(flat);
  for (std::size_t i = 0; i < y.size(); ++i)
    std::copy_n(flat.begin() + static_cast<std::ptrdiff_t>(i * outputs.size()), outputs.size(), y[i].begin());
  if (me != 0) return kExitOk;
  const auto effects = sensitivity::morris_effects(design, factors, outputs, y);
  std::cout << "Morris elementary effects: " << factors.size() << " factors, " << r << " trajectories, " << p
            << " levels, " << design.points.size() << " runs of " << sc.source << " (scale " << sc.config.run.scale
            << ", " << sc.config.run.replicates << " replicate(s) each)\n"
            << sensitivity::effects_table(effects, outputs);
  if (vm.count("csv")) {
    std::ofstream out(vm["csv"].as<std::string>());
    out << sensitivity::effects_csv(effects);
    if (!out) throw RuntimeError(vm["csv"].as<std::string>() + ": cannot write");
  }
  if (vm.count("png") && !sensitivity::write_effects_png(vm["png"].as<std::string>(), effects, outputs))
    throw RuntimeError(vm["png"].as<std::string>() + ": cannot write the PNG");
  return kExitOk;
}

po::options_description optimize_options() {
  po::options_description required("Required");
  required.add_options()("scenario", po::value<std::string>()->value_name("FILE"), "scenario INI file")(
      "budget", po::value<std::string>()->value_name("N|Y yuan"),
      "units to add (e.g. 50), or yuan (e.g. '600000 yuan': units = floor(yuan / unit cost))");
  po::options_description what("What to optimise");
  what.add_options()("resource", po::value<std::string>()->default_value("social_workers")->value_name("R"),
                     "allocatable per-station resource: social_workers or volunteers")(
      "objective", po::value<std::string>()->default_value("heat_harm")->value_name("OBJ"),
      "heat_harm (expected heat deaths + hospitalisations), missed_lunches, on_time_share, visits_done, or a "
      "weighted sum such as missed_lunches=1,visits_done=0.01")(
      "worst-area", "maximise the worst area's level (per 1,000 elders, or its share) instead of the city total")(
      "min-per-station", po::value<int>()->default_value(0)->value_name("N"), "units every station gets at least")(
      "max-per-station", po::value<int>()->default_value(4)->value_name("N"),
      "units a station gets at most (also the screening levels: N + 1 runs)")(
      "constraints", po::value<std::string>()->value_name("FILE"),
      "CSV scope,name,min,max (scope station or area) overriding the per-station bounds")(
      "opt-replicates", po::value<int>()->default_value(4)->value_name("R"), "replicates per screening run (>= 2)")(
      "fresh-replicates", po::value<int>()->default_value(8)->value_name("R"),
      "replicates with new seeds for the comparison with uniform and status quo (>= 2)")(
      "swaps", po::value<int>()->default_value(200)->value_name("N"), "at most N improving pairwise swaps");
  po::options_description output("Output");
  output.add_options()("csv", po::value<std::string>()->value_name("FILE"), "the allocation table as CSV")(
      "out", po::value<std::string>()->value_name("FILE"),
      "HDF5 result of the optimised scenario (fresh replicates) carrying the allocation");
  po::options_description desc;
  desc.add(required).add(what).add(output).add(scenario_options()).add(general_options(true));
  return desc;
}

int optimize_budget(const std::string& text, const optimize::Resource& r, const Config& c) {
  const std::string t = trim(text);
  const bool yuan = t.size() > 4 && t.substr(t.size() - 4) == "yuan";
  const std::string num = trim(yuan ? t.substr(0, t.size() - 4) : t);
  char* end = nullptr;
  const double v = std::strtod(num.c_str(), &end);
  if (num.empty() || *end != '\0' || !(v >= 0) || v > 1e12 || (!yuan && v != std::floor(v)))
    throw InputError("--budget '" + shown(text) + "' must be a whole number of units or an amount like '600000 yuan'");
  const double cost = optimize::unit_cost_yuan(r, c);
  if (yuan && !(cost > 0)) throw InputError("--budget in yuan needs a unit cost above 0 (see docs/optimize.md)");
  const double units = yuan ? std::floor(v / cost + 1e-9) : v;
  if (units > 100000) throw InputError("--budget: at most 100000 units");
  return static_cast<int>(units);
}

void write_text_file(const std::string& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  if (!out) throw RuntimeError(path + ": cannot write");
}

// The optimised scenario's result file: the fresh replicates of the optimised allocation, with the
// allocation as station variables; the recorded seed is the fresh one, so the file's replicates match it.
void write_optimised(const Scenario& sc, const World& world, const std::vector<WeatherDay>& weather,
                     const optimize::Plan& plan, const optimize::Options& o, const std::string& path,
                     const std::string& command_line) {
  Scenario opt = sc;
  opt.config.run.seed = plan.fresh_seeds.at(0);
  opt.config.run.replicates = static_cast<int>(plan.optimised_runs.size());
  opt.effective_ini = effective_ini(opt.config, "swsim optimize: the optimised allocation (see optimize_* variables)");
  World w = world;
  optimize::apply_units(*o.resource, sc.config, world, plan.units, w);
  RunInfo info{SWSIM_VERSION, command_line};
  optimize::add_to_run_info(plan, o, sc.config, info);
  PendingOutput out(path, run_inputs(sc, ""));
  write_results(out.temp_path(), opt, w, weather, Ensemble{plan.fresh_seeds, plan.optimised_runs}, info);
  out.commit();
}

// Where added units of a per-station resource do most good (docs/optimize.md).
int cmd_optimize(int argc, char** argv, const std::string& command_line) {
  const po::options_description desc = optimize_options();
  const po::variables_map vm = parse_command(argc, argv, desc, "optimize");
  if (vm.count("help")) {
    std::cout << "Usage: swsim optimize --scenario FILE --budget N [--resource R] [--objective OBJ] [--csv FILE] [--out FILE]\n"
                 "Allocates N added units of a per-station resource over the simulated stations: screening runs with\n"
                 "every station at 0..max extra units (common random numbers), greedy marginal allocation with\n"
                 "pairwise swaps, re-evaluation, then status quo, uniform and optimised on fresh replicates with\n"
                 "paired 95 % intervals. See docs/optimize.md.\n"
              << desc << "\n"
              << "Examples:\n"
                 "  swsim optimize --scenario scenarios/heatwave_2023_red.ini --budget 50 --csv alloc.csv --out opt.h5\n"
                 "  swsim optimize --scenario scenarios/baseline.ini --scale 0.25 --budget 10 --objective missed_lunches\n\n"
              << kExitStatus;
    return kExitOk;
  }
  for (const char* need : {"scenario", "budget"})
    if (!vm.count(need)) throw InputError(std::string("--") + need + " is required (see 'swsim optimize --help')");
  const auto limit = thread_limit(vm);
  const Scenario sc = load_scenario(vm["scenario"].as<std::string>(), overrides_from(vm));
  optimize::Options o;
  o.resource = &optimize::find_resource(vm["resource"].as<std::string>());
  o.objective = optimize::parse_objective(vm["objective"].as<std::string>(), vm.count("worst-area") > 0);
  o.budget = optimize_budget(vm["budget"].as<std::string>(), *o.resource, sc.config);
  o.replicates = vm["opt-replicates"].as<int>();
  o.fresh_replicates = vm["fresh-replicates"].as<int>();
  o.swap_rounds = vm["swaps"].as<int>();
  const int lo = vm["min-per-station"].as<int>(), hi = vm["max-per-station"].as<int>();
  if (lo < 0 || hi < lo || hi > 50) throw InputError("need 0 <= --min-per-station <= --max-per-station <= 50");
  if (o.replicates > 1000 || o.fresh_replicates > 1000 || o.swap_rounds < 0)
    throw InputError("--opt-replicates and --fresh-replicates at most 1000; --swaps at least 0");
  for (const char* f : {"csv", "out"})
    if (vm.count(f)) check_output_path(vm[f].as<std::string>(), run_inputs(sc, ""), f == std::string("csv") ? "--csv" : "--out");
  const World world = build_world(sc.config);
  const auto weather = make_weather(sc.config);
  o.bounds = optimize::default_bounds(world, lo, hi);
  if (vm.count("constraints")) optimize::read_constraints(vm["constraints"].as<std::string>(), world, o.bounds);
  const bool quiet = vm.count("quiet") > 0;
  const auto t0 = std::chrono::steady_clock::now();
  ProgressBar bar("optimize", optimize::planned_runs(o), !quiet && ProgressBar::stderr_is_terminal());
  const optimize::Plan plan = optimize::optimize(sc.config, world, weather, o, [&](int done, int) { bar.update(done); });
  bar.finish();
  std::cout << optimize::summary_text(plan, world, sc.config, o);
  if (!quiet)
    std::printf("time: %.1f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  if (vm.count("csv")) write_text_file(vm["csv"].as<std::string>(), optimize::allocation_csv(plan, world, sc.config, o));
  if (vm.count("out")) write_optimised(sc, world, weather, plan, o, vm["out"].as<std::string>(), command_line);
  return kExitOk;
}

int cmd_params(int argc, char** argv) {
  po::options_description output("Output");
  output.add_options()("format", po::value<std::string>()->default_value("markdown")->value_name("markdown|ini"),
                       "markdown table (docs/parameters.md) or an INI file of every default");
  po::options_description desc;
  desc.add(output).add(general_options(false));
  const po::variables_map vm = parse_command(argc, argv, desc, "params");
  if (vm.count("help")) {
    std::cout << "Usage: swsim params [--format markdown|ini]\n"
                 "Every scenario key with its default, unit, allowed range, meaning and source.\n"
              << desc << "\n"
              << "Examples:\n"
                 "  swsim params\n"
                 "  swsim params --format ini > my_scenario.ini\n";
    return kExitOk;
  }
  const std::string fmt = vm["format"].as<std::string>();
  if (fmt == "ini") {
    std::cout << effective_ini(default_config(), "every swsim parameter at its default (swsim params --format ini)");
    return kExitOk;
  }
  if (fmt != "markdown") throw InputError("--format must be markdown or ini");
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

int run_command(int argc, char** argv);

int main(int argc, char** argv) {
  H5dont_atexit();  // HDF5 is shut down below, and only when that is safe
  cluster::init(&argc, &argv);
  const int code = run_command(argc, argv);
  std::fflush(nullptr);
  if (!g_hdf5_write_failed) H5close();
  cluster::finalize();
  return code;
}

int run_command(int argc, char** argv) {
  const std::string command_line = join_command_line(argc, argv);
  try {
    if (argc < 2) {
      std::cerr << kUsage;
      return kExitInput;
    }
    const std::string cmd = argv[1];
    if (cmd == "--help" || cmd == "-h" || cmd == "help") {
      std::cout << kUsage << "\n" << run_options() << "\n" << kExamples << "\n" << kExitStatus;
      return kExitOk;
    }
    if (cmd == "--version" || cmd == "-V") {
      std::cout << "swsim " << SWSIM_VERSION << "\n";
      return kExitOk;
    }
    if (cmd == "run" || cmd == "sweep") install_signal_handlers();
    if (cmd == "run") return cmd_run(argc - 1, argv + 1, command_line);
    if (cmd == "sweep") return cmd_sweep(argc - 1, argv + 1, command_line);
    if (cmd == "params") return cmd_params(argc - 1, argv + 1);
    if (cmd == "validate") return cmd_validate(argc - 1, argv + 1);
    if (cmd == "sensitivity") return cmd_sensitivity(argc - 1, argv + 1);
    if (cmd == "optimize") return cmd_optimize(argc - 1, argv + 1, command_line);
    if (cmd == "areas") {
      refuse_arguments(argc, argv, "areas");
      return cmd_areas();
    }
    if (cmd == "schema") {
      refuse_arguments(argc, argv, "schema");
      std::cout << schema_markdown();
      return kExitOk;
    }
    throw InputError(std::string("unknown ") + (cmd.size() > 1 && cmd[0] == '-' ? "option" : "command") + " '" + cmd +
                     "' (commands: run, sweep, validate, sensitivity, optimize, params, schema, areas; see 'swsim --help')");
  } catch (const Interrupted&) {
    const int sig = g_signal ? static_cast<int>(g_signal) : SIGINT;
    if (cluster::rank() == 0)
      std::cerr << "\nswsim: interrupted by " << signal_name(sig) << "; the unfinished result file was removed\n";
    return 128 + sig;
  } catch (const InputError& e) {
    if (cluster::rank() == 0) std::cerr << "swsim: error: " << shown(e.what(), 1000) << "\n";
    return kExitInput;
  } catch (const RuntimeError& e) {
    g_hdf5_write_failed = true;  // perhaps an HDF5 failure (e.g. the sweep index): no H5close then
    std::cerr << "swsim: failed: " << shown(e.what(), 1000) << "\n";
    return kExitRuntime;
  } catch (const std::bad_alloc&) {
    std::cerr << "swsim: failed: out of memory (try a smaller --scale)\n";
    return kExitRuntime;
  } catch (const std::exception& e) {
    std::cerr << "swsim: failed: " << shown(e.what(), 1000) << "\n";
    return kExitRuntime;
  }
}
