#include "swsim/services/lending.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace swsim {

void lend_mobile_teams(std::span<const double> load, std::span<const int> area_of, int areas, int team_size,
                       std::span<int> lent) {
  const std::vector<int> teams(static_cast<std::size_t>(std::max(0, areas)), team_size);
  lend_mobile_teams(load, area_of, teams, lent);
}

int team_on_sample(int team, int simulated, int open, double u) {
  if (simulated >= open || open <= 0) return team;
  const double x = static_cast<double>(team) * simulated / open;
  const double whole = std::floor(x);
  return static_cast<int>(whole) + (u < x - whole ? 1 : 0);
}

void lend_mobile_teams(std::span<const double> load, std::span<const int> area_of, std::span<const int> team_by_area,
                       std::span<int> lent) {
  std::vector<int> ranked;
  for (int a = 0; a < static_cast<int>(team_by_area.size()); ++a) {
    const int team_size = team_by_area[static_cast<std::size_t>(a)];
    ranked.clear();
    for (std::size_t s = 0; s < area_of.size(); ++s)
      if (area_of[s] == a) ranked.push_back(static_cast<int>(s));
    if (ranked.empty()) continue;
    std::stable_sort(ranked.begin(), ranked.end(), [&](int x, int y) {
      return load[static_cast<std::size_t>(x)] > load[static_cast<std::size_t>(y)];
    });
    for (int k = 0; k < team_size; ++k) lent[static_cast<std::size_t>(ranked[static_cast<std::size_t>(k) % ranked.size()])] += 1;
  }
}

}  // namespace swsim
