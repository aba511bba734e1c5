#pragma once
// Aligning two result files for comparison: stations matched by station_global_index, days by date.
// A single file is the degenerate case (every day and station of A, no B), so the GUI asks the same
// questions either way.
#include <string>
#include <vector>

#include "model/dataset.hpp"

namespace swsim::viz {

struct Alignment {
  bool compare = false;
  std::vector<int> day_a, day_b;          // per step of the timeline (day_b empty without B)
  std::vector<int> station_a, station_b;  // matched pairs (station_b empty without B)
  std::vector<int> pair_of_a;             // per station of A: index into the pairs, or -1
  std::vector<int> metric_b;              // per metric of A: the same metric in B, or -1
  int only_in_a = 0, only_in_b = 0;       // stations without a partner
  int days_only_in_a = 0, days_only_in_b = 0;
  int steps() const { return static_cast<int>(day_a.size()); }
  int pairs() const { return static_cast<int>(station_a.size()); }
};

Alignment align_single(const Dataset& a);
// Throws std::runtime_error when the files share no date or no station.
Alignment align(const Dataset& a, const Dataset& b);

// What a chart or the inspector is about.
enum class ScopeKind { kCity, kArea, kStation };
struct Scope {
  ScopeKind kind = ScopeKind::kCity;
  int index = -1;  // area or station index in A
  friend bool operator==(const Scope&, const Scope&) = default;
};

// Stations of a scope, as indices into the file of one side (0 = A, 1 = B), matched pairs only.
std::vector<int> scope_stations(const Alignment& al, const Dataset& a, Scope scope, int side);
// Day indices of steps [first, last] for one side.
std::vector<int> step_days(const Alignment& al, int side, int first, int last);

// A metric of A over a scope and steps on one side; NaN when B lacks the metric.
double scope_value(const Dataset& d, const Alignment& al, const Dataset& a, int metric_a, int side,
                   Scope scope, int first_step, int last_step, int rep);

}  // namespace swsim::viz
