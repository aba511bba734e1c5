#pragma once
// Key indicators of one result file, per management area and for the whole simulated city, computed
// from the file alone.
#include <string>
#include <vector>

#include "reader/result_file.hpp"

namespace swsim::results {

struct SummaryRow {
  std::string name_zh, name_en;
  int stations = 0;
  double elders = 0, meals_requested = 0, meals_on_time = 0, meals_late = 0, meals_missed = 0;
  double heat_illness = 0, found_early = 0, found_late = 0, hospitalisations = 0;
  double on_time_rate() const { return meals_requested > 0 ? meals_on_time / meals_requested : 0; }
  double late_rate() const { return meals_requested > 0 ? meals_late / meals_requested : 0; }
  double missed_rate() const { return meals_requested > 0 ? meals_missed / meals_requested : 0; }
  double found_early_rate() const { return heat_illness > 0 ? found_early / heat_illness : 0; }
};

struct Summary {
  std::string file, scenario_file, start_date;
  int days = 0, heat_wave_days = 0, warning_days = 0;
  double tmax_max_c = 0;
  std::vector<SummaryRow> areas;  // areas with at least one simulated station
  SummaryRow city;                // sum of the areas
};

Summary summarize(const ResultFile& file);

enum class TableFormat { kTerminal, kCsv, kMarkdown };
std::string format_summary(const Summary& s, TableFormat format);

}  // namespace swsim::results
