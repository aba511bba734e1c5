#pragma once
// Lunch delivery for one station on one day (docs/odd.md: Lunch window, Travel, Dispatch).
// Meals are ready at the canteen (a meal point, or the station's own point) at ready time. The meals are split into trips of at most box_capacity
// (as many trips as couriers when there are enough, so more couriers means shorter trips; as few as the box
// allows with fewest_trips, when the couriers are shared between several points' rounds): homes are
// swept by angle around the canteen and cut into balanced groups; each trip is ordered by nearest
// neighbour from the canteen and improved by 2-opt. Trips go shortest first, each to the courier who can
// finish it soonest (ties by courier index); couriers return to the canteen between trips. A meal handed
// over by on_time is on time, by late is late; a stop reached after late is missed, and so is the rest of
// that trip. Everything is deterministic (ties broken by elder id).
#include <cstdint>
#include <span>
#include <vector>

namespace swsim {

enum class MealOutcome : std::uint8_t { kOnTime = 0, kLate = 1, kMissed = 2 };

struct MealStop {
  std::uint32_t elder = 0;  // index of the elder (ties are broken on it)
  float x_km = 0, y_km = 0;
  float stairs_min = 0;  // climbing time up to the door in mild weather (0 with a lift)
};

struct Courier {
  double speed_kmh = 0;  // travel speed today (walkers slowed by heat)
  double until = 1e9;    // no hand-over after this time (heat work rules); minutes after midnight
  double from = 0;       // at the canteen from this time (later than the ready time if busy before)
};

struct LunchSettings {
  int ready_min = 690, on_time_min = 720, late_min = 780;
  int box_capacity = 8;
  double handover_min = 5;
  double detour_factor = 1.3;
  double stair_slowdown = 1.0;  // multiplies stair times (heat)
  bool fewest_trips = false;    // as few trips as the box allows (couriers are shared with other points)
};

struct LunchTotals {
  int requested = 0, on_time = 0, late = 0, missed = 0;
  double wait_min = 0;  // sum over delivered meals of (hand-over time - ready time)
  double km = 0;        // road distance ridden or walked, return legs included
};

// Reusable buffers, one per worker, so a day's dispatch allocates nothing once warmed up.
struct LunchScratch {
  std::vector<std::uint32_t> order;
  std::vector<double> angle;
  std::vector<std::uint32_t> trip_begin;
  std::vector<double> trip_len;
  std::vector<std::uint32_t> trip_order;
  std::vector<double> courier_free;
};

// A canteen's plan of the day (sweep order, trips, their lengths and order), kept for the next day. It
// depends only on the canteen, the stops (each one's elder, place and stairs, in order), the box capacity,
// fewest_trips and (without fewest_trips) the number of couriers; a day with all of these the same reuses
// it as it is (the same numbers as planning again), so a round that does not change is routed once.
struct LunchPlan {
  bool valid = false;
  double cx = 0, cy = 0;
  int box_capacity = 0;
  bool fewest_trips = false;
  std::size_t couriers = 0;
  std::vector<MealStop> stops;
  std::vector<std::uint32_t> order, trip_begin, trip_order;
  std::vector<double> trip_len;
};

// Dispatches the day's meals; writes each stop's outcome, hand-over time and courier (same order as
// `stops`; `handover_at` and `courier_of` may be empty; -1 for a missed meal) and returns totals.
// Afterwards scratch.courier_free[c] is when courier c is back at the canteen (the ready time if it made
// no trip). With `plan`, the canteen's plan is taken from it when it still holds, else made and kept there.
LunchTotals dispatch_lunch(double canteen_x_km, double canteen_y_km, std::span<const MealStop> stops,
                           std::span<const Courier> couriers, const LunchSettings& settings,
                           LunchScratch& scratch, std::span<MealOutcome> outcomes,
                           std::span<double> handover_at = {}, std::span<std::int16_t> courier_of = {},
                           LunchPlan* plan = nullptr);

// Length (straight-line km) of the open path canteen -> stops in the given order (no return leg).
double open_path_km(double x0, double y0, std::span<const MealStop> stops, std::span<const std::uint32_t> order);

// Orders `idx` (indices into stops) as an open path from (x0, y0): nearest neighbour, then 2-opt until
// no improving move remains.
void order_route(double x0, double y0, std::span<const MealStop> stops, std::span<std::uint32_t> idx);

}  // namespace swsim
