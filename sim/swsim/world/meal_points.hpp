#pragma once
// The meal programme of each station's territory (docs/odd.md: Meal point, Needs; CALIBRATION.md s1):
// meal points (community canteens, day-care centres, village 幸福院 kitchens) counted from Changqing's
// density (lunch.points_per_1000_elders), one at the station (the street/town centre) and the others at
// homes drawn systematically from the station's elders, so points lie where elders live, many in a big
// village or compound and none in empty land. A share lunch.canteen_share of them (and the station's own)
// are canteens whose kitchen delivers (Shandong's canteen density over Changqing's point density); each
// point has a capacity (meals a day) and kitchen staff, a canteen also couriers and a delivery capacity.
// Enrolment per station: lunch.meals_per_100_elders per 100 elders, of whom lunch.delivered_share are
// homebound (impaired, nobody home by day) and delivered, the rest diners (eat at the point or collect).
// A diner belongs to the nearest point with room (and may book delivery for a warning day from the nearest
// canteen within lunch.point_reach_km); a homebound elder to the nearest canteen within reach with
// delivery capacity left, else the station delivers (and the elder is on the station's register). Built once, in parallel per station, deterministic (one named draw per elder).
#include <cstdint>
#include <vector>

#include "swsim/config/config.hpp"

namespace swsim {

struct World;

inline constexpr std::uint32_t kNoPoint = 0xFFFFFFFFu;

// How an enrolled elder gets lunch on an ordinary day.
enum class MealArrangement : std::uint8_t { kDiner = 0, kPointDelivered = 1, kStationDelivered = 2 };

// Structure of arrays; index p is one meal point; the points of a station are contiguous.
struct MealPoints {
  std::vector<float> x_km, y_km;
  std::vector<std::uint16_t> station;            // simulated station index
  std::vector<std::uint16_t> capacity;           // meals a day
  std::vector<std::uint8_t> canteen;             // 1: a canteen whose kitchen delivers; 0: serves on site only
  std::vector<std::uint8_t> kitchen_staff;       // serve on site
  std::vector<std::uint8_t> couriers;            // of them, carry deliveries
  std::vector<std::uint16_t> delivery_capacity;  // deliveries a day at most
  std::vector<std::uint32_t> enrolled_begin, enrolled_end;  // range in World::lunch_enrolled
  std::vector<std::uint16_t> delivered;          // its homebound elders it delivers to on ordinary days
  std::size_t size() const { return x_km.size(); }
};

// Meal points of a station with n_elders elders aged 60+: at least one.
int meal_points_for(std::uint32_t n_elders, const LunchParams& p);

// Probability that an elder of a pool is enrolled, so that a station's enrolment meets its target:
// target / pool, at most 1 (0 for an empty pool).
double enrolment_probability(double target, std::uint32_t pool);

// The arrangement of an enrolled elder: diners eat at the point; the homebound are delivered by the point
// when it is within reach and has delivery capacity left (booked < capacity), else by the station.
MealArrangement meal_arrangement(bool homebound, double km_to_point, int booked, int delivery_capacity,
                                 const LunchParams& p);

// Enrols elders (sets elder_flag::kLunchEnrolled, and kRegistered for those the station delivers),
// places the meal points, and fills World::meal_points, World::lunch_enrolled (grouped by station, then
// by point), World::lunch_arrangement, World::lunch_deliverer and the stations' point ranges. Runs after the elders are drawn and
// before the registers are listed. `enrolment_draws`, when given, holds each elder's raw enrolment draw
// (Stream::raw_at(Draw::kLunchEnrolment), kept while the elders were drawn), else it is drawn here.
void build_meal_points(const Config& cfg, World& world, const std::uint32_t* enrolment_draws = nullptr);

}  // namespace swsim
