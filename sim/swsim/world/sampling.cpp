#include "swsim/world/sampling.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>

namespace swsim {

std::vector<int> urban_stations_to_sample(const std::vector<int>& sampled, const std::vector<int>& urban_open,
                                          const std::vector<int>& rural_open) {
  const std::size_t n = sampled.size();
  std::vector<int> lo(n), hi(n), u(n);
  std::vector<double> ideal(n);
  int lo_sum = 0, hi_sum = 0, total = 0, urban_total = 0, open_total = 0;
  for (std::size_t a = 0; a < n; ++a) {
    const int open = urban_open[a] + rural_open[a];
    lo[a] = std::max(0, sampled[a] - rural_open[a]);
    hi[a] = std::min(sampled[a], urban_open[a]);
    ideal[a] = open > 0 ? static_cast<double>(sampled[a]) * urban_open[a] / open : 0.0;
    u[a] = std::clamp(static_cast<int>(std::floor(ideal[a])), lo[a], hi[a]);
    lo_sum += lo[a];
    hi_sum += hi[a];
    total += sampled[a];
    urban_total += urban_open[a];
    open_total += open;
  }
  const double share = open_total > 0 ? static_cast<double>(urban_total) / open_total : 0.0;
  const int target = std::clamp(static_cast<int>(std::lround(share * total)), lo_sum, hi_sum);
  int given = std::accumulate(u.begin(), u.end(), 0);
  while (given != target) {  // one station at a time to the area furthest below (or above) its share
    const int step = given < target ? 1 : -1;
    std::ptrdiff_t best = -1;
    double best_gap = 0;
    for (std::size_t a = 0; a < n; ++a) {
      if (step > 0 ? u[a] >= hi[a] : u[a] <= lo[a]) continue;
      const double gap = step * (ideal[a] - u[a]);
      if (best < 0 || gap > best_gap) best = static_cast<std::ptrdiff_t>(a), best_gap = gap;
    }
    u[static_cast<std::size_t>(best)] += step;  // target lies within [lo_sum, hi_sum]: some area can move
    given += step;
  }
  return u;
}

std::vector<char> pick_sampled(const std::vector<int>& rank, const std::vector<char>& open,
                               const std::vector<char>& urban, int n_urban, int n_rural) {
  std::vector<std::size_t> order(rank.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) { return rank[x] < rank[y]; });
  std::vector<char> out(rank.size(), 0);
  for (std::size_t k : order) {
    if (!open[k]) continue;
    int& left = urban[k] ? n_urban : n_rural;
    if (left > 0) {
      out[k] = 1;
      --left;
    }
  }
  return out;
}

}  // namespace swsim
