#include <catch2/catch.hpp>
#include <string>

#include "swsim/config/parameters.hpp"
#include "swsim/config/scenario.hpp"
#include "swsim/util/error.hpp"

using namespace swsim;
using Catch::Matchers::Contains;

namespace {
std::string error_of(const std::string& text, const std::vector<Override>& ov = {}) {
  try {
    scenario_from_text(text, "test.ini", ov);
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("every parameter's default parses and formats back to itself", "[config]") {
  const Config c = default_config();
  for (const auto& p : parameter_registry()) {
    INFO(p.key());
    Config copy = c;
    p.parse(copy, p.format(c));
    CHECK(p.format(copy) == p.format(c));
    CHECK_FALSE(p.description.empty());
    CHECK_FALSE(p.source.empty());
  }
}

TEST_CASE("the effective scenario text reads back to the same configuration", "[config]") {
  const Scenario a = scenario_from_text("[staffing]\nsocial_workers_per_station = 5\n[weather]\nheat_waves = 2022-06-16 7 39 35; 2022-08-03 6 35.5 82 28\n", "a.ini");
  const Scenario b = scenario_from_text(a.effective_ini, "b.ini");
  CHECK(a.config.staffing.social_workers_per_station == 5);
  REQUIRE(a.config.weather.heat_waves.size() == 2);
  CHECK(a.config.weather.heat_waves[1].tmin_c == 28);
  // Same body; only the header comment (naming the source) differs.
  auto body = [](const std::string& s) { return s.substr(s.find('[')); };
  CHECK(body(a.effective_ini) == body(b.effective_ini));
}

TEST_CASE("an unknown key names the file, the line and a likely fix", "[config]") {
  const std::string msg = error_of("[run]\ndays = 10\n\n[staffing]\nsocial_workers_per_statoin = 4\n");
  CHECK_THAT(msg, Contains("test.ini:5"));
  CHECK_THAT(msg, Contains("unknown key 'staffing.social_workers_per_statoin'"));
  CHECK_THAT(msg, Contains("staffing.social_workers_per_station"));
}

TEST_CASE("a key outside its section is unknown", "[config]") {
  const std::string msg = error_of("days = 10\n");
  CHECK_THAT(msg, Contains("unknown key 'days'"));
  CHECK_THAT(msg, Contains("run.days"));
}

TEST_CASE("a bad value names the key, the line and the problem", "[config]") {
  CHECK_THAT(error_of("[run]\n\ndays = ten\n"), Contains("test.ini:3: run.days = ten: 'ten' is not a whole number"));
  CHECK_THAT(error_of("[staffing]\nsocial_workers_per_station = -1\n"),
             Contains("test.ini:2: staffing.social_workers_per_station = -1: -1 is out of range 0-50"));
  CHECK_THAT(error_of("[run]\nscale = 0\n"), Contains("out of range (0, 1]"));
  CHECK_THAT(error_of("[run]\nstart_date = 2022-02-30\n"), Contains("is not a date"));
  CHECK_THAT(error_of("[lunch]\nready_time = 25:00\n"), Contains("not a time of day"));
  CHECK_THAT(error_of("[weather]\nsource = satellite\n"), Contains("not one of generator | csv"));
  CHECK_THAT(error_of("[weather]\nheat_waves = 2022-06-16 7 39\n"), Contains("START_DATE DAYS PEAK_TMAX_C RH_PCT"));
  CHECK_THAT(error_of("[health]\nlag_weights = 0.5, 0.3\n"), Contains("sum to 0.8"));
}

TEST_CASE("a key given twice and a line that is not key = value are errors", "[config]") {
  CHECK_THAT(error_of("[run]\ndays = 10\ndays = 12\n"), Contains("more than once"));
  CHECK_THAT(error_of("[run]\ndays = 10\nthis is not ini\n"), Contains("test.ini:3"));
}

TEST_CASE("cross-parameter rules are checked", "[config]") {
  CHECK_THAT(error_of("[lunch]\non_time_by = 11:00\n"), Contains("lunch.ready_time < lunch.on_time_by"));
  CHECK_THAT(error_of("[population]\nliving_alone_share = 0.5\ncouple_share = 0.6\n"), Contains("exceeds 1"));
  CHECK_THAT(error_of("[weather]\nsource = csv\n"), Contains("weather.csv_file"));
}

TEST_CASE("overrides given with --set win over the file and are checked like it", "[config]") {
  const Scenario s = scenario_from_text("[staffing]\nsocial_workers_per_station = 2\n", "t.ini",
                                        {parse_set_option("staffing.social_workers_per_station=5")});
  CHECK(s.config.staffing.social_workers_per_station == 5);
  CHECK_THAT(s.effective_ini, Contains("social_workers_per_station = 5"));
  CHECK_THAT(s.effective_ini, Contains("--set staffing.social_workers_per_station=5"));
  CHECK_THAT(error_of("", {parse_set_option("staffing.social_workers_per_station=-1")}),
             Contains("--set staffing.social_workers_per_station=-1: -1 is out of range 0-50"));
  CHECK_THAT(error_of("", {parse_set_option("staffing.workers=3")}), Contains("unknown key 'staffing.workers'"));
  CHECK_THROWS_AS(parse_set_option("no_equals_sign"), InputError);
  CHECK_THROWS_WITH(parse_set_option("lunch.ready_time=\xB5\xE3"), Contains("--set: not UTF-8 text"));  // GBK bytes
  CHECK_THROWS_WITH(parse_set_option("run.days=3\x01"), Contains("--set: control character (byte 0x01)"));
  CHECK_THROWS_AS(parse_set_option("nosection=3"), InputError);
}

TEST_CASE("a missing scenario file is an input error naming it", "[config]") {
  try {
    load_scenario("/nonexistent/dir/missing.ini");
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Contains("/nonexistent/dir/missing.ini: scenario file not found"));
  }
}
