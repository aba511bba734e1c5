// The swsim command line as a user meets it: exit codes, one-line errors, no stray output files.
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "h5_digest.hpp"
#include "reader/result_file.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/io/result_writer.hpp"
#include "swsim/simulation/ensemble.hpp"
#include "swsim/world/world.hpp"

using Catch::Matchers::Contains;

namespace {
struct Outcome {
  int code;
  std::string out, err;
};

std::string temp_dir() {
  static const std::string dir = [] {
    const auto d = std::filesystem::temp_directory_path() / ("swsim_cli_" + std::to_string(::getpid()));
    std::filesystem::create_directories(d);
    return d.string();
  }();
  return dir;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

Outcome run(const std::string& bin, const std::string& args) {
  const std::string out = temp_dir() + "/stdout", err = temp_dir() + "/stderr";
  const std::string cmd = std::string(bin) + " " + args + " >" + out + " 2>" + err + " </dev/null";
  const int status = std::system(cmd.c_str());
  return Outcome{WIFEXITED(status) ? WEXITSTATUS(status) : -1, slurp(out), slurp(err)};
}

Outcome run_swsim(const std::string& args) { return run(SWSIM_BIN, args); }

const std::string baseline = std::string(SWSIM_SOURCE_DIR) + "/scenarios/baseline.ini";

int lines(const std::string& s) {
  int n = 0;
  for (char c : s) n += c == '\n';
  return n;
}

void expect_input_error(const std::string& args, const std::string& message, const std::string& out_file) {
  const Outcome o = run_swsim(args);
  INFO("swsim " << args << "\nstderr: " << o.err);
  CHECK(o.code == 2);
  CHECK(lines(o.err) == 1);
  CHECK_THAT(o.err, Contains(message));
  CHECK_FALSE(std::filesystem::exists(out_file));
  for (const auto& e : std::filesystem::directory_iterator(temp_dir()))  // no temporary left behind
    CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
}
}  // namespace

TEST_CASE("swsim --version and --help", "[cli]") {
  const Outcome v = run_swsim("--version");
  CHECK(v.code == 0);
  CHECK_THAT(v.out, Contains("swsim 0."));
  const Outcome h = run_swsim("run --help");
  CHECK(h.code == 0);
  for (const char* opt : {"--scenario", "--out", "--scale", "--days", "--threads", "--seed", "--set"})
    CHECK_THAT(h.out, Contains(opt));
  CHECK_THAT(h.out, Contains("(=0)"));  // defaults are shown
  CHECK(run_swsim("").code == 2);
  CHECK(run_swsim("frobnicate").code == 2);
}

TEST_CASE("bad input gives one clear line, exit code 2 and no result file", "[cli][errors]") {
  const std::string out = temp_dir() + "/r.h5";
  std::filesystem::remove(out);
  expect_input_error("run --scenario " + temp_dir() + "/missing.ini --out " + out, "missing.ini: scenario file not found", out);
  const std::string typo = temp_dir() + "/typo.ini";
  std::ofstream(typo) << "[run]\ndays = 3\n[staffing]\nsocial_worker_per_station = 4\n";
  expect_input_error("run --scenario " + typo + " --out " + out,
                     "typo.ini:4: unknown key 'staffing.social_worker_per_station'", out);
  expect_input_error("run --scenario " + baseline + " --out " + out + " --set staffing.social_workers_per_station=-1",
                     "--set staffing.social_workers_per_station=-1: -1 is out of range 0-50", out);
  expect_input_error("run --scenario " + baseline + " --out " + out + " --days 0", "--days 0: 0 is out of range 1-366", out);
  expect_input_error("run --scenario " + baseline + " --out " + out + " --live 0", "--live takes seconds between snapshots", out);
  expect_input_error("run --scenario " + baseline + " --out " + out + " --scale abc", "is not a number", out);
  expect_input_error("run --scenario " + baseline, "--out FILE is required", out);
  expect_input_error("run --scenario " + baseline + " --out /nonexistent/dir/r.h5", "does not exist", out);
  expect_input_error("run --scenario " + baseline + " --out " + out + " --bogus", "unrecognised option '--bogus'", out);
  // Stray arguments are errors, never silently ignored.
  expect_input_error("run extra --scenario " + baseline + " --out " + out, "unexpected argument 'extra'", out);
  expect_input_error("params staffing", "swsim: error: unexpected argument 'staffing' (see 'swsim params --help')", out);
  expect_input_error("schema x", "swsim: error: unexpected argument 'x' ('swsim schema' takes none)", out);
  expect_input_error("validate --scenario " + baseline + " more",
                     "swsim: error: unexpected argument 'more' (see 'swsim validate --help')", out);
}

TEST_CASE("errors carry one prefix: 'swsim: error: ' and then the problem", "[cli][errors]") {
  const std::string out = temp_dir() + "/p.h5";
  const std::vector<std::string> cases{"run --scenario " + baseline, "run --out " + out, "sweep --scenario " + baseline,
                                       "params --format xml", "frobnicate", "--frobnicate", "run --bogus",
                                       "run --scenario " + baseline + " --out " + out + " --threads -1"};
  for (const std::string& args : cases) {
    const Outcome o = run_swsim(args);
    INFO("swsim " << args << "\nstderr: " << o.err);
    CHECK(o.code == 2);
    CHECK(lines(o.err) == 1);
    CHECK(o.err.rfind("swsim: error: ", 0) == 0);
    // Exactly one program prefix: "swsim" appears again only quoted ('swsim run --help'), never as
    // "swsim run: ..." or a second "error:".
    for (std::size_t at = o.err.find("swsim", 1); at != std::string::npos; at = o.err.find("swsim", at + 1))
      CHECK(o.err[at - 1] == '\'');
    CHECK(o.err.find("error:", 14) == std::string::npos);
  }
  CHECK_THAT(run_swsim("--frobnicate").err, Contains("unknown option '--frobnicate'"));
  CHECK_THAT(run_swsim("frobnicate").err, Contains("unknown command 'frobnicate'"));
}

TEST_CASE("help: a usage line per command, required options first, grouped options, examples", "[cli][help]") {
  const Outcome top = run_swsim("--help");
  CHECK(top.code == 0);
  for (const char* cmd : {"run", "sweep", "validate", "sensitivity", "optimize", "params", "schema", "areas"})
    CHECK_THAT(top.out, Contains(std::string("or:  swsim ") + cmd) || Contains(std::string("Usage: swsim ") + cmd));
  for (const char* section : {"Usage: ", "Commands:", "Examples:", "Exit status:"}) CHECK_THAT(top.out, Contains(section));
  const Outcome run = run_swsim("run --help");
  CHECK(run.code == 0);
  CHECK(run.out.rfind("Usage: swsim run --scenario FILE --out FILE [options]\n", 0) == 0);
  // Groups in order: the required options first, --help last.
  std::size_t at = 0;
  for (const char* piece : {"Required:", "--scenario FILE", "--out FILE", "Scenario overrides:", "--set KEY=VALUE",
                            "Checkpoints:", "--resume CHECKPOINT", "General:", "--threads", "--help", "Examples:",
                            "swsim run --scenario scenarios/baseline.ini --out baseline.h5", "Exit status:"}) {
    INFO(piece);
    const std::size_t next = run.out.find(piece, at);
    REQUIRE(next != std::string::npos);
    at = next;
  }
  for (const char* cmd : {"sweep", "validate", "sensitivity", "optimize", "params"}) {
    const Outcome h = run_swsim(std::string(cmd) + " --help");
    INFO(cmd << ": " << h.out);
    CHECK(h.code == 0);
    CHECK(h.out.rfind(std::string("Usage: swsim ") + cmd, 0) == 0);
    CHECK_THAT(h.out, Contains("Examples:"));
    CHECK_THAT(h.out, Contains("General:"));
  }
}

TEST_CASE("a run writes a complete result file, identical for 1 and 2 threads", "[cli][determinism]") {
  const std::string a = temp_dir() + "/t1.h5", b = temp_dir() + "/t2.h5";
  const std::string common = "run --scenario " + baseline + " --scale 0.01 --days 20 --set run.start_date=2022-06-10";
  const Outcome one = run_swsim(common + " --threads 1 --out " + a);
  INFO(one.err);
  REQUIRE(one.code == 0);
  REQUIRE(run_swsim(common + " --threads 2 --out " + b).code == 0);
  CHECK(one.err.find("[") == std::string::npos);  // no progress bar when stderr is not a terminal
  // The files differ only in the recorded command line: every dataset must be identical.
  const swsim::results::ResultFile fa(a), fb(b);
  const auto vars = fa.station_day_variables();
  REQUIRE(vars.size() >= 10);
  for (const auto& v : vars) {
    INFO(v);
    CHECK(fa.read(v) == fb.read(v));
  }
  for (const char* v : {"tmax_c", "heat_warning", "station_lat", "station_elders", "catchment_station"})
    CHECK(fa.read(v) == fb.read(v));
  CHECK(fa.read_strings("station_name") == fb.read_strings("station_name"));
  CHECK(fa.global_text("scenario") == fb.global_text("scenario"));
}

TEST_CASE("a sweep of one parameter equals separate runs at each value, and a re-run skips done points",
          "[cli][sweep]") {
  const std::string ini = temp_dir() + "/sweep.ini", out = temp_dir() + "/sweep_out";
  std::filesystem::remove_all(out);
  std::ofstream(ini) << "# a test sweep\n[run]\ndays = 10\nscale = 0.02\nstart_date = 2022-06-12\n[weather]\n"
                        "heat_waves = 2022-06-16 5 39 35\n[sweep]\nstaffing.social_workers_per_station = 2, 4\n";
  const Outcome s = run_swsim("sweep --scenario " + ini + " --out-dir " + out + " --quiet");
  INFO(s.err);
  REQUIRE(s.code == 0);
  REQUIRE(std::filesystem::exists(out + "/sweep.h5"));
  REQUIRE(std::filesystem::exists(out + "/sweep.csv"));
  CHECK(slurp(out + "/sweep.csv") ==
        "point,file,staffing.social_workers_per_station\n0,point_000.h5,2\n1,point_001.h5,4\n");
  for (int k = 0; k < 2; ++k) {
    const std::string single = temp_dir() + "/single" + std::to_string(k) + ".h5";
    REQUIRE(run_swsim("run --scenario " + baseline + " --out " + single +
                      " --quiet --set run.days=10 --set run.scale=0.02 --set run.start_date=2022-06-12"
                      " --set weather.heat_waves='2022-06-16 5 39 35' --set staffing.social_workers_per_station=" +
                      std::to_string(2 + 2 * k))
                .code == 0);
    const swsim::results::ResultFile a(out + "/point_00" + std::to_string(k) + ".h5"), b(single);
    for (const auto& v : a.station_day_variables()) {
      INFO(v);
      CHECK(a.read(v) == b.read(v));
    }
  }
  const auto before = std::filesystem::last_write_time(out + "/point_001.h5");
  const Outcome again = run_swsim("sweep --scenario " + ini + " --out-dir " + out);
  CHECK(again.code == 0);
  CHECK_THAT(again.err, Contains("already complete"));
  CHECK(std::filesystem::last_write_time(out + "/point_001.h5") == before);
  // A [sweep] scenario is not for 'run', and --set may not fight a swept key.
  CHECK(run_swsim("run --scenario " + ini + " --out " + temp_dir() + "/x.h5").code == 2);
  CHECK(run_swsim("sweep --scenario " + ini + " --out-dir " + out + " --set staffing.social_workers_per_station=3").code == 2);
}

TEST_CASE("SIGINT and SIGTERM stop a run cleanly: exit 130 or 143, no result file, no temporary left",
          "[cli][signals]") {
  for (const int sig : {SIGINT, SIGTERM}) {
    INFO("signal " << sig);
    const std::string out = temp_dir() + "/interrupted.h5";
    std::filesystem::remove(out);
    const pid_t pid = ::fork();
    REQUIRE(pid >= 0);
    if (pid == 0) {
      const int devnull = ::open("/dev/null", O_WRONLY);
      ::dup2(devnull, 2);
      ::execl(SWSIM_BIN, SWSIM_BIN, "run", "--scenario", baseline.c_str(), "--replicates", "40", "--out", out.c_str(),
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::usleep(1500 * 1000);  // well into building the world or simulating
    ::kill(pid, sig);
    int status = 0;
    ::waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 128 + sig);
    CHECK_FALSE(std::filesystem::exists(out));
    for (const auto& e : std::filesystem::directory_iterator(temp_dir()))
      CHECK(e.path().filename().string().find(".tmp") == std::string::npos);
  }
}

TEST_CASE("swsim run --resume finishes a checkpointed run with the same data", "[cli][checkpoint]") {
  using namespace swsim;
  const std::vector<Override> ov{{"run.scale", "0.02", "t"}, {"run.days", "12", "t"}, {"run.replicates", "2", "t"}};
  const Scenario sc = load_scenario(baseline, ov);
  const World world = build_world(sc.config);
  const auto weather = make_weather(sc.config);
  const std::string ckpt = temp_dir() + "/run.ckpt", resumed = temp_dir() + "/resumed.h5",
                    straight = temp_dir() + "/straight.h5";
  {
    EnsembleRun run(sc.config, world, weather);
    for (int d = 0; d < 5; ++d) run.step();
    run.save_checkpoint(ckpt, sc.effective_ini);
  }
  const Outcome r = run_swsim("run --resume " + ckpt + " --out " + resumed + " --quiet");
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK_FALSE(std::filesystem::exists(ckpt));  // spent
  REQUIRE(run_swsim("run --scenario " + baseline + " --scale 0.02 --days 12 --replicates 2 --quiet --out " + straight)
              .code == 0);
  const results::ResultFile a(resumed), b(straight);
  for (const auto& v : a.station_day_variables()) {
    INFO(v);
    CHECK(a.read(v) == b.read(v));
  }
  expect_input_error("run --resume " + temp_dir() + "/none.ckpt --out " + resumed + "x", "checkpoint not found",
                     resumed + "x");
  expect_input_error("run --resume " + ckpt + " --set run.days=3 --out " + resumed + "y", "drop --set", resumed + "y");
}

namespace {
// The pass/fail cell of one row of a `swsim validate --csv` file ("" when the row is missing).
std::string row_result(const std::string& csv, const std::string& id) {
  const std::size_t at = csv.find("\n" + id + ",");
  if (at == std::string::npos) return "";
  const std::size_t end = csv.find('\n', at + 1);
  const std::string line = csv.substr(at + 1, end - at - 1);
  return line.substr(line.rfind(',') + 1);
}
}  // namespace

TEST_CASE("validate: a parameter moved outside its tolerance fails its rows and the exit status", "[cli][validate]") {
  const std::string ok_csv = temp_dir() + "/v_ok.csv", bad_csv = temp_dir() + "/v_bad.csv";
  const std::string common = "validate --quiet --scenario " + baseline + " --scale 0.1 --replicates 2 --csv ";
  const Outcome ok = run_swsim(common + ok_csv);
  INFO(ok.err);
  REQUIRE((ok.code == 0 || ok.code == 1));
  const Outcome bad = run_swsim(common + bad_csv + " --set health.base_hazard_per_day=1e-5");
  INFO(bad.err);
  CHECK(bad.code == 1);  // a failing row makes the command fail
  const std::string a = slurp(ok_csv), b = slurp(bad_csv);
  REQUIRE(a.rfind("id,target,source,low,high,model,pass\n", 0) == 0);
  for (const char* row : {"heat.fit_base_hazard", "heat.incidence_65plus"}) {
    INFO(row);
    CHECK(row_result(a, row) == "pass");
    CHECK(row_result(b, row) == "FAIL");
  }
  CHECK(row_result(b, "inputs.share_65plus") == "pass");  // the rows the parameter does not reach still pass
  CHECK(row_result(b, "closed.erlang_c.c3_a2.5") == "pass");
}

namespace {
// swsim run with `args` (stderr dropped) as a child process: its exit code and peak resident memory (KiB).
struct Measured {
  int code = -1;
  long max_rss_kib = 0;
};
pid_t spawn_swsim(const std::vector<std::string>& args) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(SWSIM_BIN)};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const int devnull = ::open("/dev/null", O_WRONLY);
    ::dup2(devnull, 2);
    ::execv(SWSIM_BIN, argv.data());
    ::_exit(127);
  }
  return pid;
}
Measured run_measured(const std::vector<std::string>& args) {
  const pid_t pid = spawn_swsim(args);
  Measured m;
  int status = 0;
  struct rusage ru {};
  if (pid > 0 && ::wait4(pid, &status, 0, &ru) == pid && WIFEXITED(status)) m.code = WEXITSTATUS(status);
  m.max_rss_kib = ru.ru_maxrss;
  return m;
}
std::string file_hash(const std::string& path) {
  swsim::bench::quiet_hdf5_errors();
  const auto h = swsim::bench::hash_h5_file(path);
  return h ? swsim::bench::hex(h->hs.h) : "unreadable";
}
std::vector<std::string> small_ensemble(const std::string& out, int replicates, int threads, int days = 92) {
  return {"run", "--scenario", baseline, "--scale", "0.05", "--days", std::to_string(days), "--replicates",
          std::to_string(replicates), "--threads", std::to_string(threads), "--quiet", "--out", out};
}
}  // namespace

TEST_CASE("swsim run streams an ensemble into its file: memory flat in the replicates, the lock-step run's file, "
          "any thread count", "[cli][ensemble][streamed]") {
  const std::string few = temp_dir() + "/stream4.h5", many = temp_dir() + "/stream60.h5";
  const Measured m4 = run_measured(small_ensemble(few, 4, 2)), m60 = run_measured(small_ensemble(many, 60, 2));
  REQUIRE(m4.code == 0);
  REQUIRE(m60.code == 0);
  // Holding the results would add 56 x 75 metrics x 92 days x 15 stations x 8 bytes = 46 MiB (plus the writer's
  // copies); streamed, both runs keep the same 4 simulations alive and one replicate's slab at a time.
  INFO("peak RSS 4 replicates " << m4.max_rss_kib << " KiB, 60 replicates " << m60.max_rss_kib << " KiB");
  CHECK(m60.max_rss_kib - m4.max_rss_kib < 16 * 1024);
  const swsim::results::ResultFile big(many);
  CHECK(big.read("meals_on_time").size() == 60u * 92 * 15);
  // The disk check's estimate is low but not far off: what 56 more replicates add to the file.
  const double grown = static_cast<double>(std::filesystem::file_size(many) - std::filesystem::file_size(few));
  const auto least = [&](int n) { return static_cast<double>(swsim::least_result_bytes(n, 92, big.stations(), big.areas())); };
  CHECK(grown >= least(60) - least(4));
  CHECK(grown <= 4 * (least(60) - least(4)));
  // The same data as the lock-step run (checkpoints on: every replicate held and written at the end), and
  // at one thread as at two.
  const std::string one = temp_dir() + "/stream4_t1.h5", lockstep = temp_dir() + "/lockstep4.h5";
  REQUIRE(run_measured(small_ensemble(one, 4, 1)).code == 0);
  std::vector<std::string> held = small_ensemble(lockstep, 4, 2);
  held.insert(held.end(), {"--checkpoint-every", "1000"});
  REQUIRE(run_measured(held).code == 0);
  CHECK(file_hash(few) == file_hash(one));
  CHECK(file_hash(few) == file_hash(lockstep));
  CHECK(file_hash(few) != "unreadable");
  for (const auto& f : {few, many, one, lockstep}) std::filesystem::remove(f);
}

TEST_CASE("a streamed ensemble stopped by SIGINT while writing leaves no result file and no temporary",
          "[cli][ensemble][streamed][signals]") {
  const std::string out = temp_dir() + "/stream_stopped.h5";
  const pid_t pid = spawn_swsim(small_ensemble(out, 1000, 2));
  REQUIRE(pid > 0);
  const std::string temp = temp_dir() + "/.stream_stopped.h5.tmp." + std::to_string(pid);
  // Wait until replicates are arriving in the temporary file (it grows past its fixed part).
  std::uintmax_t first = 0;
  const auto t0 = std::chrono::steady_clock::now();
  while (std::chrono::steady_clock::now() - t0 < std::chrono::seconds(60)) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(temp, ec);
    if (!ec && size > 0 && first == 0) first = size;
    if (!ec && first > 0 && size > first + 512 * 1024) break;
    ::usleep(50 * 1000);
  }
  ::kill(pid, SIGINT);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  CHECK(first > 0);
  CHECK_FALSE(std::filesystem::exists(out));
  CHECK_FALSE(std::filesystem::exists(temp));
}
