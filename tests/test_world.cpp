#include <tbb/global_control.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

#include "swsim/config/parameters.hpp"
#include "swsim/world/geography.hpp"
#include "swsim/util/error.hpp"
#include "swsim/world/station_table.hpp"
#include "swsim/world/jinan_units.hpp"
#include "swsim/world/meal_points.hpp"
#include "swsim/world/world.hpp"

using namespace swsim;

namespace {
const World& full_world() {
  static const World w = build_world(default_config());
  return w;
}
double share(const World& w, auto pred) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < w.elders.size(); ++i) n += pred(i) ? 1 : 0;
  return static_cast<double>(n) / static_cast<double>(w.elders.size());
}
}  // namespace

TEST_CASE("the geography table holds Jinan's 15 areas and 161 stations", "[world][facts]") {
  int stations = 0;
  double pop = 0;
  for (const auto& a : jinan_areas()) {
    stations += a.stations;
    pop += a.population;
  }
  CHECK(stations == kJinanStations);
  CHECK(pop == Approx(9.197e6).epsilon(0.002));  // docs/sources.md: the rows sum to about 9.197 M
}

TEST_CASE("at scale 1 every resident aged 60+ is an elder, per area as apportioned", "[world][facts]") {
  const Config c = default_config();
  const World& w = full_world();
  const auto expected = elders_per_area(c.population);
  const auto total = static_cast<std::size_t>(std::llround(0.1996 * 9'202'432));
  CHECK(w.elders.size() == total);
  CHECK(w.stations.size() == 161);
  std::vector<std::int64_t> per_area(kAreaCount, 0);
  for (std::size_t i = 0; i < w.elders.size(); ++i) ++per_area[static_cast<std::size_t>(w.stations[w.elders.station[i]].area)];
  for (int a = 0; a < kAreaCount; ++a) {
    INFO(w.areas[static_cast<std::size_t>(a)].name_en);
    CHECK(per_area[static_cast<std::size_t>(a)] == expected[static_cast<std::size_t>(a)]);
    CHECK(w.areas[static_cast<std::size_t>(a)].stations_simulated == jinan_areas()[static_cast<std::size_t>(a)].stations);
  }
  // Outer districts are older than the urban core (docs/sources.md: 18% core, 22-24% outside).
  const auto& lixia = w.areas[0];
  const auto& gangcheng = w.areas[9];
  CHECK(static_cast<double>(gangcheng.elders_full) / gangcheng.population >
        static_cast<double>(lixia.elders_full) / lixia.population);
}

TEST_CASE("synthesised elders match the census marginals", "[world][facts]") {
  const Config c = default_config();
  const auto& p = c.population;
  const World& w = full_world();
  const auto& e = w.elders;
  const double tol = 0.002;  // 1.84 M draws: sampling sd is below 0.0004
  CHECK(share(w, [&](std::size_t i) { return e.age[i] >= 65; }) == Approx(p.share_65plus / p.share_60plus).margin(tol));
  CHECK(share(w, [&](std::size_t i) { return e.age[i] >= 80; }) == Approx(p.share_80plus_of_60plus).margin(tol));
  CHECK(share(w, [&](std::size_t i) { return e.function[i] != Function::kIndependent; }) ==
        Approx(p.impaired_share).margin(tol));
  CHECK(share(w, [&](std::size_t i) { return e.function[i] == Function::kDisabled; }) ==
        Approx(p.impaired_share * p.disabled_share_of_impaired).margin(tol));
  CHECK(share(w, [&](std::size_t i) { return e.living[i] == Living::kAlone; }) == Approx(p.living_alone_share).margin(tol));
  CHECK(share(w, [&](std::size_t i) { return e.living[i] == Living::kCouple; }) == Approx(p.couple_share).margin(tol));
  CHECK(share(w, [&](std::size_t i) { return (e.flags[i] & elder_flag::kLostOnlyChild) != 0; }) ==
        Approx(p.lost_only_child_share).margin(tol));
  CHECK(share(w, [&](std::size_t i) { return (e.flags[i] & elder_flag::kMale) != 0; }) == Approx(p.male_share).margin(tol));
  // Impairment rises with age.
  double imp_young = 0, n_young = 0, imp_old = 0, n_old = 0;
  for (std::size_t i = 0; i < e.size(); ++i) {
    const bool imp = e.function[i] != Function::kIndependent;
    if (e.age[i] < 65) imp_young += imp, n_young += 1;
    if (e.age[i] >= 80) imp_old += imp, n_old += 1;
  }
  CHECK(imp_old / n_old > 3 * imp_young / n_young);
}

TEST_CASE("meal programme: points, capacities and enrolment as calibrated (CALIBRATION s1)", "[world]") {
  const World& w = full_world();
  const auto& e = w.elders;
  const LunchParams& lp = default_config().lunch;
  const double n = static_cast<double>(e.size());
  // Changqing's density: 2.79 points per 1,000 elders (one at least per station, rounding per station).
  CHECK(w.meal_points.size() / n * 1000 == Approx(lp.points_per_1000_elders).epsilon(0.02));
  std::size_t enrolled = 0, delivered = 0, by_station = 0;
  for (std::size_t k = 0; k < w.lunch_enrolled.size(); ++k) {
    const std::uint32_t i = w.lunch_enrolled[k];
    REQUIRE((e.flags[i] & elder_flag::kLunchEnrolled));
    ++enrolled;
    const bool homebound = e.function[i] != Function::kIndependent &&
                           (e.living[i] == Living::kAlone || e.living[i] == Living::kFamilyAwayByDay);
    REQUIRE((w.lunch_arrangement[k] != MealArrangement::kDiner) == homebound);
    delivered += homebound;
    if (w.lunch_arrangement[k] == MealArrangement::kStationDelivered) {
      ++by_station;
      REQUIRE((e.flags[i] & elder_flag::kRegistered));  // the station serves them from its register
    }
  }
  std::size_t flagged = 0;
  for (std::size_t i = 0; i < e.size(); ++i) flagged += (e.flags[i] & elder_flag::kLunchEnrolled) ? 1 : 0;
  CHECK(flagged == enrolled);
  // Shandong: 1.65 meals per 100 elders; Chongqing: 17% delivered (binomial noise only).
  CHECK(100.0 * enrolled / n == Approx(lp.meals_per_100_elders).epsilon(0.03));
  CHECK(static_cast<double>(delivered) / enrolled == Approx(lp.delivered_share).epsilon(0.05));
  CHECK(by_station < delivered);
  // Every point: inside the programme's limits, its elders contiguous and its own station's.
  const MealPoints& mp = w.meal_points;
  for (std::size_t p = 0; p < mp.size(); ++p) {
    REQUIRE(mp.capacity[p] == lp.point_capacity);
    REQUIRE(mp.delivered[p] <= mp.delivery_capacity[p]);
    REQUIRE(mp.couriers[p] <= mp.kitchen_staff[p]);
    for (std::uint32_t k = mp.enrolled_begin[p]; k < mp.enrolled_end[p]; ++k)
      REQUIRE(e.station[w.lunch_enrolled[k]] == mp.station[p]);
  }
  for (const Station& st : w.stations) {
    REQUIRE(st.meal_point_end > st.meal_point_begin);
    REQUIRE(mp.x_km[st.meal_point_begin] == static_cast<float>(st.x_km));  // the station's own point
    REQUIRE(mp.enrolled_begin[st.meal_point_begin] == st.enrolled_begin);
    REQUIRE(mp.enrolled_end[st.meal_point_end - 1] == st.enrolled_end);
  }
}

TEST_CASE("with every station open, elders belong to their own unit's station", "[world]") {
  const World& w = full_world();
  const auto& e = w.elders;
  REQUIRE(w.stations.size() == static_cast<std::size_t>(kJinanUnitCount));
  for (std::size_t i = 0; i < e.size(); i += 997)
    REQUIRE(w.stations[e.station[i]].global_index == e.unit[i]);
}

TEST_CASE("with stations closed, elders go to the nearest open station of their area", "[world]") {
  Config c = default_config();
  c.policy.station_coverage = 0.74;
  const World w = build_world(c);
  const auto& e = w.elders;
  for (std::size_t i = 0; i < e.size(); i += 1997) {
    const Station& mine = w.stations[e.station[i]];
    const double d_mine = std::hypot(e.x_km[i] - mine.x_km, e.y_km[i] - mine.y_km);
    if (mine.global_index == e.unit[i]) continue;  // its own station is open
    for (const Station& other : w.stations)
      if (other.area == mine.area) REQUIRE(d_mine <= std::hypot(e.x_km[i] - other.x_km, e.y_km[i] - other.y_km) + 1e-4);
  }
}

TEST_CASE("stations are the 161 real units, named after them, sited inside their district's outline", "[world]") {
  const World& w = full_world();
  REQUIRE(w.district_outlines.size() == static_cast<std::size_t>(kJinanDistrictCount));
  for (const Station& s : w.stations) {
    const JinanUnit& u = jinan_units()[static_cast<std::size_t>(s.global_index)];
    INFO(s.name_zh);
    CHECK(s.code == u.code);
    CHECK(s.name_zh == station_name_zh(u));
    CHECK(s.area == u.area);
    REQUIRE(geo::contains(w.district_outlines[static_cast<std::size_t>(u.district)], geo::Pt{s.x_km, s.y_km}));
    CHECK(s.elder_end > s.elder_begin);
  }
}

TEST_CASE("a smaller scale simulates whole stations: the same elders, at least one station per area", "[world]") {
  Config c = default_config();
  c.run.scale = 0.01;
  const World small = build_world(c);
  const World& full = full_world();
  REQUIRE(small.stations.size() == kAreaCount);
  for (const Station& s : small.stations) {
    const Station& same = full.stations[static_cast<std::size_t>(s.global_index)];
    REQUIRE(s.elder_end - s.elder_begin == same.elder_end - same.elder_begin);
    for (std::uint32_t k = 0; k < s.elder_end - s.elder_begin; k += 101) {
      REQUIRE(small.elders.id[s.elder_begin + k] == full.elders.id[same.elder_begin + k]);
      REQUIRE(small.elders.age[s.elder_begin + k] == full.elders.age[same.elder_begin + k]);
      REQUIRE(small.elders.x_km[s.elder_begin + k] == full.elders.x_km[same.elder_begin + k]);
    }
  }
  CHECK(stations_simulated_per_area(0.5)[0] >= 6);
  int total = 0;
  for (int n : stations_simulated_per_area(0.5)) total += n;
  CHECK(total == 81);
}

TEST_CASE("the world does not depend on the thread count", "[world][determinism]") {
  Config c = default_config();
  c.run.scale = 0.1;
  auto build = [&](int threads) {
    tbb::global_control limit(tbb::global_control::max_allowed_parallelism, static_cast<std::size_t>(threads));
    return build_world(c);
  };
  const World a = build(1), b = build(2);
  CHECK(a.elders.id == b.elders.id);
  CHECK(a.elders.x_km == b.elders.x_km);
  CHECK(a.elders.heat_weight == b.elders.heat_weight);
  CHECK(a.elders.flags == b.elders.flags);
  CHECK(a.lunch_enrolled == b.lunch_enrolled);
  CHECK(a.meal_points.x_km == b.meal_points.x_km);
}

TEST_CASE("the catchment raster follows the units' territories inside the district outlines", "[world]") {
  const World& w = full_world();
  const CatchmentGrid& g = w.grid;
  REQUIRE(g.nx > 100);
  REQUIRE(g.ny > 100);
  std::size_t covered = 0, sampled = 0, inside = 0;
  std::vector<std::size_t> cells_of(w.stations.size(), 0);
  for (int iy = 0; iy < g.ny; ++iy)
    for (int ix = 0; ix < g.nx; ++ix) {
      const std::size_t cell = static_cast<std::size_t>(iy) * static_cast<std::size_t>(g.nx) + static_cast<std::size_t>(ix);
      const int s = g.station[cell];
      if (s < 0) continue;
      ++covered;
      ++cells_of[static_cast<std::size_t>(s)];
      const Station& mine = w.stations[static_cast<std::size_t>(s)];
      REQUIRE(mine.area == g.area[cell]);
      if (iy % 5 || ix % 5) continue;
      ++sampled;
      const geo::Pt p{g.x0_km + ix * g.cell_km, g.y0_km + iy * g.cell_km};
      for (const auto& d : w.district_outlines)
        if (geo::contains(d, p)) {
          ++inside;
          break;
        }
    }
  CHECK(covered * 0.25 > 10000 * 0.9);  // about 10,244 km2 of 0.5 km cells
  CHECK(static_cast<double>(inside) >= 0.97 * static_cast<double>(sampled));  // cells inside the outlines
  for (std::size_t s = 0; s < w.stations.size(); ++s) CHECK(cells_of[s] > 0);  // every station has a catchment
}

namespace {
std::string write_table(const std::string& name, const std::string& text) {
  const auto p = std::filesystem::temp_directory_path() / ("swsim_st_" + std::to_string(::getpid()) + "_" + name);
  std::ofstream(p) << text;
  return p.string();
}
std::string one_per_area(const std::string& extra = "") {
  // One real site per area: the seat of the area's first unit (inside the area's outline).
  std::string t = "name,area,lat,lon,social_workers\n";
  const World& w = full_world();
  for (std::size_t a = 0; a < jinan_areas().size(); ++a)
    for (const Station& s : w.stations)
      if (s.area == static_cast<int>(a)) {
        t += std::string(jinan_areas()[a].name_zh) + "总站," + std::string(jinan_areas()[a].name_en) + "," +
             std::to_string(s.lat) + "," + std::to_string(s.lon) + ",4\n";
        break;
      }
  return t + extra;
}
std::string table_error(const std::string& text) {
  try {
    load_station_table(write_table("bad.csv", text));
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("a station table replaces the units' seats", "[world][stations]") {
  Config c = default_config();
  c.run.scale = 1.0;
  c.world.stations_file = write_table("good.csv", one_per_area("Extra station,历下区,36.67,117.05,\n"));
  const World w = build_world(c);
  REQUIRE(w.stations.size() == 16);
  CHECK(w.stations[0].name_zh == "历下区总站");
  CHECK(w.stations[0].social_workers == 4);
  CHECK(w.stations[1].name_zh == "Extra station");
  CHECK(w.stations[1].social_workers == c.staffing.social_workers_per_station);  // blank: the default
  CHECK(w.stations[1].lat == Approx(36.67).margin(1e-9));
  CHECK(w.elders.size() == full_world().elders.size());  // every elder still belongs to a station
  CHECK(w.areas[0].stations_total == 2);
}

TEST_CASE("a bad station table is refused with file, line and problem", "[world][stations][errors]") {
  using Catch::Matchers::Contains;
  CHECK_THAT(table_error("name,lat,lon\n"), Contains(":1: header"));
  CHECK_THAT(table_error(one_per_area("X,Atlantis,36.6,117.0,3\n")), Contains(":17: unknown area 'Atlantis'"));
  CHECK_THAT(table_error(one_per_area("X,Lixia,96.6,117.0,3\n")), Contains(":17: lat '96.6'"));
  CHECK_THAT(table_error(one_per_area("X,Lixia,36.6,117.0,-2\n")), Contains(":17: social_workers '-2'"));
  CHECK_THAT(table_error(one_per_area("X,Lixia,36.6\n")), Contains(":17: expected 5 fields, found 3"));
  CHECK_THAT(table_error("name,area,lat,lon\nA,Lixia,36.6,117.0\n"), Contains("no station in Shizhong"));
  CHECK_THAT(table_error(""), Contains("empty station table"));
  try {
    load_station_table("/nonexistent/stations.csv");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Matchers::Contains("/nonexistent/stations.csv: station table not found"));
  }
}

TEST_CASE("a station table's site outside its area's outline is refused, naming the station", "[world][stations]") {
  Config c = default_config();
  c.world.stations_file = write_table("outside.csv", one_per_area("Far away,历下区,37.3,117.2,\n"));  // in Shanghe
  try {
    build_world(c);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Matchers::Contains(":17: station 'Far away'") && Catch::Matchers::Contains("outside its area 历下区"));
  }
}

TEST_CASE("a boundaries file replaces the built-in outlines, and one that lacks a district is refused", "[world]") {
  Config c = default_config();
  c.run.scale = 0.01;
  // A square far too small for Jinan, named 历下区 only: the other districts are missing.
  const auto p = std::filesystem::temp_directory_path() / ("swsim_b_" + std::to_string(::getpid()) + ".geojson");
  std::ofstream(p) << R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"历下区","adcode":370102},)"
                      R"("geometry":{"type":"Polygon","coordinates":[[[117,36.6],[117.1,36.6],[117.1,36.7],[117,36.7],[117,36.6]]]}}]})";
  c.world.boundaries_file = p.string();
  try {
    build_world(c);
    FAIL("no error");
  } catch (const InputError& e) {
    CHECK_THAT(e.what(), Catch::Matchers::Contains(p.string()) && Catch::Matchers::Contains("市中区"));
  }
}

// build_world keeps each elder's enrolment draw as the elder is drawn; enrolling again from the streams
// (no kept draws) must give the same programme, or the kept words are not the elders' named draws.
TEST_CASE("meal enrolment from the kept draws equals enrolment drawn afresh", "[world]") {
  Config c = default_config();
  c.run.scale = 0.1;
  const World kept = build_world(c);
  World afresh = kept;
  build_meal_points(c, afresh);
  REQUIRE_FALSE(kept.lunch_enrolled.empty());
  CHECK(afresh.lunch_enrolled == kept.lunch_enrolled);
  CHECK(afresh.lunch_arrangement == kept.lunch_arrangement);
  CHECK(afresh.lunch_deliverer == kept.lunch_deliverer);
  CHECK(afresh.meal_points.x_km == kept.meal_points.x_km);
  CHECK(afresh.elders.flags == kept.elders.flags);
}
