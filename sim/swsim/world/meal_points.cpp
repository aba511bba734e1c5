#include "swsim/world/meal_points.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "swsim/geo/distance.hpp"
#include "swsim/util/rng.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

int meal_points_for(std::uint32_t n_elders, const LunchParams& p) {
  return std::max(1, static_cast<int>(std::lround(n_elders * p.points_per_1000_elders / 1000.0)));
}

double enrolment_probability(double target, std::uint32_t pool) {
  return pool == 0 ? 0.0 : std::min(1.0, target / pool);
}

MealArrangement meal_arrangement(bool homebound, double km_to_point, int booked, int delivery_capacity,
                                 const LunchParams& p) {
  if (!homebound) return MealArrangement::kDiner;
  const bool reaches = p.point_couriers > 0 && km_to_point <= p.point_reach_km && booked < delivery_capacity;
  return reaches ? MealArrangement::kPointDelivered : MealArrangement::kStationDelivered;
}

namespace {

// Point k (k >= 1) of a station is a canteen when the canteen count steps up at k: canteens spread evenly
// over the station's points.
bool is_canteen(int k, const LunchParams& p) {
  return std::floor(k * p.canteen_share) < std::floor((k + 1) * p.canteen_share);
}

bool is_homebound(const Elders& el, std::uint32_t i) {
  const bool impaired = el.function[i] != Function::kIndependent;
  return impaired && (el.living[i] == Living::kAlone || el.living[i] == Living::kFamilyAwayByDay);
}

// One station's programme, built on its own, joined in station order afterwards.
struct StationProgramme {
  std::vector<float> x, y;                 // point sites
  std::vector<std::uint8_t> canteen;       // a canteen whose kitchen delivers
  std::vector<std::uint16_t> served, delivered;
  struct Entry {
    std::uint32_t point, elder;
    MealArrangement how;
    std::uint32_t deliverer;  // the canteen that may deliver (kNoPoint: none within reach)
  };
  std::vector<Entry> entries;
};

// Who is enrolled: per pool (homebound / the rest), the station's target over the pool, by the elder's draw.
void enrol(const Config& cfg, const Station& st, Elders& el, std::vector<std::uint32_t>& enrolled) {
  const auto& lp = cfg.lunch;
  std::uint32_t pool_h = 0;
  for (std::uint32_t i = st.elder_begin; i < st.elder_end; ++i) pool_h += is_homebound(el, i);
  const double target = (st.elder_end - st.elder_begin) * lp.meals_per_100_elders / 100.0;
  const double p_h = enrolment_probability(target * lp.delivered_share, pool_h);
  const double p_d = enrolment_probability(target * (1 - lp.delivered_share), st.elder_end - st.elder_begin - pool_h);
  for (std::uint32_t i = st.elder_begin; i < st.elder_end; ++i) {
    el.flags[i] = static_cast<std::uint8_t>(el.flags[i] & ~elder_flag::kLunchEnrolled);
    Stream s(cfg.world.seed, el.id[i], 0, StreamKind::kWorldElder);
    if (s.at(Draw::kLunchEnrolment) < (is_homebound(el, i) ? p_h : p_d)) enrolled.push_back(i);
  }
}

// Sites: the station's own point first, then homes drawn systematically from its elders.
void place_points(const Config& cfg, const Station& st, const Elders& el, StationProgramme& out) {
  const std::uint32_t n = st.elder_end - st.elder_begin;
  const int points = meal_points_for(n, cfg.lunch);
  out.x.push_back(static_cast<float>(st.x_km));
  out.y.push_back(static_cast<float>(st.y_km));
  out.canteen.push_back(1);
  for (int k = 1; k < points; ++k) {
    const std::uint64_t off = (static_cast<std::uint64_t>(2 * k - 1) * n) / static_cast<std::uint64_t>(2 * (points - 1));
    const std::uint32_t i = st.elder_begin + static_cast<std::uint32_t>(off);
    out.x.push_back(el.x_km[i]);
    out.y.push_back(el.y_km[i]);
    out.canteen.push_back(is_canteen(k, cfg.lunch) ? 1 : 0);
  }
  out.served.assign(out.x.size(), 0);
  out.delivered.assign(out.x.size(), 0);
}

// The nearest point with room (any point when `canteens_only` is false), or points.size() when none.
std::size_t nearest_point(const StationProgramme& sp, float x, float y, bool canteens_only, int room, double& km) {
  std::size_t best = sp.x.size();
  km = 1e300;
  for (std::size_t p = 0; p < sp.x.size(); ++p) {
    if (canteens_only && !sp.canteen[p]) continue;
    const int used = canteens_only ? sp.delivered[p] : sp.served[p];
    const double d = km_between(x, y, sp.x[p], sp.y[p]);
    if (used < room && d < km) km = d, best = p;
  }
  return best;
}

// Each enrolled elder, in index order: a homebound elder is delivered by the nearest canteen within reach
// with delivery room, else by the station; a diner (and a homebound elder the station delivers) belongs
// to the nearest point with room (the nearest of all when every point is full).
void assign_points(const Config& cfg, Elders& el, const std::vector<std::uint32_t>& enrolled, StationProgramme& out) {
  const auto& lp = cfg.lunch;
  for (std::uint32_t i : enrolled) {
    double km = 0;
    MealArrangement how = MealArrangement::kDiner;
    std::size_t at = out.x.size();
    if (is_homebound(el, i)) {
      at = nearest_point(out, el.x_km[i], el.y_km[i], true, lp.point_delivery_capacity, km);
      how = meal_arrangement(true, km, at == out.x.size() ? lp.point_delivery_capacity : 0, lp.point_delivery_capacity, lp);
      if (how != MealArrangement::kPointDelivered) at = out.x.size();
    }
    if (at == out.x.size()) at = nearest_point(out, el.x_km[i], el.y_km[i], false, lp.point_capacity, km);
    if (at == out.x.size()) at = nearest_point(out, el.x_km[i], el.y_km[i], false, 1 << 30, km);
    std::uint32_t deliverer = kNoPoint;
    if (how == MealArrangement::kPointDelivered) {
      deliverer = static_cast<std::uint32_t>(at);
    } else if (how == MealArrangement::kDiner) {
      double ckm = 0;
      const std::size_t c = nearest_point(out, el.x_km[i], el.y_km[i], true, 1 << 30, ckm);
      if (c < out.x.size() && ckm <= lp.point_reach_km) deliverer = static_cast<std::uint32_t>(c);
    }
    ++out.served[at];
    out.delivered[at] = static_cast<std::uint16_t>(out.delivered[at] + (how == MealArrangement::kPointDelivered));
    el.flags[i] |= elder_flag::kLunchEnrolled;
    if (how == MealArrangement::kStationDelivered) el.flags[i] |= elder_flag::kRegistered;
    out.entries.push_back({static_cast<std::uint32_t>(at), i, how, deliverer});
  }
  std::sort(out.entries.begin(), out.entries.end(), [](const auto& a, const auto& b) {
    return a.point != b.point ? a.point < b.point : a.elder < b.elder;
  });
}

void join(const Config& cfg, std::size_t s, const StationProgramme& sp, World& world) {
  const auto& lp = cfg.lunch;
  MealPoints& mp = world.meal_points;
  Station& st = world.stations[s];
  st.meal_point_begin = static_cast<std::uint32_t>(mp.size());
  st.enrolled_begin = static_cast<std::uint32_t>(world.lunch_enrolled.size());
  std::size_t e = 0;
  for (std::size_t p = 0; p < sp.x.size(); ++p) {
    mp.x_km.push_back(sp.x[p]);
    mp.y_km.push_back(sp.y[p]);
    mp.station.push_back(static_cast<std::uint16_t>(s));
    mp.capacity.push_back(static_cast<std::uint16_t>(lp.point_capacity));
    mp.kitchen_staff.push_back(static_cast<std::uint8_t>(lp.point_kitchen_staff));
    mp.canteen.push_back(sp.canteen[p]);
    mp.couriers.push_back(static_cast<std::uint8_t>(sp.canteen[p] ? lp.point_couriers : 0));
    mp.delivery_capacity.push_back(static_cast<std::uint16_t>(sp.canteen[p] ? lp.point_delivery_capacity : 0));
    mp.delivered.push_back(sp.delivered[p]);
    mp.enrolled_begin.push_back(static_cast<std::uint32_t>(world.lunch_enrolled.size()));
    for (; e < sp.entries.size() && sp.entries[e].point == p; ++e) {
      world.lunch_enrolled.push_back(sp.entries[e].elder);
      world.lunch_arrangement.push_back(sp.entries[e].how);
      const std::uint32_t q = sp.entries[e].deliverer;
      world.lunch_deliverer.push_back(q == kNoPoint ? kNoPoint : static_cast<std::uint32_t>(st.meal_point_begin + q));
    }
    mp.enrolled_end.push_back(static_cast<std::uint32_t>(world.lunch_enrolled.size()));
  }
  st.meal_point_end = static_cast<std::uint32_t>(mp.size());
  st.enrolled_end = static_cast<std::uint32_t>(world.lunch_enrolled.size());
}

}  // namespace

void build_meal_points(const Config& cfg, World& world) {
  std::vector<StationProgramme> progs(world.stations.size());
  tbb::parallel_for(std::size_t(0), world.stations.size(), [&](std::size_t s) {
    const Station& st = world.stations[s];
    std::vector<std::uint32_t> enrolled;
    enrol(cfg, st, world.elders, enrolled);
    place_points(cfg, st, world.elders, progs[s]);
    assign_points(cfg, world.elders, enrolled, progs[s]);
  });
  world.meal_points = MealPoints{};
  world.lunch_enrolled.clear();
  world.lunch_arrangement.clear();
  world.lunch_deliverer.clear();
  for (std::size_t s = 0; s < world.stations.size(); ++s) join(cfg, s, progs[s], world);
}

}  // namespace swsim
