#include <catch2/catch.hpp>

#include "swsim/util/date.hpp"

using namespace swsim;

TEST_CASE("dates convert to day numbers and back", "[date]") {
  CHECK(days_from_civil({1970, 1, 1}) == 0);
  CHECK(days_from_civil({2022, 6, 1}) == 19144);
  for (std::int64_t z = -1000; z < 30000; z += 37) CHECK(days_from_civil(civil_from_days(z)) == z);
}

TEST_CASE("weekdays: 2022-06-01 was a Wednesday", "[date]") {
  CHECK(weekday(days_from_civil({2022, 6, 1})) == 2);
  CHECK(weekday(days_from_civil({2022, 6, 4})) == 5);  // Saturday
}

TEST_CASE("only real calendar dates parse", "[date]") {
  CHECK(parse_date("2022-06-16") == Date{2022, 6, 16});
  CHECK_FALSE(parse_date("2022-02-30"));
  CHECK_FALSE(parse_date("2022-6-16"));
  CHECK_FALSE(parse_date("16/06/2022"));
  CHECK(format_date({2022, 6, 16}) == "2022-06-16");
}
