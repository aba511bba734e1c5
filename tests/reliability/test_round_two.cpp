// Reliability, round two (issue 17): one test case per class through the real binaries. Outputs never
// clobber what they must not (devices, directories, the run's inputs, another run's output), readers
// trust nothing, write failures end cleanly, inputs that look valid are checked, resumes are tied to
// their inputs, leftovers of dead runs are cleaned up, and messages are one clear printable line.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>

#include "reliability.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/simulation/ensemble.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/geography.hpp"
#include "swsim/world/world.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using namespace reliability;

namespace {

const std::string kSwsim = SWSIM_BIN;
const std::string kAnalyze = SWSIM_ANALYZE_BIN;

// A folder of its own for each test case.
std::string folder(const std::string& name) {
  const std::string d = tmp_dir() + "/" + name;
  std::filesystem::remove_all(d);
  std::filesystem::create_directories(d);
  return d;
}

std::string q(const std::string& s) { return "'" + s + "'"; }

std::string small_run(const std::string& scenario, const std::string& out, const std::string& extra = "") {
  return kSwsim + " run --scenario " + q(scenario) + " --scale 0.01 --days 3 --quiet --out " + q(out) + " " + extra;
}

void one_line(const Outcome& o, int code, const std::string& prefix, std::initializer_list<std::string> pieces) {
  INFO("stderr: " << o.err);
  CHECK(o.code == code);
  CHECK(count_lines(o.err) == 1);
  CHECK_THAT(o.err, StartsWith(prefix));
  for (const auto& p : pieces) CHECK_THAT(o.err, Contains(p));
}

std::vector<std::string> hidden_files(const std::string& dir) {
  std::vector<std::string> out;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.path().filename().string()[0] == '.') out.push_back(e.path().filename().string());
  return out;
}

const std::string kBaseline = std::string(SWSIM_SOURCE_DIR) + "/scenarios/baseline.ini";
const std::string kWeatherCsv =
    "date,tmax_c,tmin_c,rh\n2022-06-01,30.5,21,50\n2022-06-02,31,22,55\n2022-06-03,36.2,25,40\n"
    "2022-06-04,33,24,60\n2022-06-05,34,25,62\n2022-06-06,35.5,26,58\n";

// A station table with one station per area.
std::string station_table() {
  std::string t = "name,area,lat,lon\n";
  for (const auto& a : swsim::jinan_areas()) {
    t.append(a.name_zh).append("\xE6\x80\xBB\xE7\xAB\x99,").append(a.name_en).append(",");
    t.append(std::to_string(a.lat)).append(",").append(std::to_string(a.lon)).append("\n");
  }
  return t;
}

}  // namespace

// ---- 1. output path ------------------------------------------------------------------------------

TEST_CASE("output: never a device, a directory or an input of the run - --out '' at once", "[reliability][output]") {
  const std::string d = folder("out1");
  one_line(run(small_run(kBaseline, "/dev/null")), 2, "swsim: error: ", {"/dev/null", "not a regular file"});
  CHECK_FALSE(std::filesystem::is_regular_file("/dev/null"));
  one_line(run(small_run(kBaseline, d)), 2, "swsim: error: ", {"is a directory"});
  one_line(run(kSwsim + " run --scenario " + kBaseline + " --out '' --quiet"), 2, "swsim: error: ", {"--out is empty"});

  // The scenario, the weather CSV and the station table are inputs: never overwritten.
  const std::string csv = d + "/weather.csv", ini = d + "/w.ini";
  std::ofstream(csv, std::ios::binary) << kWeatherCsv;
  std::ofstream(ini, std::ios::binary) << "[run]\nstart_date = 2022-06-01\n[weather]\nsource = csv\ncsv_file = weather.csv\n";
  const std::string ini_before = slurp(ini);
  one_line(run(small_run(ini, ini)), 2, "swsim: error: ", {"the output is the scenario file"});
  CHECK(slurp(ini) == ini_before);
  one_line(run(small_run(ini, csv)), 2, "swsim: error: ", {"the output is the weather CSV"});
  CHECK(slurp(csv) == kWeatherCsv);
  one_line(run(small_run(ini, d + "/./weather.csv")), 2, "swsim: error: ", {"the output is the weather CSV"});
  std::filesystem::create_symlink(csv, d + "/link.h5");
  one_line(run(small_run(ini, d + "/link.h5")), 2, "swsim: error: ", {"the output is the weather CSV"});
  CHECK(slurp(csv) == kWeatherCsv);
  const std::string stations = d + "/stations.csv";
  std::ofstream(stations, std::ios::binary) << station_table();
  const std::string st_before = slurp(stations);
  one_line(run(small_run(kBaseline, stations, "--set world.stations_file=" + stations)), 2, "swsim: error: ",
           {"the output is the station table"});
  CHECK(slurp(stations) == st_before);
}

TEST_CASE("output: the resume checkpoint is an input - a second writer fails at once", "[reliability][output]") {
  const std::string d = folder("out2");
  // A checkpoint made by the library (day 2 of 5), then `--resume X --out X` is refused and X kept.
  const swsim::Scenario sc = swsim::load_scenario(kBaseline, {{"run.scale", "0.01", "t"}, {"run.days", "5", "t"}});
  const swsim::World world = swsim::build_world(sc.config);
  const auto weather = swsim::make_weather(sc.config);
  const std::string ckpt = d + "/run.ckpt";
  {
    swsim::EnsembleRun er(sc.config, world, weather);
    er.step();
    er.step();
    er.save_checkpoint(ckpt, sc.effective_ini, swsim::digest_inputs(sc.config));
  }
  const std::string before = slurp(ckpt);
  one_line(run(kSwsim + " run --resume " + ckpt + " --out " + ckpt + " --quiet"), 2, "swsim: error: ",
           {"the output is the checkpoint to resume from"});
  CHECK(slurp(ckpt) == before);
  CHECK(hidden_files(d).empty());

  // Another run holds the output's lock: fail at once with one line, leave nothing behind.
  const std::string out = d + "/busy.h5";
  const int fd = ::open((d + "/.busy.h5.lock").c_str(), O_RDWR | O_CREAT, 0644);
  REQUIRE(fd >= 0);
  REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
  one_line(run(small_run(kBaseline, out)), 1, "swsim: failed: ", {"busy.h5", "locked by another swsim run"});
  CHECK_FALSE(std::filesystem::exists(out));
  ::close(fd);
  std::filesystem::remove(d + "/.busy.h5.lock");
  const Outcome ok = run(small_run(kBaseline, out, "--checkpoint-every 1"));
  INFO(ok.err);
  CHECK(ok.code == 0);
  CHECK(std::filesystem::exists(out));
  CHECK(hidden_files(d).empty());  // no lock file, no temporary file, no checkpoint temp
  // The same run twice gives the same bytes (no timestamps in any object header, e.g. the group
  // 'indicators'; the time of writing in date_created/history fixed by SOURCE_DATE_EPOCH, as for
  // reproducible builds): the fuzz corpus made from it is the same in every build tree.
  std::filesystem::create_directories(d + "/a");
  std::filesystem::create_directories(d + "/b");
  const std::string cmd =
      "SOURCE_DATE_EPOCH=1656633600 " + kSwsim + " run --scenario " + kBaseline + " --scale 0.01 --days 3 --quiet --out x.h5";
  REQUIRE(run("cd " + d + "/a && " + cmd).code == 0);
  ::sleep(1);  // a timestamp would now differ
  REQUIRE(run("cd " + d + "/b && " + cmd).code == 0);
  CHECK((slurp(d + "/a/x.h5") == slurp(d + "/b/x.h5")));
}

// ---- 2. readers trust nothing --------------------------------------------------------------------

TEST_CASE("readers: variables shorter than their dimension, missing or transposed metrics", "[reliability][reader]") {
  const std::string d = folder("reader");
  const std::string src = small_result();
  auto damaged = [&](const std::string& name, const std::string& edit) {
    const std::string path = d + "/" + name + ".h5";
    std::filesystem::copy_file(src, path, std::filesystem::copy_options::overwrite_existing);
    python("import sys, h5py, numpy as np\nwith h5py.File(sys.argv[1], 'a') as f:\n" + edit, path);
    return path;
  };
  const auto shorten = [](const std::string& v) {
    return "    x = f['" + v + "'][()][:-1]\n    del f['" + v + "']\n    f['" + v + "'] = x\n";
  };
  for (const std::string v : {"area_name", "station_area", "heat_wave", "station_elders"}) {
    const std::string path = damaged("short_" + v, shorten(v));
    one_line(run(kAnalyze + " summary " + path), 2, "swsim-analyze: error: ", {path, "'" + v + "'", "dimension"});
    one_line(run(kAnalyze + " compare " + src + " " + path), 2, "swsim-analyze: error: ", {path, "'" + v + "'"});
  }
  const std::string transposed =
      damaged("transposed", "    x = f['meals_on_time'][()].T.copy()\n    del f['meals_on_time']\n    f['meals_on_time'] = x\n");
  one_line(run(kAnalyze + " summary " + transposed), 2, "swsim-analyze: error: ", {transposed, "'meals_on_time'"});
  one_line(run(kAnalyze + " compare " + src + " " + transposed), 2, "swsim-analyze: error: ", {"'meals_on_time'"});
  const std::string missing = damaged("missing", "    del f['meals_late']\n");
  one_line(run(kAnalyze + " summary " + missing), 2, "swsim-analyze: error: ", {missing, "'meals_late'"});
}

// ---- 3. write failures ---------------------------------------------------------------------------

TEST_CASE("write failure: a file-size limit keeps the old output and exits cleanly", "[reliability][write]") {
  const std::string d = folder("fsize");
  const std::string out = d + "/out.h5";
  std::ofstream(out) << "the old output";
  // bash's ulimit -f counts 1024-byte blocks: 40 KiB is far less than a result file.
  const std::string cmd = "bash -c " + q("ulimit -f 40; exec " + small_run(kBaseline, out));
  const Outcome o = run(cmd);
  one_line(o, 1, "swsim: failed: ", {"out.h5"});
  CHECK(slurp(out) == "the old output");
  CHECK(hidden_files(d).empty());
  // The same for a checkpoint that cannot be written.
  const Outcome c = run("bash -c " + q("ulimit -f 40; exec " + kSwsim + " run --scenario " + kBaseline +
                                      " --scale 0.05 --days 4 --quiet --checkpoint-every 1 --out " + out));
  one_line(c, 1, "swsim: failed: ", {"out.h5"});
  CHECK(slurp(out) == "the old output");
  CHECK(hidden_files(d).empty());
}

// ---- 4. inputs that look valid -------------------------------------------------------------------

TEST_CASE("inputs: GBK station table, directories, bad sweep ranges, dates, huge values", "[reliability][inputs]") {
  const std::string d = folder("inputs");
  const std::string out = d + "/x.h5";
  const std::string table = station_table();
  const std::string gbk = d + "/gbk.csv";
  {
    // Line 2 gets a GBK-encoded name (\xC9\xE7\xB9\xA4 = 社工 in GBK).
    const auto nl = table.find('\n');
    std::ofstream(gbk, std::ios::binary) << table.substr(0, nl + 1) << "\xC9\xE7\xB9\xA4" << table.substr(nl + 1);
  }
  one_line(run(small_run(kBaseline, out, "--set world.stations_file=" + gbk)), 2, "swsim: error: ",
           {gbk + ":2:", "not UTF-8"});
  one_line(run(small_run(kBaseline, out, "--set world.stations_file=" + d)), 2, "swsim: error: ", {"is a directory"});
  CHECK_FALSE(std::filesystem::exists(out));

  for (const std::string range : {"nan:5", "1:inf", "0:1e300", "1:5:1e-300", "-inf:3", "1:5:nan", "1e300:1e301:1e299"}) {
    const std::string ini = d + "/sweep.ini";
    std::ofstream(ini) << "[sweep]\nstaffing.social_workers_per_station = " << range << "\n";
    INFO(range);
    one_line(run(kSwsim + " sweep --scenario " + ini + " --scale 0.01 --days 2 --quiet --out-dir " + d + "/sw"), 2,
             "swsim: error: ", {"sweep.ini:2"});
  }
  for (const std::string date : {"0000-06-01", "1582-10-14", "1899-12-31", "2101-01-01", "-001-06-01"}) {
    INFO(date);
    const Outcome o = run(small_run(kBaseline, out, "--set run.start_date=" + date));
    one_line(o, 2, "swsim: error: ", {"run.start_date"});
    if (date[0] != '-' && date != "0000-06-01") CHECK_THAT(o.err, Contains("1900-2100"));
  }
  const std::string huge(200000, '7');
  const std::string ini = d + "/huge.ini";
  std::ofstream(ini) << "[run]\nscale = 0." << huge << "x\n";
  const Outcome h = run(small_run(ini, out));
  one_line(h, 2, "swsim: error: ", {"huge.ini:2", "\xE2\x80\xA6"});
  CHECK(h.err.size() < 1000);
}

// ---- 5. resume tied to inputs --------------------------------------------------------------------

TEST_CASE("resume: a changed weather CSV is refused - relative inputs resume from another folder", "[reliability][resume]") {
  const std::string d = folder("resume");
  const std::string csv = d + "/weather.csv", ini = d + "/w.ini", ckpt = d + "/run.ckpt";
  std::ofstream(csv, std::ios::binary) << kWeatherCsv;
  std::ofstream(ini, std::ios::binary) << "[run]\nstart_date = 2022-06-01\ndays = 6\nscale = 0.01\n"
                                          "[weather]\nsource = csv\ncsv_file = weather.csv\n";
  // Loaded by a relative path: the CSV path is stored absolute.
  const std::string rel = std::filesystem::relative(ini).string();
  const swsim::Scenario sc = swsim::load_scenario(rel);
  CHECK(std::filesystem::path(sc.config.weather.csv_file).is_absolute());
  const swsim::World world = swsim::build_world(sc.config);
  const auto weather = swsim::make_weather(sc.config);
  {
    swsim::EnsembleRun er(sc.config, world, weather);
    er.step();
    er.save_checkpoint(ckpt, sc.effective_ini, swsim::digest_inputs(sc.config));
  }
  std::string edited = kWeatherCsv;
  edited.replace(edited.find("30.5"), 4, "39.5");
  std::ofstream(csv, std::ios::binary) << edited;
  one_line(run(kSwsim + " run --resume " + ckpt + " --out " + d + "/r.h5 --quiet"), 2, "swsim: error: ",
           {"run.ckpt", "weather CSV", "changed since the checkpoint"});
  std::filesystem::rename(csv, d + "/moved.csv");
  one_line(run(kSwsim + " run --resume " + ckpt + " --out " + d + "/r.h5 --quiet"), 2, "swsim: error: ",
           {"weather.csv", "missing"});
  std::ofstream(csv, std::ios::binary) << kWeatherCsv;
  const Outcome ok = run("cd / && " + kSwsim + " run --resume " + ckpt + " --out " + d + "/r.h5 --quiet");
  INFO(ok.err);
  CHECK(ok.code == 0);
  CHECK(std::filesystem::exists(d + "/r.h5"));
  // A damaged scenario text inside the checkpoint is caught by the checksum.
  {
    swsim::EnsembleRun er(sc.config, world, weather);
    er.step();
    er.save_checkpoint(ckpt, sc.effective_ini, swsim::digest_inputs(sc.config));
  }
  std::string bytes = slurp(ckpt);
  bytes[bytes.find("days = 6") + 7] = '9';
  std::ofstream(ckpt, std::ios::binary) << bytes;
  one_line(run(kSwsim + " run --resume " + ckpt + " --out " + d + "/r2.h5 --quiet"), 2, "swsim: error: ",
           {"truncated or damaged"});
}

// ---- 6. leftovers --------------------------------------------------------------------------------

TEST_CASE("leftovers: SIGHUP stops like SIGINT - stale temporary files of dead runs are removed", "[reliability][leftovers]") {
  const std::string d = folder("leftovers");
  // A PID that does not run: the highest possible one is never handed out while we look.
  long dead = 0;
  for (long pid = 4194000; pid > 1000; --pid)
    if (::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH) {
      dead = pid;
      break;
    }
  REQUIRE(dead > 0);
  const std::string stale_h5 = d + "/.old.h5.tmp." + std::to_string(dead);
  const std::string stale_ckpt = d + "/.x.h5.ckpt.tmp." + std::to_string(dead);
  const std::string foreign = d + "/.notes.tmp." + std::to_string(dead);
  std::ofstream(stale_h5, std::ios::binary) << "\x89HDF\r\n\x1a\n and more";
  std::ofstream(stale_ckpt, std::ios::binary) << "SWSIMCKP and more";
  std::ofstream(foreign, std::ios::binary) << "someone else's file";
  const Outcome o = run(small_run(kBaseline, d + "/x.h5"));
  INFO(o.err);
  CHECK(o.code == 0);
  CHECK_FALSE(std::filesystem::exists(stale_h5));
  CHECK_FALSE(std::filesystem::exists(stale_ckpt));
  CHECK(std::filesystem::exists(foreign));

  const std::string out = d + "/hup.h5";
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    const int null = ::open("/dev/null", O_WRONLY);
    ::dup2(null, 2);
    ::execl(SWSIM_BIN, SWSIM_BIN, "run", "--scenario", kBaseline.c_str(), "--replicates", "40", "--quiet", "--out",
            out.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  ::usleep(1500 * 1000);
  ::kill(pid, SIGHUP);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 129);
  CHECK_FALSE(std::filesystem::exists(out));
  for (const auto& f : hidden_files(d)) CHECK(f == std::filesystem::path(foreign).filename().string());
}

// ---- 7. messages ---------------------------------------------------------------------------------

TEST_CASE("messages: locked file, ignored heat waves, report exit codes, raw bytes", "[reliability][messages]") {
  const std::string d = folder("messages");
  // A result file another program holds for writing (HDF5 locks with flock): not "damaged".
  const std::string locked = d + "/locked.h5";
  std::filesystem::copy_file(small_result(), locked);
  {
    const int fd = ::open(locked.c_str(), O_RDWR);
    REQUIRE(fd >= 0);
    REQUIRE(::flock(fd, LOCK_EX | LOCK_NB) == 0);
    const Outcome o = run(kAnalyze + " summary " + locked);
    one_line(o, 2, "swsim-analyze: error: ", {locked, "locked by another program"});
    CHECK_THAT(o.err, !Contains("damaged"));
    ::close(fd);
  }
  CHECK(run(kAnalyze + " summary " + locked).code == 0);

  // Heat waves that cannot apply: a warning line each, and the run still works.
  const std::string out = d + "/hw.h5";
  Outcome o = run(kSwsim + " run --scenario " + kBaseline + " --scale 0.01 --days 3 --out " + out +
                  " --set 'weather.heat_waves=2022-08-01 5 38 40'");
  INFO(o.err);
  CHECK(o.code == 0);
  CHECK_THAT(o.err, Contains("swsim: warning: weather.heat_waves: the wave from 2022-08-01 (5 days) is outside the run "
                             "(2022-06-01 to 2022-06-03) and ignored\n"));
  o = run(kSwsim + " run --scenario " + kBaseline + " --scale 0.01 --days 3 --out " + out +
          " --set 'weather.heat_waves=2022-05-30 5 38 40; 2022-08-01 5 38 40; 2022-09-01 5 38 40'");
  CHECK(o.code == 0);
  CHECK_THAT(o.err, Contains("the waves from 2022-08-01 (5 days), 2022-09-01 (5 days) are outside the run"));
  CHECK_THAT(o.err, Contains("the wave from 2022-05-30 (5 days) is partly outside the run"));
  const std::string csv = d + "/weather.csv";
  std::ofstream(csv, std::ios::binary) << kWeatherCsv;
  o = run(kSwsim + " run --scenario " + kBaseline + " --scale 0.01 --days 3 --out " + out +
          " --set weather.source=csv --set weather.csv_file=" + csv + " --set 'weather.heat_waves=2022-06-01 3 38 40'");
  CHECK(o.code == 0);
  CHECK_THAT(o.err, Contains("swsim: warning: weather.heat_waves"));
  CHECK_THAT(o.err, Contains("ignored with weather.source = csv"));

  // report: bad input is exit 2 with one line in words, and no folder is left behind.
  const std::string cut = d + "/cut.h5";
  std::filesystem::copy_file(small_result(), cut);
  std::filesystem::resize_file(cut, std::filesystem::file_size(cut) / 2);
  for (const std::string& bad : {cut, d + "/none.h5"}) {
    const std::string rep = d + "/report";
    const Outcome r = run(kAnalyze + " report --out " + rep + " " + bad);
    INFO(bad);
    one_line(r, 2, "swsim-analyze: error: ", {bad});
    CHECK_THAT(r.err, !Contains("Errno"));
    CHECK_FALSE(std::filesystem::exists(rep));
  }

  // Raw bytes that are not UTF-8 are shown as \xNN.
  const Outcome b = run(kAnalyze + " summary " + d + "/\xff.h5");
  one_line(b, 2, "swsim-analyze: error: ", {"\\xFF"});
  std::filesystem::copy_file(small_result(), d + "/\xfd.h5");
  const Outcome r = run(kAnalyze + " report --out " + d + "/rep " + d + "/\xfd.h5");
  one_line(r, 2, "swsim-analyze: error: ", {"\\xFD.h5", "not UTF-8"});
  CHECK_FALSE(std::filesystem::exists(d + "/rep"));
  const Outcome s = run(kSwsim + " run --scenario " + kBaseline + " --out " + d + "/\xfe/x.h5 --quiet");
  one_line(s, 2, "swsim: error: ", {"\\xFE"});
}
