#pragma once
// One metric laid out for the map and the ranking: a value per (timeline step, matched station) on
// each side and over the chosen period, for the chosen statistic over replicates, optionally per 1,000
// elders, with B - A paired by replicate, and robust colour limits (2nd-98th percentiles), so a frame
// only looks numbers up.
#include <vector>

#include "model/ensemble.hpp"
#include "model/session.hpp"

namespace swsim::viz {

struct TableSpec {
  int metric = 0;
  StatChoice stat;
  Norm norm = Norm::kNone;  // only applied to metrics that allow it
  Period period;            // what the "period" values are summed over
  friend bool operator==(const TableSpec&, const TableSpec&) = default;
};

struct MetricTable {
  TableSpec spec;
  int metric = -1, steps = 0, pairs = 0;
  bool has_b = false, paired = false, per_elders = false;  // per_elders: a normalisation is applied
  Norm norm = Norm::kNone;
  std::vector<int> period;               // steps of the period
  std::vector<double> a, b, d;           // [step][pair]; NaN where undefined; d = B - A
  std::vector<double> total_a, total_b, total_d;  // [pair] over the period
  std::vector<double> total_d_lo, total_d_hi;     // [pair] 95 % interval of B - A over the period (NaN: none)
  // Colour limits (2nd-98th percentiles; A and B share one scale): per-day values over all steps, and
  // period totals; for B - A the 98th percentile of |B - A|.
  double day_lo = 0, day_hi = 1, total_lo = 0, total_hi = 1;
  double day_absdiff = 1, total_absdiff = 1;
  // Unclipped extremes, to mark values beyond the colour limits.
  double day_min = 0, day_max = 1, total_min = 0, total_max = 1;

  double value(int side, int step, int pair) const;  // step -1 = period total
  double diff(int step, int pair) const;             // B - A (paired statistic when paired)
};

MetricTable make_metric_table(const Session& s, const TableSpec& spec);
inline MetricTable make_metric_table(const Session& s, int metric) {
  TableSpec t;
  t.metric = metric;
  return make_metric_table(s, t);
}

}  // namespace swsim::viz
