#pragma once
// Axis ticks at "nice" numbers (1, 2, 2.5, 5 x 10^k) and compact number formatting for axes,
// legends and read-outs.
#include <string>
#include <vector>

namespace swsim::viz {

struct Ticks {
  double lo = 0, hi = 1;  // axis range widened to whole steps
  double step = 1;
  std::vector<double> values;  // lo, lo+step, ..., hi
};

// About `target` ticks (at least 2) covering [min, max]; a flat or empty range is widened around it.
Ticks nice_ticks(double min, double max, int target = 5);

// Number with just enough digits for ticks `step` apart ("1.5", "2 000", "0.25").
std::string format_tick(double v, double step);
// A measured value with about 3-4 significant digits; "-" for NaN.
std::string format_value(double v);
// A signed difference: "+12", "-0.35"; "-" for NaN.
std::string format_delta(double v);

// Day-axis ticks: a step in days from {1, 2, 5, 7, 14, 28, ...} giving at least `min_px` pixels between
// ticks on an axis of `days` days and `width_px` pixels.
int day_tick_step(int days, double width_px, double min_px);

}  // namespace swsim::viz
