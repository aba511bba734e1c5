// Bad input through the real binaries: every class of bad file or value gives exactly one line on
// stderr naming the file (and the line or key when there is one) and the documented non-zero exit
// code; odd but valid input (BOM, CRLF, blank lines, rows out of order, an empty scenario) just works.
// Cases already covered by tests/test_cli.cpp, tests/test_config.cpp and tests/viz are not repeated.
#include <catch2/catch.hpp>

#include "reliability.hpp"

using Catch::Matchers::Contains;
using Catch::Matchers::StartsWith;
using namespace reliability;

namespace {

const std::string kSwsim = SWSIM_BIN;
const std::string kAnalyze = SWSIM_ANALYZE_BIN;

std::string quick_run(const std::string& scenario, const std::string& out, const std::string& extra = "") {
  return kSwsim + " run --scenario '" + scenario + "' --scale 0.01 --days 3 --quiet --out " + out + " " + extra;
}

// One line on stderr starting with `prefix`, containing every piece, exit code `code`, no output file.
void expect_error(const Outcome& o, int code, const std::string& prefix, std::initializer_list<std::string> pieces,
                  const std::string& out_file = "") {
  INFO("stderr: " << o.err);
  CHECK(o.code == code);
  CHECK(count_lines(o.err) == 1);
  CHECK((!o.err.empty() && o.err.back() == '\n'));
  CHECK_THAT(o.err, StartsWith(prefix));
  for (const auto& p : pieces) CHECK_THAT(o.err, Contains(p));
  if (!out_file.empty()) CHECK_FALSE(std::filesystem::exists(out_file));
}

void expect_swsim_error(const std::string& ini_bytes, std::initializer_list<std::string> pieces,
                        const std::string& extra = "") {
  const std::string ini = write_file("bad.ini", ini_bytes), out = tmp_dir() + "/bad.h5";
  std::filesystem::remove(out);
  INFO("scenario bytes: " << ini_bytes << " " << extra);
  expect_error(run(quick_run(ini, out, extra)), 2, "swsim: error: ", pieces, out);
}

void expect_swsim_ok(const std::string& name, const std::string& ini_bytes) {
  const std::string ini = write_file(name, ini_bytes), out = tmp_dir() + "/ok.h5";
  std::filesystem::remove(out);
  const Outcome o = run(quick_run(ini, out));
  INFO("scenario bytes: " << ini_bytes << "\nstderr: " << o.err);
  CHECK(o.code == 0);
  CHECK(o.err.empty());
  CHECK(std::filesystem::exists(out));
}

const std::string kHeader = "date,tmax_c,tmin_c,rh\n";
const std::string kRows = "2022-06-01,30.5,21,50\n2022-06-02,31,22,55\n2022-06-03,36.2,25,40\n";

// Runs three days from 2022-06-01 on weather from a CSV with these bytes.
Outcome run_with_weather(const std::string& csv_bytes) {
  const std::string csv = write_file("weather.csv", csv_bytes);
  const std::string ini = write_file("weather.ini", "[run]\nstart_date = 2022-06-01\n[weather]\nsource = csv\ncsv_file = weather.csv\n");
  const std::string out = tmp_dir() + "/weather.h5";
  std::filesystem::remove(out);
  return run(quick_run(ini, out));
}

void expect_weather_error(const std::string& csv_bytes, std::initializer_list<std::string> pieces) {
  INFO("CSV bytes: " << csv_bytes);
  expect_error(run_with_weather(csv_bytes), 2, "swsim: error: ", pieces, tmp_dir() + "/weather.h5");
}

}  // namespace

// ---- scenario INI and --set ----------------------------------------------------------------------

TEST_CASE("scenario: BOM, CRLF, a repeated section and an empty file are read", "[reliability][ini]") {
  expect_swsim_ok("bom.ini", "\xEF\xBB\xBF[run]\nseed = 3\n");
  expect_swsim_ok("crlf.ini", "# Windows line ends\r\n[run]\r\nseed = 3\r\n\r\n[staffing]\r\nsocial_workers_per_station = 2\r\n");
  expect_swsim_ok("bom_crlf.ini", "\xEF\xBB\xBF[run]\r\nseed = 3\r\n");
  expect_swsim_ok("twice.ini", "[run]\nseed = 3\n[staffing]\nsocial_workers_per_station = 2\n[run]\nstart_date = 2022-06-05\n");
  expect_swsim_ok("empty.ini", "");
  expect_swsim_ok("comments.ini", "# only a comment\n\n   \n");
}

TEST_CASE("scenario: a value with trailing garbage names the file, line and key", "[reliability][ini]") {
  expect_swsim_error("[run]\nseed = 3\n\n[staffing]\nsocial_workers_per_station = 3 people\n",
                     {"bad.ini:5: staffing.social_workers_per_station = 3 people", "not a whole number"});
  expect_swsim_error("[run]\nscale = 0.5x\n", {"bad.ini:2: run.scale", "not a number"});
  expect_swsim_error("[lunch]\nready_time = 11:30am\n", {"bad.ini:2: lunch.ready_time", "not a time of day"});
  expect_swsim_error("[run]\r\nseed = 3 4\r\n", {"bad.ini:2: run.seed = 3 4"});  // CRLF: no stray \r in the line
}

TEST_CASE("scenario: huge numbers, NaN and infinity are rejected", "[reliability][ini]") {
  expect_swsim_error("[run]\nseed = 99999999999999999999999\n", {"bad.ini:2: run.seed", "not a non-negative whole number"});
  expect_swsim_error("[staffing]\nsocial_workers_per_station = 99999999999999999999\n",
                     {"bad.ini:2: staffing.social_workers_per_station"});
  expect_swsim_error("[run]\nscale = 1e999\n", {"bad.ini:2: run.scale = 1e999", "not a number"});
  expect_swsim_error("[run]\nscale = nan\n", {"bad.ini:2: run.scale = nan", "not a number"});
  expect_swsim_error("[run]\nscale = inf\n", {"bad.ini:2: run.scale = inf", "not a number"});
  expect_swsim_error("[run]\nscale = -inf\n", {"bad.ini:2: run.scale"});
  expect_swsim_error("[weather]\nheat_waves = 2022-06-16 7 nan 40\n", {"bad.ini:2: weather.heat_waves"});
}

TEST_CASE("scenario: bytes that are not UTF-8 text are rejected with the line", "[reliability][ini]") {
  expect_swsim_error("[run]\nseed = 3\n# \xC4\xE3\xBA\xC3 (GBK)\n", {"bad.ini:3: not UTF-8 text"});
  expect_swsim_error("[weather]\ncsv_file = \xFF\xFE.csv\n", {"bad.ini:2: not UTF-8 text"});
  expect_swsim_error("[run]\nseed = 3\xC3\n", {"bad.ini:2: not UTF-8 text"});                   // cut sequence
  expect_swsim_error("[run]\nseed = \xED\xA0\x80\n", {"bad.ini:2: not UTF-8 text"});             // surrogate
  expect_swsim_error(std::string("[run]\n\0\0\0\x01", 10), {"bad.ini:2: control character"});  // binary
  expect_swsim_ok("utf8.ini", "# \xE7\xA4\xBE\xE5\xB7\xA5\xE7\xAB\x99 (UTF-8 Chinese in a comment)\n[run]\nseed = 3\n");
}

TEST_CASE("scenario: a directory given as the scenario file", "[reliability][ini]") {
  const std::string out = tmp_dir() + "/dir.h5";
  expect_error(run(quick_run(tmp_dir(), out)), 2, "swsim: error: ", {tmp_dir(), "is a directory"}, out);
}

TEST_CASE("set overrides: trailing garbage, NaN, infinity and huge numbers", "[reliability][set]") {
  const std::string good = "[run]\nseed = 3\n";
  expect_swsim_error(good, {"--set run.scale=0.5x", "not a number"}, "--set run.scale=0.5x");
  expect_swsim_error(good, {"--set run.scale=nan", "not a number"}, "--set run.scale=nan");
  expect_swsim_error(good, {"--set run.scale=inf"}, "--set run.scale=inf");
  expect_swsim_error(good, {"--set run.seed=1e5"}, "--set run.seed=1e5");
  expect_swsim_error(good, {"--set staffing.social_workers_per_station=99999999999999999999"},
                     "--set staffing.social_workers_per_station=99999999999999999999");
  expect_swsim_error(good, {"--set run.start_date=", "not a date"}, "--set run.start_date=");
  expect_swsim_error(good, {"--set =3", "section.key=value"}, "--set =3");
}

// ---- weather CSV ---------------------------------------------------------------------------------

TEST_CASE("weather CSV: BOM, CRLF, blank lines and rows out of order are read", "[reliability][weather]") {
  for (const std::string& csv :
       {kHeader + kRows, "\xEF\xBB\xBF" + kHeader + kRows,
        std::string("date,tmax_c,tmin_c,rh\r\n2022-06-01,30.5,21,50\r\n2022-06-02,31,22,55\r\n2022-06-03,36.2,25,40\r\n"),
        kHeader + "\n2022-06-01,30.5,21,50\n\n   \n2022-06-02,31,22,55\n2022-06-03,36.2,25,40\n\n",
        kHeader + "2022-06-03,36.2,25,40\n2022-06-01,30.5,21,50\n2022-06-02,31,22,55\n",
        kHeader + kRows + "2022-09-01,20,10,50\n"}) {  // a day outside the run is ignored
    const Outcome o = run_with_weather(csv);
    INFO("CSV: " << csv << "\nstderr: " << o.err);
    CHECK(o.code == 0);
    CHECK(o.err.empty());
  }
}

TEST_CASE("weather CSV: missing and extra columns", "[reliability][weather]") {
  expect_weather_error("date,tmax_c,tmin_c\n" + kRows, {"weather.csv:1: header must be 'date,tmax_c,tmin_c,rh'"});
  expect_weather_error("date,tmax_c,tmin_c,rh,wind\n" + kRows, {"weather.csv:1: header"});
  expect_weather_error(kHeader + "2022-06-01,30.5,21,50\n2022-06-02,31,22\n2022-06-03,36.2,25,40\n",
                       {"weather.csv:3: expected 4 fields", "found 3"});
  expect_weather_error(kHeader + "2022-06-01,30.5,21,50,7\n", {"weather.csv:2: expected 4 fields", "found 5"});
  expect_weather_error(kHeader + "2022-06-01,30.5,21,50,\n", {"weather.csv:2: expected 4 fields", "found 5"});
  expect_weather_error(kHeader + "2022-06-01;30.5;21;50\n", {"weather.csv:2: expected 4 fields", "found 1"});
}

TEST_CASE("weather CSV: bad values, gaps, repeats, empty files and directories", "[reliability][weather]") {
  expect_weather_error(kHeader + "2022-06-01,nan,21,50\n", {"weather.csv:2: tmax_c 'nan' is not a number"});
  expect_weather_error(kHeader + "2022-06-01,30,-inf,50\n", {"weather.csv:2: tmin_c '-inf' is not a number"});
  expect_weather_error(kHeader + "2022-06-01,30,21,1e999\n", {"weather.csv:2: rh '1e999' is not a number"});
  expect_weather_error(kHeader + "2022-06-01,30 C,21,50\n", {"weather.csv:2: tmax_c '30 C' is not a number"});
  expect_weather_error(kHeader + "2022-06-01,30,21,50\n2022-06-03,30,21,50\n", {"weather.csv: no row for 2022-06-02"});
  expect_weather_error(kHeader + kRows + "2022-06-02,31,22,55\n", {"weather.csv:5: date 2022-06-02 appears twice"});
  expect_weather_error(kHeader + "06/01/2022,30,21,50\n", {"weather.csv:2: '06/01/2022' is not a date"});
  expect_weather_error("", {"weather.csv: empty weather CSV"});
  expect_weather_error(kHeader, {"weather.csv: no row for 2022-06-01"});
  expect_weather_error("\xEF", {"weather.csv:1: header"});  // a cut byte-order mark

  const std::string ini = write_file("dir.ini", "[weather]\nsource = csv\ncsv_file = .\n");
  expect_error(run(quick_run(ini, tmp_dir() + "/w.h5")), 2, "swsim: error: ", {"is a directory"});
  const std::string ini2 = write_file("missing.ini", "[weather]\nsource = csv\ncsv_file = nowhere.csv\n");
  expect_error(run(quick_run(ini2, tmp_dir() + "/w.h5")), 2, "swsim: error: ", {"nowhere.csv"});
}

// ---- result files opened by swsim-analyze and swsim-viz -------------------------------------------

namespace {

// Damaged and foreign HDF5 files, each paired with what its message must say.
struct BadResult {
  std::string path, says;
  bool viz_reads_it = false;  // the visualizer treats the variable as optional (draws without it)
};

std::vector<BadResult> bad_results() {
  const std::string dir = tmp_dir();
  std::vector<BadResult> v;
  v.push_back({write_file("zero.h5", ""), "not an HDF5 file"});
  std::filesystem::create_directories(dir + "/folder.h5");
  v.push_back({dir + "/folder.h5", "is a directory"});
  const std::string whole = small_result(), cut = dir + "/cut.h5", tail = dir + "/tail.h5";
  std::filesystem::copy_file(whole, cut, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::resize_file(cut, std::filesystem::file_size(whole) / 2);
  v.push_back({cut, ""});  // truncated: any one-line message naming the file
  std::filesystem::copy_file(whole, tail, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::resize_file(tail, 4096);
  v.push_back({tail, ""});  // only the superblock and the root group left
  const std::string other = dir + "/other_program.h5", dims_only = dir + "/dims_only.h5",
                    group_dims = dir + "/group_dims.h5", missing = dir + "/missing_var.h5",
                    strings = dir + "/string_var.h5";
  python(R"(import sys, h5py, numpy as np
# Some other program's HDF5: an instrument log.
with h5py.File(sys.argv[1], 'w') as f:
    f.attrs['title'] = 'logger export'
    f['time'] = np.arange(100.0)
    f.create_group('channels')['temperature'] = np.random.default_rng(1).normal(size=(100, 4))
# The three dimensions and nothing else.
with h5py.File(sys.argv[2], 'w') as f:
    for n, k in (('day', 3), ('station', 2), ('area', 1)):
        f[n] = np.arange(k, dtype='i4')
# 'day' a group rather than a coordinate, 'station' two-dimensional.
with h5py.File(sys.argv[3], 'w') as f:
    f.create_group('day')
    f['station'] = np.zeros((2, 2))
    f['area'] = np.zeros(1)
)",
         other + " " + dims_only + " " + group_dims);
  python(R"(import sys, shutil, h5py
shutil.copy(sys.argv[1], sys.argv[2])
with h5py.File(sys.argv[2], 'a') as f:
    del f['station_area']
shutil.copy(sys.argv[1], sys.argv[3])
with h5py.File(sys.argv[3], 'a') as f:
    del f['station_elders']
    f['station_elders'] = [b'many'] * f['station'].shape[0]
)",
         whole + " " + missing + " " + strings);
  v.push_back({other, "not a swsim result file"});
  v.push_back({dims_only, ""});
  v.push_back({group_dims, ""});
  v.push_back({missing, "station_area", true});
  v.push_back({strings, "station_elders"});
  return v;
}

}  // namespace

TEST_CASE("swsim-analyze: zero-byte, directory, truncated, foreign HDF5 and missing variables", "[reliability][hdf5]") {
  for (const auto& b : bad_results()) {
    INFO("file " << b.path);
    expect_error(run(kAnalyze + " summary " + b.path), 2, "swsim-analyze: error: ", {b.path + ": ", b.says});
  }
}

#ifdef SWSIM_VIZ_BIN
namespace {
const std::string kXvfb = "xvfb-run -a -s '-screen 0 1280x720x24 -noreset' ";
Outcome viz(const std::string& args) {
  return run(kXvfb + SWSIM_VIZ_BIN + " " + args + " --frames 1 --screenshot " + tmp_dir() + "/shot.png");
}
}  // namespace

TEST_CASE("swsim-viz: zero-byte, directory, truncated, foreign HDF5 and missing variables", "[reliability][hdf5][viz]") {
  for (const auto& b : bad_results()) {
    if (b.viz_reads_it) continue;
    INFO("file " << b.path);
    expect_error(viz(b.path), 1, "swsim-viz: error: ", {b.path + ": ", b.says});
  }
}

TEST_CASE("swsim-viz --boundaries: not JSON, wrong type, empty coordinates, deep nesting", "[reliability][geojson][viz]") {
  const std::string result = small_result();
  struct Case {
    std::string name, bytes, says;
  };
  const std::string fc = R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":)";
  const std::vector<Case> cases = {
      {"shapefile.geojson", std::string("\x00\x00\x27\x0a\x00\x00\x00\x00", 8), "invalid JSON"},
      {"csv.geojson", "name,lon,lat\nLixia,117.1,36.6\n", "line 1, column 2: invalid JSON: expected 'null'"},
      {"topology.geojson", R"({"type":"Topology","objects":{}})", "expected a GeoJSON FeatureCollection, found type \"Topology\""},
      {"geometry.geojson", R"({"type":"Polygon","coordinates":[[[1,2],[3,4],[5,6],[1,2]]]})", "found type \"Polygon\""},
      {"empty_multi.geojson", fc + R"({"type":"MultiPolygon","coordinates":[]}}]})", "feature 0: the MultiPolygon has no polygons"},
      {"empty_poly.geojson", fc + R"({"type":"Polygon","coordinates":[]}}]})", "feature 0: Polygon coordinates"},
      {"empty_ring.geojson", fc + R"({"type":"Polygon","coordinates":[[]]}}]})", "fewer than 4 positions"},
      {"deep.geojson", std::string(100000, '['), "nested too deeply"},
      {"empty.geojson", "", "the file is empty"},
  };
  for (const auto& c : cases) {
    const std::string path = write_file(c.name, c.bytes);
    INFO(c.name);
    expect_error(viz(result + " --boundaries " + path), 1, "swsim-viz: error: ", {path + ": ", c.says});
  }
  expect_error(viz(result + " --boundaries " + tmp_dir()), 1, "swsim-viz: error: ", {tmp_dir() + ": is a directory"});
}

TEST_CASE("swsim-viz --boundaries: a BOM, CRLF and odd escapes are read", "[reliability][geojson][viz]") {
  const std::string path = write_file(
      "odd.geojson",
      "\xEF\xBB\xBF{\"type\": \"FeatureCollection\",\r\n \"features\": [{\"type\": \"Feature\", \"properties\": "
      "{\"name\": \"lone \\ud800 surrogate\", \"centroid\": [1e999, 0]},\r\n \"geometry\": {\"type\": \"Polygon\", "
      "\"coordinates\": [[[116.9,36.5],[117.3,36.5],[117.3,36.8],[116.9,36.5]]]}}]}\r\n");
  std::filesystem::remove(tmp_dir() + "/shot.png");
  const Outcome o = viz(small_result() + " --boundaries " + path);
  INFO("stderr: " << o.err);
  CHECK(o.code == 0);
  CHECK(std::filesystem::exists(tmp_dir() + "/shot.png"));
}
#endif
