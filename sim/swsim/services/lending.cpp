#include "swsim/services/lending.hpp"

#include <algorithm>
#include <vector>

namespace swsim {

void lend_mobile_teams(std::span<const double> load, std::span<const int> area_of, int areas, int team_size,
                       std::span<int> lent) {
  std::vector<int> ranked;
  for (int a = 0; a < areas; ++a) {
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
