#pragma once
// What a run records: per station per day metrics, defined once in SWSIM_METRICS with their units,
// meanings, labels and direction. The Metric enum, metric_defs(), the HDF5 writer (with its per-area and
// city sums), the schema table in docs/ and the readers' labels all come from this one list.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace swsim {

// Which way is good: the viewer's colours and the reports' "better/worse" follow it.
enum class Direction : std::uint8_t { kNeutral = 0, kHigherIsBetter = 1, kHigherIsWorse = 2 };
// A flow adds up over days (meals, hours); a stock is a level at the end of the day (active volunteers,
// pending visits): summed over stations, averaged (not summed) over days.
enum class Aggregation : std::uint8_t { kFlow = 0, kStock = 1 };

// X(enumerator, name, units, integer, aggregation, direction, label, label_zh, long_name)
#define SWSIM_METRICS(X)                                                                                                    \
  X(kMealsRequested, "meals_requested", "1", true, kFlow, kNeutral, "lunches requested", "午餐需求",                      \
    "lunch deliveries requested: the meal programme's homebound elders not in hospital, and diners who booked delivery " \
    "for a warning day")                                                                                                   \
  X(kMealsOnTime, "meals_on_time", "1", true, kFlow, kHigherIsBetter, "on-time lunches", "准时午餐",                      \
    "lunches handed over by lunch.on_time_by")                                                                             \
  X(kMealsLate, "meals_late", "1", true, kFlow, kHigherIsWorse, "late lunches", "迟到午餐",                               \
    "lunches handed over after lunch.on_time_by and by lunch.late_by")                                                    \
  X(kMealsMissed, "meals_missed", "1", true, kFlow, kHigherIsWorse, "missed lunches", "未送达午餐",                       \
    "lunches not handed over by lunch.late_by")                                                                            \
  X(kMealWaitMin, "meal_wait_min", "min", false, kFlow, kHigherIsWorse, "lunch wait", "午餐等待时间",                     \
    "minutes from meals ready to hand-over, summed over delivered lunches")                                               \
  X(kMealsOnSite, "meals_on_site", "1", true, kFlow, kNeutral, "lunches at meal points", "助餐点就餐",                  \
    "lunches eaten at or collected from a meal point by enrolled diners (not delivered)")                                 \
  X(kMealsSwitched, "meals_switched_to_delivery", "1", true, kFlow, kNeutral, "diners delivered in a warning",            \
    "预警改送餐", "diners who booked delivery for a warning day (part of meals_requested)")                                \
  X(kMealsByMealPoint, "meals_by_meal_point", "1", true, kFlow, kNeutral, "lunches delivered by meal points",             \
    "助餐点送餐", "lunches handed over by meal points' kitchen staff")                                                    \
  X(kMealsByStaff, "meals_by_staff", "1", true, kFlow, kNeutral, "lunches delivered by station staff", "社工送餐",          \
    "lunches handed over by the station's social workers or lent general-station staff")                                  \
  X(kMealsByVolunteer, "meals_by_volunteer", "1", true, kFlow, kNeutral, "lunches delivered by volunteers", "志愿者送餐",  \
    "lunches handed over by the station's volunteers")                                                                     \
  X(kMealsStationGap, "meals_station_gap", "1", true, kFlow, kNeutral, "meal-point gaps filled by the station",           \
    "社工站补送", "deliveries a meal point could not make by lunch.on_time_by, passed to the station")                       \
  X(kMealsWithin30, "meals_within_30min", "1", true, kFlow, kHigherIsBetter, "lunches within 30 min", "30分钟内送达",      \
    "lunches handed over within 30 min of lunch.ready_time (the strict end of the programmes' window)")                    \
  X(kEscortsUrgentRequested, "escorts_urgent_requested", "1", true, kFlow, kNeutral, "urgent escorts asked",              \
    "紧急陪诊需求", "urgent medical escorts requested (heat illness found early)")                                        \
  X(kEscortsUrgentServed, "escorts_urgent_served", "1", true, kFlow, kHigherIsBetter, "urgent escorts served",            \
    "紧急陪诊完成", "urgent escorts started within services.urgent_escort_max_wait_min")                                  \
  X(kEscortResponseMin, "escort_response_min", "min", false, kFlow, kHigherIsWorse, "urgent escort response",             \
    "紧急陪诊响应时间", "minutes from request to start, summed over served urgent escorts")                               \
  X(kEscortsScheduledDue, "escorts_scheduled_due", "1", true, kFlow, kNeutral, "escorts due", "预约陪诊需求",              \
    "scheduled medical escorts (appointments) due")                                                                        \
  X(kEscortsScheduledDone, "escorts_scheduled_done", "1", true, kFlow, kHigherIsBetter, "escorts done", "预约陪诊完成",   \
    "scheduled medical escorts done")                                                                                      \
  X(kMedicineDue, "medicine_due", "1", true, kStock, kNeutral, "medicine pending", "待代购药品",                          \
    "medicine purchases pending at the start of the day")                                                                 \
  X(kMedicineDone, "medicine_done", "1", true, kFlow, kHigherIsBetter, "medicine bought", "代购药品完成",                 \
    "medicine purchases done")                                                                                             \
  X(kMedicineOverdue, "medicine_overdue", "1", true, kStock, kHigherIsWorse, "medicine overdue", "药品代购逾期",          \
    "medicine purchases still pending at the end of the day and past their window")                                      \
  X(kVisitsDue, "visits_due", "1", true, kStock, kNeutral, "visits pending", "待探访",                                    \
    "routine visits pending at the start of the day (due by risk tier, carried over)")                                   \
  X(kVisitsDone, "visits_done", "1", true, kFlow, kHigherIsBetter, "visits done", "完成探访",                              \
    "routine visits done")                                                                                                 \
  X(kVisitsOverdue, "visits_overdue", "1", true, kStock, kHigherIsWorse, "visits overdue", "探访逾期",                    \
    "routine visits still pending at the end of the day and past their slack")                                           \
  X(kHeatCheckinCalls, "heat_checkin_calls", "1", true, kFlow, kNeutral, "check-in calls", "高温电话问候",                \
    "heat check-in calls made (policy.heat_checkins)")                                                                    \
  X(kHeatCheckinVisits, "heat_checkin_visits", "1", true, kFlow, kNeutral, "check-in visits", "高温上门探视",             \
    "heat check-in visits made (policy.heat_checkins)")                                                                   \
  X(kChildSessionsDue, "child_sessions_due", "1", true, kFlow, kNeutral, "child sessions due", "儿童服务需求",            \
    "child care and tutoring sessions due")                                                                                \
  X(kChildSessionsDone, "child_sessions_done", "1", true, kFlow, kHigherIsBetter, "child sessions done",                  \
    "儿童服务完成", "child care and tutoring sessions done")                                                              \
  X(kActivitiesHeld, "activities_held", "1", true, kFlow, kNeutral, "activities held", "失独小组活动",                    \
    "group activities held for shidu elders (policy.shidu_activity)")                                                     \
  X(kActivityAttendance, "activity_attendance", "1", true, kFlow, kHigherIsBetter, "activity attendance", "活动参与人次", \
    "elders attending group activities")                                                                                   \
  X(kHeatIllness, "heat_illness", "1", true, kFlow, kHigherIsWorse, "heat illness", "中暑病例",                           \
    "heat-illness events among elders (by day of onset)")                                                                 \
  X(kHeatIllnessFoundEarly, "heat_illness_found_early", "1", true, kFlow, kHigherIsBetter, "found early",                 \
    "中暑及早发现", "heat-illness events found within 24 h by an assessing contact (by day of onset)")                    \
  X(kHeatIllnessFoundLate, "heat_illness_found_late", "1", true, kFlow, kHigherIsWorse, "found late", "中暑延迟发现",     \
    "heat-illness events not found within 24 h (by day of onset)")                                                        \
  X(kHospitalisations, "hospitalisations", "1", true, kFlow, kHigherIsWorse, "hospitalisations", "住院",                   \
    "hospital admissions after heat illness (by day of onset)")                                                           \
  X(kHeatIllnessRegistered, "heat_illness_registered", "1", true, kFlow, kHigherIsWorse, "heat illness (registered)",     \
    "在册老人中暑", "heat-illness events among elders on the station's register (by day of onset)")                       \
  X(kHeatIllnessRegisteredFoundEarly, "heat_illness_registered_found_early", "1", true, kFlow, kHigherIsBetter,           \
    "found early (registered)", "在册老人及早发现",                                                                       \
    "heat-illness events among registered elders found within 24 h (by day of onset)")                                   \
  X(kExpectedExcessDeaths, "expected_excess_deaths", "1", false, kFlow, kHigherIsWorse, "expected excess deaths",         \
    "预期超额死亡", "expected heat-attributable deaths among the catchment's elders (not individual deaths)")             \
  X(kLonelinessSum, "loneliness_sum", "1", false, kStock, kHigherIsWorse, "loneliness (sum)", "孤独感总分",               \
    "sum of registered elders' UCLA-3 loneliness scores (3-9) at the end of the day; divide by station_caseload for the " \
    "mean")                                                                                                                \
  X(kLonelinessShiduSum, "loneliness_shidu_sum", "1", false, kStock, kHigherIsWorse, "loneliness of shidu (sum)",     \
    "失独老人孤独感总分", "sum of registered shidu (lost only child) elders' UCLA-3 loneliness scores at the end of the day") \
  X(kShiduRegistered, "shidu_registered", "1", true, kStock, kNeutral, "shidu elders registered", "在册失独老人",          \
    "registered elders who lost their only child (shidu), at the end of the day")                                      \
  X(kSocialWorkersOnDuty, "social_workers_on_duty", "1", true, kFlow, kNeutral, "social workers on duty", "在岗社工",    \
    "social workers on duty (station staff)")                                                                             \
  X(kSocialWorkerHours, "social_worker_hours", "h", false, kFlow, kNeutral, "social worker hours", "社工工时",            \
    "hours worked by social workers on duty, overtime included")                                                          \
  X(kOvertimeHours, "overtime_hours", "h", false, kFlow, kHigherIsWorse, "overtime", "加班时长",                          \
    "hours social workers worked past the end of their shift")                                                            \
  X(kVolunteersTurnedOut, "volunteers_turned_out", "1", true, kFlow, kHigherIsBetter, "volunteers out", "出勤志愿者",     \
    "volunteers who turned out")                                                                                           \
  X(kVolunteerHours, "volunteer_hours", "h", false, kFlow, kHigherIsBetter, "volunteer hours", "志愿服务时长",            \
    "hours of volunteer turnouts")                                                                                         \
  X(kVolunteerDropouts, "volunteer_dropouts", "1", true, kFlow, kHigherIsWorse, "volunteer dropouts", "志愿者流失",       \
    "volunteers who dropped out")                                                                                          \
  X(kVolunteersActive, "volunteers_active", "1", true, kStock, kHigherIsBetter, "active volunteers", "在册活跃志愿者",    \
    "volunteers still active at the end of the day")                                                                      \
  X(kLentStaff, "lent_staff", "1", true, kFlow, kNeutral, "lent staff", "总站支援人员",                                   \
    "general-station staff lent to the station for the day (policy.lending)")                                             \
  X(kLunchKm, "lunch_km", "km", false, kFlow, kNeutral, "lunch distance", "送餐里程",                                     \
    "road distance travelled on lunch rounds, return legs included")                                                      \
  X(kTravelKm, "travel_km", "km", false, kFlow, kNeutral, "distance travelled", "服务里程",                               \
    "road distance travelled on all services, lunch included")                                                            \
  X(kCostYuan, "cost_yuan", "yuan", false, kFlow, kNeutral, "cost", "成本",                                               \
    "cost: staff on duty, overtime, volunteer allowances, meals, travel, activities and gifts")

enum class Metric : int {
#define SWSIM_METRIC_ENUM(id, ...) id,
  SWSIM_METRICS(SWSIM_METRIC_ENUM)
#undef SWSIM_METRIC_ENUM
  kCount
};
inline constexpr std::size_t kMetricCount = static_cast<std::size_t>(Metric::kCount);

struct MetricDef {
  Metric id;
  std::string_view name;
  std::string_view units;
  bool integer;  // a count (stored as int32) or a real quantity (stored as float64)
  Aggregation aggregation;
  Direction direction;
  std::string_view label, label_zh;  // short labels for menus, axes and tables
  std::string_view long_name;
};

// In enum order: metric_defs()[m].id == m (a static_assert in results.cpp holds it).
const std::array<MetricDef, kMetricCount>& metric_defs();
const MetricDef& metric_def(Metric m);
std::string_view direction_name(Direction d);      // "higher_is_better", "higher_is_worse", "neutral"
std::string_view aggregation_name(Aggregation a);  // "flow", "stock"

// Per station per day values, one dense day-major array per metric. Counts are exact in double.
class Results {
 public:
  Results() = default;
  Results(int days, int stations)
      : days_(days), stations_(stations), values_(kMetricCount, std::vector<double>(std::size_t(days) * stations, 0.0)) {}

  int days() const { return days_; }
  int stations() const { return stations_; }
  double& at(Metric m, int day, int station) {
    return values_[static_cast<std::size_t>(m)][std::size_t(day) * stations_ + station];
  }
  double at(Metric m, int day, int station) const {
    return values_[static_cast<std::size_t>(m)][std::size_t(day) * stations_ + station];
  }
  const std::vector<double>& series(Metric m) const { return values_[static_cast<std::size_t>(m)]; }
  std::vector<double>& series(Metric m) { return values_[static_cast<std::size_t>(m)]; }
  bool operator==(const Results&) const = default;

 private:
  int days_ = 0, stations_ = 0;
  std::vector<std::vector<double>> values_;
};

}  // namespace swsim
