#pragma once
// A user-supplied table of real station sites (docs/odd.md, Initialization), replacing the synthetic ones:
// CSV with the header `name,area,lat,lon` and optionally `,social_workers`; `area` is one of the 15
// management areas by Chinese name or pinyin (e.g. 历下区 or Lixia). Every area needs at least one
// station, since its elders must belong somewhere.
#include <string>
#include <vector>

namespace swsim {

struct StationRow {
  std::string name;
  int area = 0;             // index into jinan_areas()
  double lat = 0, lon = 0;
  int social_workers = -1;  // -1: staffing.social_workers_per_station
  int line = 0;
};

// Throws InputError naming the file, the line and the problem.
std::vector<StationRow> load_station_table(const std::string& path);

}  // namespace swsim
