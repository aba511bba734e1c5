#pragma once
// The planners' key indicators of a scenario, per management area and for the city, with 95 %
// intervals over replicates (each indicator is computed per replicate, then mean ± t·sd/√R), and
// paired or unpaired differences between two scenarios.
#include <string>
#include <vector>

#include "reader/result_file.hpp"
#include "stats.hpp"
#include "summary.hpp"

namespace swsim::results {

// A derived indicator as the result file defines it (its group "indicators", written by swsim from the
// simulation's one table): scale x sum(numerator) / sum(denominator) over the summed metrics.
struct Indicator {
  std::string key;      // CSV column, e.g. "on_time_rate"
  std::string name;     // table header, e.g. "on-time lunch"
  std::string name_zh;  // e.g. "午餐准时率"
  std::string unit;     // "%", "1", "h", "yuan"
  std::string meaning;  // one plain sentence for planners
  std::string direction;  // "higher_is_better", "higher_is_worse", "neutral"
  bool percent = false;   // a share shown in %, differences in percentage points
  int decimals = 0;
  double scale = 1;
  std::vector<std::string> numerator, denominator;
  double value(const SummaryRow& row) const;  // from the summed metrics (shares as fractions); 0 over nothing
};
// The key indicators a file defines, in its order; throws ReadError when it defines none (a file from
// before indicators were stored: run it again with this swsim).
std::vector<Indicator> key_indicators(const ResultFile& file);

// A number with its 95 % interval, e.g. "42.3% ±1.2" (percent: interval in percentage points),
// "1234 ±56"; without an interval just the number. signed_diff: a leading + for positive numbers and
// "pp" after percentage-point differences.
std::string format_estimate(const Indicator& ind, const Estimate& e, bool signed_diff = false);

// One scenario (one file, or one point of a sweep): indicator values per row and replicate.
struct ScenarioIndicators {
  std::string file, label;          // label: what the scenario is, e.g. "baseline.ini + staffing...=5"
  std::vector<Indicator> indicators;  // as the file defines them
  int replicates = 1;
  std::vector<std::string> seeds;     // one per replicate
  std::vector<long> day_numbers;    // the summarised days (days since 1970-01-01)
  std::vector<int> station_global;  // station_global_index of the file's stations
  Summary mean;                     // sums averaged over replicates: the classic per-area tables
  // Rows: the areas with simulated stations (as in mean.areas), then the city last.
  std::vector<std::string> row_en, row_zh;
  // values[row][indicator][replicate]
  std::vector<std::vector<std::vector<double>>> values;
  std::size_t city_row() const { return row_en.size() - 1; }
};

// Indicators of a file over the day index range [day_begin, day_end) (-1: to the end).
ScenarioIndicators compute_indicators(const ResultFile& file, const std::string& label, int day_begin = 0,
                                      int day_end = -1);

// "scenarios/baseline.ini" + the --set overrides named in the first comment lines of the file's
// `scenario` attribute, e.g. "baseline.ini + staffing.social_workers_per_station=5".
std::string scenario_label(const ResultFile& file);
// The first comment lines of the `scenario` attribute (what the run was), without the '#'.
std::vector<std::string> scenario_comment_lines(const ResultFile& file);

}  // namespace swsim::results
