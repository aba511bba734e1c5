#include "swsim/world/world.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_invoke.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>
#include <span>

#include "swsim/config/parameters.hpp"
#include "swsim/geo/distance.hpp"
#include "swsim/util/error.hpp"
#include "swsim/util/philox_batch.hpp"
#include "swsim/util/rng.hpp"
#include "swsim/world/geography.hpp"
#include "swsim/world/jinan_outlines.hpp"
#include "swsim/world/jinan_units.hpp"
#include "swsim/world/population.hpp"
#include "swsim/world/registers.hpp"
#include "swsim/world/sampling.hpp"
#include "swsim/world/settlement.hpp"
#include "swsim/world/station_table.hpp"
#include "swsim/world/territory.hpp"
#include "swsim/world/world_cache.hpp"

namespace swsim {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kMaxVolunteersPerStation = 1000;  // volunteer ids are station * 1000 + k
constexpr double kGridCellKm = 0.5;             // resolution of the catchment raster written for maps
constexpr double kSiteToleranceKm = 1.0;        // a table's site may lie this far outside its area's outline

// Largest-remainder apportionment of `total` over `weights`, with per-item floors and caps.
std::vector<std::int64_t> apportion(const std::vector<double>& weights, std::int64_t total,
                                    const std::vector<std::int64_t>& floor_at,
                                    const std::vector<std::int64_t>& cap_at) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  std::vector<std::int64_t> out(weights.size());
  std::vector<std::pair<double, std::size_t>> rem;
  std::int64_t given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double q = weights[i] * static_cast<double>(total) / sum;
    out[i] = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::floor(q)), floor_at[i], cap_at[i]);
    given += out[i];
    rem.emplace_back(-(q - std::floor(q)), i);  // larger remainder first, then lower index
  }
  std::sort(rem.begin(), rem.end());
  for (std::size_t k = 0; given < total && k < 4 * rem.size(); ++k) {
    const std::size_t i = rem[k % rem.size()].second;
    if (out[i] < cap_at[i]) {
      ++out[i];
      ++given;
    }
  }
  return out;
}

double area_population_scale() {
  double sum = 0;
  for (const auto& f : jinan_areas()) sum += f.population;
  return kJinanPopulation2020 / sum;  // the rows sum to about 9.197 M: scale to the official total
}

}  // namespace

namespace {
template <class T>
void append_to(std::vector<T>& to, const std::vector<T>& from) {
  to.insert(to.end(), from.begin(), from.end());
}
}  // namespace

void Caseload::append(const Caseload& o) {
  append_to(elder, o.elder);
  append_to(tier, o.tier);
  append_to(reasons, o.reasons);
  append_to(chronic, o.chronic);
  append_to(medicine_phase, o.medicine_phase);
  append_to(visit_phase, o.visit_phase);
  append_to(loneliness_base, o.loneliness_base);
}

void Children::append(const Children& o) {
  append_to(id, o.id);
  append_to(station, o.station);
  append_to(x_km, o.x_km);
  append_to(y_km, o.y_km);
  append_to(condition, o.condition);
  append_to(tutoring_weekday, o.tutoring_weekday);
}

// The arrays are sized in parallel, on huge pages (HugeVector): zero-filling 1.84 M elders' arrays (the
// first touch of their pages) was a serial 6 % of a full-city run.
void Elders::resize(std::size_t n) {
  tbb::parallel_invoke([&] { id.resize(n); }, [&] { x_km.resize(n); }, [&] { y_km.resize(n); },
                       [&] { station.resize(n); }, [&] { unit.resize(n); }, [&] { age.resize(n); },
                       [&] { floor.resize(n); }, [&] { function.resize(n); }, [&] { living.resize(n); },
                       [&] { assistance.resize(n); }, [&] { flags.resize(n); }, [&] { heat_class.resize(n); },
                       [&] { heat_weight.resize(n); });
}

RiskTier risk_tier(int age, Function function, Living living, bool lost_only_child, bool in_poverty) {
  const bool nobody_home = living == Living::kAlone || living == Living::kFamilyAwayByDay;
  if ((age >= 80 && living == Living::kAlone) || (function == Function::kDisabled && nobody_home)) return RiskTier::kHigh;
  if (function != Function::kIndependent || lost_only_child || in_poverty) return RiskTier::kKey;
  return RiskTier::kGeneral;
}

std::vector<std::int64_t> elders_per_area(const PopulationParams& p) {
  const double k = area_population_scale();
  std::vector<double> raw;
  for (const auto& f : jinan_areas()) raw.push_back(f.population * k * f.share_60plus);
  const auto total = static_cast<std::int64_t>(std::llround(p.share_60plus * kJinanPopulation2020));
  return apportion(raw, total, std::vector<std::int64_t>(raw.size(), 0),
                   std::vector<std::int64_t>(raw.size(), total));
}

// Stratified by urban/rural (odd.md Initialization, "Sampling"): the sampled stations are split between
// the urban and the rural areas in proportion to their stations (each stratum at least one per area),
// then shared among each stratum's areas by largest remainder, at least one each.
std::vector<int> stations_simulated_per_area(double scale, const std::vector<int>& available) {
  const auto& areas = jinan_areas();
  std::vector<std::int64_t> n;
  std::int64_t total = 0, open[2] = {0, 0}, count[2] = {0, 0};
  for (std::size_t a = 0; a < areas.size(); ++a) {
    n.push_back(available.empty() ? areas[a].stations : available[a]);
    total += n.back();
    open[areas[a].urban ? 1 : 0] += n.back();
    count[areas[a].urban ? 1 : 0] += 1;
  }
  const auto target = std::clamp<std::int64_t>(std::llround(scale * static_cast<double>(total)), kAreaCount, total);
  std::int64_t want[2];
  want[1] = std::clamp<std::int64_t>(std::llround(static_cast<double>(target * open[1]) / static_cast<double>(total)),
                                     count[1], open[1]);
  want[0] = target - want[1];
  if (want[0] < count[0]) want[0] = count[0], want[1] = std::max(count[1], target - count[0]);
  std::vector<int> out(areas.size(), 0);
  for (int urban = 0; urban < 2; ++urban) {
    std::vector<double> w;
    std::vector<std::int64_t> lo, hi;
    std::vector<std::size_t> members;
    for (std::size_t a = 0; a < areas.size(); ++a)
      if (areas[a].urban == (urban == 1)) {
        members.push_back(a);
        w.push_back(static_cast<double>(n[a]));
        lo.push_back(std::min<std::int64_t>(1, n[a]));
        hi.push_back(n[a]);
      }
    if (members.empty()) continue;
    const auto got = apportion(w, want[urban], lo, hi);
    for (std::size_t k = 0; k < members.size(); ++k) out[members[k]] = static_cast<int>(got[k]);
  }
  return out;
}

std::vector<int> stations_open_per_area(double coverage, const std::vector<int>& total) {
  std::vector<int> out;
  for (std::size_t a = 0; a < jinan_areas().size(); ++a) {
    const int n = total.empty() ? jinan_areas()[a].stations : total[a];
    out.push_back(std::clamp(static_cast<int>(std::lround(coverage * n)), 1, std::max(1, n)));
  }
  return out;
}

namespace {

// ---- The steps of build_world --------------------------------------------------------------------------

// A station site of an area: a unit's seat, or a row of the user's station table.
struct Site {
  double x, y;
  int sim_index;  // -1 when not simulated
  bool open;      // has a station in this scenario (policy.station_coverage)
  int unit;       // the unit whose station it is (-1 for a table's site)
};
using SitesByArea = std::vector<std::vector<Site>>;

// The geography a world is built on: outlines, unit territories, one settlement process per unit.
struct Geography {
  Territories territories;
  std::vector<Settlement> settlements;             // per unit
  std::vector<std::int64_t> unit_first_id;         // per unit, and one past the last: elder ids by unit
  std::vector<int> own_station;                    // per unit: its own station's simulated index; -1 not
                                                   // simulated; -2 closed or replaced by a table (nearest site)
};

std::vector<StationRow> station_table_of(const Config& cfg) {
  return cfg.world.stations_file.empty() ? std::vector<StationRow>{} : load_station_table(cfg.world.stations_file);
}

Geography make_geography(const Config& cfg) {
  Geography g;
  g.territories = *shared_territories(cfg.world.boundaries_file, cfg.world.seed);  // built once per process
  for (const UnitTerritory& t : g.territories.units)
    g.settlements.emplace_back(t.shape, t.seat, t.urban, cfg.world.seed, static_cast<std::uint32_t>(t.unit));
  return g;
}

// The 15 management areas with their census figures, and how many stations each has, opens and simulates.
void build_areas(const Config& cfg, const std::vector<StationRow>& table, World& world) {
  const auto& facts = jinan_areas();
  const double pop_k = area_population_scale();
  const auto elders_full = elders_per_area(cfg.population);
  std::vector<int> per_area_total;
  for (int a = 0; a < kAreaCount; ++a)
    per_area_total.push_back(table.empty() ? facts[static_cast<std::size_t>(a)].stations
                                           : static_cast<int>(std::count_if(table.begin(), table.end(),
                                                                            [&](const StationRow& r) { return r.area == a; })));
  const auto open_per_area = stations_open_per_area(cfg.policy.station_coverage, per_area_total);
  const auto sim_per_area = stations_simulated_per_area(cfg.run.scale, open_per_area);
  for (std::size_t a = 0; a < kAreaCount; ++a) {
    const auto& f = facts[a];
    Area area;
    area.name_zh = f.name_zh;
    area.name_en = f.name_en;
    area.population = f.population * pop_k;
    area.elders_full = elders_full[a];
    area.stations_total = per_area_total[a];
    area.stations_open = open_per_area[a];
    area.stations_simulated = sim_per_area[a];
    area.area_km2 = f.area_km2;
    area.lat = f.lat;
    area.lon = f.lon;
    latlon_to_km(f.lat, f.lon, area.x_km, area.y_km);
    area.urban = f.urban;
    world.areas.push_back(area);
  }
}

// The sites of an area in a random order (each site's own draw): the first stations_open are open, the
// first stations_simulated of them simulated, so both are random subsets, the same at any scale.
std::vector<int> random_rank(const Config& cfg, const std::vector<std::uint32_t>& keys) {
  std::vector<std::pair<std::uint32_t, int>> order;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    Stream s(cfg.world.seed, keys[k], 0, StreamKind::kWorldStation);
    order.emplace_back(static_cast<std::uint32_t>(s.at(Draw::kStationRank) * 4294967296.0), static_cast<int>(k));
  }
  std::sort(order.begin(), order.end());
  std::vector<int> rank(keys.size());
  for (std::size_t r = 0; r < order.size(); ++r) rank[static_cast<std::size_t>(order[r].second)] = static_cast<int>(r);
  return rank;
}

// The real outline an area lies in: its district's, or for a functional zone the districts of its units.
geo::MultiPolygon districts_of_area(const Territories& t, int area) {
  geo::MultiPolygon out;
  std::vector<char> used(t.districts.size(), 0);
  for (const JinanUnit& u : jinan_units())
    if (u.area == area && !used[static_cast<std::size_t>(u.district)]) {
      used[static_cast<std::size_t>(u.district)] = 1;
      const auto& parts = t.districts[static_cast<std::size_t>(u.district)].parts;
      out.parts.insert(out.parts.end(), parts.begin(), parts.end());
    }
  return out;
}

// A table's site must lie in (or within kSiteToleranceKm of) its area's real outline.
void check_site(const StationRow& row, const geo::MultiPolygon& area_shape, double x, double y, const std::string& file) {
  const geo::Pt p{x, y};
  if (geo::contains(area_shape, p)) return;
  double d = 1e300;
  for (const auto& poly : area_shape.parts) d = std::min(d, geo::distance_to_boundary(poly.outer, p));
  if (d <= kSiteToleranceKm) return;
  throw InputError(file + ":" + std::to_string(row.line) + ": station '" + row.name + "' at " + format_number(row.lat) +
                   ", " + format_number(row.lon) + " lies " + format_number(std::round(d * 10) / 10) +
                   " km outside its area " + std::string(jinan_areas()[static_cast<std::size_t>(row.area)].name_zh));
}

Station make_station(const Config& cfg, int global, int area, double x, double y) {
  Station st;
  st.global_index = global;
  st.area = area;
  st.x_km = x;
  st.y_km = y;
  km_to_latlon(x, y, st.lat, st.lon);
  st.social_workers = cfg.staffing.social_workers_per_station;
  return st;
}

// An area's sites (units in global order, or its rows of a station table), each with its random rank,
// whether it is open (the first stations_open by rank) and urban.
struct AreaSites {
  std::vector<int> members, rank;
  std::vector<char> open, urban;
};

AreaSites area_sites(const Config& cfg, const std::vector<StationRow>& table, const Geography& geo, int a,
                     const Area& area) {
  AreaSites out;
  std::vector<std::uint32_t> keys;
  if (table.empty()) {
    for (std::size_t u = 0; u < jinan_units().size(); ++u)
      if (jinan_units()[u].area == a) out.members.push_back(static_cast<int>(u));
  } else {
    for (std::size_t r = 0; r < table.size(); ++r)
      if (table[r].area == a) out.members.push_back(static_cast<int>(r));
  }
  for (int m : out.members) {
    keys.push_back(static_cast<std::uint32_t>(table.empty() ? m : 1000 + m));
    out.urban.push_back(table.empty() ? geo.territories.units[static_cast<std::size_t>(m)].urban : area.urban);
  }
  out.rank = random_rank(cfg, keys);
  for (int r : out.rank) out.open.push_back(r < area.stations_open);
  return out;
}

// The station of a simulated site: the unit's name and code, or the table row's name and staff.
Station site_station(const Config& cfg, const std::vector<StationRow>& table, int m, int global, int a, bool urban,
                     double x, double y) {
  Station st = make_station(cfg, global, a, x, y);
  st.urban = urban;
  if (table.empty()) {
    const JinanUnit& u = jinan_units()[static_cast<std::size_t>(m)];
    st.name_zh = station_name_zh(u);
    st.name_en = std::string(station_name_en(u));
    st.code = u.code;
  } else {
    const StationRow& row = table[static_cast<std::size_t>(m)];
    st.name_zh = st.name_en = row.name;
    if (row.social_workers >= 0) st.social_workers = row.social_workers;
  }
  return st;
}

// Which sites each area simulates: stratified by urban/rural (world/sampling).
std::vector<std::vector<char>> sample_sites(const std::vector<AreaSites>& all, World& world) {
  std::vector<int> sampled, urban_open, rural_open;
  for (std::size_t a = 0; a < all.size(); ++a) {
    int u = 0, r = 0;
    for (std::size_t k = 0; k < all[a].members.size(); ++k)
      if (all[a].open[k]) (all[a].urban[k] ? u : r) += 1;
    sampled.push_back(world.areas[a].stations_simulated);
    urban_open.push_back(u);
    rural_open.push_back(r);
  }
  const std::vector<int> n_urban = urban_stations_to_sample(sampled, urban_open, rural_open);
  std::vector<std::vector<char>> out;
  for (std::size_t a = 0; a < all.size(); ++a) {
    world.areas[a].stations_open_urban = urban_open[a];
    world.areas[a].stations_simulated_urban = n_urban[a];
    out.push_back(pick_sampled(all[a].rank, all[a].open, all[a].urban, n_urban[a], sampled[a] - n_urban[a]));
  }
  return out;
}

// Station sites: the seats of the 161 units, or a user's table of real sites (checked against the
// outlines). Simulated stations come out in global order.
SitesByArea place_stations(const Config& cfg, const std::vector<StationRow>& table, Geography& geo, World& world) {
  SitesByArea sites(kAreaCount);
  geo.own_station.assign(jinan_units().size(), -2);
  std::vector<AreaSites> all;
  for (int a = 0; a < kAreaCount; ++a) all.push_back(area_sites(cfg, table, geo, a, world.areas[static_cast<std::size_t>(a)]));
  const std::vector<std::vector<char>> simulated = sample_sites(all, world);
  int global = 0;
  for (int a = 0; a < kAreaCount; ++a) {
    const AreaSites& as = all[static_cast<std::size_t>(a)];
    const geo::MultiPolygon shape = table.empty() ? geo::MultiPolygon{} : districts_of_area(geo.territories, a);
    for (std::size_t k = 0; k < as.members.size(); ++k, ++global) {
      const int m = as.members[k];
      double x, y;
      if (table.empty()) {
        x = geo.territories.units[static_cast<std::size_t>(m)].seat.x;
        y = geo.territories.units[static_cast<std::size_t>(m)].seat.y;
      } else {
        const StationRow& row = table[static_cast<std::size_t>(m)];
        latlon_to_km(row.lat, row.lon, x, y);
        check_site(row, shape, x, y, cfg.world.stations_file);
      }
      int sim_index = -1;
      if (simulated[static_cast<std::size_t>(a)][k]) {
        sim_index = static_cast<int>(world.stations.size());
        world.stations.push_back(site_station(cfg, table, m, global, a, as.urban[k], x, y));
      }
      if (table.empty()) geo.own_station[static_cast<std::size_t>(m)] = as.open[k] ? sim_index : -2;
      sites[static_cast<std::size_t>(a)].push_back({x, y, sim_index, static_cast<bool>(as.open[k]), table.empty() ? m : -1});
    }
  }
  return sites;
}

// The simulated station nearest to (x, y) among an area's open sites; -1 when that site is not simulated.
int nearest_open_station(const std::vector<Site>& sites, double x, double y) {
  double best = 1e300;
  int best_site = 0;
  for (std::size_t k = 0; k < sites.size(); ++k) {
    if (!sites[k].open) continue;
    const double dx = sites[k].x - x, dy = sites[k].y - y;
    const double d2 = dx * dx + dy * dy;
    if (d2 < best) {
      best = d2;
      best_site = static_cast<int>(k);
    }
  }
  return sites[static_cast<std::size_t>(best_site)].sim_index;
}

// Elder ids by unit: the area's elders shared equally among its units (largest remainder), ids
// consecutive within a unit and units in global order.
void number_elders(const Config& cfg, Geography& geo) {
  const auto elders_full = elders_per_area(cfg.population);
  const auto& units = jinan_units();
  geo.unit_first_id.assign(units.size() + 1, 0);
  for (int a = 0; a < kAreaCount; ++a) {
    std::vector<std::size_t> members;
    for (std::size_t u = 0; u < units.size(); ++u)
      if (units[u].area == a) members.push_back(u);
    const auto share = apportion(std::vector<double>(members.size(), 1.0), elders_full[static_cast<std::size_t>(a)],
                                 std::vector<std::int64_t>(members.size(), 0),
                                 std::vector<std::int64_t>(members.size(), elders_full[static_cast<std::size_t>(a)]));
    for (std::size_t k = 0; k < members.size(); ++k) geo.unit_first_id[members[k] + 1] = share[k];
  }
  for (std::size_t u = 0; u < units.size(); ++u) geo.unit_first_id[u + 1] += geo.unit_first_id[u];
}

// A unit's elders on their way into the world: how many go to each simulated station and, when the unit's
// own station is closed (each elder to the nearest open site of the area), each one's home and station,
// so that every home is drawn once.
struct UnitElders {
  std::vector<std::pair<std::int32_t, std::uint32_t>> per_station;  // (station, elders), stations ascending
  std::vector<std::uint32_t> cursor;                                 // per entry: where its first elder goes
  std::vector<geo::Pt> home;                                         // closed own station only: per elder
  std::vector<std::int32_t> station_of;                              // likewise (-1: not simulated)
};

UnitElders route_unit(const Geography& geo, const SitesByArea& sites, std::size_t u, std::size_t n_stations) {
  UnitElders ue;
  const int own = geo.own_station[u];
  const auto n = static_cast<std::uint32_t>(geo.unit_first_id[u + 1] - geo.unit_first_id[u]);
  if (own >= 0 && n > 0) ue.per_station.emplace_back(own, n);
  if (own != -2) return ue;
  const auto& area_sites = sites[static_cast<std::size_t>(jinan_units()[u].area)];
  std::vector<std::uint32_t> count(n_stations, 0);
  ue.home.resize(n);
  ue.station_of.resize(n);
  for (std::uint32_t k = 0; k < n; ++k) {
    ue.home[k] = geo.settlements[u].home(k);
    ue.station_of[k] = nearest_open_station(area_sites, ue.home[k].x, ue.home[k].y);
    if (ue.station_of[k] >= 0) ++count[static_cast<std::size_t>(ue.station_of[k])];
  }
  for (std::size_t s = 0; s < n_stations; ++s)
    if (count[s] > 0) ue.per_station.emplace_back(static_cast<std::int32_t>(s), count[s]);
  return ue;
}

void draw_elder(const Config& cfg, const AgeProfile& ap, const Geography& geo, geo::Pt home, Elders& el, std::size_t i,
                std::uint32_t& enrolment_draw, const PhiloxBlock* attribute_blocks);

// Elders are drawn in batches: the Philox blocks of their attribute streams (blocks 0-2, the words
// draw_elder reads) and of their homes (block 0, all a home needs three times in four) are computed
// together (philox_blocks: several counters side by side), then each elder is drawn from them. The
// numbers are those of the elders' own streams: only the work is batched.
constexpr std::size_t kElderBatch = 16;
constexpr std::uint32_t kAttributeBlocks = 3;  // words 1-11

struct ElderBatch {
  std::array<std::int64_t, kElderBatch> k{};       // the elder's number in its unit
  std::array<std::uint32_t, kElderBatch> slot{};   // and place in world.elders
  std::array<PhiloxBlock, kElderBatch * kAttributeBlocks> attributes{};
  std::array<PhiloxBlock, kElderBatch> home{};
  std::size_t size = 0;
};

// One unit's elders: each gets its id, station and unit, its home and attributes, in place.
void draw_unit(const Config& cfg, const AgeProfile& ap, const Geography& geo, std::size_t u, UnitElders& ue,
               World& world, HugeVector<std::uint32_t>& enrolment_draws) {
  const std::int64_t first = geo.unit_first_id[u], n = geo.unit_first_id[u + 1] - first;
  const Settlement& settlement = geo.settlements[u];
  const bool own_homes = ue.home.empty();  // else drawn already (route_unit)
  ElderBatch b;
  for (std::int64_t k = 0; k < n;) {
    for (b.size = 0; k < n && b.size < kElderBatch; ++k) {
      const std::int32_t s = own_homes ? geo.own_station[u] : ue.station_of[static_cast<std::size_t>(k)];
      if (s < 0) continue;
      std::size_t e = 0;
      while (ue.per_station[e].first != s) ++e;
      const std::uint32_t i = ue.cursor[e]++;
      world.elders.id[i] = static_cast<std::uint32_t>(first + k);
      world.elders.station[i] = static_cast<std::uint16_t>(s);
      world.elders.unit[i] = static_cast<std::uint16_t>(u);
      for (std::uint32_t q = 0; q < kAttributeBlocks; ++q)
        b.attributes[b.size * kAttributeBlocks + q] = stream_counter(world.elders.id[i], 0, StreamKind::kWorldElder, q);
      b.home[b.size] = settlement.home_counter(static_cast<std::uint64_t>(k));
      b.k[b.size] = k;
      b.slot[b.size++] = i;
    }
    const std::span<PhiloxBlock> attributes(b.attributes.data(), b.size * kAttributeBlocks);
    philox_blocks(cfg.world.seed, attributes, attributes);
    if (own_homes) philox_blocks(settlement.home_seed(), std::span(b.home.data(), b.size), std::span(b.home.data(), b.size));
    for (std::size_t j = 0; j < b.size; ++j) {
      const auto kk = static_cast<std::uint64_t>(b.k[j]);
      const geo::Pt home = own_homes ? settlement.home(kk, b.home[j]) : ue.home[static_cast<std::size_t>(kk)];
      draw_elder(cfg, ap, geo, home, world.elders, b.slot[j], enrolment_draws[b.slot[j]], &b.attributes[j * kAttributeBlocks]);
    }
  }
}

// Every resident 60+ gets a stable id, a unit and a home in it (world/settlement); an elder belongs to the
// unit's own station when it is open, else to the nearest open station of the area. Those whose station
// is simulated are kept, grouped by station (ids ascending: units in order, then ids), and drawn in place,
// unit by unit in parallel.
void assign_elders(const Config& cfg, Geography& geo, const SitesByArea& sites, World& world,
                   HugeVector<std::uint32_t>& enrolment_draws) {
  number_elders(cfg, geo);
  const std::size_t n_units = jinan_units().size(), n_stations = world.stations.size();
  std::vector<UnitElders> routed(n_units);
  tbb::parallel_for(std::size_t(0), n_units, [&](std::size_t u) { routed[u] = route_unit(geo, sites, u, n_stations); });
  std::vector<std::uint32_t> begin(n_stations + 1, 0);
  for (const UnitElders& ue : routed)
    for (const auto& [s, n] : ue.per_station) begin[static_cast<std::size_t>(s) + 1] += n;
  for (std::size_t s = 0; s < n_stations; ++s) begin[s + 1] += begin[s];
  for (std::size_t s = 0; s < n_stations; ++s) {
    world.stations[s].elder_begin = begin[s];
    world.stations[s].elder_end = begin[s + 1];
  }
  for (UnitElders& ue : routed)
    for (const auto& [s, n] : ue.per_station) {
      ue.cursor.push_back(begin[static_cast<std::size_t>(s)]);
      begin[static_cast<std::size_t>(s)] += n;
    }
  world.elders.resize(world.stations.empty() ? 0 : world.stations.back().elder_end);
  enrolment_draws.resize(world.elders.size());
  const AgeProfile ap = age_profile(cfg.population);
  tbb::parallel_for(std::size_t(0), n_units,
                    [&](std::size_t u) { draw_unit(cfg, ap, geo, u, routed[u], world, enrolment_draws); });
}

// Floor of the home: buildings with a lift, urban walk-ups, village houses.
int draw_floor(const PopulationParams& pop, bool lift, bool urban, double u) {
  if (lift) return 1 + static_cast<int>(u * pop.lift_max_floor);
  if (urban) return 1 + static_cast<int>(u * pop.walkup_max_floor_urban);
  const double g = pop.ground_floor_share_rural;
  return u < g ? 1 : 2 + static_cast<int>((u - g) / (1 - g) * (pop.max_floor_rural - 1));
}

// Base hazard times the individual modifiers of the heat-health rule.
float heat_weight(const HealthParams& h, Function fn, std::uint8_t flags, Living lv) {
  double w = h.base_hazard_per_day;
  if (fn == Function::kDisabled) w *= h.or_bedridden;
  else if (fn == Function::kSemiDisabled) w *= h.or_homebound;
  if (flags & elder_flag::kAirConditioning) w *= h.or_air_conditioning;
  if (lv == Living::kAlone) w *= h.or_living_alone;
  return static_cast<float>(w);
}

// One elder's attributes, each from its own named draw, so changing one parameter (say the lift share)
// leaves every other attribute unchanged.
// The home comes from the unit's settlement process (world/settlement), urban or rural from the unit.
void draw_elder(const Config& cfg, const AgeProfile& ap, const Geography& geo, geo::Pt home, Elders& el, std::size_t i,
                std::uint32_t& enrolment_draw, const PhiloxBlock* attribute_blocks) {
  const auto& pop = cfg.population;
  const bool urban = geo.territories.units[el.unit[i]].urban;
  el.x_km[i] = static_cast<float>(home.x);
  el.y_km[i] = static_cast<float>(home.y);
  // Words 1-11 in order (assistance, word 1, first), from blocks 0-2 computed beforehand (draw_unit).
  Stream s(cfg.world.seed, el.id[i], 0, StreamKind::kWorldElder, attribute_blocks, kAttributeBlocks);
  el.assistance[i] = draw_assistance(pop, s.at(Draw::kAssistance));
  int band = 0;
  const int age = draw_age(ap, pop, s.at(Draw::kAgeBand), s.at(Draw::kAgeInBand), band);
  el.age[i] = static_cast<std::uint8_t>(age);
  std::uint8_t flags = 0;
  if (s.at(Draw::kSex) < pop.male_share) flags |= elder_flag::kMale;
  const Function fn = draw_function(ap, pop, band, s.at(Draw::kFunction));
  el.function[i] = fn;
  const Living lv = draw_living(ap, pop, band, s.at(Draw::kLiving));
  el.living[i] = lv;
  if (s.at(Draw::kLostOnlyChild) < pop.lost_only_child_share) flags |= elder_flag::kLostOnlyChild;
  if (draw_air_conditioning(ap, urban, band, s.at(Draw::kAirConditioning))) flags |= elder_flag::kAirConditioning;
  if (s.at(Draw::kLift) < (urban ? pop.lift_share_urban : pop.lift_share_rural)) flags |= elder_flag::kLift;
  el.floor[i] = static_cast<std::uint8_t>(draw_floor(pop, flags & elder_flag::kLift, urban, s.at(Draw::kFloor)));
  enrolment_draw = s.raw_at(Draw::kLunchEnrolment);  // the same block: kept for the meal programme's enrolment
  const bool impaired = fn != Function::kIndependent;
  if (!impaired && (lv == Living::kAlone || age >= 75)) flags |= elder_flag::kWarningRequester;
  if (register_reasons(age, fn, lv, el.assistance[i], flags & elder_flag::kLostOnlyChild) != 0) flags |= elder_flag::kRegistered;
  el.flags[i] = flags;
  el.heat_class[i] = age < 65 ? HeatAgeClass::k60to64 : age < 75 ? HeatAgeClass::k65to74 : HeatAgeClass::k75plus;
  el.heat_weight[i] = heat_weight(cfg.health, fn, flags, lv);
}

// A registered elder's entry on the station's register: tier, medicine, visit phase, loneliness baseline.
void add_to_register(const Config& cfg, const Elders& el, std::uint32_t i, Caseload& c) {
  const auto& cl = cfg.caseload;
  const auto& lo = cfg.loneliness;
  Stream s(cfg.world.seed, el.id[i], 0, StreamKind::kWorldElder);
  const bool shidu = el.flags[i] & elder_flag::kLostOnlyChild;
  c.elder.push_back(i);
  const std::uint8_t reasons = register_reasons(el.age[i], el.function[i], el.living[i], el.assistance[i], shidu);
  c.reasons.push_back(reasons != 0 ? reasons : register_reason::kStationMeals);  // see build_meal_points
  c.tier.push_back(risk_tier(el.age[i], el.function[i], el.living[i], shidu, el.assistance[i] != Assistance::kNone));
  c.chronic.push_back(s.at(Draw::kChronic) < cl.chronic_share);
  c.medicine_phase.push_back(static_cast<std::uint16_t>(s.at(Draw::kMedicinePhase) * cl.medicine_interval_days));
  const int interval = c.tier.back() == RiskTier::kHigh  ? cl.visit_interval_high_days
                       : c.tier.back() == RiskTier::kKey ? cl.visit_interval_key_days
                                                         : cl.visit_interval_general_days;
  c.visit_phase.push_back(static_cast<std::uint16_t>(s.at(Draw::kVisitPhase) * interval));
  const double base = lo.initial_mean + lo.initial_sd * s.normal_at(Draw::kLonelinessBase) +
                      (el.living[i] == Living::kAlone ? lo.alone_extra : 0.0) + (shidu ? lo.shidu_extra : 0.0);
  c.loneliness_base.push_back(static_cast<float>(std::clamp(base, 3.0, 9.0)));
}

// Children in difficulty on the register: the catchment's residents from its elders and the area's 60+
// share, times the child share, the rates and the register share (stochastic rounding); they live where
// people live (near a random elder of the catchment).
void add_children(const Config& cfg, const World& world, std::size_t s, Children& kids) {
  const auto& ch = cfg.children;
  const Station& st = world.stations[s];
  const Elders& el = world.elders;
  const double child_rate =
      (ch.orphan_per_1000 + ch.unsupported_per_1000 + ch.disabled_ill_per_1000 + ch.left_behind_per_1000) / 1000.0;
  const Area& area = world.areas[static_cast<std::size_t>(st.area)];
  const double residents = (st.elder_end - st.elder_begin) * area.population / static_cast<double>(area.elders_full);
  const double expected = residents * ch.share_0_14 * child_rate * ch.register_share;
  Stream cs(cfg.world.seed, static_cast<std::uint32_t>(st.global_index), 0, StreamKind::kWorldChild);
  const int n_children = static_cast<int>(expected) + (cs.uniform() < expected - std::floor(expected) ? 1 : 0);
  const std::uint32_t n_el = st.elder_end - st.elder_begin;
  for (int k = 0; k < n_children && n_el > 0; ++k) {
    const std::uint32_t near = st.elder_begin + cs.below(n_el);
    kids.id.push_back(static_cast<std::uint32_t>(st.global_index * kMaxVolunteersPerStation + k));
    kids.station.push_back(static_cast<std::uint16_t>(s));
    kids.x_km.push_back(el.x_km[near] + static_cast<float>(0.2 * (cs.uniform() - 0.5)));
    kids.y_km.push_back(el.y_km[near] + static_cast<float>(0.2 * (cs.uniform() - 0.5)));
    double r = cs.uniform() * child_rate * 1000.0;
    ChildCondition cond = ChildCondition::kLeftBehind;
    if ((r -= ch.orphan_per_1000) < 0) cond = ChildCondition::kOrphan;
    else if ((r -= ch.unsupported_per_1000) < 0) cond = ChildCondition::kUnsupported;
    else if ((r -= ch.disabled_ill_per_1000) < 0) cond = ChildCondition::kDisabledIll;
    kids.condition.push_back(cond);
    kids.tutoring_weekday.push_back(static_cast<std::uint8_t>(cs.below(5)));
  }
}

// The joined registers and children sized once (no regrowth while the stations' lists are appended).
template <class Lists>
void reserve_joined(const std::vector<Lists>& lists, World& world) {
  std::size_t cases = 0, kids = 0;
  for (const Lists& l : lists) {
    cases += l.caseload.size();
    kids += l.children.size();
  }
  Caseload& c = world.caseload;
  for (auto* v : {&c.reasons, &c.chronic}) v->reserve(cases);
  c.elder.reserve(cases);
  c.tier.reserve(cases);
  c.medicine_phase.reserve(cases);
  c.visit_phase.reserve(cases);
  c.loneliness_base.reserve(cases);
  Children& ch = world.children;
  ch.id.reserve(kids);
  ch.station.reserve(kids);
  ch.x_km.reserve(kids);
  ch.y_km.reserve(kids);
  ch.condition.reserve(kids);
  ch.tutoring_weekday.reserve(kids);
}

// Per-station static figures (coverage, heat classes) and lists (register, children).
// Each station fills its own lists in parallel; they are joined in station order afterwards, so the
// result is the same as a serial pass.
void build_station_lists(const Config& cfg, World& world) {
  struct StationLists {
    Caseload caseload;
    Children children;
  };
  const Elders& el = world.elders;
  std::vector<StationLists> lists(world.stations.size());
  tbb::parallel_for(std::size_t(0), world.stations.size(), [&](std::size_t s) {
    Station& st = world.stations[s];
    std::uint32_t within[3] = {0, 0, 0};
    double distance_sum = 0;
    for (std::uint32_t i = st.elder_begin; i < st.elder_end; ++i) {
      const double d = km_between(el.x_km[i], el.y_km[i], st.x_km, st.y_km);
      distance_sum += d;
      within[0] += d <= 0.5;
      within[1] += d <= 0.7;
      within[2] += d <= 1.0;
      ++st.elders_by_heat_class[static_cast<int>(el.heat_class[i])];
      if (el.flags[i] & elder_flag::kRegistered) add_to_register(cfg, el, i, lists[s].caseload);
    }
    add_children(cfg, world, s, lists[s].children);
    const double n = std::max<std::uint32_t>(1, st.elder_end - st.elder_begin);
    st.coverage_500m = within[0] / n;
    st.coverage_700m = within[1] / n;
    st.coverage_1km = within[2] / n;
    st.mean_home_km = distance_sum / n;
  });
  reserve_joined(lists, world);
  for (std::size_t s = 0; s < world.stations.size(); ++s) {
    Station& st = world.stations[s];
    st.caseload_begin = static_cast<std::uint32_t>(world.caseload.size());
    world.caseload.append(lists[s].caseload);
    st.caseload_end = static_cast<std::uint32_t>(world.caseload.size());
    st.children_begin = static_cast<std::uint32_t>(world.children.size());
    world.children.append(lists[s].children);
    st.children_end = static_cast<std::uint32_t>(world.children.size());
  }
}

// The unit whose territory holds a point (bounding boxes first), or -1 outside every territory.
// `row`: the units whose bounding box spans the point's y, ascending (the others cannot hold it).
int unit_at(const Territories& t, const std::vector<geo::BBox>& boxes, const std::vector<std::size_t>& row, geo::Pt p) {
  for (std::size_t u : row)
    if (boxes[u].contains(p) && geo::contains(t.units[u].shape, p)) return static_cast<int>(u);
  return -1;
}

// Raster of the catchments for maps: a cell lies in the unit whose territory holds its centre and belongs
// to that unit's station when it is open, else to the nearest open station of the area.
void build_catchment_grid(const Geography& geo, const SitesByArea& sites, World& world) {
  CatchmentGrid& g = world.grid;
  geo::BBox all;
  std::vector<geo::BBox> boxes;
  for (const UnitTerritory& t : geo.territories.units) {
    boxes.push_back(geo::bbox(t.shape));
    all.x0 = std::min(all.x0, boxes.back().x0);
    all.y0 = std::min(all.y0, boxes.back().y0);
    all.x1 = std::max(all.x1, boxes.back().x1);
    all.y1 = std::max(all.y1, boxes.back().y1);
  }
  g.cell_km = kGridCellKm;
  g.x0_km = std::floor(all.x0 / g.cell_km) * g.cell_km + g.cell_km / 2;
  g.y0_km = std::floor(all.y0 / g.cell_km) * g.cell_km + g.cell_km / 2;
  g.nx = static_cast<int>(std::ceil((all.x1 - g.x0_km) / g.cell_km)) + 1;
  g.ny = static_cast<int>(std::ceil((all.y1 - g.y0_km) / g.cell_km)) + 1;
  g.station.assign(static_cast<std::size_t>(g.nx) * static_cast<std::size_t>(g.ny), -1);
  g.area.assign(g.station.size(), -1);
  const auto& units = jinan_units();
  tbb::parallel_for(0, g.ny, [&](int iy) {
    const double y = g.y0_km + iy * g.cell_km;
    std::vector<std::size_t> row;
    for (std::size_t u = 0; u < boxes.size(); ++u)
      if (y >= boxes[u].y0 && y <= boxes[u].y1) row.push_back(u);
    for (int ix = 0; ix < g.nx; ++ix) {
      const double x = g.x0_km + ix * g.cell_km;
      const int u = unit_at(geo.territories, boxes, row, {x, y});
      if (u < 0) continue;
      const int a = units[static_cast<std::size_t>(u)].area;
      const std::size_t cell = static_cast<std::size_t>(iy) * static_cast<std::size_t>(g.nx) + static_cast<std::size_t>(ix);
      g.area[cell] = static_cast<std::int8_t>(a);
      const int own = geo.own_station.empty() ? -2 : geo.own_station[static_cast<std::size_t>(u)];
      g.station[cell] = static_cast<std::int16_t>(own != -2 ? own : nearest_open_station(sites[static_cast<std::size_t>(a)], x, y));
    }
  });
}

}  // namespace

// Volunteers on each simulated station's roster (plus extra[s] at station s, swsim optimize). A
// volunteer's id is station * 1000 + k, so adding volunteers never changes the existing ones' draws.
void build_volunteers(const Config& cfg, World& world, const std::vector<int>& extra) {
  world.volunteers = Volunteers{};
  for (std::size_t s = 0; s < world.stations.size(); ++s) {
    Station& st = world.stations[s];
    const int roster = cfg.volunteers.roster_per_station + (extra.empty() ? 0 : extra[s]);
    if (roster > kMaxVolunteersPerStation) throw InputError("volunteers.roster_per_station exceeds 1000");
    st.volunteer_begin = static_cast<std::uint32_t>(world.volunteers.size());
    for (int k = 0; k < roster; ++k) {
      const auto id = static_cast<std::uint32_t>(st.global_index * kMaxVolunteersPerStation + k);
      Stream vs(cfg.world.seed, id, 0, StreamKind::kWorldVolunteer);
      world.volunteers.id.push_back(id);
      world.volunteers.station.push_back(static_cast<std::uint16_t>(s));
      world.volunteers.mode.push_back(vs.at(Draw::kVolunteerMode) < cfg.volunteers.ebike_share ? TravelMode::kEbike
                                                                                              : TravelMode::kWalk);
    }
    st.volunteer_end = static_cast<std::uint32_t>(world.volunteers.size());
  }
}

World build_world(const Config& cfg) {
  World world;
  const std::vector<StationRow> table = station_table_of(cfg);
  Geography geo = make_geography(cfg);
  build_areas(cfg, table, world);
  const SitesByArea sites = place_stations(cfg, table, geo, world);
  HugeVector<std::uint32_t> enrolment_draws;  // each elder's enrolment draw, taken with its attributes
  assign_elders(cfg, geo, sites, world, enrolment_draws);  // and draws their homes and attributes
  build_meal_points(cfg, world, enrolment_draws.data());  // enrols elders (the station's deliveries join its register)
  build_station_lists(cfg, world);
  build_catchment_grid(geo, sites, world);
  build_volunteers(cfg, world);
  world.district_outlines = geo.territories.districts;
  return world;
}

}  // namespace swsim
