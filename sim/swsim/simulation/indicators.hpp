#pragma once
// Derived indicators, defined once: each is scale x sum(numerator metrics) / sum(denominator metrics)
// over whatever stations and days a reader selects (a plain sum when the denominator is empty). The
// writer stores this table in every result file (group /indicators), and swsim-analyze, swsim-viz and
// the Python tools read it from there, so no reader keeps its own copy of a formula.
#include <string>
#include <string_view>
#include <vector>

#include "swsim/simulation/results.hpp"

namespace swsim {

struct IndicatorDef {
  std::string_view name;
  std::vector<Metric> numerator;
  std::vector<Metric> denominator;  // empty: a plain sum
  double scale;                     // 100 for percentages
  int decimals;                     // for tables
  std::string_view units;           // as displayed: "%", "yuan", "min", "1"
  Direction direction;
  std::string_view label, label_zh;
  std::string_view long_name;
  bool key;  // one of the headline indicators of summaries and reports

  std::string formula() const;  // e.g. "100 * meals_on_time / meals_requested"
};

const std::vector<IndicatorDef>& indicator_defs();
const IndicatorDef* find_indicator(std::string_view name);

// Value from sums of the metrics (indexed by Metric); NaN when the denominator sums to 0.
double indicator_value(const IndicatorDef& ind, const std::vector<double>& metric_sums);

}  // namespace swsim
