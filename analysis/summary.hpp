#pragma once
// Key indicators of one result file, per management area and for the whole simulated city, computed
// from the file alone (sums of the per-station variables over days and stations).
#include <map>
#include <string>
#include <vector>

#include "reader/result_file.hpp"

namespace swsim::results {

struct SummaryRow {
  std::string name_zh, name_en;
  int stations = 0;
  double elders = 0, caseload = 0;
  double home_km_sum = 0;  // elders x their station's mean home distance, summed (station_mean_home_km)
  double mean_home_km() const { return elders > 0 ? home_km_sum / elders : 0.0; }
  std::map<std::string, double> sum;  // every (day, station) variable summed over days and stations
  double last_day_loneliness = 0;     // loneliness_sum on the last day

  double get(const std::string& v) const {
    const auto it = sum.find(v);
    return it == sum.end() ? 0.0 : it->second;
  }
  double ratio(const std::string& a, const std::string& b) const { return get(b) > 0 ? get(a) / get(b) : 0.0; }
};

struct Summary {
  std::string file, scenario_file, start_date;
  int replicates = 1;         // replicates in the file
  int replicate = -1;         // the replicate summarised, or -1: the mean over all replicates
  std::string first_date;     // first summarised day (ISO), when a day range was chosen
  int days = 0, heat_wave_days = 0, warning_days = 0;
  double tmax_max_c = 0;
  std::vector<SummaryRow> areas;  // areas with at least one simulated station
  SummaryRow city;                // sum of the areas
};

Summary summarize(const ResultFile& file);

// Which part of a file to summarise: one replicate (or -1: every sum averaged over the replicates,
// which is the run itself for a single-run file) and a range of day indices [day_begin, day_end)
// (day_end -1: to the last day).
struct SummaryOptions {
  int replicate = -1;
  int day_begin = 0, day_end = -1;
};
Summary summarize(const ResultFile& file, const SummaryOptions& options);

enum class TableFormat { kTerminal, kCsv, kMarkdown };
std::string format_summary(const Summary& s, TableFormat format);

}  // namespace swsim::results
