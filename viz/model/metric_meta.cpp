#include "model/metric_meta.hpp"

#include <map>

namespace swsim::viz {

Direction parse_direction(const std::string& text) {
  if (text == "higher_is_better") return Direction::kHigherIsBetter;
  if (text == "higher_is_worse") return Direction::kHigherIsWorse;
  return Direction::kNeutral;
}

const char* direction_text(Direction d) {
  switch (d) {
    case Direction::kHigherIsBetter:
      return "higher_is_better";
    case Direction::kHigherIsWorse:
      return "higher_is_worse";
    default:
      return "neutral";
  }
}

namespace {
constexpr Direction kBetter = Direction::kHigherIsBetter;
constexpr Direction kWorse = Direction::kHigherIsWorse;
constexpr Direction kNeutral = Direction::kNeutral;

struct Row {
  const char* label;
  const char* label_zh;
  Direction direction;
};

// The metrics of docs/hdf5-schema.md. Directions are the planners' reading (assumption): service done is
// better, service overdue or missed, illness, cost and overtime are worse; demand and effort are neutral.
const std::map<std::string, Row>& table() {
  static const std::map<std::string, Row> t = {
      {"meals_requested", {"lunches requested", "午餐需求", kNeutral}},
      {"meals_on_time", {"on-time lunches", "准时午餐", kBetter}},
      {"meals_late", {"late lunches", "迟到午餐", kWorse}},
      {"meals_missed", {"missed lunches", "未送达午餐", kWorse}},
      {"meal_wait_min", {"lunch waiting (sum)", "等餐时间(合计)", kWorse}},
      {"escorts_urgent_requested", {"urgent escorts requested", "紧急陪诊需求", kNeutral}},
      {"escorts_urgent_served", {"urgent escorts served", "紧急陪诊完成", kBetter}},
      {"escort_response_min", {"escort response (sum)", "陪诊响应时间(合计)", kWorse}},
      {"escorts_scheduled_due", {"scheduled escorts due", "预约陪诊应办", kNeutral}},
      {"escorts_scheduled_done", {"scheduled escorts done", "预约陪诊完成", kBetter}},
      {"medicine_due", {"medicine errands due", "代购药品应办", kNeutral}},
      {"medicine_done", {"medicine errands done", "代购药品完成", kBetter}},
      {"medicine_overdue", {"medicine errands overdue", "代购药品逾期", kWorse}},
      {"visits_due", {"visits due", "探访应办", kNeutral}},
      {"visits_done", {"visits done", "探访完成", kBetter}},
      {"visits_overdue", {"visits overdue", "探访逾期", kWorse}},
      {"heat_checkin_calls", {"heat check-in calls", "高温电话问候", kNeutral}},
      {"heat_checkin_visits", {"heat check-in visits", "高温上门探视", kNeutral}},
      {"child_sessions_due", {"child sessions due", "儿童服务应办", kNeutral}},
      {"child_sessions_done", {"child sessions done", "儿童服务完成", kBetter}},
      {"activities_held", {"group activities", "小组活动", kBetter}},
      {"activity_attendance", {"activity attendance", "活动参与人次", kBetter}},
      {"heat_illness", {"heat illness", "热相关疾病", kWorse}},
      {"heat_illness_found_early", {"heat illness found < 24 h", "24小时内发现的热病", kBetter}},
      {"heat_illness_found_late", {"heat illness found late", "延迟发现的热病", kWorse}},
      {"hospitalisations", {"hospitalisations", "住院", kWorse}},
      {"heat_illness_registered", {"heat illness (registered)", "在册老人热病", kWorse}},
      {"heat_illness_registered_found_early",
       {"registered, found < 24 h", "在册老人24小时内发现", kBetter}},
      {"expected_excess_deaths", {"expected excess deaths", "预期超额死亡", kWorse}},
      {"loneliness_sum", {"loneliness (sum)", "孤独感(合计)", kWorse}},
      {"loneliness_shidu_sum", {"loneliness of shidu (sum)", "失独老人孤独感总分", kWorse}},
      {"shidu_registered", {"shidu elders registered", "在册失独老人", kNeutral}},
      {"social_workers_on_duty", {"social workers on duty", "在岗社工", kNeutral}},
      {"social_worker_hours", {"social worker hours", "社工工时", kNeutral}},
      {"overtime_hours", {"overtime", "加班时长", kWorse}},
      {"volunteers_turned_out", {"volunteers turned out", "出勤志愿者", kNeutral}},
      {"volunteer_hours", {"volunteer hours", "志愿服务时长", kNeutral}},
      {"volunteer_dropouts", {"volunteer dropouts", "志愿者流失", kWorse}},
      {"volunteers_active", {"active volunteers", "活跃志愿者", kBetter}},
      {"lent_staff", {"lent staff", "借调人员", kNeutral}},
      {"lunch_km", {"lunch-round distance", "送餐里程", kNeutral}},
      {"travel_km", {"distance travelled", "出行里程", kNeutral}},
      {"cost_yuan", {"cost", "成本", kWorse}},
  };
  return t;
}
}  // namespace

bool builtin_metric_meta(const std::string& name, MetricMeta& out) {
  auto it = table().find(name);
  if (it == table().end()) return false;
  out.label = it->second.label;
  out.label_zh = it->second.label_zh;
  out.direction = it->second.direction;
  return true;
}

bool builtin_is_stock(const std::string& name) {
  return name == "loneliness_sum" || name == "loneliness_shidu_sum" || name == "shidu_registered" ||
         name == "medicine_due" || name == "medicine_overdue" || name == "visits_due" ||
         name == "visits_overdue" || name == "volunteers_active";
}

const std::vector<IndicatorSpec>& builtin_indicators() {
  static const std::vector<IndicatorSpec> v = [] {
    std::vector<IndicatorSpec> out;
    auto add = [&](const char* name, const char* long_name, const char* units, const char* label,
                   const char* label_zh, std::vector<std::string> num, std::vector<std::string> den,
                   double scale, Direction dir) {
      IndicatorSpec s;
      s.name = name;
      s.long_name = long_name;
      s.units = units;
      s.label = label;
      s.label_zh = label_zh;
      s.numerator = std::move(num);
      s.denominator = std::move(den);
      s.scale = scale;
      s.direction = dir;
      out.push_back(std::move(s));
    };
    add("on_time_rate", "lunches on time / lunches requested", "%", "on-time share", "准时率",
        {"meals_on_time"}, {"meals_requested"}, 100, kBetter);
    add("share_missed", "lunches missed / lunches requested", "%", "missed share", "未送达率", {"meals_missed"},
        {"meals_requested"}, 100, kWorse);
    add("mean_wait_min", "minutes from meals ready to hand-over, per delivered lunch", "min",
        "mean lunch wait", "平均等餐时间", {"meal_wait_min"}, {"meals_on_time", "meals_late"}, 1, kWorse);
    add("found_early_rate", "heat-illness events found within 24 h / heat-illness events", "%",
        "found within 24 h", "24小时内发现率", {"heat_illness_found_early"}, {"heat_illness"}, 100, kBetter);
    add("mean_escort_response_min", "minutes from request to start, per served urgent escort", "min",
        "mean escort response", "平均陪诊响应", {"escort_response_min"}, {"escorts_urgent_served"}, 1, kWorse);
    add("visits_done_rate", "routine visits done / routine visits due", "%", "visits done share",
        "探访完成率", {"visits_done"}, {"visits_due"}, 100, kBetter);
    return out;
  }();
  return v;
}

std::string metric_alias(const std::string& name) {
  if (name == "share_on_time") return "on_time_rate";
  if (name == "share_found_early") return "found_early_rate";
  return name;
}

}  // namespace swsim::viz
