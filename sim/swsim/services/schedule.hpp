#pragma once
// A station's working day as a list scheduler (docs/odd.md, Dispatch). Helpers (social workers,
// volunteers, lent staff) each have a shift and a timeline of busy intervals. Tasks are offered in
// priority order; each goes to the helper who can finish it soonest (ties by helper index), at the
// earliest start inside the task's window that fits a gap of that helper's timeline. A task nobody can
// fit is left unassigned (the caller defers or misses it). Travel is a round trip from the station.
// Deterministic: no randomness, ties broken by index.
#include <cstdint>
#include <span>
#include <vector>

namespace swsim {

struct Interval {
  double start, end;
};

struct Helper {
  double speed_kmh = 15;
  bool social_worker = true;
  double shift_start = 0, shift_end = 0;  // minutes after midnight
  double hard_end = 0;                    // latest finish (shift end plus allowed overtime)
  // Outdoor work forbidden in [no_outdoor_start, no_outdoor_end) (heat rules); empty when start >= end.
  double no_outdoor_start = 0, no_outdoor_end = 0;
  double outdoor_budget_min = 1e9;  // outdoor minutes still allowed today (heat rules)
  double field_budget_min = 1e9;    // task minutes left today (the rest of the shift is desk work)
  std::vector<Interval> busy;       // sorted, non-overlapping
  double km = 0;                    // travelled on tasks
  double task_min = 0;              // minutes spent on tasks
  double last_end = 0;              // end of the last busy interval (for overtime)

  void reset(double speed, bool sw, double start, double end, double hard);
  void block(double start, double end);  // marks a busy interval (e.g. the lunch round, a break)
  double free_from(double t) const;      // earliest time >= t not inside a busy interval
  // Earliest start >= from of a free stretch of `dur` minutes (indoor), or from itself if none before
  // the hard end (the caller then overlaps nothing it cares about).
  double first_gap(double from, double dur) const;
};

struct ScheduleTask {
  double x_km = 0, y_km = 0;      // where the task is (ignored without travel)
  bool travel = true;             // false: done at the station (calls)
  bool outdoor = true;            // subject to heat rules
  bool social_worker_only = false;
  double service_min = 0;
  double release = 0;             // earliest start, minutes after midnight
  double latest_start = 1e9;      // must start by then
  bool urgent = false;            // drops desk work: ignores the helper's field budget
};

struct Assignment {
  int helper = -1;  // -1: nobody could take it
  double start = 0, finish = 0;
  double km = 0;
};

// Round-trip road distance and time for a helper.
struct TravelModel {
  double station_x_km = 0, station_y_km = 0;
  double detour_factor = 1.3;
};

// Finds and books the best helper for one task; returns the assignment (helper -1 if none).
Assignment assign_task(const ScheduleTask& task, std::span<Helper> helpers, const TravelModel& travel);

}  // namespace swsim
