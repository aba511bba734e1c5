#include "swsim/simulation/sweep.hpp"

#include <algorithm>
#include <cstdio>
#include <numeric>

#include "swsim/util/error.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

std::vector<SweepPoint> plan_sweep(const Scenario& base, const std::vector<Override>& overrides) {
  if (base.sweep.empty()) throw InputError(base.source + ": no [sweep] section to sweep over (use 'swsim run')");
  std::size_t n = 1;
  for (const auto& axis : base.sweep) {
    n *= axis.values.size();
    if (n > kMaxSweepPoints) break;
  }
  if (n == 0 || n > kMaxSweepPoints)
    throw InputError(base.source + ": the sweep has " + (n == 0 ? std::string("no") : "more than " + std::to_string(kMaxSweepPoints)) +
                     " points (at most " + std::to_string(kMaxSweepPoints) + ")");
  std::vector<SweepPoint> points(n);
  for (std::size_t p = 0; p < n; ++p) {
    std::vector<Override> point_overrides = overrides;
    std::size_t rest = p;
    for (std::size_t a = base.sweep.size(); a-- > 0;) {
      const auto& axis = base.sweep[a];
      const std::string& v = axis.values[rest % axis.values.size()];
      rest /= axis.values.size();
      point_overrides.push_back({axis.key, v, "[sweep] " + axis.key + "=" + v});
      points[p].values.insert(points[p].values.begin(), v);
    }
    points[p].scenario = scenario_from_text(base.text, base.source, point_overrides, base.base_dir);
    points[p].scenario.sweep.clear();
    points[p].file = sweep_point_file(p);
  }
  return points;
}

std::string sweep_point_file(std::size_t p) {
  char name[32];
  std::snprintf(name, sizeof name, "point_%03zu.h5", p);
  return name;
}

double sweep_point_cost(const Config& c) {
  const auto per_area = stations_simulated_per_area(c.run.scale, stations_open_per_area(c.policy.station_coverage));
  const int stations = std::accumulate(per_area.begin(), per_area.end(), 0);
  return static_cast<double>(stations) * c.run.days * c.run.replicates;
}

std::vector<int> assign_sweep_points(const std::vector<SweepPoint>& points, int ranks) {
  const std::size_t n = points.size();
  std::vector<int> owner(n, 0);
  std::vector<std::size_t> order(n);
  std::vector<double> cost(n), load(static_cast<std::size_t>(std::max(1, ranks)), 0.0);
  for (std::size_t p = 0; p < n; ++p) {
    cost[p] = sweep_point_cost(points[p].scenario.config);
    order[p] = p;
  }
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return cost[a] > cost[b]; });
  for (std::size_t p : order) {
    const auto least = static_cast<std::size_t>(std::min_element(load.begin(), load.end()) - load.begin());
    owner[p] = static_cast<int>(least);
    load[least] += cost[p];
  }
  return owner;
}

}  // namespace swsim
