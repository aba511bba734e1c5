// The allocation step of swsim optimize (optimize.hpp): greedy marginal allocation on screening curves,
// pairwise swaps, the worst-area variant, the uniform allocation and the paired intervals.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "swsim/optimize/optimize.hpp"
#include "swsim/util/error.hpp"

namespace swsim::optimize {
namespace {

// Units and area totals of an allocation under construction, with the bounds (station maxima capped at
// the highest screened level).
struct State {
  const std::vector<std::vector<double>>& value;
  const Bounds& b;
  const std::vector<int>& area_of;
  std::vector<int> units, area_total;

  int cap(std::size_t s) const { return std::min(b.station_max[s], static_cast<int>(value.size()) - 1); }
  bool can_add(std::size_t s) const {
    return units[s] < cap(s) && area_total[static_cast<std::size_t>(area_of[s])] < b.area_max[static_cast<std::size_t>(area_of[s])];
  }
  bool can_remove(std::size_t s) const {
    return units[s] > b.station_min[s] &&
           area_total[static_cast<std::size_t>(area_of[s])] > b.area_min[static_cast<std::size_t>(area_of[s])];
  }
  double gain(std::size_t s) const { return value[static_cast<std::size_t>(units[s]) + 1][s] - value[static_cast<std::size_t>(units[s])][s]; }
  double loss(std::size_t s) const { return value[static_cast<std::size_t>(units[s])][s] - value[static_cast<std::size_t>(units[s]) - 1][s]; }
  void add(std::size_t s, int n) {
    units[s] += n;
    area_total[static_cast<std::size_t>(area_of[s])] += n;
  }
};

State start(const std::vector<std::vector<double>>& value, const Bounds& b, const std::vector<int>& area_of, int budget) {
  State st{value, b, area_of, std::vector<int>(area_of.size(), 0), std::vector<int>(b.area_min.size(), 0)};
  long need = 0;
  for (std::size_t s = 0; s < area_of.size(); ++s) {
    if (b.station_min[s] > st.cap(s))
      throw InputError("the minimum of station " + std::to_string(s) + " exceeds its maximum (or the screened levels)");
    st.add(s, b.station_min[s]);
    need += b.station_min[s];
  }
  for (std::size_t a = 0; a < b.area_min.size(); ++a) need += std::max(0, b.area_min[a] - st.area_total[a]);
  if (need > budget)
    throw InputError("the minima need " + std::to_string(need) + " units, more than the budget of " + std::to_string(budget));
  return st;
}

// The station (of area `area`, or any when -1) whose next unit gains most; -1 when none can take one.
long best_station(const State& st, int area) {
  long best = -1;
  double best_gain = 0;
  for (std::size_t s = 0; s < st.units.size(); ++s) {
    if ((area >= 0 && st.area_of[s] != area) || !st.can_add(s)) continue;
    const double g = st.gain(s);
    // Ties go to the station with fewer units (then the lower index), so equal gains spread out.
    if (best < 0 || g > best_gain || (g == best_gain && st.units[s] < st.units[static_cast<std::size_t>(best)])) {
      best = static_cast<long>(s);
      best_gain = g;
    }
  }
  return best;
}

[[noreturn]] void out_of_room(int placed, int budget) {
  throw InputError("the maxima allow only " + std::to_string(placed) + " of the budget's " + std::to_string(budget) +
                   " units (raise --max-per-station or the area maxima)");
}

// Area minima first (best stations within the area), returning units placed so far.
int meet_area_minima(State& st) {
  for (std::size_t a = 0; a < st.b.area_min.size(); ++a)
    while (st.area_total[a] < st.b.area_min[a]) {
      const long s = best_station(st, static_cast<int>(a));
      if (s < 0) throw InputError("area " + std::to_string(a) + ": its minimum cannot be met within the station maxima");
      st.add(static_cast<std::size_t>(s), 1);
    }
  return std::accumulate(st.units.begin(), st.units.end(), 0);
}

// One improving swap (a unit from a to b), the best one; false when none improves.
bool best_swap(State& st) {
  double best = 1e-12;
  std::size_t from = 0, to = 0;
  bool found = false;
  for (std::size_t a = 0; a < st.units.size(); ++a) {
    if (!st.can_remove(a)) continue;
    const double loss = st.loss(a);
    st.add(a, -1);  // frees room in a's area for a station of the same area
    for (std::size_t b = 0; b < st.units.size(); ++b) {
      if (b == a || !st.can_add(b)) continue;
      const double d = st.gain(b) - loss;
      if (d > best) {
        best = d;
        from = a;
        to = b;
        found = true;
      }
    }
    st.add(a, 1);
  }
  if (!found) return false;
  st.add(from, -1);
  st.add(to, 1);
  return true;
}

double t975(int df) {
  static const double table[] = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
                                 2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
                                 2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (df < 1) return std::nan("");
  if (df <= 30) return table[df - 1];
  // Cornish-Fisher expansion about the normal quantile: within 0.001 of the exact value beyond 30.
  return 1.959964 + 2.3722 / df + 2.8224 / (static_cast<double>(df) * df);
}

}  // namespace

Estimate paired_estimate(const std::vector<double>& d) {
  Estimate e;
  if (d.empty()) return e;
  const double n = static_cast<double>(d.size());
  for (double v : d) e.mean += v / n;
  double ss = 0;
  for (double v : d) ss += (v - e.mean) * (v - e.mean);
  const double half = d.size() > 1 ? t975(static_cast<int>(d.size()) - 1) * std::sqrt(ss / (n - 1) / n) : 0.0;
  e.lo = e.mean - half;
  e.hi = e.mean + half;
  return e;
}

std::vector<int> uniform_allocation(int stations, int budget) {
  std::vector<int> u(static_cast<std::size_t>(stations), stations > 0 ? budget / stations : 0);
  const int rest = stations > 0 ? budget % stations : 0;
  for (int i = 0; i < rest; ++i) u[static_cast<std::size_t>(static_cast<long>(i) * stations / rest)] += 1;
  return u;
}

std::vector<int> allocate_sum(const std::vector<std::vector<double>>& value, const Bounds& b,
                              const std::vector<int>& station_area, int budget, int swap_rounds, int* swaps) {
  State st = start(value, b, station_area, budget);
  for (int placed = meet_area_minima(st); placed < budget; ++placed) {
    const long s = best_station(st, -1);
    if (s < 0) out_of_room(placed, budget);
    st.add(static_cast<std::size_t>(s), 1);
  }
  int n = 0;
  while (n < swap_rounds && best_swap(st)) ++n;
  if (swaps) *swaps = n;
  return st.units;
}

std::vector<int> allocate_worst_area(const std::vector<std::vector<double>>& level, const Bounds& b,
                                     const std::vector<int>& station_area, int areas, int budget) {
  State st = start(level, b, station_area, budget);
  std::vector<double> lvl(static_cast<std::size_t>(areas), 0.0);
  std::vector<char> present(static_cast<std::size_t>(areas), 0);
  for (int placed = meet_area_minima(st); placed < budget; ++placed) {
    std::fill(lvl.begin(), lvl.end(), 0.0);
    for (std::size_t s = 0; s < st.units.size(); ++s) {
      lvl[static_cast<std::size_t>(station_area[s])] += level[static_cast<std::size_t>(st.units[s])][s];
      present[static_cast<std::size_t>(station_area[s])] = 1;
    }
    // The worst area that a unit can still improve; failing that, the worst that can take one.
    long pick = -1;
    for (int pass = 0; pass < 2 && pick < 0; ++pass)
      for (int a = 0; a < areas; ++a) {
        const long s = present[static_cast<std::size_t>(a)] ? best_station(st, a) : -1;
        if (s < 0 || (pass == 0 && st.gain(static_cast<std::size_t>(s)) <= 0)) continue;
        if (pick < 0 || lvl[static_cast<std::size_t>(a)] < lvl[static_cast<std::size_t>(station_area[static_cast<std::size_t>(pick)])])
          pick = s;
      }
    if (pick < 0) out_of_room(placed, budget);
    st.add(static_cast<std::size_t>(pick), 1);
  }
  return st.units;
}

}  // namespace swsim::optimize
