#include <algorithm>
#include <catch2/catch.hpp>
#include <hdf5.h>
#include <hdf5_hl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "h5_digest.hpp"
#include "reader/result_file.hpp"
#include "summary.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/io/result_writer.hpp"
#include "swsim/simulation/ensemble.hpp"
#include "swsim/simulation/simulation.hpp"
#include "swsim/util/error.hpp"

using namespace swsim;
using Catch::Matchers::Contains;

namespace {
struct Run {
  Scenario scenario;
  World world;
  std::vector<WeatherDay> weather;
  Results results;
};
Run small_run() {
  Scenario s = scenario_from_text("[run]\nscale = 0.02\ndays = 10\nstart_date = 2022-06-14\n[weather]\nheat_waves = 2022-06-16 7 39 35\n",
                                  "roundtrip.ini");
  World w = build_world(s.config);
  Simulation sim(s.config, w, make_weather(s.config));
  sim.run();
  return Run{s, std::move(w), sim.weather(), sim.results()};
}
std::string temp_file(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("swsim_rt_" + std::to_string(::getpid()) + "_" + name)).string();
}
}  // namespace

TEST_CASE("a result file reads back exactly what was written", "[io]") {
  const Run r = small_run();
  const std::string path = temp_file("a.h5");
  write_results(path, r.scenario, r.world, r.weather, r.results, RunInfo{"test-version", "swsim run --test"});
  const results::ResultFile f(path);
  CHECK(f.days() == 10);
  CHECK(f.stations() == static_cast<int>(r.world.stations.size()));
  CHECK(f.areas() == 15);
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    const std::string name(metric_defs()[m].name);
    INFO(name);
    CHECK(std::ranges::equal(f.read(name), r.results.series(static_cast<Metric>(m))));
    CHECK(f.unit_label(name) == metric_defs()[m].units);  // the table's unit, as people read it
    // CF units are UDUNITS: money ("yuan") is "1" with the currency beside it.
    CHECK(f.units(name) == (metric_defs()[m].units == "yuan" ? std::string("1") : std::string(metric_defs()[m].units)));
    CHECK(f.text_attribute(name, "cell_methods") ==
          (metric_defs()[m].aggregation == Aggregation::kFlow ? "time: sum" : "time: point"));
    CHECK(f.text_attribute(name, "coordinates") == "station_name station_lat station_lon");
    CHECK_FALSE(f.long_name(name).empty());
  }
  const auto tmax = f.read("tmax_c");
  for (std::size_t d = 0; d < r.weather.size(); ++d) CHECK(tmax[d] == r.weather[d].tmax_c);
  const auto names = f.read_strings("station_name");
  const auto lat = f.read("station_lat");
  for (std::size_t s = 0; s < r.world.stations.size(); ++s) {
    CHECK(names[s] == r.world.stations[s].name_zh);
    CHECK(lat[s] == r.world.stations[s].lat);
  }
  CHECK(f.global_text("scenario") == r.scenario.effective_ini);
  CHECK(f.global_text("swsim_version") == "test-version");
  CHECK(f.global_text("command_line") == "swsim run --test");
  CHECK(f.units("day") == "days since 2022-06-14");
  CHECK(f.station_day_variables().size() == kMetricCount);
  std::filesystem::remove(path);
}

TEST_CASE("the summary's areas add up to the city and match the per-station sums", "[io][analysis]") {
  const Run r = small_run();
  const std::string path = temp_file("b.h5");
  write_results(path, r.scenario, r.world, r.weather, r.results, RunInfo{"v", "c"});
  const auto s = results::summarize(results::ResultFile(path));
  double meals = 0, ill = 0;
  for (const auto& a : s.areas) {
    meals += a.get("meals_requested");
    ill += a.get("heat_illness");
  }
  CHECK(meals == s.city.get("meals_requested"));
  CHECK(ill == s.city.get("heat_illness"));
  double direct = 0;
  for (double v : r.results.series(Metric::kMealsRequested)) direct += v;
  CHECK(s.city.get("meals_requested") == direct);
  CHECK(s.heat_wave_days == 7);
  CHECK_THAT(results::format_summary(s, results::TableFormat::kTerminal), Contains("Jinan (simulated stations)"));
  CHECK_THAT(results::format_summary(s, results::TableFormat::kCsv), Contains("area,area_zh,stations,elders"));
  CHECK_THAT(results::format_summary(s, results::TableFormat::kMarkdown), Contains("| area | stations |"));
  std::filesystem::remove(path);
}

TEST_CASE("per-area and city variables add up exactly to the per-station ones", "[io][aggregates]") {
  const Run r = small_run();
  const std::string path = temp_file("agg.h5");
  write_results(path, r.scenario, r.world, r.weather, r.results, RunInfo{"v", "c"});
  const results::ResultFile f(path);
  const auto area_of = f.read("station_area");
  const std::size_t days = static_cast<std::size_t>(f.days()), n_st = static_cast<std::size_t>(f.stations()),
                    n_ar = static_cast<std::size_t>(f.areas());
  for (const auto& m : metric_defs()) {
    const std::string name(m.name);
    INFO(name);
    // Sums per area in group /areas and for the city in /city, under the station variable's name.
    const auto st = f.read(name), ar = f.read("areas/" + name), city = f.read("city/" + name);
    REQUIRE(ar.size() == days * n_ar);
    REQUIRE(city.size() == days);
    CHECK(f.dim_names("areas/" + name) == std::vector<std::string>{"day", "area"});
    CHECK(f.dim_names("city/" + name) == std::vector<std::string>{"day"});
    CHECK_FALSE(f.has("area_" + name));  // the root lists each metric once
    CHECK_FALSE(f.has("city_" + name));
    for (std::size_t d = 0; d < days; ++d) {
      std::vector<double> by_area(n_ar, 0.0);
      for (std::size_t s = 0; s < n_st; ++s) by_area[static_cast<std::size_t>(area_of[s])] += st[d * n_st + s];
      double c = 0;
      for (std::size_t a = 0; a < n_ar; ++a) {
        c += by_area[a];
        if (m.integer) REQUIRE(ar[d * n_ar + a] == by_area[a]);
        else REQUIRE(ar[d * n_ar + a] == Approx(by_area[a]).epsilon(1e-12));
      }
      if (m.integer) REQUIRE(city[d] == c);
      else REQUIRE(city[d] == Approx(c).epsilon(1e-12));
    }
  }
  std::filesystem::remove(path);
}

TEST_CASE("readers reject missing, foreign and truncated files with one clear line", "[io][errors]") {
  auto error = [](const std::string& p) -> std::string {
    try {
      results::ResultFile f(p);
    } catch (const results::ReadError& e) {
      return e.what();
    }
    return "";
  };
  CHECK_THAT(error("/nonexistent/x.h5"), Contains("file not found"));
  const std::string text = temp_file("text.h5");
  std::ofstream(text) << "not an hdf5 file\n";
  CHECK_THAT(error(text), Contains("not an HDF5 file"));
  // A whole result file cut in half.
  const Run r = small_run();
  const std::string whole = temp_file("whole.h5"), cut = temp_file("cut.h5");
  write_results(whole, r.scenario, r.world, r.weather, r.results, RunInfo{"v", "c"});
  const auto size = std::filesystem::file_size(whole);
  std::filesystem::copy_file(whole, cut, std::filesystem::copy_options::overwrite_existing);
  std::filesystem::resize_file(cut, size / 2);
  std::string msg;
  try {
    results::ResultFile f(cut);
    results::summarize(f);
  } catch (const results::ReadError& e) {
    msg = e.what();
  }
  CHECK_THAT(msg, Contains(cut));
  for (const auto& p : {text, whole, cut}) std::filesystem::remove(p);
}

TEST_CASE("output goes to a temporary file that only a commit moves into place", "[io]") {
  const std::string target = temp_file("pending.h5");
  std::filesystem::remove(target);
  {
    PendingOutput out(target);
    CHECK(std::filesystem::exists(out.temp_path()));
    CHECK_FALSE(std::filesystem::exists(target));
  }  // not committed: the temporary file goes away
  CHECK_FALSE(std::filesystem::exists(target));
  {
    PendingOutput out(target);
    std::ofstream(out.temp_path()) << "x";
    const std::string temp = out.temp_path();
    out.commit();
    CHECK(std::filesystem::exists(target));
    CHECK_FALSE(std::filesystem::exists(temp));
  }
  std::filesystem::remove(target);
  CHECK_THROWS_AS(PendingOutput("/nonexistent/dir/out.h5"), InputError);
}

namespace {
// The structure a netCDF reader sees, beyond values: every object by path in creation order (the
// variable order), its attributes in creation order, its type (class and size) and the names of the
// dimension scales attached to each axis.
herr_t describe_scale(hid_t, unsigned, hid_t scale, void* out) {
  char name[256] = {0};
  H5DSget_scale_name(scale, name, sizeof name);
  static_cast<std::string*>(out)->append(name).append(",");
  return 0;
}
herr_t describe_attr(hid_t, const char* name, const H5A_info_t*, void* out) {
  static_cast<std::string*>(out)->append(" @").append(name);
  return 0;
}
struct Describe {
  std::string text;
  hid_t file;
};
herr_t describe_link(hid_t group, const char* name, const H5L_info_t*, void* data) {
  auto& d = *static_cast<Describe*>(data);
  const hid_t obj = H5Oopen(group, name, H5P_DEFAULT);
  d.text.append("\n").append(name);
  hsize_t idx = 0;
  H5Aiterate2(obj, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, describe_attr, &d.text);
  if (H5Iget_type(obj) == H5I_DATASET) {
    const hid_t type = H5Dget_type(obj), space = H5Dget_space(obj);
    d.text.append(" class ").append(std::to_string(H5Tget_class(type))).append(" size ");
    d.text.append(std::to_string(H5Tget_size(type))).append(" dims ");
    const int rank = H5Sget_simple_extent_ndims(space);
    for (int axis = 0; axis < rank && H5DSis_scale(obj) <= 0; ++axis)
      H5DSiterate_scales(obj, static_cast<unsigned>(axis), nullptr, describe_scale, &d.text);
    H5Sclose(space);
    H5Tclose(type);
  } else if (H5Iget_type(obj) == H5I_GROUP) {
    hsize_t at = 0;
    H5Literate(obj, H5_INDEX_CRT_ORDER, H5_ITER_INC, &at, describe_link, &d);
  }
  H5Oclose(obj);
  return 0;
}
std::string describe(const std::string& path) {
  Describe d{{}, H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT)};
  REQUIRE(d.file >= 0);
  hsize_t idx = 0;
  H5Aiterate2(d.file, H5_INDEX_CRT_ORDER, H5_ITER_INC, &idx, describe_attr, &d.text);
  hsize_t at = 0;
  H5Literate(d.file, H5_INDEX_CRT_ORDER, H5_ITER_INC, &at, describe_link, &d);
  H5Fclose(d.file);
  return d.text;
}
// Chunk extents of a dataset.
std::vector<hsize_t> chunk_of(const std::string& path, const std::string& dataset) {
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  const hid_t ds = H5Dopen2(f, dataset.c_str(), H5P_DEFAULT), dcpl = H5Dget_create_plist(ds);
  std::vector<hsize_t> chunk(8);
  chunk.resize(static_cast<std::size_t>(std::max(0, H5Pget_chunk(dcpl, 8, chunk.data()))));
  H5Pclose(dcpl);
  H5Dclose(ds);
  H5Fclose(f);
  return chunk;
}
}  // namespace

TEST_CASE("a streamed ensemble file equals the held ensemble's: every value, attribute, type and dimension",
          "[io][ensemble][streamed]") {
  Scenario s = scenario_from_text("[run]\nscale = 0.05\ndays = 9\nreplicates = 4\nstart_date = 2022-06-14\n"
                                  "[weather]\nheat_waves = 2022-06-16 5 39 35\n", "streamed.ini");
  const World w = build_world(s.config);
  const std::vector<WeatherDay> weather = make_weather(s.config);
  const Ensemble held = run_ensemble(s.config, w, weather);
  REQUIRE(held.replicates.size() == 4);
  const RunInfo info{"test-version", "swsim run --test"};
  const std::string a = temp_file("held.h5"), b = temp_file("streamed.h5");
  write_results(a, s, w, weather, held, info);
  {
    EnsembleFileWriter file(b, s, w, weather, held.seeds, info);
    for (int r : {2, 0, 3, 1}) file.add(r, held.replicates[static_cast<std::size_t>(r)]);  // any order
    file.finish();
  }
  bench::quiet_hdf5_errors();
  const auto ha = bench::hash_h5_file(a), hb = bench::hash_h5_file(b);
  REQUIRE(ha.has_value());
  REQUIRE(hb.has_value());
  CHECK(bench::hex(ha->hs.h) == bench::hex(hb->hs.h));  // every dataset's values, every attribute's value
  const std::string da = describe(a), db = describe(b);
  CHECK(da.find("meals_requested_quantile @units @long_name") != std::string::npos);
  CHECK(da.find("dims replicate,day,station,") != std::string::npos);
  CHECK(da == db);  // order of variables and attributes, types, dimensions
  // The replicate values and summaries read back alike through the analysis reader too.
  const results::ResultFile fa(a), fb(b);
  for (const char* v : {"meals_on_time", "meals_on_time_mean", "areas/meal_wait_min_quantile", "city/heat_illness"}) {
    INFO(v);
    CHECK(fa.read(v) == fb.read(v));
  }
  // What differs: one replicate's slab is one chunk, so it is written whole as it arrives.
  const auto stations = static_cast<hsize_t>(w.stations.size());
  CHECK(chunk_of(b, "meals_on_time") == std::vector<hsize_t>{1, 9, stations});
  CHECK(chunk_of(b, "city/meals_on_time") == std::vector<hsize_t>{1, 9});
  CHECK(chunk_of(b, "meals_on_time_mean") == chunk_of(a, "meals_on_time_mean"));
  std::filesystem::remove(a);
  std::filesystem::remove(b);
}

TEST_CASE("a streamed ensemble file refuses a replicate twice, a wrong shape, and finishing with one missing",
          "[io][ensemble][streamed]") {
  Scenario s = scenario_from_text("[run]\nscale = 0.02\ndays = 3\nreplicates = 3\n", "streamed.ini");
  const World w = build_world(s.config);
  const std::vector<WeatherDay> weather = make_weather(s.config);
  const std::string path = temp_file("incomplete.h5");
  const Results ok(3, static_cast<int>(w.stations.size())), wrong(2, static_cast<int>(w.stations.size()));
  {
    EnsembleFileWriter file(path, s, w, weather, {1, 2, 3}, RunInfo{"v", "c"});
    file.add(0, ok);
    CHECK_THROWS_AS(file.add(0, ok), RuntimeError);
    CHECK_THROWS_AS(file.add(3, ok), RuntimeError);
    CHECK_THROWS_AS(file.add(1, wrong), RuntimeError);
    file.add(2, ok);
    CHECK_THROWS_WITH(file.finish(), Contains("replicate 1 was never added"));
  }
  CHECK_THROWS_AS(EnsembleFileWriter(path, s, w, weather, {1}, RunInfo{"v", "c"}), RuntimeError);  // one: no ensemble
  std::filesystem::remove(path);
}
