#include <catch2/catch.hpp>

#include "reader/time_axis.hpp"

using namespace swsim::results;

TEST_CASE("CF 'days since' units decode to their origin date", "[time_axis]") {
  CHECK(parse_days_since("days since 2022-06-01") == CivilDate{2022, 6, 1});
  CHECK(parse_days_since("days since 2023-06-01 00:00:00") == CivilDate{2023, 6, 1});
  CHECK_FALSE(parse_days_since("hours since 2022-06-01"));
  CHECK_FALSE(parse_days_since("days since 2022-02-30"));
  CHECK_FALSE(parse_days_since("days since yesterday"));
}

TEST_CASE("civil dates round-trip through day numbers", "[time_axis]") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2022, 6, 1}) - days_from_civil({2022, 5, 31}) == 1);
  CHECK(days_from_civil({2024, 3, 1}) - days_from_civil({2024, 2, 28}) == 2);  // leap year
  for (long d = -1000; d < 30000; d += 37) CHECK(days_from_civil(civil_from_days(d)) == d);
  CHECK(format_iso({2022, 6, 16}) == "2022-06-16");
  CHECK(parse_iso_date("2022-06-16") == CivilDate{2022, 6, 16});
  CHECK_FALSE(parse_iso_date("2022-6-16"));
}
