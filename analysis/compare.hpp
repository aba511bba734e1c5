#pragma once
// Paired differences B − A of the key indicators of two scenarios, per management area and for the
// city. The files are first aligned: same dates (the `day` units decode to dates; only the days both
// cover are compared), same stations (`station_global_index`), and the same replicate seeds for a
// paired interval (replicate r of A with replicate r of B: common random numbers).
#include <string>
#include <vector>

#include "indicators.hpp"
#include "reader/result_file.hpp"
#include "stats.hpp"
#include "summary.hpp"

namespace swsim::results {

struct ComparisonRow {
  std::string name_en, name_zh;
  std::vector<Difference> diffs;  // one per key indicator
};

struct Comparison {
  ScenarioIndicators a, b;
  Pairing pairing = Pairing::kNone;
  bool same_stations = true, same_days = true;
  std::vector<std::string> notes;   // plain sentences: what was compared and how
  std::vector<ComparisonRow> rows;  // areas with stations in both files, then the city last
};

// Throws ReadError (one line) when the files cannot be compared: no day in common, or no area in common.
Comparison compare_files(const ResultFile& a, const std::string& label_a, const ResultFile& b,
                         const std::string& label_b);

std::string format_comparison(const Comparison& c, TableFormat format);
// CSV rows without the header (for several comparisons in one CSV); the header separately.
std::string comparison_csv_header();
std::string comparison_csv_rows(const Comparison& c);

}  // namespace swsim::results
