#include "swsim/services/lunch.hpp"

#include "swsim/services/travel.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

namespace swsim {
namespace {

constexpr double kPi = 3.14159265358979323846;

double dist(double ax, double ay, double bx, double by) { return km_between(ax, ay, bx, by); }

}  // namespace

double open_path_km(double x0, double y0, std::span<const MealStop> stops, std::span<const std::uint32_t> order) {
  double len = 0, x = x0, y = y0;
  for (std::uint32_t i : order) {
    len += dist(x, y, stops[i].x_km, stops[i].y_km);
    x = stops[i].x_km;
    y = stops[i].y_km;
  }
  return len;
}

namespace {

// Distances between the start (label 0) and the stops idx[0..n) (label 1 + k), computed once per route
// (km_between is symmetric to the bit, so both directions are the same number).
void route_distances(double x0, double y0, std::span<const MealStop> stops, std::span<const std::uint32_t> idx,
                     std::vector<double>& d) {
  const std::size_t m = idx.size() + 1;
  d.resize(m * m);
  auto px = [&](std::size_t a) { return a == 0 ? x0 : static_cast<double>(stops[idx[a - 1]].x_km); };
  auto py = [&](std::size_t a) { return a == 0 ? y0 : static_cast<double>(stops[idx[a - 1]].y_km); };
  for (std::size_t a = 0; a < m; ++a) {
    d[a * m + a] = 0;
    for (std::size_t b = a + 1; b < m; ++b) d[a * m + b] = d[b * m + a] = dist(px(a), py(a), px(b), py(b));
  }
}

}  // namespace

void order_route(double x0, double y0, std::span<const MealStop> stops, std::span<std::uint32_t> idx) {
  const std::size_t n = idx.size();
  if (n < 2) return;
  thread_local std::vector<double> d;
  thread_local std::vector<std::uint32_t> lab;  // the route as labels (1 + the stop's place in idx on entry)
  route_distances(x0, y0, stops, idx, d);
  const std::size_t m = n + 1;
  lab.resize(n);
  for (std::size_t k = 0; k < n; ++k) lab[k] = static_cast<std::uint32_t>(k + 1);
  auto elder = [&](std::uint32_t a) { return stops[idx[a - 1]].elder; };
  // Nearest neighbour from the start.
  std::uint32_t at = 0;
  for (std::size_t k = 0; k < n; ++k) {
    std::size_t best = k;
    double best_d = 1e300;
    for (std::size_t j = k; j < n; ++j) {
      const double dj = d[at * m + lab[j]];
      if (dj < best_d || (dj == best_d && elder(lab[j]) < elder(lab[best]))) {
        best_d = dj;
        best = j;
      }
    }
    std::swap(lab[k], lab[best]);
    at = lab[k];
  }
  // 2-opt on the open path with a fixed start: reversing lab[i..j] replaces edges (i-1,i) and (j,j+1).
  auto node = [&](std::ptrdiff_t k) { return k < 0 ? std::size_t{0} : std::size_t{lab[static_cast<std::size_t>(k)]}; };
  const auto sn = static_cast<std::ptrdiff_t>(n);
  bool improved = true;
  for (int pass = 0; improved && pass < 50; ++pass) {
    improved = false;
    for (std::ptrdiff_t i = 0; i < sn - 1; ++i) {
      for (std::ptrdiff_t j = i + 1; j < sn; ++j) {
        const std::size_t a = node(i - 1), b = node(i), c = node(j);
        const double before = d[a * m + b] + (j + 1 < sn ? d[c * m + node(j + 1)] : 0.0);
        const double after = d[a * m + c] + (j + 1 < sn ? d[b * m + node(j + 1)] : 0.0);
        if (after < before - 1e-12) {
          std::reverse(lab.begin() + i, lab.begin() + j + 1);
          improved = true;
        }
      }
    }
  }
  thread_local std::vector<std::uint32_t> original;
  original.assign(idx.begin(), idx.end());
  for (std::size_t k = 0; k < n; ++k) idx[k] = original[lab[k] - 1];
}

namespace {

// Sweep: homes sorted by angle around the canteen, starting after the widest empty sector.
void sweep_order(double cx, double cy, std::span<const MealStop> stops, LunchScratch& w) {
  const std::size_t n = stops.size();
  w.order.resize(n);
  w.angle.resize(n);
  std::iota(w.order.begin(), w.order.end(), 0u);
  for (std::size_t i = 0; i < n; ++i) w.angle[i] = std::atan2(stops[i].y_km - cy, stops[i].x_km - cx);
  std::sort(w.order.begin(), w.order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return w.angle[a] != w.angle[b] ? w.angle[a] < w.angle[b] : stops[a].elder < stops[b].elder;
  });
  std::size_t start = 0;
  double widest = -1;
  for (std::size_t k = 0; k < n; ++k) {
    const double a = w.angle[w.order[k]];
    const double prev = w.angle[w.order[(k + n - 1) % n]];
    const double gap = k == 0 ? a - prev + 2 * kPi : a - prev;
    if (gap > widest) {
      widest = gap;
      start = k;
    }
  }
  std::rotate(w.order.begin(), w.order.begin() + static_cast<std::ptrdiff_t>(start), w.order.end());
}

// Balanced trips along the sweep: as many as couriers (when that fits the box), else as few as the box
// allows; each routed, then taken shortest first.
void plan_trips(double cx, double cy, std::span<const MealStop> stops, std::size_t couriers, const LunchSettings& s,
                LunchScratch& w) {
  const std::size_t n = stops.size();
  const std::size_t cap = static_cast<std::size_t>(std::max(1, s.box_capacity));
  const std::size_t trips = s.fewest_trips ? (n + cap - 1) / cap : std::max((n + cap - 1) / cap, std::min(couriers, n));
  w.trip_begin.resize(trips + 1);
  for (std::size_t k = 0; k <= trips; ++k) w.trip_begin[k] = static_cast<std::uint32_t>(k * n / trips);
  w.trip_len.resize(trips);
  for (std::size_t k = 0; k < trips; ++k) {
    std::span<std::uint32_t> idx(w.order.data() + w.trip_begin[k], w.trip_begin[k + 1] - w.trip_begin[k]);
    order_route(cx, cy, stops, idx);
    w.trip_len[k] = open_path_km(cx, cy, stops, idx);
  }
  w.trip_order.resize(trips);
  std::iota(w.trip_order.begin(), w.trip_order.end(), 0u);
  std::sort(w.trip_order.begin(), w.trip_order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return w.trip_len[a] != w.trip_len[b] ? w.trip_len[a] < w.trip_len[b] : a < b;
  });
}

// The courier who can finish a trip soonest; couriers.size() when nobody may carry it.
std::size_t soonest_courier(std::span<const Courier> couriers, const LunchScratch& w, double trip_km, double stop_min,
                            const LunchSettings& s) {
  std::size_t who = couriers.size();
  double best_finish = 1e300;
  for (std::size_t c = 0; c < couriers.size(); ++c) {
    if (w.courier_free[c] >= couriers[c].until) continue;  // may not work outdoors any more today
    const double finish = w.courier_free[c] + trip_km * s.detour_factor / couriers[c].speed_kmh * 60 + stop_min;
    if (finish < best_finish) {
      best_finish = finish;
      who = c;
    }
  }
  return who;
}

struct StopOut {
  std::span<MealOutcome> outcomes;
  std::span<double> handover_at;
  std::span<std::int16_t> courier_of;
};

void miss(std::uint32_t i, const StopOut& out, LunchTotals& t) {
  out.outcomes[i] = MealOutcome::kMissed;
  if (!out.handover_at.empty()) out.handover_at[i] = -1;
  if (!out.courier_of.empty()) out.courier_of[i] = -1;
  ++t.missed;
}

// One courier rides one trip: a stop reached after the limit is missed, and so is the rest of the trip.
void ride_trip(double cx, double cy, std::span<const MealStop> stops, std::span<const std::uint32_t> idx,
               const Courier& courier, std::int16_t who, double& free_at, const LunchSettings& s, const StopOut& out,
               LunchTotals& t) {
  const double limit = std::min<double>(s.late_min, courier.until);
  const double per_km_min = s.detour_factor / courier.speed_kmh * 60;
  double clock = free_at;
  double x = cx, y = cy;
  bool out_of_time = false;
  for (std::uint32_t i : idx) {
    const double leg = dist(x, y, stops[i].x_km, stops[i].y_km);
    const double at_door = clock + leg * per_km_min + stops[i].stairs_min * s.stair_slowdown;
    out_of_time = out_of_time || at_door > limit;
    if (out_of_time) {
      miss(i, out, t);
      continue;
    }
    if (!out.handover_at.empty()) out.handover_at[i] = at_door;
    if (!out.courier_of.empty()) out.courier_of[i] = who;
    t.km += leg * s.detour_factor;
    x = stops[i].x_km;
    y = stops[i].y_km;
    const bool on_time = at_door <= s.on_time_min;
    out.outcomes[i] = on_time ? MealOutcome::kOnTime : MealOutcome::kLate;
    ++(on_time ? t.on_time : t.late);
    t.wait_min += at_door - s.ready_min;
    clock = at_door + s.handover_min + 0.5 * stops[i].stairs_min * s.stair_slowdown;  // hand over, go down
  }
  const double back = dist(x, y, cx, cy);
  t.km += back * s.detour_factor;
  free_at = clock + back * per_km_min;
}

// The plan is a function of the stops' bits (and the settings below), so it holds when the bits are the
// same: compared as bytes (MealStop has no padding), which is also quicker than field by field.
static_assert(sizeof(MealStop) == sizeof(std::uint32_t) + 3 * sizeof(float), "MealStop gained padding: compare it field by field");
bool same_stops(std::span<const MealStop> a, std::span<const MealStop> b) {
  return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size_bytes()) == 0);
}

bool plan_holds(const LunchPlan& p, double cx, double cy, std::span<const MealStop> stops, std::size_t couriers,
                const LunchSettings& s) {
  return p.valid && p.cx == cx && p.cy == cy && p.box_capacity == s.box_capacity && p.fewest_trips == s.fewest_trips &&
         p.couriers == (s.fewest_trips ? 0 : couriers) &&
         same_stops(stops, p.stops);
}

// The day's sweep and trips: the kept plan's when it holds (the same numbers as planning again), else
// planned into the scratch (and kept in `plan` when given).
struct PlanRef {
  std::span<const std::uint32_t> order, trip_begin, trip_order;
  std::span<const double> trip_len;
};

PlanRef make_plan(double cx, double cy, std::span<const MealStop> stops, std::size_t couriers, const LunchSettings& s,
                  LunchScratch& w, LunchPlan* plan) {
  if (plan && plan_holds(*plan, cx, cy, stops, couriers, s)) return {plan->order, plan->trip_begin, plan->trip_order, plan->trip_len};
  sweep_order(cx, cy, stops, w);
  plan_trips(cx, cy, stops, couriers, s, w);
  if (plan) {
    plan->valid = true;
    plan->cx = cx;
    plan->cy = cy;
    plan->box_capacity = s.box_capacity;
    plan->fewest_trips = s.fewest_trips;
    plan->couriers = s.fewest_trips ? 0 : couriers;
    plan->stops.assign(stops.begin(), stops.end());
    plan->order = w.order;
    plan->trip_begin = w.trip_begin;
    plan->trip_order = w.trip_order;
    plan->trip_len = w.trip_len;
  }
  return {w.order, w.trip_begin, w.trip_order, w.trip_len};
}

}  // namespace

LunchTotals dispatch_lunch(double cx, double cy, std::span<const MealStop> stops, std::span<const Courier> couriers,
                           const LunchSettings& s, LunchScratch& w, std::span<MealOutcome> outcomes,
                           std::span<double> handover_at, std::span<std::int16_t> courier_of, LunchPlan* plan) {
  LunchTotals t;
  const StopOut out{outcomes, handover_at, courier_of};
  const std::size_t n = stops.size();
  t.requested = static_cast<int>(n);
  w.courier_free.resize(couriers.size());
  for (std::size_t c = 0; c < couriers.size(); ++c) w.courier_free[c] = std::max<double>(s.ready_min, couriers[c].from);
  if (n == 0) return t;
  if (couriers.empty()) {
    std::fill(outcomes.begin(), outcomes.end(), MealOutcome::kMissed);
    std::fill(handover_at.begin(), handover_at.end(), -1.0);
    std::fill(courier_of.begin(), courier_of.end(), std::int16_t{-1});
    t.missed = static_cast<int>(n);
    return t;
  }
  const PlanRef p = make_plan(cx, cy, stops, couriers.size(), s, w, plan);
  for (std::uint32_t trip : p.trip_order) {
    std::span<const std::uint32_t> idx(p.order.data() + p.trip_begin[trip], p.trip_begin[trip + 1] - p.trip_begin[trip]);
    double stop_min = 0;
    for (std::uint32_t i : idx) stop_min += 1.5 * stops[i].stairs_min * s.stair_slowdown + s.handover_min;
    const std::size_t who = soonest_courier(couriers, w, p.trip_len[trip], stop_min, s);
    if (who == couriers.size()) {  // nobody may carry this trip
      for (std::uint32_t i : idx) miss(i, out, t);
      continue;
    }
    ride_trip(cx, cy, stops, idx, couriers[who], static_cast<std::int16_t>(who), w.courier_free[who], s, out, t);
  }
  return t;
}

}  // namespace swsim
