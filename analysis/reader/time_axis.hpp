#pragma once
// The day axis of a result file as calendar dates. CF time units "days since YYYY-MM-DD" are decoded
// here so that tools can align two files by date rather than by index.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "reader/result_file.hpp"

namespace swsim::results {

struct CivilDate {
  int year = 1970, month = 1, day = 1;
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

// Proleptic Gregorian calendar; day 0 is 1970-01-01.
long days_from_civil(const CivilDate& d);
CivilDate civil_from_days(long days);
std::string format_iso(const CivilDate& d);                   // "2022-06-01"
std::optional<CivilDate> parse_iso_date(std::string_view s);  // "YYYY-MM-DD", checked

// "days since 2022-06-01" (optionally followed by a time, e.g. " 00:00:00") -> 2022-06-01.
std::optional<CivilDate> parse_days_since(std::string_view units);

// Absolute day numbers (days since 1970-01-01) of the file's `day` coordinate. Throws ReadError when
// the coordinate or its units are missing or not of the form "days since YYYY-MM-DD".
std::vector<long> read_day_numbers(const ResultFile& file);

}  // namespace swsim::results
