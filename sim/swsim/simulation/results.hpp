#pragma once
// What a run records: per station per day metrics, defined once here with their units and meanings.
// The HDF5 writer (with its per-area and city sums) and the schema table in docs/ are generated from
// these definitions.
#include <array>
#include <cstddef>
#include <string_view>
#include <vector>

namespace swsim {

enum class Metric : int {
  kMealsRequested,
  kMealsOnTime,
  kMealsLate,
  kMealsMissed,
  kMealWaitMin,
  kEscortsUrgentRequested,
  kEscortsUrgentServed,
  kEscortResponseMin,
  kEscortsScheduledDue,
  kEscortsScheduledDone,
  kMedicineDue,
  kMedicineDone,
  kMedicineOverdue,
  kVisitsDue,
  kVisitsDone,
  kVisitsOverdue,
  kHeatCheckinCalls,
  kHeatCheckinVisits,
  kChildSessionsDue,
  kChildSessionsDone,
  kActivitiesHeld,
  kActivityAttendance,
  kHeatIllness,
  kHeatIllnessFoundEarly,
  kHeatIllnessFoundLate,
  kHospitalisations,
  kHeatIllnessRegistered,
  kHeatIllnessRegisteredFoundEarly,
  kExpectedExcessDeaths,
  kLonelinessSum,
  kSocialWorkersOnDuty,
  kSocialWorkerHours,
  kOvertimeHours,
  kVolunteersTurnedOut,
  kVolunteerHours,
  kVolunteerDropouts,
  kVolunteersActive,
  kLentStaff,
  kLunchKm,
  kTravelKm,
  kCostYuan,
  kCount
};
inline constexpr std::size_t kMetricCount = static_cast<std::size_t>(Metric::kCount);

struct MetricDef {
  std::string_view name;
  std::string_view units;
  std::string_view long_name;
  bool integer;  // a count (stored as int32) or a real quantity (stored as float64)
};

const std::array<MetricDef, kMetricCount>& metric_defs();

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
