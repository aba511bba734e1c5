#pragma once
// One metric laid out for the map: a value per (timeline step, matched station) on each side, run
// totals, and the colour-scale ranges, so a frame only looks numbers up.
#include <vector>

#include "model/session.hpp"

namespace swsim::viz {

struct MetricTable {
  int metric = -1, steps = 0, pairs = 0;
  bool has_b = false;
  std::vector<double> a, b;              // [step][pair]; NaN where undefined
  std::vector<double> total_a, total_b;  // [pair] over all steps
  // Colour ranges: per-day values (over all steps) and run totals; A and B share one scale.
  double day_lo = 0, day_hi = 1, total_lo = 0, total_hi = 1;
  double day_absdiff = 1, total_absdiff = 1;  // largest |B - A|

  double value(int side, int step, int pair) const;  // step -1 = run total
  double diff(int step, int pair) const;             // B - A
};

MetricTable make_metric_table(const Session& s, int metric, int rep = 0);

}  // namespace swsim::viz
