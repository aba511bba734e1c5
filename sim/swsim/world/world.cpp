#include "swsim/world/world.hpp"

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "swsim/util/error.hpp"
#include "swsim/util/rng.hpp"
#include "swsim/world/geography.hpp"
#include "swsim/world/station_table.hpp"

namespace swsim {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kStationCandidates = 12;  // best-candidate sampling: spreads stations, follows density
constexpr int kMaxVolunteersPerStation = 1000;  // volunteer ids are station * 1000 + k
constexpr double kGridCellKm = 0.5;             // resolution of the catchment raster written for maps

// Radial exponent of the synthetic population density: 0.5 gives a uniform disc, larger values
// concentrate people near the centroid (urban cores).
double radial_exponent(const Area& a) { return a.urban ? 0.75 : 0.5; }

void point_in_area(const Area& a, double u_r, double u_theta, double& x, double& y) {
  const double r = a.radius_km * std::pow(u_r, radial_exponent(a));
  const double t = 2 * kPi * u_theta;
  x = a.x_km + r * std::cos(t);
  y = a.y_km + r * std::sin(t);
}

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

void Elders::resize(std::size_t n) {
  id.resize(n);
  x_km.resize(n);
  y_km.resize(n);
  station.resize(n);
  age.resize(n);
  floor.resize(n);
  function.resize(n);
  living.resize(n);
  flags.resize(n);
  heat_class.resize(n);
  heat_weight.resize(n);
}

RiskTier risk_tier(int age, Function function, Living living, bool lost_only_child) {
  const bool nobody_home = living == Living::kAlone || living == Living::kFamilyAwayByDay;
  if ((age >= 80 && living == Living::kAlone) || (function == Function::kDisabled && nobody_home)) return RiskTier::kHigh;
  if (function != Function::kIndependent || lost_only_child) return RiskTier::kKey;
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

std::vector<int> stations_simulated_per_area(double scale, const std::vector<int>& available) {
  const auto& areas = jinan_areas();
  std::vector<double> w;
  std::vector<std::int64_t> lo, hi;
  std::int64_t total = 0;
  for (std::size_t a = 0; a < areas.size(); ++a) {
    const int n = available.empty() ? areas[a].stations : available[a];
    w.push_back(n);
    lo.push_back(1);
    hi.push_back(n);
    total += n;
  }
  const auto target = std::clamp<std::int64_t>(std::llround(scale * static_cast<double>(total)), kAreaCount, total);
  const auto n = apportion(w, target, lo, hi);
  return std::vector<int>(n.begin(), n.end());
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

// A candidate or final station site of an area (all 161 sites are placed, so catchments are the same at
// any scale).
struct Site {
  double x, y;
  int sim_index;  // -1 when not simulated
  bool open;      // has a station in this scenario (policy.station_coverage)
};
using SitesByArea = std::vector<std::vector<Site>>;

std::vector<StationRow> station_table_of(const Config& cfg) {
  return cfg.world.stations_file.empty() ? std::vector<StationRow>{} : load_station_table(cfg.world.stations_file);
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
    area.radius_km = std::sqrt(f.area_km2 / kPi);
    area.urban = f.urban;
    world.areas.push_back(area);
  }
}

// A synthetic site: the best of kStationCandidates candidates (farthest from the area's sites so far).
void synthetic_site(const Area& area, const std::vector<Site>& placed, Stream& s, double& x, double& y) {
  double best_d = -1;
  for (int c = 0; c < kStationCandidates; ++c) {
    double cx, cy;
    const double ur = s.uniform(), ut = s.uniform();
    point_in_area(area, ur, ut, cx, cy);
    double dmin = 1e300;
    for (const auto& site : placed) dmin = std::min(dmin, std::hypot(site.x - cx, site.y - cy));
    if (dmin > best_d) {
      best_d = dmin;
      x = cx;
      y = cy;
    }
  }
}

// Station sites of every area: synthetic, or a user's table of real sites. The first `stations_open` of
// each area are open (placement order is random, so this is a random subset) and the first
// `stations_simulated` of those are simulated; simulated stations come out in global order.
SitesByArea place_stations(const Config& cfg, const std::vector<StationRow>& table, World& world) {
  SitesByArea sites(kAreaCount);
  int global = 0;
  for (int a = 0; a < kAreaCount; ++a) {
    const Area& area = world.areas[static_cast<std::size_t>(a)];
    for (int k = 0; k < area.stations_total; ++k, ++global) {
      const StationRow* row = table.empty() ? nullptr : &table[static_cast<std::size_t>(global)];
      double x = 0, y = 0;
      if (row) {
        latlon_to_km(row->lat, row->lon, x, y);
      } else {
        Stream s(cfg.world.seed, static_cast<std::uint32_t>(global), 0, StreamKind::kWorldStation);
        synthetic_site(area, sites[static_cast<std::size_t>(a)], s, x, y);
      }
      int sim_index = -1;
      if (k < area.stations_simulated) {
        sim_index = static_cast<int>(world.stations.size());
        Station st;
        st.global_index = global;
        st.area = a;
        st.name_zh = row ? row->name : area.name_zh + "第" + std::to_string(k + 1) + "社工站";
        st.name_en = row ? row->name : area.name_en + " station " + std::to_string(k + 1);
        st.x_km = x;
        st.y_km = y;
        km_to_latlon(x, y, st.lat, st.lon);
        st.social_workers = row && row->social_workers >= 0 ? row->social_workers : cfg.staffing.social_workers_per_station;
        world.stations.push_back(st);
      }
      sites[static_cast<std::size_t>(a)].push_back({x, y, sim_index, k < area.stations_open});
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

// Every resident 60+ gets a stable id and a home; those whose nearest open station of their area is
// simulated are kept, grouped by station (ids ascending within a station).
void assign_elders(const Config& cfg, const SitesByArea& sites, World& world) {
  const auto elders_full = elders_per_area(cfg.population);
  std::vector<std::int64_t> area_offset(kAreaCount + 1, 0);
  for (std::size_t a = 0; a < kAreaCount; ++a) area_offset[a + 1] = area_offset[a] + elders_full[a];
  std::vector<std::int32_t> nearest(static_cast<std::size_t>(area_offset[kAreaCount]), -1);
  for (std::size_t a = 0; a < kAreaCount; ++a) {
    if (world.areas[a].stations_simulated == 0) continue;
    const Area& area = world.areas[a];
    tbb::parallel_for(tbb::blocked_range<std::int64_t>(area_offset[a], area_offset[a + 1], 4096),
                      [&](const tbb::blocked_range<std::int64_t>& r) {
                        for (std::int64_t id = r.begin(); id < r.end(); ++id) {
                          Stream s(cfg.world.seed, static_cast<std::uint32_t>(id), 0, StreamKind::kWorldElder);
                          double x, y;
                          point_in_area(area, s.at(Draw::kHomeRadius), s.at(Draw::kHomeAngle), x, y);
                          nearest[static_cast<std::size_t>(id)] = nearest_open_station(sites[a], x, y);
                        }
                      });
  }
  const std::size_t n_stations = world.stations.size();
  std::vector<std::uint32_t> count(n_stations + 1, 0);
  for (std::int32_t s : nearest)
    if (s >= 0) ++count[static_cast<std::size_t>(s) + 1];
  for (std::size_t s = 0; s < n_stations; ++s) count[s + 1] += count[s];
  Elders& el = world.elders;
  el.resize(count[n_stations]);
  // An area's elders go only to its own stations, so areas fill in parallel without sharing a counter.
  std::vector<std::uint32_t> fill(count.begin(), count.end() - 1);
  tbb::parallel_for(0, kAreaCount, [&](int a) {
    for (std::int64_t id = area_offset[static_cast<std::size_t>(a)]; id < area_offset[static_cast<std::size_t>(a) + 1]; ++id) {
      const std::int32_t s = nearest[static_cast<std::size_t>(id)];
      if (s < 0) continue;
      const std::uint32_t i = fill[static_cast<std::size_t>(s)]++;
      el.id[i] = static_cast<std::uint32_t>(id);
      el.station[i] = static_cast<std::uint16_t>(s);
    }
  });
  for (std::size_t s = 0; s < n_stations; ++s) {
    world.stations[s].elder_begin = count[s];
    world.stations[s].elder_end = count[s + 1];
  }
}

// Age bands and impairment by band: the 60-64, 65-79 and 80+ shares from the census, impairment rising
// with age by the registry's ratios, scaled so the share over all 60+ equals population.impaired_share.
struct AgeProfile {
  double p6064, p6579, p80;
  double p_impaired[3];
};

AgeProfile age_profile(const PopulationParams& pop) {
  AgeProfile a{};
  a.p6064 = 1.0 - pop.share_65plus / pop.share_60plus;
  a.p80 = pop.share_80plus_of_60plus;
  a.p6579 = 1.0 - a.p6064 - a.p80;
  const double rel[3] = {1.0, pop.impairment_ratio_65_79, pop.impairment_ratio_80plus};
  const double k = pop.impaired_share / (a.p6064 * rel[0] + a.p6579 * rel[1] + a.p80 * rel[2]);
  for (int b = 0; b < 3; ++b) a.p_impaired[b] = std::min(0.95, k * rel[b]);
  return a;
}

int draw_age(const AgeProfile& ap, const PopulationParams& pop, double u_band, double u_age, int& band) {
  if (u_band < ap.p6064) {
    band = 0;
    return 60 + static_cast<int>(u_age * 5);
  }
  if (u_band < ap.p6064 + ap.p6579) {
    band = 1;
    return 65 + static_cast<int>(u_age * 15);
  }
  band = 2;  // a declining tail above 80
  return 80 + std::min(24, static_cast<int>(-pop.age_80plus_mean_extra_years * std::log(u_age)));
}

Living draw_living(const PopulationParams& pop, double u) {
  if (u < pop.living_alone_share) return Living::kAlone;
  if (u < pop.living_alone_share + pop.couple_share) return Living::kCouple;
  if (u < pop.living_alone_share + pop.couple_share + pop.family_away_by_day_share) return Living::kFamilyAwayByDay;
  return Living::kWithFamily;
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
void draw_elder(const Config& cfg, const AgeProfile& ap, const Area& area, Elders& el, std::size_t i) {
  const auto& pop = cfg.population;
  Stream s(cfg.world.seed, el.id[i], 0, StreamKind::kWorldElder);
  double x, y;
  point_in_area(area, s.at(Draw::kHomeRadius), s.at(Draw::kHomeAngle), x, y);
  el.x_km[i] = static_cast<float>(x);
  el.y_km[i] = static_cast<float>(y);
  int band = 0;
  const int age = draw_age(ap, pop, s.at(Draw::kAgeBand), s.at(Draw::kAgeInBand), band);
  el.age[i] = static_cast<std::uint8_t>(age);
  std::uint8_t flags = 0;
  if (s.at(Draw::kSex) < pop.male_share) flags |= elder_flag::kMale;
  const double u_fn = s.at(Draw::kFunction);
  const Function fn = u_fn < ap.p_impaired[band] * pop.disabled_share_of_impaired ? Function::kDisabled
                      : u_fn < ap.p_impaired[band]                                ? Function::kSemiDisabled
                                                                                  : Function::kIndependent;
  el.function[i] = fn;
  const Living lv = draw_living(pop, s.at(Draw::kLiving));
  el.living[i] = lv;
  if (s.at(Draw::kLostOnlyChild) < pop.lost_only_child_share) flags |= elder_flag::kLostOnlyChild;
  if (s.at(Draw::kAirConditioning) < (area.urban ? pop.ac_share_urban : pop.ac_share_rural)) flags |= elder_flag::kAirConditioning;
  if (s.at(Draw::kLift) < (area.urban ? pop.lift_share_urban : pop.lift_share_rural)) flags |= elder_flag::kLift;
  el.floor[i] = static_cast<std::uint8_t>(draw_floor(pop, flags & elder_flag::kLift, area.urban, s.at(Draw::kFloor)));
  const bool impaired = fn != Function::kIndependent;
  const bool nobody_home = lv == Living::kAlone || lv == Living::kFamilyAwayByDay;
  if (impaired && nobody_home && s.at(Draw::kLunchEnrolment) < cfg.lunch.enrolment_share) flags |= elder_flag::kLunchEnrolled;
  if (!impaired && (lv == Living::kAlone || age >= 75)) flags |= elder_flag::kWarningRequester;
  const bool eligible = impaired || lv == Living::kAlone || (flags & elder_flag::kLostOnlyChild) || age >= 80;
  if ((flags & elder_flag::kLunchEnrolled) || (eligible && s.at(Draw::kRegister) < cfg.caseload.share_of_eligible))
    flags |= elder_flag::kRegistered;
  el.flags[i] = flags;
  el.heat_class[i] = age < 65 ? HeatAgeClass::k60to64 : age < 75 ? HeatAgeClass::k65to74 : HeatAgeClass::k75plus;
  el.heat_weight[i] = heat_weight(cfg.health, fn, flags, lv);
}

void draw_elders(const Config& cfg, World& world) {
  const AgeProfile ap = age_profile(cfg.population);
  Elders& el = world.elders;
  tbb::parallel_for(tbb::blocked_range<std::size_t>(0, el.size(), 4096), [&](const tbb::blocked_range<std::size_t>& r) {
    for (std::size_t i = r.begin(); i < r.end(); ++i) {
      const Station& st = world.stations[el.station[i]];
      draw_elder(cfg, ap, world.areas[static_cast<std::size_t>(st.area)], el, i);
    }
  });
}

// A registered elder's entry on the station's register: tier, medicine, visit phase, loneliness baseline.
void add_to_register(const Config& cfg, const Elders& el, std::uint32_t i, Caseload& c) {
  const auto& cl = cfg.caseload;
  const auto& lo = cfg.loneliness;
  Stream s(cfg.world.seed, el.id[i], 0, StreamKind::kWorldElder);
  const bool shidu = el.flags[i] & elder_flag::kLostOnlyChild;
  c.elder.push_back(i);
  c.tier.push_back(risk_tier(el.age[i], el.function[i], el.living[i], shidu));
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

// Per-station static figures (coverage, heat classes) and lists (lunch enrolment, register, children).
// Each station fills its own lists in parallel; they are joined in station order afterwards, so the
// result is the same as a serial pass.
void build_station_lists(const Config& cfg, World& world) {
  struct StationLists {
    std::vector<std::uint32_t> enrolled;
    Caseload caseload;
    Children children;
  };
  const Elders& el = world.elders;
  std::vector<StationLists> lists(world.stations.size());
  tbb::parallel_for(std::size_t(0), world.stations.size(), [&](std::size_t s) {
    Station& st = world.stations[s];
    std::uint32_t within[3] = {0, 0, 0};
    for (std::uint32_t i = st.elder_begin; i < st.elder_end; ++i) {
      const double d = std::hypot(el.x_km[i] - st.x_km, el.y_km[i] - st.y_km);
      within[0] += d <= 0.5;
      within[1] += d <= 0.7;
      within[2] += d <= 1.0;
      ++st.elders_by_heat_class[static_cast<int>(el.heat_class[i])];
      if (el.flags[i] & elder_flag::kLunchEnrolled) lists[s].enrolled.push_back(i);
      if (el.flags[i] & elder_flag::kRegistered) add_to_register(cfg, el, i, lists[s].caseload);
    }
    add_children(cfg, world, s, lists[s].children);
    const double n = std::max<std::uint32_t>(1, st.elder_end - st.elder_begin);
    st.coverage_500m = within[0] / n;
    st.coverage_700m = within[1] / n;
    st.coverage_1km = within[2] / n;
  });
  for (std::size_t s = 0; s < world.stations.size(); ++s) {
    Station& st = world.stations[s];
    st.enrolled_begin = static_cast<std::uint32_t>(world.lunch_enrolled.size());
    world.lunch_enrolled.insert(world.lunch_enrolled.end(), lists[s].enrolled.begin(), lists[s].enrolled.end());
    st.enrolled_end = static_cast<std::uint32_t>(world.lunch_enrolled.size());
    st.caseload_begin = static_cast<std::uint32_t>(world.caseload.size());
    world.caseload.append(lists[s].caseload);
    st.caseload_end = static_cast<std::uint32_t>(world.caseload.size());
    st.children_begin = static_cast<std::uint32_t>(world.children.size());
    world.children.append(lists[s].children);
    st.children_end = static_cast<std::uint32_t>(world.children.size());
  }
}

// The area holding a point: where area discs overlap (the synthetic areas are discs) the smallest one, so
// compact urban districts stay visible on top of the large ones around them; -1 outside every area.
int area_at(const World& world, double x, double y) {
  int owner = -1;
  double owner_radius = 1e300;
  for (int a = 0; a < kAreaCount; ++a) {
    const Area& area = world.areas[static_cast<std::size_t>(a)];
    if (std::hypot(x - area.x_km, y - area.y_km) <= area.radius_km && area.radius_km < owner_radius) {
      owner_radius = area.radius_km;
      owner = a;
    }
  }
  return owner;
}

// Raster of the catchments for maps.
void build_catchment_grid(const SitesByArea& sites, World& world) {
  CatchmentGrid& g = world.grid;
  double xmin = 1e300, xmax = -1e300, ymin = 1e300, ymax = -1e300;
  for (const Area& a : world.areas) {
    xmin = std::min(xmin, a.x_km - a.radius_km);
    xmax = std::max(xmax, a.x_km + a.radius_km);
    ymin = std::min(ymin, a.y_km - a.radius_km);
    ymax = std::max(ymax, a.y_km + a.radius_km);
  }
  g.cell_km = kGridCellKm;
  g.x0_km = std::floor(xmin / g.cell_km) * g.cell_km + g.cell_km / 2;
  g.y0_km = std::floor(ymin / g.cell_km) * g.cell_km + g.cell_km / 2;
  g.nx = static_cast<int>(std::ceil((xmax - g.x0_km) / g.cell_km)) + 1;
  g.ny = static_cast<int>(std::ceil((ymax - g.y0_km) / g.cell_km)) + 1;
  g.station.assign(static_cast<std::size_t>(g.nx) * static_cast<std::size_t>(g.ny), -1);
  g.area.assign(g.station.size(), -1);
  tbb::parallel_for(0, g.ny, [&](int iy) {
    const double y = g.y0_km + iy * g.cell_km;
    for (int ix = 0; ix < g.nx; ++ix) {
      const double x = g.x0_km + ix * g.cell_km;
      const int owner = area_at(world, x, y);
      if (owner < 0) continue;
      const std::size_t cell = static_cast<std::size_t>(iy) * static_cast<std::size_t>(g.nx) + static_cast<std::size_t>(ix);
      g.area[cell] = static_cast<std::int8_t>(owner);
      double best = 1e300;
      int sim_index = -1;
      for (const auto& site : sites[static_cast<std::size_t>(owner)]) {
        if (!site.open) continue;
        const double d = std::hypot(site.x - x, site.y - y);
        if (d < best) {
          best = d;
          sim_index = site.sim_index;
        }
      }
      g.station[cell] = static_cast<std::int16_t>(sim_index);
    }
  });
}

// Volunteers on each simulated station's roster.
void build_volunteers(const Config& cfg, World& world) {
  const int roster = cfg.volunteers.roster_per_station;
  if (roster > kMaxVolunteersPerStation) throw InputError("volunteers.roster_per_station exceeds 1000");
  for (std::size_t s = 0; s < world.stations.size(); ++s) {
    Station& st = world.stations[s];
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

}  // namespace

World build_world(const Config& cfg) {
  World world;
  const std::vector<StationRow> table = station_table_of(cfg);
  build_areas(cfg, table, world);
  const SitesByArea sites = place_stations(cfg, table, world);
  assign_elders(cfg, sites, world);
  draw_elders(cfg, world);
  build_station_lists(cfg, world);
  build_catchment_grid(sites, world);
  build_volunteers(cfg, world);
  return world;
}

}  // namespace swsim
