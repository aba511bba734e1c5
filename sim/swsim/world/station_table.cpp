#include "swsim/util/text.hpp"
#include "swsim/world/station_table.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "swsim/util/error.hpp"
#include "swsim/world/geography.hpp"

namespace swsim {
namespace {

std::string simplify(std::string s) {  // lower case, no spaces: "Nanbu Shanqu" == "nanbushanqu"
  std::string out;
  for (char c : s)
    if (c != ' ' && c != '_' && c != '-') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> out;
  std::string cur;
  bool quoted = false;
  for (char c : line) {
    if (c == '"') quoted = !quoted;
    else if (c == ',' && !quoted) {
      out.push_back(trim(cur));
      cur.clear();
    } else cur += c;
  }
  out.push_back(trim(cur));
  return out;
}

bool parse_number(const std::string& s, double& v) {
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size() && std::isfinite(v);
}

// Station names go into the result file as UTF-8 strings: a table saved in GBK (what Excel writes on
// Chinese Windows) would make a file that netCDF readers cannot decode.
void check_utf8(const std::string& line, const std::string& path, int n) {
  if (first_non_utf8(line) == std::string::npos) return;
  throw InputError(path + ":" + std::to_string(n) +
                   ": not UTF-8 text (save the station table as CSV UTF-8; GBK and other encodings are not read)");
}

}  // namespace

std::vector<StationRow> load_station_table(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) throw InputError(path + ": is a directory, not a station table CSV file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": station table not found or not readable");
  std::string line;
  if (!std::getline(in, line)) throw InputError(path + ": empty station table (expected header name,area,lat,lon)");
  if (line.size() >= 3 && line.compare(0, 3, "\xEF\xBB\xBF") == 0) line = line.substr(3);  // UTF-8 BOM
  check_utf8(line, path, 1);
  const auto header = split_csv(line);
  const bool with_staff = header.size() == 5 && simplify(header[4]) == "socialworkers";
  if (!(header.size() == 4 || with_staff) || simplify(header[0]) != "name" || simplify(header[1]) != "area" ||
      simplify(header[2]) != "lat" || simplify(header[3]) != "lon")
    throw InputError(path + ":1: header must be 'name,area,lat,lon' or 'name,area,lat,lon,social_workers'");
  std::vector<StationRow> rows;
  int n = 1;
  while (std::getline(in, line)) {
    ++n;
    check_utf8(line, path, n);
    if (trim(line).empty()) continue;
    const std::string where = path + ":" + std::to_string(n) + ": ";
    const auto f = split_csv(line);
    if (f.size() != header.size())
      throw InputError(where + "expected " + std::to_string(header.size()) + " fields, found " + std::to_string(f.size()));
    StationRow r;
    r.line = n;
    r.name = f[0];
    if (r.name.empty()) throw InputError(where + "the station has no name");
    r.area = -1;
    for (std::size_t a = 0; a < jinan_areas().size(); ++a)
      if (f[1] == jinan_areas()[a].name_zh || simplify(f[1]) == simplify(std::string(jinan_areas()[a].name_en)))
        r.area = static_cast<int>(a);
    if (r.area < 0) throw InputError(where + "unknown area '" + shown(f[1]) + "' (use one of the 15, e.g. 历下区 or Lixia; swsim areas lists them)");
    if (!parse_number(f[2], r.lat) || r.lat < 35.5 || r.lat > 38.0)
      throw InputError(where + "lat '" + shown(f[2]) + "' is not a latitude in Jinan (35.5-38.0)");
    if (!parse_number(f[3], r.lon) || r.lon < 115.5 || r.lon > 118.5)
      throw InputError(where + "lon '" + shown(f[3]) + "' is not a longitude in Jinan (115.5-118.5)");
    if (with_staff && !f[4].empty()) {
      double w = 0;
      if (!parse_number(f[4], w) || w < 0 || w > 50 || w != std::floor(w))
        throw InputError(where + "social_workers '" + shown(f[4]) + "' must be a whole number 0-50");
      r.social_workers = static_cast<int>(w);
    }
    rows.push_back(r);
    if (rows.size() > 5000) throw InputError(path + ": more than 5000 stations");
  }
  for (std::size_t a = 0; a < jinan_areas().size(); ++a)
    if (std::none_of(rows.begin(), rows.end(), [&](const StationRow& r) { return r.area == static_cast<int>(a); }))
      throw InputError(path + ": no station in " + std::string(jinan_areas()[a].name_en) + " (" +
                       std::string(jinan_areas()[a].name_zh) + "): every area needs one for its elders");
  // Grouped by area, keeping the table's order inside each area.
  std::stable_sort(rows.begin(), rows.end(), [](const StationRow& x, const StationRow& y) { return x.area < y.area; });
  return rows;
}

}  // namespace swsim
