#include <catch2/catch.hpp>

#include "model/compare.hpp"
#include "model/session.hpp"
#include "reader/time_axis.hpp"
#include "viz_test_files.hpp"

using namespace swsim::viz;
using Catch::Matchers::Contains;

namespace {

// A tiny dataset: `stations` with the given global indices, days from `first` (a date), one metric
// whose value is 1000 * global index + day of month.
Dataset tiny(std::vector<int> globals, const char* first, int days) {
  Dataset d;
  d.path = "tiny";
  d.days = days;
  d.stations = static_cast<int>(globals.size());
  d.station_global = globals;
  d.station_area.assign(globals.size(), 0);
  d.areas = 1;
  const long origin = swsim::results::days_from_civil(*swsim::results::parse_iso_date(first));
  for (int k = 0; k < days; ++k) d.day_number.push_back(origin + k);
  StationDayVar v;
  v.name = "x";
  for (int k = 0; k < days; ++k)
    for (int g : globals) v.values.push_back(1000.0 * g + swsim::results::civil_from_days(origin + k).day);
  d.vars.push_back(v);
  Metric m;
  m.name = "x";
  m.num = {0};
  d.metrics.push_back(m);
  return d;
}

}  // namespace

TEST_CASE("comparison matches stations by global index and days by date", "[compare]") {
  const Dataset a = tiny({5, 7, 9}, "2022-06-01", 10);
  const Dataset b = tiny({9, 5, 11}, "2022-06-04", 10);  // starts three days later, other order
  const Alignment al = align(a, b);
  REQUIRE(al.pairs() == 2);
  CHECK(al.only_in_a == 1);
  CHECK(al.only_in_b == 1);
  CHECK(al.pair_of_a[1] == -1);  // global 7 is not in B
  REQUIRE(al.steps() == 7);      // 06-04 .. 06-10
  CHECK(al.day_a[0] == 3);
  CHECK(al.day_b[0] == 0);
  // Same station, same date: the same value on both sides.
  for (int k = 0; k < al.steps(); ++k)
    for (int p = 0; p < al.pairs(); ++p) {
      const Scope sc{ScopeKind::kStation, al.station_a[static_cast<std::size_t>(p)]};
      CHECK(scope_value(a, al, a, 0, 0, sc, k, k, 0) == scope_value(b, al, a, 0, 1, sc, k, k, 0));
    }
}

TEST_CASE("comparison without common dates or stations is an error", "[compare]") {
  CHECK_THROWS_WITH(align(tiny({1}, "2022-06-01", 5), tiny({1}, "2023-06-01", 5)), Contains("share no date"));
  CHECK_THROWS_WITH(align(tiny({1}, "2022-06-01", 5), tiny({2}, "2022-06-01", 5)),
                    Contains("share no station"));
}

TEST_CASE("two real runs align fully and differ where staffing differs", "[compare]") {
  const Session s = load_session({viz_test::baseline_result(), viz_test::one_worker_result(), ""});
  CHECK(s.al.pairs() == s.a.stations);
  CHECK(s.al.steps() == s.a.days);
  const int m = s.a.metric_index("social_workers_on_duty");
  const double a = scope_value(s.a, s.al, s.a, m, 0, {}, 0, s.al.steps() - 1, 0);
  const double b = scope_value(*s.b, s.al, s.a, m, 1, {}, 0, s.al.steps() - 1, 0);
  CHECK(b < a);
}

TEST_CASE("scopes select the city, an area or one station", "[compare]") {
  const Session s = load_session({viz_test::baseline_result(), "", ""});
  const auto city = scope_stations(s.al, s.a, {}, 0);
  CHECK(static_cast<int>(city.size()) == s.a.stations);
  const int area = s.a.station_area[0];
  const auto in_area = scope_stations(s.al, s.a, {ScopeKind::kArea, area}, 0);
  CHECK(in_area == s.a.stations_of_area(area));
  CHECK(scope_stations(s.al, s.a, {ScopeKind::kStation, 0}, 0) == std::vector<int>{0});
}
