// The parsers on odd but valid input: the same configuration / weather as the plain file, not merely
// "no error". (Bad input through the binaries is in test_bad_input.cpp.)
#include <catch2/catch.hpp>

#include "swsim/config/scenario.hpp"
#include "swsim/util/error.hpp"
#include "swsim/weather/weather.hpp"

using Catch::Matchers::Contains;
using namespace swsim;

namespace {
const std::string kIni =
    "[run]\nseed = 7\nstart_date = 2022-06-10\n\n[staffing]\nsocial_workers_per_station = 5\n\n"
    "[weather]\nheat_waves = 2022-06-16 7 39 40\n";

std::string crlf(const std::string& s) {
  std::string out;
  for (char c : s) out += c == '\n' ? std::string("\r\n") : std::string(1, c);
  return out;
}

std::string body(const Scenario& s) { return s.effective_ini.substr(s.effective_ini.find('[')); }

std::string error_of(const std::string& text) {
  try {
    scenario_from_text(text, "t.ini");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("scenario text with a BOM, CRLF or a repeated section means the same as the plain text", "[reliability][ini]") {
  const std::string plain = body(scenario_from_text(kIni, "t.ini"));
  CHECK(body(scenario_from_text("\xEF\xBB\xBF" + kIni, "t.ini")) == plain);
  CHECK(body(scenario_from_text(crlf(kIni), "t.ini")) == plain);
  CHECK(body(scenario_from_text("\xEF\xBB\xBF" + crlf(kIni), "t.ini")) == plain);
  CHECK(body(scenario_from_text("[run]\nseed = 7\n[staffing]\nsocial_workers_per_station = 5\n[run]\n"
                                "start_date = 2022-06-10\n[weather]\nheat_waves = 2022-06-16 7 39 40\n",
                                "t.ini")) == plain);
  // An empty file (or only comments) is every default.
  CHECK(body(scenario_from_text("", "t.ini")) == body(scenario_from_text("# nothing\n\n", "t.ini")));
  CHECK(scenario_from_text("", "t.ini").config.run.days == 92);
}

TEST_CASE("scenario text: line numbers stay right after a BOM and with CRLF", "[reliability][ini]") {
  CHECK_THAT(error_of("\xEF\xBB\xBF[run]\r\n\r\ndays = ten\r\n"), Contains("t.ini:3: run.days = ten"));
  CHECK_THAT(error_of("[run]\r\nseed = 1\r\n\xFF\r\n"), Contains("t.ini:3: not UTF-8 text"));
  CHECK_THAT(error_of("\xEF\xBB"), Contains("t.ini:1: not UTF-8 text"));  // a cut BOM
}

TEST_CASE("weather CSV with a BOM, CRLF, blank lines and rows out of order reads the same days", "[reliability][weather]") {
  const Date start{2022, 6, 1};
  const std::string rows = "2022-06-01,30.5,21,50\n2022-06-02,31,22,55\n2022-06-03,36.2,25,40\n";
  const auto plain = parse_weather_csv("date,tmax_c,tmin_c,rh\n" + rows, "w.csv", start, 3);
  for (const std::string& csv :
       {"\xEF\xBB\xBF" + std::string("date,tmax_c,tmin_c,rh\n") + rows, crlf("date,tmax_c,tmin_c,rh\n" + rows),
        std::string("date, tmax_c ,tmin_c,rh\n\n2022-06-03, 36.2,25,40\n\n2022-06-02,+31,22,55\n2022-06-01,30.5,21,50.0\n")}) {
    INFO(csv);
    const auto w = parse_weather_csv(csv, "w.csv", start, 3);
    REQUIRE(w.size() == 3);
    for (std::size_t d = 0; d < 3; ++d) {
      CHECK(w[d].tmax_c == plain[d].tmax_c);
      CHECK(w[d].tmin_c == plain[d].tmin_c);
      CHECK(w[d].rh_pct == plain[d].rh_pct);
    }
  }
}

TEST_CASE("load_weather_csv names a directory and a missing file", "[reliability][weather]") {
  CHECK_THROWS_WITH(load_weather_csv(".", Date{2022, 6, 1}, 3), Contains(".: is a directory"));
  CHECK_THROWS_WITH(load_weather_csv("/nonexistent/w.csv", Date{2022, 6, 1}, 3),
                    Contains("/nonexistent/w.csv: weather CSV file not found"));
}
