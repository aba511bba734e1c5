#include "reader/time_axis.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>

namespace swsim::results {

// Howard Hinnant's civil-date algorithms (public domain description), written out for long.
long days_from_civil(const CivilDate& d) {
  const long y = d.year - (d.month <= 2 ? 1 : 0);
  const long era = (y >= 0 ? y : y - 399) / 400;
  const long yoe = y - era * 400;
  const long mp = (d.month + 9) % 12;
  const long doy = (153 * mp + 2) / 5 + d.day - 1;
  const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate civil_from_days(long z) {
  z += 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  CivilDate out;
  out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2 ? 1 : 0));
  return out;
}

std::string format_iso(const CivilDate& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<CivilDate> parse_iso_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto num = [&](std::size_t from, std::size_t len) -> int {
    int v = 0;
    for (std::size_t i = from; i < from + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  CivilDate d{num(0, 4), num(5, 2), num(8, 2)};
  if (d.year < 0 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31) return std::nullopt;
  if (civil_from_days(days_from_civil(d)) != d) return std::nullopt;  // e.g. 2022-02-30
  return d;
}

std::optional<CivilDate> parse_days_since(std::string_view units) {
  constexpr std::string_view prefix = "days since ";
  if (units.substr(0, prefix.size()) != prefix) return std::nullopt;
  std::string_view rest = units.substr(prefix.size());
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  if (rest.size() < 10) return std::nullopt;
  if (rest.size() > 10 && rest[10] != ' ' && rest[10] != 'T') return std::nullopt;
  return parse_iso_date(rest.substr(0, 10));
}

std::vector<long> read_day_numbers(const ResultFile& file) {
  if (!file.has("day")) throw ReadError(file.path() + ": no 'day' coordinate");
  const std::string units = file.units("day");
  const auto origin = parse_days_since(units);
  if (!origin)
    throw ReadError(file.path() + ": the 'day' coordinate has units '" + units +
                    "', expected 'days since YYYY-MM-DD'");
  const long base = days_from_civil(*origin);
  std::vector<long> out;
  for (double v : file.read("day")) out.push_back(base + std::lround(v));
  return out;
}

}  // namespace swsim::results
