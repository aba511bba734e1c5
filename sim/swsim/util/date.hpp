#pragma once
// Civil dates as day numbers (days since 1970-01-01), after Howard Hinnant's public-domain algorithms.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace swsim {

struct Date {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const Date&) const = default;
};

std::int64_t days_from_civil(const Date& d);
Date civil_from_days(std::int64_t z);
// 0 = Monday ... 6 = Sunday.
int weekday(std::int64_t day_number);
// Strict YYYY-MM-DD (a real calendar date) or nothing.
std::optional<Date> parse_date(std::string_view text);
std::string format_date(const Date& d);

}  // namespace swsim
