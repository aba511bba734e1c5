#pragma once
// The ranking table: every matched station with the current metric (A, B, B - A) for the day or the
// period, filtered by a name search (Chinese characters, pinyin or a Latin name, case and spaces
// ignored) and by management area, sorted by any column, and written as CSV. No GUI here.
#include <string>
#include <vector>

#include "model/metric_table.hpp"

namespace swsim::viz {

struct RankRow {
  int station = -1, pair = -1, area = -1;
  double a = 0, b = 0, diff = 0;  // NaN where undefined
  double elders = 0;
};

enum class RankColumn { kName, kArea, kA, kB, kDiff, kElders };

struct RankQuery {
  std::string search;  // "" = every station
  int area = -1;       // -1 = every area
  int step = -1;       // -1 = the period values
  RankColumn column = RankColumn::kA;
  bool descending = true;
};

// Whether station `s` of `d` matches `query` (substring of the Chinese name, or of the pinyin / Latin
// name with case, spaces, hyphens and apostrophes ignored).
bool name_matches(const Dataset& d, int s, const std::string& query);

std::vector<RankRow> ranking(const Session& s, const MetricTable& t, const RankQuery& q);

// CSV (UTF-8, comma separated, quoted where needed) of the rows as shown; `what` is a comment line
// naming the metric, units and period, written first with a leading '#'.
std::string ranking_csv(const Session& s, const std::vector<RankRow>& rows, const std::string& what);

}  // namespace swsim::viz
