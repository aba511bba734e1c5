#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "reader/result_file.hpp"
#include "summary.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/io/result_writer.hpp"
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
    CHECK(f.read(name) == r.results.series(static_cast<Metric>(m)));
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
