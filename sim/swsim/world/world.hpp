#pragma once
// The city: management areas inside the real district outlines, the 161 street/town units with their
// stations, constructed territories and settlement (docs/geography.md), elders (structure of arrays,
// grouped by station) and volunteers. Built once from the Config; read-only during the simulation.
#include <cstdint>
#include <string>
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/geo/polygon.hpp"
#include "swsim/util/memory.hpp"
#include "swsim/world/meal_points.hpp"

namespace swsim {

enum class Function : std::uint8_t { kIndependent = 0, kSemiDisabled = 1, kDisabled = 2 };
enum class Living : std::uint8_t { kAlone = 0, kCouple = 1, kFamilyAwayByDay = 2, kWithFamily = 3 };
// Social assistance: 低保 (dibao, minimum living allowance) or 特困 (te kun, extreme-poverty support).
enum class Assistance : std::uint8_t { kNone = 0, kDibao = 1, kTekun = 2 };

// Elder flag bits.
namespace elder_flag {
inline constexpr std::uint8_t kMale = 1;
inline constexpr std::uint8_t kLift = 2;
inline constexpr std::uint8_t kAirConditioning = 4;
inline constexpr std::uint8_t kLostOnlyChild = 8;
inline constexpr std::uint8_t kLunchEnrolled = 16;  // in the meal programme (world/meal_points)
inline constexpr std::uint8_t kWarningRequester = 32;  // mobile, alone or 75+: a diner who may book delivery in a warning
inline constexpr std::uint8_t kRegistered = 64;        // on the station's register (Caseload)
}  // namespace elder_flag

// Risk tiers of registered elders (visit frequency).
enum class RiskTier : std::uint8_t { kHigh = 0, kKey = 1, kGeneral = 2 };

enum class ChildCondition : std::uint8_t { kOrphan = 0, kUnsupported = 1, kDisabledIll = 2, kLeftBehind = 3 };

// Age classes with their own heat response (RR per degC and the hot-night factor).
enum class HeatAgeClass : std::uint8_t { k60to64 = 0, k65to74 = 1, k75plus = 2 };
inline constexpr int kHeatAgeClasses = 3;

struct Area {
  std::string name_zh, name_en;
  double population = 0;        // residents (scaled to the census total)
  std::int64_t elders_full = 0; // residents aged 60+ at scale 1
  int stations_total = 0;       // stations in the area (streets and towns with a station)
  int stations_open = 0;        // of them, open in this scenario (policy.station_coverage)
  int stations_simulated = 0;   // of the open ones, simulated at this scale
  int stations_open_urban = 0;       // open stations in urban street units
  int stations_simulated_urban = 0;  // of the simulated ones, urban (world/sampling: stratified)
  double area_km2 = 0;
  double lat = 0, lon = 0;
  double x_km = 0, y_km = 0;  // the centroid, km
  bool urban = false;
};

struct Station {
  int global_index = 0;  // 0..160 over all of Jinan, stable across scales (the unit's index)
  int area = 0;
  std::string name_zh, name_en;
  std::int32_t code = 0;  // the unit's statistical division code (0 for a user table's site)
  bool urban = false;     // an urban street unit
  double mean_home_km = 0;  // mean straight-line distance of its elders' homes to the station
  double x_km = 0, y_km = 0, lat = 0, lon = 0;
  int social_workers = 0;
  std::uint32_t elder_begin = 0, elder_end = 0;          // range in Elders
  std::uint32_t volunteer_begin = 0, volunteer_end = 0;  // range in Volunteers
  std::uint32_t enrolled_begin = 0, enrolled_end = 0;    // range in World::lunch_enrolled
  std::uint32_t meal_point_begin = 0, meal_point_end = 0;  // range in World::meal_points
  std::uint32_t caseload_begin = 0, caseload_end = 0;    // range in Caseload
  std::uint32_t children_begin = 0, children_end = 0;    // range in Children
  std::uint32_t elders_by_heat_class[3] = {0, 0, 0};
  double coverage_500m = 0, coverage_700m = 0, coverage_1km = 0;  // share of its elders within r
};

// Structure of arrays; index i is one elder; elders of a station are contiguous. The arrays are on huge
// pages once large (util/memory): first-touch page faults were a large share of building a full city.
struct Elders {
  HugeVector<std::uint32_t> id;  // stable id over the full-scale population (keys the random streams)
  HugeVector<float> x_km, y_km;
  HugeVector<std::uint16_t> station;
  HugeVector<std::uint16_t> unit;  // the street/town unit the home lies in (index into jinan_units())
  HugeVector<std::uint8_t> age;
  HugeVector<std::uint8_t> floor;
  HugeVector<Function> function;
  HugeVector<Living> living;
  HugeVector<Assistance> assistance;
  HugeVector<std::uint8_t> flags;
  HugeVector<HeatAgeClass> heat_class;
  HugeVector<float> heat_weight;  // base hazard x individual modifiers (per day, before the heat term)

  std::size_t size() const { return id.size(); }
  void resize(std::size_t n);
};

// The station's register of elders it serves (visits, medicine, escorts, check-ins, activities).
struct Caseload {
  std::vector<std::uint32_t> elder;
  std::vector<RiskTier> tier;
  std::vector<std::uint8_t> reasons;          // why registered: register_reason bits (world/registers.hpp)
  std::vector<std::uint8_t> chronic;          // needs medicine bought about monthly
  std::vector<std::uint16_t> medicine_phase;  // day offset in the medicine cycle
  std::vector<std::uint16_t> visit_phase;     // day offset of the first routine visit
  std::vector<float> loneliness_base;         // personal baseline of the UCLA-3 score (3-9)
  std::size_t size() const { return elder.size(); }
  void append(const Caseload& other);
};

struct Children {
  std::vector<std::uint32_t> id;
  std::vector<std::uint16_t> station;
  std::vector<float> x_km, y_km;
  std::vector<ChildCondition> condition;
  std::vector<std::uint8_t> tutoring_weekday;  // 0 = Monday
  std::size_t size() const { return id.size(); }
  void append(const Children& other);
};

struct Volunteers {
  std::vector<std::uint32_t> id;
  std::vector<std::uint16_t> station;
  std::vector<TravelMode> mode;
  std::size_t size() const { return id.size(); }
};

// Raster of the catchments for maps: each cell holds the simulated station whose catchment contains its
// centre (the nearest station of the area the cell lies in).
struct CatchmentGrid {
  double x0_km = 0, y0_km = 0;  // centre of cell (0, 0), km east and north of the projection origin
  double cell_km = 0;
  int nx = 0, ny = 0;
  std::vector<std::int16_t> station;  // index into World::stations; -1 outside or not simulated
  std::vector<std::int8_t> area;      // area index; -1 outside every area
};

struct World {
  std::vector<Area> areas;
  std::vector<Station> stations;  // simulated stations only, in global order
  Elders elders;
  Volunteers volunteers;
  std::vector<std::uint32_t> lunch_enrolled;  // elders in the meal programme, grouped by station, then point
  std::vector<MealArrangement> lunch_arrangement;  // per entry of lunch_enrolled
  std::vector<std::uint32_t> lunch_deliverer;      // per entry: the canteen that delivers or may (kNoPoint)
  MealPoints meal_points;                          // grouped by station
  Caseload caseload;                          // grouped by station
  Children children;                          // grouped by station
  CatchmentGrid grid;
  std::vector<geo::MultiPolygon> district_outlines;  // the 12 district outlines the world was built in (km)
};

// Risk tier of a registered elder: high = 80+ living alone, or disabled with nobody home by day; key =
// impaired, shidu or in poverty (特困/低保); general = the rest.
RiskTier risk_tier(int age, Function function, Living living, bool lost_only_child, bool in_poverty = false);

// Builds the world; deterministic in (config, world.seed), independent of the thread count.
World build_world(const Config& config);

// (Re)builds the volunteer rosters: volunteers.roster_per_station at every station plus extra[s] (empty:
// none) at station s; volunteer ids are stable, so added volunteers leave the others' draws unchanged.
void build_volunteers(const Config& config, World& world, const std::vector<int>& extra = {});

// How many of `available` stations per area are simulated at `scale` (all at scale 1): split between the
// urban and the rural areas in proportion to their stations, then by largest remainder within each, at
// least one per area. Default: all of Jinan's stations.
std::vector<int> stations_simulated_per_area(double scale, const std::vector<int>& available = {});

// Stations open in each area at a coverage share (at least one per area), out of `total` per area
// (default: Jinan's stations).
std::vector<int> stations_open_per_area(double coverage, const std::vector<int>& total = {});

// Elders aged 60+ per area at scale 1, summing exactly to share_60plus x the census total.
std::vector<std::int64_t> elders_per_area(const PopulationParams& p);

}  // namespace swsim
