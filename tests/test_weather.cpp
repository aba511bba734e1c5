#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "swsim/config/parameters.hpp"
#include "swsim/util/error.hpp"
#include "swsim/weather/weather.hpp"

using namespace swsim;
using Catch::Matchers::Contains;

namespace {
std::vector<WeatherDay> days_with_tmax(std::initializer_list<double> t, double rh = 50) {
  std::vector<WeatherDay> d;
  for (double x : t) d.push_back(WeatherDay{x, x - 8, rh, false, HeatWarning::kNone, false});
  return d;
}

std::string write_temp(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / ("swsim_test_" + name);
  std::ofstream(p) << text;
  return p.string();
}
}  // namespace

TEST_CASE("heat waves are runs of three or more days at 35 degC or above", "[weather]") {
  auto d = days_with_tmax({34, 35, 36, 35, 30, 36, 36, 31});
  classify_heat(d, swsim::Config{}.weather);
  CHECK_FALSE(d[0].heat_wave);
  CHECK(d[1].heat_wave);
  CHECK(d[2].heat_wave);
  CHECK(d[3].heat_wave);
  CHECK_FALSE(d[5].heat_wave);  // only two days
  CHECK(d[1].warning == HeatWarning::kYellow);
  CHECK(d[5].warning == HeatWarning::kNone);
}

TEST_CASE("warning levels follow the national thresholds", "[weather]") {
  auto d = days_with_tmax({37.0, 39.9, 40.0, 33});
  classify_heat(d, swsim::Config{}.weather);
  CHECK(d[0].warning == HeatWarning::kOrange);  // 37 degC within 24 h, even without a 3-day run
  CHECK(d[1].warning == HeatWarning::kOrange);
  CHECK(d[2].warning == HeatWarning::kRed);
  CHECK(d[3].warning == HeatWarning::kNone);
}

TEST_CASE("sauna days are hot and humid", "[weather]") {
  auto d = days_with_tmax({32, 32, 31.9}, 80);
  d[1].rh_pct = 79;
  classify_heat(d, swsim::Config{}.weather);
  CHECK(d[0].sauna);
  CHECK_FALSE(d[1].sauna);
  CHECK_FALSE(d[2].sauna);
}

TEST_CASE("the generator imposes the scenario's heat waves", "[weather]") {
  Config c = default_config();
  find_parameter("weather.heat_waves")->parse(c, "2022-06-16 7 39 35; 2022-08-03 6 35.5 82 28");
  auto w = make_weather(c);
  REQUIRE(w.size() == 92);
  double peak = 0;
  for (int d = 15; d < 22; ++d) {
    CHECK(w[static_cast<std::size_t>(d)].tmax_c >= 35);
    CHECK(w[static_cast<std::size_t>(d)].heat_wave);
    peak = std::max(peak, w[static_cast<std::size_t>(d)].tmax_c);
  }
  CHECK(peak == Approx(39).margin(0.6));
  for (int d = 63; d < 69; ++d) {  // 3-8 August: humid with hot nights
    CHECK(w[static_cast<std::size_t>(d)].tmin_c == Approx(28).margin(2.5));
    CHECK(w[static_cast<std::size_t>(d)].rh_pct >= 70);
  }
}

TEST_CASE("generated weather follows its seasonal mean and depends on the weather seed only", "[weather]") {
  Config c = default_config();
  const auto a = make_weather(c);
  const auto b = make_weather(c);
  double mean = 0;
  for (std::size_t d = 0; d < a.size(); ++d) {
    REQUIRE(a[d].tmax_c == b[d].tmax_c);
    CHECK(a[d].tmin_c <= a[d].tmax_c);
    mean += a[d].tmax_c / static_cast<double>(a.size());
  }
  CHECK(mean == Approx(c.weather.tmax_mean_c).margin(2.0));
  c.run.seed = 2;  // the days' seed does not move the weather: replicates share it
  for (std::size_t d = 0; d < a.size(); ++d) REQUIRE(make_weather(c)[d].tmax_c == a[d].tmax_c);
  c.weather.seed = 2;
  const auto other = make_weather(c);
  int differ = 0;
  for (std::size_t d = 0; d < a.size(); ++d) differ += other[d].tmax_c != a[d].tmax_c;
  CHECK(differ > 80);
}

TEST_CASE("weather CSV files load, and bad ones are rejected with file and line", "[weather]") {
  const std::string good = write_temp("good.csv", "date,tmax_c,tmin_c,rh\n2022-06-01,30.5,21,55\n2022-06-02,36,25,40\n");
  auto w = load_weather_csv(good, {2022, 6, 1}, 2);
  REQUIRE(w.size() == 2);
  CHECK(w[1].tmax_c == 36);
  auto error = [](const std::string& file, int days) -> std::string {
    try {
      load_weather_csv(file, {2022, 6, 1}, days);
    } catch (const InputError& e) {
      return e.what();
    }
    return "";
  };
  CHECK_THAT(error(good, 3), Contains("no row for 2022-06-03"));
  CHECK_THAT(error(write_temp("bad.csv", "date,tmax_c,tmin_c,rh\n2022-06-01,hot,21,55\n"), 1),
             Contains("bad.csv:2: tmax_c 'hot' is not a number"));
  CHECK_THAT(error(write_temp("hdr.csv", "day,max,min,rh\n"), 1), Contains("hdr.csv:1: header"));
  CHECK_THAT(error(write_temp("range.csv", "date,tmax_c,tmin_c,rh\n2022-06-01,30,21,140\n"), 1),
             Contains("range.csv:2: rh 140 is out of range"));
  CHECK_THAT(error("/nonexistent/w.csv", 1), Contains("/nonexistent/w.csv: weather CSV file not found"));
}
