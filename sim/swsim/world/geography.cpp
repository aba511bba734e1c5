#include "swsim/world/geography.hpp"

#include <cmath>

namespace swsim {

// Figures with their sources in docs/sources.md (Jinan civil affairs, 2020 census "七普", DataV district centroids).
// 60+ shares: 历下 17.9%, 章丘 22.4%, 钢城 23.8% are published; the others are estimates (about 18% in the
// urban core, 22-24% outside), all scaled afterwards to the city's 19.96%.
const std::array<AreaFacts, kAreaCount>& jinan_areas() {
  static const std::array<AreaFacts, kAreaCount> areas{{
      {"历下区", "Lixia", 13, 819'139, 100.9, 36.655, 117.098, 0.179, true,
       "population: Jinan bulletin; 60+ share 17.9% published"},
      {"市中区", "Shizhong", 17, 903'714, 288, 36.579, 116.972, 0.185, true,
       "2020 census; area 288 km2 (374 in one source); 60+ share [EST]"},
      {"槐荫区", "Huaiyin", 16, 675'048, 150, 36.679, 116.885, 0.180, true, "2020 census; 60+ share [EST]"},
      {"天桥区", "Tianqiao", 14, 730'000, 240, 36.772, 116.979, 0.180, true,
       "[EST] 770,202 (NBS) less Daqiao; area [EST]; 60+ share [EST]"},
      {"历城区", "Licheng", 14, 1'112'000, 690, 36.680, 117.130, 0.180, true,
       "population: Jinan bulletin; area [EST] 1,298.6 less Nanbu Shanqu; centroid [EST]; 60+ share [EST]"},
      {"长清区", "Changqing", 10, 595'549, 1'210, 36.421, 116.796, 0.220, false, "2020 census; 60+ share [EST]"},
      {"章丘区", "Zhangqiu", 18, 1'075'784, 1'716, 36.738, 117.473, 0.224, false,
       "2020 census; 60+ share 22.4% published"},
      {"济阳区", "Jiyang", 7, 385'000, 800, 37.030, 117.150, 0.220, false,
       "[EST] 515,679 less the Qibu towns; area [EST]; 60+ share [EST]"},
      {"莱芜区", "Laiwu", 15, 969'632, 1'740, 36.314, 117.618, 0.220, false,
       "NBS 2020 (bulletin 816,000); 60+ share [EST]"},
      {"钢城区", "Gangcheng", 5, 286'966, 515, 36.131, 117.836, 0.238, false,
       "2020 census; 60+ share 23.8% published"},
      {"平阴县", "Pingyin", 8, 323'072, 704, 36.196, 116.416, 0.230, false,
       "2020 census; area 704 km2 (827 in one source); 60+ share [EST]"},
      {"商河县", "Shanghe", 12, 527'311, 1'163, 37.319, 117.203, 0.230, false, "2020 census; 60+ share [EST]"},
      {"高新区", "Gaoxin", 5, 424'000, 320, 36.690, 117.220, 0.150, true,
       "population: Jinan bulletin; area, centroid and 60+ share [EST] (young high-tech zone)"},
      {"南部山区", "Nanbu Shanqu", 3, 200'000, 610, 36.450, 117.100, 0.240, false,
       "population, area, centroid and 60+ share [EST] (mountain villages)"},
      {"起步区", "Qibu", 4, 170'000, 500, 36.820, 117.050, 0.220, false,
       "population, area, centroid and 60+ share [EST]"},
  }};
  return areas;
}

namespace {
constexpr double kKmPerDegLat = 110.574;
constexpr double kKmPerDegLonEquator = 111.320;
constexpr double kPi = 3.14159265358979323846;
double km_per_deg_lon() { return kKmPerDegLonEquator * std::cos(kOriginLat * kPi / 180.0); }
}  // namespace

void latlon_to_km(double lat, double lon, double& x_km, double& y_km) {
  x_km = (lon - kOriginLon) * km_per_deg_lon();
  y_km = (lat - kOriginLat) * kKmPerDegLat;
}

void km_to_latlon(double x_km, double y_km, double& lat, double& lon) {
  lat = kOriginLat + y_km / kKmPerDegLat;
  lon = kOriginLon + x_km / km_per_deg_lon();
}

}  // namespace swsim
