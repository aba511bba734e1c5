#include "model/compare.hpp"

#include <limits>
#include <map>
#include <stdexcept>

namespace swsim::viz {

Alignment align_single(const Dataset& a) {
  Alignment al;
  for (int d = 0; d < a.days; ++d) al.day_a.push_back(d);
  for (int s = 0; s < a.stations; ++s) {
    al.station_a.push_back(s);
    al.pair_of_a.push_back(s);
  }
  for (std::size_t m = 0; m < a.metrics.size(); ++m) al.metric_b.push_back(static_cast<int>(m));
  return al;
}

Alignment align(const Dataset& a, const Dataset& b) {
  Alignment al;
  al.compare = true;
  std::map<long, int> day_in_b;
  for (int d = 0; d < b.days; ++d) day_in_b[b.day_number[static_cast<std::size_t>(d)]] = d;
  for (int d = 0; d < a.days; ++d) {
    auto it = day_in_b.find(a.day_number[static_cast<std::size_t>(d)]);
    if (it == day_in_b.end()) {
      ++al.days_only_in_a;
      continue;
    }
    al.day_a.push_back(d);
    al.day_b.push_back(it->second);
  }
  al.days_only_in_b = b.days - al.steps();
  if (al.day_a.empty())
    throw std::runtime_error("the files share no date: " + a.path + " covers " + a.date_text(0) + " to " +
                             a.date_text(a.days - 1) + ", " + b.path + " covers " + b.date_text(0) + " to " +
                             b.date_text(b.days - 1));

  std::map<int, int> station_in_b;
  for (int s = 0; s < b.stations; ++s) station_in_b[b.station_global[static_cast<std::size_t>(s)]] = s;
  al.pair_of_a.assign(static_cast<std::size_t>(a.stations), -1);
  for (int s = 0; s < a.stations; ++s) {
    auto it = station_in_b.find(a.station_global[static_cast<std::size_t>(s)]);
    if (it == station_in_b.end()) {
      ++al.only_in_a;
      continue;
    }
    al.pair_of_a[static_cast<std::size_t>(s)] = al.pairs();
    al.station_a.push_back(s);
    al.station_b.push_back(it->second);
  }
  al.only_in_b = b.stations - al.pairs();
  if (al.station_a.empty())
    throw std::runtime_error("the files share no station (matched by station_global_index): " + a.path +
                             " and " + b.path);
  for (const auto& m : a.metrics) al.metric_b.push_back(b.metric_index(m.name));
  return al;
}

std::vector<int> scope_stations(const Alignment& al, const Dataset& a, Scope scope, int side) {
  std::vector<int> out;
  const auto& list = side == 0 ? al.station_a : al.station_b;
  for (int p = 0; p < al.pairs(); ++p) {
    const int sa = al.station_a[static_cast<std::size_t>(p)];
    bool in = true;
    if (scope.kind == ScopeKind::kArea) in = a.station_area[static_cast<std::size_t>(sa)] == scope.index;
    if (scope.kind == ScopeKind::kStation) in = sa == scope.index;
    if (in) out.push_back(list[static_cast<std::size_t>(p)]);
  }
  return out;
}

std::vector<int> step_days(const Alignment& al, int side, int first, int last) {
  const auto& list = side == 0 ? al.day_a : al.day_b;
  std::vector<int> out;
  for (int i = std::max(first, 0); i <= last && i < al.steps(); ++i)
    out.push_back(list[static_cast<std::size_t>(i)]);
  return out;
}

double scope_value(const Dataset& d, const Alignment& al, const Dataset& a, int metric_a, int side,
                   Scope scope, int first_step, int last_step, int rep) {
  const int m = side == 0 ? metric_a : al.metric_b[static_cast<std::size_t>(metric_a)];
  if (m < 0) return std::numeric_limits<double>::quiet_NaN();
  const auto& metric = d.metrics[static_cast<std::size_t>(m)];
  const auto stations = scope_stations(al, a, scope, side);
  const auto days = step_days(al, side, first_step, last_step);
  if (stations.empty()) return std::numeric_limits<double>::quiet_NaN();
  return sum_metric(d, metric, days, stations, std::min(rep, d.replicates - 1)).value(metric);
}

}  // namespace swsim::viz
