#pragma once
// What a run records: per station per day metrics, defined once in SWSIM_METRICS with their units,
// meanings, labels and direction. The Metric enum, metric_defs(), the HDF5 writer (with its per-area and
// city sums), the schema table in docs/ and the readers' labels all come from this one list.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "swsim/util/memory.hpp"

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
    "紧急陪诊需求", "urgent medical escorts requested (heat illness found by the station or its alarm platform)")                                        \
  X(kEscortsUrgentServed, "escorts_urgent_served", "1", true, kFlow, kHigherIsBetter, "urgent escorts served",            \
    "紧急陪诊完成", "urgent escorts started within the allowed wait, or at once by preempting booked work")                             \
  X(kEscortResponseMin, "escort_response_min", "min", false, kFlow, kHigherIsWorse, "urgent escort response",             \
    "紧急陪诊响应时间", "minutes from request to start, summed over served urgent escorts")                               \
  X(kEscortsUrgentPreempting, "escorts_urgent_preempting", "1", true, kFlow, kNeutral, "escorts preempting work",     \
    "紧急陪诊插队", "urgent escorts for which a social worker dropped booked work (that work postponed into overtime)")   \
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
    "heat-illness episodes among elders 60+ (by day of onset)")                                                           \
  X(kHeatIllness65plus, "heat_illness_65plus", "1", true, kFlow, kHigherIsWorse, "heat illness 65+", "65岁以上中暑",      \
    "heat-illness episodes among elders aged 65+ (by day of onset; divide by elders_65plus for the daily rate)")          \
  X(kHeatIllnessSevere, "heat_illness_severe", "1", true, kFlow, kHigherIsWorse, "severe heat illness", "重症中暑",       \
    "severe heat-illness episodes (by day of onset)")                                                                     \
  X(kHeatIllnessFoundEarly, "heat_illness_found_early", "1", true, kFlow, kHigherIsBetter, "found early",                 \
    "中暑及早发现", "heat-illness episodes found within health.early_min of onset (by day of onset)")                    \
  X(kHeatIllnessFoundLate, "heat_illness_found_late", "1", true, kFlow, kHigherIsWorse, "found late", "中暑延迟发现",     \
    "heat-illness episodes found later than health.early_min, within 24 h of onset (by day of onset)")                   \
  X(kHeatIllnessNotFound, "heat_illness_not_found", "1", true, kFlow, kHigherIsWorse, "not found", "中暑未被发现",        \
    "heat-illness episodes nobody found within 24 h of onset (by day of onset)")                                         \
  X(kHeatFoundFamily, "heat_found_family", "1", true, kFlow, kNeutral, "found by family", "家人发现",                     \
    "heat-illness episodes found first by family living with the elder (by day of onset)")                               \
  X(kHeatFoundNeighbour, "heat_found_neighbour", "1", true, kFlow, kNeutral, "found by neighbour", "邻居发现",            \
    "heat-illness episodes found first by a neighbour (by day of onset)")                                                 \
  X(kHeatFoundMeal, "heat_found_meal", "1", true, kFlow, kNeutral, "found at lunch", "送餐时发现",                        \
    "heat-illness episodes found first at a lunch hand-over (by day of onset)")                                          \
  X(kHeatFoundVisit, "heat_found_visit", "1", true, kFlow, kNeutral, "found on a visit", "探访时发现",                    \
    "heat-illness episodes found first on a home visit (by day of onset)")                                               \
  X(kHeatFoundCall, "heat_found_call", "1", true, kFlow, kNeutral, "found by a call", "电话问候发现",                     \
    "heat-illness episodes found first by a check-in call (by day of onset)")                                            \
  X(kHeatFoundAlarm, "heat_found_alarm", "1", true, kFlow, kNeutral, "found by the alarm", "报警平台发现",               \
    "heat-illness episodes found first through the no-movement alarm (by day of onset)")                                 \
  X(kHeatDetectionMin, "heat_detection_min", "min", false, kFlow, kHigherIsWorse, "time to detection",                   \
    "发现用时", "minutes from onset to detection, summed over found episodes (by day of onset)")                          \
  X(kHospitalisations, "hospitalisations", "1", true, kFlow, kHigherIsWorse, "hospitalisations", "住院",                   \
    "hospital admissions after heat illness, drawn (by day of onset)")                                                    \
  X(kHospitalisationsExpected, "hospitalisations_expected", "1", false, kFlow, kHigherIsWorse,                            \
    "expected hospitalisations", "预期住院", "hospital admissions after heat illness, expected (sum of probabilities)")    \
  X(kHeatDeathsFoundEarly, "heat_deaths_found_early", "1", true, kFlow, kHigherIsWorse, "deaths, found early",          \
    "及早发现者死亡", "heat-illness deaths among episodes found early, drawn (by day of onset)")                           \
  X(kHeatDeathsFoundLate, "heat_deaths_found_late", "1", true, kFlow, kHigherIsWorse, "deaths, found late",             \
    "延迟发现者死亡", "heat-illness deaths among episodes found late, drawn (by day of onset)")                            \
  X(kHeatDeathsNotFound, "heat_deaths_not_found", "1", true, kFlow, kHigherIsWorse, "deaths, not found",                \
    "未发现者死亡", "heat-illness deaths among episodes not found within 24 h, drawn (by day of onset)")                  \
  X(kHeatDeathsExpectedFoundEarly, "heat_deaths_expected_found_early", "1", false, kFlow, kHigherIsWorse,               \
    "expected deaths, found early", "及早发现者预期死亡", "expected heat-illness deaths among episodes found early")        \
  X(kHeatDeathsExpectedFoundLate, "heat_deaths_expected_found_late", "1", false, kFlow, kHigherIsWorse,                 \
    "expected deaths, found late", "延迟发现者预期死亡", "expected heat-illness deaths among episodes found late")         \
  X(kHeatDeathsExpectedNotFound, "heat_deaths_expected_not_found", "1", false, kFlow, kHigherIsWorse,                   \
    "expected deaths, not found", "未发现者预期死亡", "expected heat-illness deaths among episodes not found")             \
  X(kHeatIllnessRegistered, "heat_illness_registered", "1", true, kFlow, kHigherIsWorse, "heat illness (registered)",     \
    "在册老人中暑", "heat-illness episodes among elders on the station's register (by day of onset)")                     \
  X(kHeatIllnessRegisteredFoundEarly, "heat_illness_registered_found_early", "1", true, kFlow, kHigherIsBetter,           \
    "found early (registered)", "在册老人及早发现",                                                                       \
    "heat-illness episodes among registered elders found within health.early_min of onset (by day of onset)")           \
  X(kHeatIllnessRegisteredNotFound, "heat_illness_registered_not_found", "1", true, kFlow, kHigherIsWorse,               \
    "not found (registered)", "在册老人未被发现", "heat-illness episodes among registered elders not found within 24 h")  \
  X(kHospitalisationsRegistered, "hospitalisations_registered", "1", true, kFlow, kHigherIsWorse,                        \
    "hospitalisations (registered)", "在册老人住院", "hospital admissions after heat illness among registered elders")    \
  X(kHeatDeathsRegistered, "heat_deaths_registered", "1", true, kFlow, kHigherIsWorse, "deaths (registered)",           \
    "在册老人中暑死亡", "heat-illness deaths among registered elders, drawn (by day of onset)")                           \
  X(kHeatDeathsExpectedRegistered, "heat_deaths_expected_registered", "1", false, kFlow, kHigherIsWorse,                \
    "expected deaths (registered)", "在册老人预期死亡", "expected heat-illness deaths among registered elders")            \
  X(kHeatIllnessPrevented, "heat_illness_prevented", "1", true, kFlow, kHigherIsBetter, "episodes prevented",            \
    "预防中暑", "heat-illness episodes averted by the day-before contact of a protected registered elder")                \
  X(kHeatProtectedElders, "heat_protected_elders", "1", true, kFlow, kNeutral, "protected elders", "受保护老人",          \
    "registered elders protected today by a call or visit on the day before, a hot day")                                 \
  X(kElders65plus, "elders_65plus", "1", true, kFlow, kNeutral, "elders 65+", "65岁以上老人",                             \
    "elders aged 65+ in the station's catchment (summed over days: elder-days, the denominator of daily rates)")          \
  X(kExpectedExcessDeaths, "expected_excess_deaths", "1", false, kFlow, kHigherIsWorse, "expected excess deaths",         \
    "预期超额死亡", "expected heat-attributable deaths (all causes) among the catchment's elders, less those " \
    "averted among protected registered elders (not individual deaths)")                                                  \
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

// Per station per day values, one dense day-major array per metric, the metrics one after another in
// one block (on huge pages where offered: about 9 MB at full scale, written once a day for 92 days).
// Counts are exact in double.
class Results {
 public:
  Results() = default;
  Results(int days, int stations)
      : days_(days), stations_(stations), values_(kMetricCount * std::size_t(days) * stations, 0.0) {}

  int days() const { return days_; }
  int stations() const { return stations_; }
  double& at(Metric m, int day, int station) { return values_[offset(m) + std::size_t(day) * stations_ + station]; }
  double at(Metric m, int day, int station) const { return values_[offset(m) + std::size_t(day) * stations_ + station]; }
  std::span<const double> series(Metric m) const { return {values_.data() + offset(m), per_metric()}; }
  std::span<double> series(Metric m) { return {values_.data() + offset(m), per_metric()}; }
  bool operator==(const Results&) const = default;

 private:
  std::size_t per_metric() const { return std::size_t(days_) * std::size_t(stations_); }
  std::size_t offset(Metric m) const { return static_cast<std::size_t>(m) * per_metric(); }
  int days_ = 0, stations_ = 0;
  HugeVector<double> values_;
};

}  // namespace swsim
