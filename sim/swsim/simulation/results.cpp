#include "swsim/simulation/results.hpp"

namespace swsim {
namespace {

constexpr std::array<MetricDef, kMetricCount> kMetricDefs{{
#define SWSIM_METRIC_DEF(id, name, units, integer, agg, dir, label, label_zh, long_name) \
  {Metric::id, name, units, integer, Aggregation::agg, Direction::dir, label, label_zh, long_name},
    SWSIM_METRICS(SWSIM_METRIC_DEF)
#undef SWSIM_METRIC_DEF
}};

constexpr bool in_enum_order() {
  for (std::size_t m = 0; m < kMetricCount; ++m)
    if (kMetricDefs[m].id != static_cast<Metric>(m)) return false;
  return true;
}
static_assert(in_enum_order(), "metric_defs() must follow the Metric enum");

}  // namespace

const std::array<MetricDef, kMetricCount>& metric_defs() { return kMetricDefs; }
const MetricDef& metric_def(Metric m) { return kMetricDefs[static_cast<std::size_t>(m)]; }

std::string_view direction_name(Direction d) {
  switch (d) {
    case Direction::kHigherIsBetter: return "higher_is_better";
    case Direction::kHigherIsWorse: return "higher_is_worse";
    case Direction::kNeutral: break;
  }
  return "neutral";
}

std::string_view aggregation_name(Aggregation a) { return a == Aggregation::kStock ? "stock" : "flow"; }

}  // namespace swsim
