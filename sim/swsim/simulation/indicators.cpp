#include "swsim/simulation/indicators.hpp"

#include <cmath>

namespace swsim {

const std::vector<IndicatorDef>& indicator_defs() {
  using M = Metric;
  using D = Direction;
  static const std::vector<IndicatorDef> defs{
      {"on_time_rate", {M::kMealsOnTime}, {M::kMealsRequested}, 100, 1, "%", D::kHigherIsBetter, "on-time lunch",
       "午餐准时率", "share of requested lunches handed over by lunch.on_time_by", true},
      {"missed_rate", {M::kMealsMissed}, {M::kMealsRequested}, 100, 1, "%", D::kHigherIsWorse, "missed lunch",
       "午餐未送达率", "share of requested lunches not handed over by lunch.late_by", false},
      {"meals_missed", {M::kMealsMissed}, {}, 1, 0, "1", D::kHigherIsWorse, "missed meals", "未送达午餐",
       "lunches not handed over by lunch.late_by, total over the period", true},
      {"mean_wait_min", {M::kMealWaitMin}, {M::kMealsOnTime, M::kMealsLate}, 1, 1, "min", D::kHigherIsWorse,
       "mean lunch wait", "平均送餐等待", "minutes from meals ready to hand-over, per delivered lunch", false},
      {"found_early_rate", {M::kHeatIllnessFoundEarly}, {M::kHeatIllness}, 100, 1, "%", D::kHigherIsBetter,
       "heat illness found early", "中暑及早发现率",
       "share of heat-illness events noticed by a helper within 24 hours of onset", true},
      {"registered_found_early_rate", {M::kHeatIllnessRegisteredFoundEarly}, {M::kHeatIllnessRegistered}, 100, 1,
       "%", D::kHigherIsBetter, "found early (registered)", "在册老人中暑及早发现率",
       "share of heat-illness events among registered elders noticed within 24 hours of onset", false},
      {"visits_done", {M::kVisitsDone}, {}, 1, 0, "1", D::kHigherIsBetter, "visits done", "完成探访",
       "routine home visits done, total over the period", true},
      {"shidu_loneliness_mean", {M::kLonelinessShiduSum}, {M::kShiduRegistered}, 1, 2, "1", D::kHigherIsWorse,
       "loneliness of shidu elders", "失独老人平均孤独感",
       "mean UCLA-3 loneliness score (3-9) of registered shidu elders, over the days", false},
      {"overtime_hours", {M::kOvertimeHours}, {}, 1, 0, "h", D::kHigherIsWorse, "overtime", "加班时长",
       "hours social workers worked past the end of their shift, total", true},
      {"cost_per_meal", {M::kCostYuan}, {M::kMealsOnTime, M::kMealsLate}, 1, 1, "yuan", D::kHigherIsWorse,
       "cost per meal", "每餐成本",
       "all station costs (staff, overtime, volunteers, meals, travel, activities) per lunch handed over", true},
  };
  return defs;
}

const IndicatorDef* find_indicator(std::string_view name) {
  for (const auto& d : indicator_defs())
    if (d.name == name) return &d;
  return nullptr;
}

std::string IndicatorDef::formula() const {
  auto sum = [](const std::vector<Metric>& ms) {
    std::string s;
    for (Metric m : ms) s += (s.empty() ? "" : " + ") + std::string(metric_def(m).name);
    return ms.size() > 1 ? "(" + s + ")" : s;
  };
  std::string f = scale != 1 ? std::to_string(static_cast<int>(scale)) + " * " : "";
  f += sum(numerator);
  if (!denominator.empty()) f += " / " + sum(denominator);
  return f;
}

double indicator_value(const IndicatorDef& ind, const std::vector<double>& sums) {
  double num = 0, den = 0;
  for (Metric m : ind.numerator) num += sums[static_cast<std::size_t>(m)];
  if (ind.denominator.empty()) return ind.scale * num;
  for (Metric m : ind.denominator) den += sums[static_cast<std::size_t>(m)];
  return den > 0 ? ind.scale * num / den : std::nan("");
}

}  // namespace swsim
