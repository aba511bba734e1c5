#pragma once
// What a metric means for a reader: its direction (is more better, worse, or neither), a short label in
// English and Chinese. Result files written since the metric table carry these as variable attributes
// (`direction`, `label`, `label_zh`) and derived indicators in an `/indicators` group; this built-in
// table is the fallback for older files.
#include <string>
#include <vector>

namespace swsim::viz {

enum class Direction { kNeutral, kHigherIsBetter, kHigherIsWorse };

// "higher_is_better" / "higher_is_worse" / anything else (neutral).
Direction parse_direction(const std::string& text);
const char* direction_text(Direction d);

struct MetricMeta {
  std::string label, label_zh;
  Direction direction = Direction::kNeutral;
};

// Built-in meaning of a per-station metric variable (the same name in /areas and /city); false when the
// name is not one swsim writes.
bool builtin_metric_meta(const std::string& name, MetricMeta& out);

// Built-in: whether a metric swsim writes is a stock (a level at the end of the day, averaged over the
// days of a period) rather than a flow (summed over days); for files without the `aggregation` attribute.
bool builtin_is_stock(const std::string& name);

// A derived indicator: value = scale * sum(numerator) / sum(denominator); an empty denominator means a
// plain (scaled) sum.
struct IndicatorSpec {
  std::string name, long_name, units, label, label_zh;
  std::vector<std::string> numerator, denominator;
  double scale = 1;
  Direction direction = Direction::kNeutral;
};

// The indicators assumed for files without an /indicators group.
const std::vector<IndicatorSpec>& builtin_indicators();

// Older names of derived metrics still accepted on the command line ("share_on_time" -> "on_time_rate").
std::string metric_alias(const std::string& name);

}  // namespace swsim::viz
