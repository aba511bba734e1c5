#include "swsim/services/schedule.hpp"

#include "swsim/services/travel.hpp"

#include <algorithm>
#include <cmath>

namespace swsim {

void Helper::reset(double speed, bool sw, double start, double end, double hard) {
  speed_kmh = speed;
  social_worker = sw;
  shift_start = start;
  shift_end = end;
  hard_end = hard;
  no_outdoor_start = no_outdoor_end = 0;
  outdoor_budget_min = 1e9;
  field_budget_min = 1e9;
  busy.clear();
  km = 0;
  task_min = 0;
  last_end = start;
}

void Helper::block(double start, double end) {
  if (end <= start) return;
  const auto it = std::lower_bound(busy.begin(), busy.end(), start,
                                   [](const Interval& iv, double s) { return iv.start < s; });
  busy.insert(it, Interval{start, end});
  last_end = std::max(last_end, end);
}

double Helper::free_from(double t) const {
  for (const Interval& iv : busy)
    if (iv.start <= t && t < iv.end) t = iv.end;
  return t;
}

namespace {

// Earliest start >= from such that [start, start + dur) avoids the busy intervals and (for outdoor work) the
// forbidden window, and start + dur <= limit. Returns -1 when none.
double earliest_fit(const Helper& h, double from, double dur, double limit, bool outdoor) {
  double s = from;
  // A few passes settle the start against busy intervals and the forbidden window.
  for (int guard = 0; guard < 64; ++guard) {
    bool moved = false;
    // Intervals are sorted and disjoint, so their ends are sorted too: skip those ending before s.
    auto it = std::partition_point(h.busy.begin(), h.busy.end(), [&](const Interval& iv) { return iv.end <= s; });
    for (; it != h.busy.end() && it->start < s + dur; ++it) {
      s = it->end;  // overlaps: start after it
      moved = true;
    }
    if (outdoor && h.no_outdoor_start < h.no_outdoor_end && s < h.no_outdoor_end && s + dur > h.no_outdoor_start) {
      s = h.no_outdoor_end;
      moved = true;
    }
    if (!moved) break;
  }
  return s + dur <= limit ? s : -1;
}

}  // namespace

double Helper::first_gap(double from, double dur) const {
  const double s = earliest_fit(*this, from, dur, 1e300, false);
  return s < 0 ? from : s;
}

Assignment assign_task(const ScheduleTask& t, std::span<Helper> helpers, const TravelModel& tm) {
  Assignment best;
  double best_finish = 1e300;
  const double dist = t.travel ? km_between(t.x_km, t.y_km, tm.station_x_km, tm.station_y_km) * tm.detour_factor : 0.0;
  for (std::size_t k = 0; k < helpers.size(); ++k) {
    const Helper& h = helpers[k];
    if (t.social_worker_only && !h.social_worker) continue;
    const double travel_min = t.travel ? 2 * dist / h.speed_kmh * 60 : 0.0;
    const double dur = travel_min + t.service_min;
    if (!t.urgent && dur > h.field_budget_min) continue;
    if (t.outdoor && dur > h.outdoor_budget_min) continue;
    const double from = std::max(t.release, h.shift_start);
    if (from > t.latest_start) continue;
    const double s = earliest_fit(h, from, dur, h.hard_end, t.outdoor);
    if (s < 0 || s > t.latest_start) continue;
    if (s + dur < best_finish) {
      best_finish = s + dur;
      best = Assignment{static_cast<int>(k), s, s + dur, t.travel ? 2 * dist : 0.0};
    }
  }
  if (best.helper >= 0) {
    Helper& h = helpers[static_cast<std::size_t>(best.helper)];
    h.block(best.start, best.finish);
    const double dur = best.finish - best.start;
    h.field_budget_min = std::max(0.0, h.field_budget_min - dur);
    if (t.outdoor) h.outdoor_budget_min -= dur;
    h.km += best.km;
    h.task_min += dur;
  }
  return best;
}

}  // namespace swsim
