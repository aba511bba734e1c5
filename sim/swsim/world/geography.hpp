#pragma once
// Jinan's 15 management areas (12 county-level districts and counties + 3 functional zones), each with
// one general station (社工总站), with their street/town station counts, 2020 census population, land
// area and centroid. Sources beside each row in geography.cpp; the area table of docs/odd.md is generated
// from it (swsim areas). The 161 units, outlines and territories: docs/geography.md.
#include <array>
#include <string_view>

namespace swsim {

struct AreaFacts {
  std::string_view name_zh;
  std::string_view name_en;
  int stations;             // street/town social work stations (社工站)
  double population;        // residents, 2020 census (see source)
  double area_km2;
  double lat, lon;          // centroid (GCJ-02 from DataV polygons, or estimated)
  double share_60plus;      // 60+ share before scaling to the city's 19.96%
  bool urban;               // urban core: population concentrated near the centroid
  std::string_view source;  // where the row's figures come from
};

inline constexpr int kAreaCount = 15;
inline constexpr double kJinanPopulation2020 = 9'202'432;  // 2020 census total
inline constexpr int kJinanStations = 161;                  // 132 streets + 29 towns

const std::array<AreaFacts, kAreaCount>& jinan_areas();

// Reference point of the local projection (km east and north of it).
inline constexpr double kOriginLat = 36.65;
inline constexpr double kOriginLon = 117.12;
void latlon_to_km(double lat, double lon, double& x_km, double& y_km);
void km_to_latlon(double x_km, double y_km, double& lat, double& lon);

}  // namespace swsim
