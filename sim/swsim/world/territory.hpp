#pragma once
// Territories of the 161 street/town units: real unit boundaries are not available, so each unit gets a
// constructed territory inside its administrative district's outline, and a seat (the station site)
// inside that territory. docs/geography.md states the rule and its parameters; in short:
//   - target area of a unit: its management area's land area (jinan_areas(), FACTS) shared among the
//     area's units (a town counts town_weight, a county-seat street seat_weight, other streets 1), then
//     scaled so that the targets of a district add up to the district outline's area;
//   - start points: functional-zone units near their zone's centroid, a county's seat street near the
//     county seat, urban streets near their district's centroid, other units spread over the district;
//   - a capacity-constrained power diagram (weighted Voronoi) per district: alternately the power weights
//     are moved until each cell has its target area, and each generator moves to its cell's centroid
//     (Lloyd); computed on a fine grid of sample points, then the exact cells are the intersection of
//     power half-planes, clipped to the district outline;
//   - the seat is the sample point of the cell nearest its centroid that is at least seat_margin_km
//     inside the outline.
// The three functional zones are the union of their units' territories. Deterministic for a seed.
#include <cstdint>
#include <vector>

#include "swsim/geo/geojson.hpp"
#include "swsim/geo/polygon.hpp"

namespace swsim {

struct TerritoryParams {
  std::uint64_t seed = 1;
  double town_weight = 1.5;          // a town's target area relative to a street of its area [assumption]
  double seat_weight = 0.5;          // the county-seat street (code ...001 outside the urban core) [assumption]
  int samples_per_district = 6000;   // grid points per district for the iteration
  int lloyd_steps = 20;              // centroid moves
  int weight_steps = 10;             // power-weight updates per centroid move
  double seat_margin_km = 1.0;       // seats at least this far inside the outline (> outline tolerance 0.5 km)
  double start_spread_km = 4.0;      // sd of the start points around their anchor (zones, seats, urban)
};

struct UnitTerritory {
  int unit = -1;             // index into jinan_units()
  geo::Pt seat;              // station site, km plane
  double seat_lon = 0, seat_lat = 0;
  geo::MultiPolygon shape;   // territory, km plane
  double area_km2 = 0;
  double target_km2 = 0;     // what the construction aimed at
  bool urban = false;        // a street (街道) of an urban management area (jinan_areas()[a].urban)
};

struct Territories {
  std::vector<UnitTerritory> units;          // jinan_units() order
  std::vector<geo::MultiPolygon> districts;  // the 12 district outlines used (km plane)
  double build_seconds = 0;

  // The territory of a management area (0..14): its units' territories, not dissolved.
  geo::MultiPolygon area_shape(int area) const;
};

// Builds the territories inside `outlines` (jinan_builtin_outlines() or a boundaries file; each of the 12
// districts found by name or adcode, else InputError naming the file and the district).
Territories build_territories(const geo::FeatureSet& outlines, const TerritoryParams& p = {});

// Anchors (assumptions, docs/geography.md): the city core at Quancheng Square and the seats of the seven
// outer districts/counties, lon/lat. Index 0..11 like jinan_areas(); urban districts give their centroid.
struct Anchor {
  double lon, lat;
};
Anchor district_anchor(int district);
inline constexpr Anchor kCityCore{117.021, 36.662};  // 泉城广场 Quancheng Square

}  // namespace swsim
