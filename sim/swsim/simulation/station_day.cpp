#include "swsim/simulation/station_day.hpp"

#include <algorithm>
#include <cmath>

#include "swsim/health/heat_health.hpp"
#include "swsim/people/loneliness.hpp"
#include "swsim/people/social_workers.hpp"
#include "swsim/people/volunteers.hpp"
#include "swsim/services/cost.hpp"
#include "swsim/services/lunch_demand.hpp"
#include "swsim/services/travel.hpp"
#include "swsim/util/rng.hpp"
#include "swsim/util/thinning.hpp"
#include "swsim/world/registers.hpp"

namespace swsim {
namespace {
constexpr double kNoLimit = 1e9;
}  // namespace

StationDay::StationDay(const Config& config, const World& world, int station)
    : config_(config), world_(world), station_(station), st_(world.stations[static_cast<std::size_t>(station)]) {
  for (std::uint32_t i = st_.elder_begin; i < st_.elder_end; ++i)
    heat_weight_max_ = std::max(heat_weight_max_, world.elders.heat_weight[i]);
  // Register entries that can need a medicine errand (chronic) or a check-in (high risk): fixed for the run.
  for (std::uint32_t c = st_.caseload_begin; c < st_.caseload_end; ++c) {
    if (world.caseload.chronic[c]) chronic_entries_.push_back(c);
    if (world.caseload.tier[c] == RiskTier::kHigh) high_risk_entries_.push_back(c);
    shidu_on_register_ += (world.elders.flags[world.caseload.elder[c]] & elder_flag::kLostOnlyChild) ? 1 : 0;
  }
  // Each elder's register entry (offset in the station's register, -1 none), for the lunch contacts.
  const auto own = [&](std::uint32_t c) { return world.caseload.elder[c] - st_.elder_begin < st_.elder_end - st_.elder_begin; };
  bool mappable = st_.caseload_end - st_.caseload_begin < 32768;
  for (std::uint32_t c = st_.caseload_begin; mappable && c < st_.caseload_end; ++c) mappable = own(c);
  if (mappable) {
    entry_of_elder_.assign(st_.elder_end - st_.elder_begin, -1);
    for (std::uint32_t c = st_.caseload_begin; c < st_.caseload_end; ++c)
      entry_of_elder_[world.caseload.elder[c] - st_.elder_begin] = static_cast<std::int16_t>(c - st_.caseload_begin);
  }
  // The meal stops of the station's enrolled elders do not change during a run: made once, not daily.
  const MealPoints& mp = world.meal_points;
  for (std::uint32_t k = st_.enrolled_begin; k < st_.enrolled_end; ++k) {
    enrolled_stop_.push_back(meal_stop(world.elders, world.lunch_enrolled[k], config.travel.stair_min_per_floor));
    const auto at = std::upper_bound(mp.enrolled_begin.begin() + st_.meal_point_begin,
                                     mp.enrolled_begin.begin() + st_.meal_point_end, k);
    enrolled_point_.push_back(static_cast<std::uint32_t>(at - mp.enrolled_begin.begin() - 1));
    if (world.lunch_arrangement[k] == MealArrangement::kDiner) diner_elders_.push_back(world.lunch_enrolled[k]);
    else delivered_entries_.push_back(k);
  }
  std::sort(diner_elders_.begin(), diner_elders_.end());
  point_plans_.resize(st_.meal_point_end - st_.meal_point_begin);
  station_plans_.resize(st_.meal_point_end - st_.meal_point_begin);
}

// ---- Morning ------------------------------------------------------------------------------------------

void StationDay::begin(const DayContext& day, SimState& state) {
  tally_ = Tally{};
  if (!away_ready_) {  // the first day this StationDay serves (a new run or a resumed one)
    for (std::uint32_t i = st_.elder_begin; i < st_.elder_end; ++i)
      if (away(state.health[i])) away_.push_back(i);
    away_ready_ = true;
  }
  recover(state);
  expose_to_heat(day, state);
  plan_lunch_round(day);
  workers_on_duty_ = social_workers_on_duty(st_.social_workers, day.weekend, config_.staffing);
  turn_out_volunteers(day, state);
  load_ = static_cast<double>(stops_.size()) / std::max(1, lunch_couriers_);
  lent_ = 0;
}

// Whether an elder of the station is in hospital or dead. The few such elders are kept in a sorted list
// (set_away, on every change of state.health to or from those states), so the daily checks of the enrolled
// and registered elders need not read state.health, which is scattered over the station's elders.
bool StationDay::is_away(std::uint32_t i) const {
  return !away_.empty() && std::binary_search(away_.begin(), away_.end(), i);
}

void StationDay::set_away(std::uint32_t i, bool now_away) {
  const auto at = std::lower_bound(away_.begin(), away_.end(), i);
  const bool listed = at != away_.end() && *at == i;
  if (now_away && !listed) away_.insert(at, i);
  if (!now_away && listed) away_.erase(at);
}

// The ill recover, the hospitalised come home.
void StationDay::recover(SimState& state) {
  auto& sick = state.sick[static_cast<std::size_t>(station_)];
  for (SickRecord& rec : sick)
    if (episode_ends_today(rec) && !rec.dead) {
      state.health[rec.elder] = HealthState::kWell;
      set_away(rec.elder, false);
    }
  std::erase_if(sick, [](const SickRecord& rec) { return rec.resolved && rec.days_left == 0; });
}

// New heat illness (every day; warning-day lunch bookings are part of plan_lunch_round).
void StationDay::expose_to_heat(const DayContext& day, SimState& state) { draw_heat_illness(day, state); }

// Heat illness without a draw per elder: elders are candidates with probability p_max (the station's
// highest hazard today), found by geometric skips through the station's elders (one station stream); a
// candidate falls ill by its own draw with probability hazard / p_max. The candidates do not depend on
// any policy, so common random numbers hold between scenarios.
void StationDay::draw_heat_illness(const DayContext& day, SimState& state) {
  const auto& f = day.illness_factors;
  const double p_max = std::min(1.0, heat_weight_max_ * std::max({f[0], f[1], f[2]}));
  metric(state, Metric::kElders65plus, day.day) = st_.elders_by_heat_class[1] + st_.elders_by_heat_class[2];
  Stream seq(config_.run.seed, static_cast<std::uint32_t>(station_), day.stream_day, StreamKind::kStationHeat);
  for_each_success(seq, st_.elder_begin, st_.elder_end, p_max, [&](std::uint64_t i) {
    consider_heat_candidate(static_cast<std::uint32_t>(i), p_max, day, state);
  });
}

void StationDay::consider_heat_candidate(std::uint32_t i, double p_max, const DayContext& day, SimState& state) {
  const Elders& el = world_.elders;
  const HealthParams& h = config_.health;
  if (state.health[i] != HealthState::kWell) return;
  Stream rs(config_.run.seed, el.id[i], day.stream_day, StreamKind::kElderDay);
  const double factor = day.illness_factors[static_cast<std::size_t>(el.heat_class[i])];
  if (!falls_ill(rs.at(Draw::kHeatIllness), el.heat_weight[i], factor, p_max)) return;
  Stream hs(config_.run.seed, el.id[i], day.stream_day, StreamKind::kHealthOutcome);
  const bool alone = el.living[i] == Living::kAlone;
  const bool device = alone && Stream(config_.world.seed, el.id[i], 0, StreamKind::kElderAlarm).at(Draw::kAlarmDevice) <
                                   config_.policy.alarm_coverage;
  const EpisodeDraws u{hs.at(Draw::kOnsetTime),      hs.at(Draw::kSeverity),       hs.at(Draw::kFamilyNotices),
                       hs.at(Draw::kNeighbourNotices), hs.at(Draw::kNeighbourTime), hs.at(Draw::kAlarmNotices)};
  const SickRecord rec = start_episode(i, day.day, u, el.living[i], device, h);
  state.health[i] = HealthState::kIll;
  state.sick[static_cast<std::size_t>(station_)].push_back(rec);
}

// A call or visit before the onset on the onset day averts the episode with probability 1 - prevention_rr
// (its own draw, so common random numbers hold); an averted episode never happened.
void StationDay::prevent_illness(const DayContext& day, SimState& state) {
  auto& sick = state.sick[static_cast<std::size_t>(station_)];
  std::size_t kept = 0;
  for (std::size_t k = 0; k < sick.size(); ++k) {
    const SickRecord& rec = sick[k];
    if (!rec.resolved && rec.onset_day == day.day && protected_before_onset(contacts_, rec)) {
      Stream hs(config_.run.seed, world_.elders.id[rec.elder], day.stream_day, StreamKind::kHealthOutcome);
      if (!prevention_keeps(hs.at(Draw::kPreventionKept), config_.health.prevention_rr)) {
        state.health[rec.elder] = HealthState::kWell;
        metric(state, Metric::kHeatIllnessPrevented, day.day) += 1;
        continue;
      }
    }
    sick[kept++] = rec;
  }
  sick.resize(kept);
}

// The episodes that began today and were not averted.
void StationDay::count_new_episodes(const DayContext& day, SimState& state) {
  const Elders& el = world_.elders;
  for (const SickRecord& rec : state.sick[static_cast<std::size_t>(station_)]) {
    if (rec.onset_day != day.day) continue;
    metric(state, Metric::kHeatIllness, day.day) += 1;
    if (el.age[rec.elder] >= 65) metric(state, Metric::kHeatIllness65plus, day.day) += 1;
    if (rec.severe) metric(state, Metric::kHeatIllnessSevere, day.day) += 1;
    if (el.flags[rec.elder] & elder_flag::kRegistered) metric(state, Metric::kHeatIllnessRegistered, day.day) += 1;
  }
}

// The meal programme's elders not in hospital: diners eat at their point (a count), or book delivery for a
// warning day from the nearest canteen within reach, within its delivery capacity; the homebound are on
// their canteen's round or, when no canteen reaches them, on the station's.
void StationDay::plan_lunch_round(const DayContext& day) {
  const Elders& el = world_.elders;
  const MealPoints& mp = world_.meal_points;
  stops_.clear();
  stop_point_.clear();
  point_sort_.clear();
  booked_.assign(mp.delivered.begin() + st_.meal_point_begin, mp.delivered.begin() + st_.meal_point_end);
  if (!day.warning) {
    // No diner books a delivery: the delivered ones in the same order, and the diners present eat on site.
    for (const std::uint32_t k : delivered_entries_) add_delivered_stop(k);
    int diners_away = 0;
    for (const std::uint32_t i : away_) diners_away += std::binary_search(diner_elders_.begin(), diner_elders_.end(), i);
    tally_.on_site += static_cast<int>(diner_elders_.size()) - diners_away;
    return group_point_stops();
  }
  for (std::uint32_t k = st_.enrolled_begin; k < st_.enrolled_end; ++k) {
    const std::uint32_t i = world_.lunch_enrolled[k];
    if (is_away(i)) continue;  // in hospital or dead
    const std::uint32_t q = world_.lunch_deliverer[k];
    const MealStop& stop = enrolled_stop_[k - st_.enrolled_begin];
    switch (world_.lunch_arrangement[k]) {
      case MealArrangement::kPointDelivered: point_sort_.emplace_back(q, stop); break;
      case MealArrangement::kStationDelivered:
        stops_.push_back(stop);
        stop_point_.push_back(enrolled_point_[k - st_.enrolled_begin]);
        break;
      case MealArrangement::kDiner: {
        // The elder's own draw, made only when it can matter (a requester, a canteen with room left).
        int& booked = booked_[day.warning && q != kNoPoint ? q - st_.meal_point_begin : 0];
        const bool may = day.warning && q != kNoPoint && (el.flags[i] & elder_flag::kWarningRequester) &&
                         booked < mp.delivery_capacity[q];
        const double u = may ? Stream(config_.run.seed, el.id[i], day.stream_day, StreamKind::kElderDay).at(Draw::kWarningLunchRequest) : 1.0;
        if (may && books_delivery_in_warning(u, el.flags[i], day.warning, booked, mp.delivery_capacity[q], config_.lunch)) {
          ++booked;
          ++tally_.switched;
          point_sort_.emplace_back(q, stop);
        } else {
          ++tally_.on_site;
        }
        break;
      }
    }
  }
  group_point_stops();
}

// Enrolled elder k (a World::lunch_enrolled index) delivered to by a meal point or by the station, unless away.
void StationDay::add_delivered_stop(std::uint32_t k) {
  if (is_away(world_.lunch_enrolled[k])) return;  // in hospital or dead
  const MealStop& stop = enrolled_stop_[k - st_.enrolled_begin];
  if (world_.lunch_arrangement[k] == MealArrangement::kPointDelivered) {
    point_sort_.emplace_back(world_.lunch_deliverer[k], stop);
  } else {
    stops_.push_back(stop);
    stop_point_.push_back(enrolled_point_[k - st_.enrolled_begin]);
  }
}

// The meal points' deliveries grouped by point (stable: the booking order within a point).
void StationDay::group_point_stops() {
  const auto by_point = [](const auto& a, const auto& b) { return a.first < b.first; };
  if (!std::is_sorted(point_sort_.begin(), point_sort_.end(), by_point))
    std::stable_sort(point_sort_.begin(), point_sort_.end(), by_point);
  point_stops_.clear();
  point_stop_begin_.clear();
  std::size_t e = 0;
  for (std::uint32_t p = st_.meal_point_begin; p < st_.meal_point_end; ++p) {
    point_stop_begin_.push_back(static_cast<std::uint32_t>(point_stops_.size()));
    for (; e < point_sort_.size() && point_sort_[e].first == p; ++e) point_stops_.push_back(point_sort_[e].second);
  }
  point_stop_begin_.push_back(static_cast<std::uint32_t>(point_stops_.size()));
}

void StationDay::turn_out_volunteers(const DayContext& day, SimState& state) {
  const auto& vp = config_.volunteers;
  volunteers_today_.clear();
  lunch_couriers_ = workers_on_duty_;
  for (std::uint32_t v = st_.volunteer_begin; v < st_.volunteer_end; ++v) {
    if (!state.volunteer_active[v]) continue;
    const double hours7 = hours_in_last_week(state.volunteer_minutes[v]);
    const double p = turnout_probability(vp, day.weather->tmax_c, day.weekend, hours7, day.heat_work);
    Stream turnout(config_.run.seed, world_.volunteers.id[v], day.stream_day, StreamKind::kVolunteerDay);
    Stream shift(config_.run.seed, world_.volunteers.id[v], day.stream_day, StreamKind::kVolunteerShift);
    const bool afternoon = shift.at(Draw::kAfternoonShift) < vp.afternoon_share;
    if (turnout.at(Draw::kTurnout) < p) {
      volunteers_today_.push_back({v, afternoon});
      if (!afternoon) ++lunch_couriers_;
    }
  }
}

// ---- The working day ----------------------------------------------------------------------------------

void StationDay::serve(const DayContext& day, SimState& state) {
  start_helpers(day);
  plan_tasks(day, state);
  book_planned_work(day, state);
  deliver_lunch(day);
  note_lunch_contacts();
  do_checkins_and_routine_work(day, state);
  note_prevention(day, state);
  count_overdue(day, state);
  update_loneliness(state);
  account_hours(day);
  volunteers_rest_or_drop_out(day, state);
  record(day, state);
}

// Social workers on duty and lent general-station staff, then the volunteers who turned out.
void StationDay::start_helpers(const DayContext& day) {
  const auto& tr = config_.travel;
  const int staff = workers_on_duty_ + lent_;
  helpers_.resize(static_cast<std::size_t>(staff) + volunteers_today_.size());
  for (int k = 0; k < staff; ++k) {
    const TravelMode mode = k < workers_on_duty_ ? config_.staffing.social_worker_mode : TravelMode::kEbike;
    start_social_worker_shift(helpers_[static_cast<std::size_t>(k)], travel_speed_kmh(mode, day.walk_factor, tr),
                              config_.staffing);
  }
  for (std::size_t k = 0; k < volunteers_today_.size(); ++k) {
    const auto& vt = volunteers_today_[k];
    const double speed = travel_speed_kmh(world_.volunteers.mode[vt.index], day.walk_factor, tr);
    start_volunteer_shift(helpers_[static_cast<std::size_t>(staff) + k], speed, vt.afternoon, config_.volunteers,
                          day.heat_work);
  }
}

// The day's task list, in priority order.
void StationDay::plan_tasks(const DayContext& day, SimState& state) {
  tasks_.clear();
  contacts_.clear();
  caseload_contacts_.assign(st_.caseload_end - st_.caseload_begin, 0);
  called_or_visited_.clear();
  plan_appointments(day);
  plan_caseload_tasks(day, state);
  queue_due_visits(day, state);
  plan_children_tasks(day);
  if (config_.policy.shidu_activity && is_activity_day(day.date, config_.loneliness.activity_day_of_month))
    tasks_.push_back({group_activity(st_.x_km, st_.y_km, config_.services, config_.staffing), TaskKind::kActivity, 0, 0});
  sort_tasks();
}

// The tasks in the order of task_before, ties in list order (a stable sort), sorting small keys rather
// than the tasks. Routine visits are not in tasks_ (see queue_due_visits).
void StationDay::sort_tasks() {
  task_order_.clear();
  for (std::uint32_t k = 0; k < tasks_.size(); ++k)
    task_order_.push_back(TaskKey{tasks_[k].kind, tasks_[k].deadline, tasks_[k].ref, k});
  std::stable_sort(task_order_.begin(), task_order_.end(), [](const TaskKey& a, const TaskKey& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.deadline != b.deadline) return a.deadline < b.deadline;
    if (a.ref != b.ref) return a.ref < b.ref;
    return a.index < b.index;
  });
  sorted_tasks_.clear();
  for (const TaskKey& key : task_order_) sorted_tasks_.push_back(tasks_[key.index]);
  tasks_.swap(sorted_tasks_);
}

// Routine visits. With full registers a station has hundreds of due (mostly overdue) visits a day of
// which its helpers can do a few, so they are not listed as tasks every day: each tier keeps its due
// register entries in task_before's order (deadline = due day + the tier's slack, then register order).
// An entry joins its tier's queue on its due day, after every entry already there (their deadlines are
// no later), and leaves it when visited (close_visit_queues). The queues are built from the state on the
// first day a StationDay serves, so a resumed run rebuilds them.
void StationDay::queue_due_visits(const DayContext& day, const SimState& state) {
  const Caseload& cl = world_.caseload;
  const auto& cp = config_.caseload;
  auto join = [&](std::uint32_t c) {
    due_visits_[static_cast<std::size_t>(cl.tier[c])].push_back(
        DueVisit{state.visit_due[c] + visit_slack_days(cl.tier[c], cp), c, cl.elder[c]});
  };
  if (!visit_queues_ready_) {  // first day: every entry due now joins, the others wait in the calendar
    for (std::uint32_t c = st_.caseload_begin; c < st_.caseload_end; ++c)
      if (state.visit_due[c] <= day.day) join(c);
      else remember_visit_due(c, state.visit_due[c]);
    for (auto& queue : due_visits_)
      std::stable_sort(queue.begin(), queue.end(),
                       [](const DueVisit& a, const DueVisit& b) { return a.deadline < b.deadline; });
    visit_queues_ready_ = true;
  } else if (static_cast<std::size_t>(day.day) < visit_calendar_.size()) {
    auto& today = visit_calendar_[static_cast<std::size_t>(day.day)];
    std::sort(today.begin(), today.end());  // register order
    for (const std::uint32_t c : today) join(c);
    today.clear();
  }
  // Due and not in hospital (or dead): every queued entry but those of the few elders away.
  for (const auto& queue : due_visits_) tally_.visits_due += static_cast<int>(queue.size());
  for (const std::uint32_t i : away_) {
    const std::int64_t c = caseload_index(i);
    if (c >= 0 && state.visit_due[static_cast<std::size_t>(c)] <= day.day) --tally_.visits_due;
  }
}

// An entry's next visit falls due on `day`: it joins its queue then (the calendar is kept by due day).
void StationDay::remember_visit_due(std::uint32_t c, int day) {
  if (day < 0) return;
  const auto d = static_cast<std::size_t>(day);
  if (d >= visit_calendar_.size()) visit_calendar_.resize(d + 1);
  visit_calendar_[d].push_back(c);
}

// The next due visit to offer (deadline, then register entry, over the tiers) from the cursors `at`;
// false when none is left. Elders in hospital and those with a check-in visit today (it does the routine
// visit too) are passed over.
bool StationDay::next_due_visit(const DayContext& day, std::array<std::size_t, 3>& at,
                                DueVisit& out) const {
  const Caseload& cl = world_.caseload;
  for (;;) {
    const DueVisit* best = nullptr;
    std::size_t from = 0;
    for (std::size_t t = 0; t < due_visits_.size(); ++t) {
      if (at[t] == due_visits_[t].size()) continue;
      const DueVisit& v = due_visits_[t][at[t]];
      if (!best || v.deadline < best->deadline || (v.deadline == best->deadline && v.ref < best->ref)) {
        best = &v;
        from = t;
      }
    }
    if (!best) return false;
    out = *best;
    ++at[from];
    const bool checkin = gets_heat_checkin(config_.policy.heat_checkins, day.warning, cl.tier[out.ref]);
    if (!checkin && !is_away(out.elder)) return true;
  }
}

// End of the day: visited entries leave their queues; the others past their deadline are overdue.
// Both by search: a queue is sorted by (deadline, entry), and a visited entry was due, so it is in its queue.
void StationDay::close_visit_queues(const DayContext& day) {
  const auto before = [](const DueVisit& a, const DueVisit& b) {
    return a.deadline != b.deadline ? a.deadline < b.deadline : a.ref < b.ref;
  };
  // Today's visits leave their queues in one pass per queue (visited_ in queue order; each is in its
  // queue at most once), rather than one erase (a shift of the queue's tail) per visit.
  std::sort(visited_.begin(), visited_.end(), before);
  for (std::size_t t = 0; t < due_visits_.size(); ++t) {
    auto& queue = due_visits_[t];
    auto next = visited_.begin();
    const auto is_visited = [&](const DueVisit& q) {
      while (next != visited_.end() && (static_cast<std::size_t>(world_.caseload.tier[next->ref]) != t || before(*next, q))) ++next;
      return next != visited_.end() && next->ref == q.ref && !before(q, *next);
    };
    queue.erase(std::remove_if(queue.begin(), queue.end(), is_visited), queue.end());
  }
  visited_.clear();
  for (const auto& queue : due_visits_)
    tally_.visits_overdue += static_cast<int>(
        std::lower_bound(queue.begin(), queue.end(), day.day, [](const DueVisit& v, int d) { return v.deadline < d; }) -
        queue.begin());
}

// The routine visit of a due register entry.
TaskItem StationDay::routine_visit(const DueVisit& v) const {
  const std::uint32_t i = v.elder;
  const double day_end = config_.staffing.shift_end_min + config_.staffing.max_overtime_min;
  return {home_visit(world_.elders.x_km[i], world_.elders.y_km[i], config_.staffing.shift_start_min, day_end,
                     config_.services),
          TaskKind::kVisit, v.ref, static_cast<double>(v.deadline)};
}

// Whether any helper still has `min` minutes of field time and a free stretch of `min` minutes before
// its hard end: a routine task of at least that length fails for every helper otherwise (assign_task),
// and helpers only fill up as tasks are assigned, so the rest of a kind can be skipped without changing
// anything.
double StationDay::field_time_left() const {
  double left = 0;
  for (const Helper& h : helpers_) left += std::min(h.field_budget_min, std::max(0.0, h.hard_end - h.shift_start));
  return left;
}

bool StationDay::someone_has_field_time(double min) const {
  for (const Helper& h : helpers_)
    if (h.field_budget_min >= min && h.first_gap(h.shift_start, min) + min <= h.hard_end) return true;
  return false;
}

// Outpatient appointments (weekdays): every impaired registered elder has one with the same probability,
// so the register entries with one today are found by geometric skips through the station's register
// (one station stream a day, for_each_success) rather than a draw per entry; an independent elder or one
// away is passed over. Morning or afternoon is the elder's own draw.
void StationDay::plan_appointments(const DayContext& day) {
  const Elders& el = world_.elders;
  const auto& cp = config_.caseload;
  const double p = appointment_probability(Function::kSemiDisabled, day.weekend, cp);
  Stream seq(config_.run.seed, static_cast<std::uint32_t>(station_), day.stream_day, StreamKind::kStationAppointments);
  for_each_success(seq, st_.caseload_begin, st_.caseload_end, p, [&](std::uint64_t c) {
    const std::uint32_t i = world_.caseload.elder[c];
    if (appointment_probability(el.function[i], day.weekend, cp) < p || is_away(i)) return;
    ++tally_.escorts_due;
    Stream cs(config_.run.seed, el.id[i], day.stream_day, StreamKind::kCaseloadDay);
    const bool afternoon = cs.at(Draw::kAfternoonAppointment) < cp.afternoon_appointment_share;
    tasks_.push_back({appointment_escort(el.x_km[i], el.y_km[i], afternoon, config_.staffing.shift_start_min, cp,
                                         config_.services),
                      TaskKind::kScheduledEscort, static_cast<std::uint32_t>(c), 0});
  });
}

// Check-ins (warning days, policy on: the high-risk entries) and medicine errands (the chronic entries
// whose purchase is due). Tasks are listed by kind rather than entry by entry; sort_tasks orders them by
// task_before, whose keys make each task unique, so the order of listing does not matter.
void StationDay::plan_caseload_tasks(const DayContext& day, SimState& state) {
  const Elders& el = world_.elders;
  const auto& cp = config_.caseload;
  const auto& sv = config_.services;
  const double shift_start = config_.staffing.shift_start_min;
  const double day_end = config_.staffing.shift_end_min + config_.staffing.max_overtime_min;
  if (gets_heat_checkin(config_.policy.heat_checkins, day.warning, RiskTier::kHigh))
    for (const std::uint32_t c : high_risk_entries_) {
      const std::uint32_t i = world_.caseload.elder[c];
      if (is_away(i)) continue;
      // The call list starts with the highest heat risk (heat_weight), when not all can be reached.
      const float x = el.x_km[i], y = el.y_km[i];
      const double risk_first = checkin_priority(el.heat_weight[i]);
      tasks_.push_back({checkin_call(x, y, shift_start, sv), TaskKind::kCheckinCall, c, risk_first});
      tasks_.push_back({home_visit(x, y, shift_start, day_end, sv), TaskKind::kCheckinVisit, c, risk_first});
    }
  for (const std::uint32_t c : chronic_entries_) {
    if (day.day < state.medicine_due[c]) continue;
    const std::uint32_t i = world_.caseload.elder[c];
    if (is_away(i)) continue;
    ++tally_.medicine_due;
    tasks_.push_back({medicine_errand(el.x_km[i], el.y_km[i], shift_start, day_end, sv), TaskKind::kMedicine, c,
                      static_cast<double>(state.medicine_due[c] + cp.medicine_window_days - 1)});
  }
}

void StationDay::plan_children_tasks(const DayContext& day) {
  const Children& ch = world_.children;
  const auto& chp = config_.children;
  for (std::uint32_t k = st_.children_begin; k < st_.children_end; ++k) {
    Stream ks(config_.run.seed, ch.id[k], day.stream_day, StreamKind::kChildDay);
    if (ks.at(Draw::kGuardianAway) < chp.guardian_away_prob) {
      ++tally_.child_due;
      tasks_.push_back({child_care(ch.x_km[k], ch.y_km[k], chp, config_.services), TaskKind::kChildCare, k, 0});
    }
    if (!day.weekend && day.weekday == ch.tutoring_weekday[k]) {
      ++tally_.child_due;
      tasks_.push_back({tutoring(ch.x_km[k], ch.y_km[k], chp, config_.services), TaskKind::kTutoring, k, 0});
    }
  }
}

// Offers one task to the helpers; when someone takes it, its effects on the elder's state.
void StationDay::dispatch(const TaskItem& t, const DayContext& day, SimState& state) {
  const TravelModel tm{st_.x_km, st_.y_km, config_.travel.detour_factor};
  const Assignment a = assign_task(t.task, helpers_, tm);
  if (a.helper < 0) return;
  const Caseload& cl = world_.caseload;
  const std::uint32_t c = t.ref;
  const auto& sv = config_.services;
  const double visit_at = a.start + (a.finish - a.start - sv.visit_min) / 2;
  switch (t.kind) {
    case TaskKind::kScheduledEscort: ++tally_.escorts_done; break;
    case TaskKind::kCheckinCall:
      ++tally_.calls;
      contacts_.push_back(Contact{cl.elder[c], a.finish, sv.call_detection, Finder::kCall});
      caseload_contacts_[c - st_.caseload_begin] |= contact::kCall;
      called_or_visited_.push_back(c);
      break;
    case TaskKind::kCheckinVisit:
    case TaskKind::kVisit:
      if (t.kind == TaskKind::kCheckinVisit) ++tally_.checkin_visits;
      contacts_.push_back(Contact{cl.elder[c], visit_at, sv.visit_detection, Finder::kVisit});
      caseload_contacts_[c - st_.caseload_begin] |= contact::kVisit;
      called_or_visited_.push_back(c);
      if (t.kind == TaskKind::kVisit || day.day >= state.visit_due[c]) {  // a check-in visit is the routine one too
        ++tally_.visits_done;
        visited_.push_back(DueVisit{state.visit_due[c] + visit_slack_days(cl.tier[c], config_.caseload), c, cl.elder[c]});
        state.visit_due[c] = day.day + visit_interval_days(cl.tier[c], config_.caseload);
        remember_visit_due(c, state.visit_due[c]);
      }
      break;
    case TaskKind::kMedicine:
      ++tally_.medicine_done;
      state.medicine_due[c] = day.day + config_.caseload.medicine_interval_days;
      break;
    case TaskKind::kChildCare:
    case TaskKind::kTutoring: ++tally_.child_done; break;
    case TaskKind::kActivity: run_group_activity(day); break;
  }
}

// The registered shidu elders who are not in hospital are invited; each attends by its own draw.
void StationDay::run_group_activity(const DayContext& day) {
  ++tally_.activities;
  const Elders& el = world_.elders;
  const Caseload& cl = world_.caseload;
  for (std::uint32_t k = st_.caseload_begin; k < st_.caseload_end; ++k) {
    const std::uint32_t i = cl.elder[k];
    if (!(el.flags[i] & elder_flag::kLostOnlyChild) || is_away(i)) continue;
    Stream as(config_.run.seed, el.id[i], day.stream_day, StreamKind::kCaseloadDay);
    if (as.at(Draw::kActivityAttendance) < config_.loneliness.activity_attendance) {
      ++tally_.attendance;
      caseload_contacts_[k - st_.caseload_begin] |= contact::kActivity;
    }
  }
}

// What is planned ahead is booked first: morning appointments (whoever escorts is not on the lunch
// round) and the monthly group activity.
void StationDay::book_planned_work(const DayContext& day, SimState& state) {
  done_early_.assign(tasks_.size(), 0);
  for (std::size_t k = 0; k < tasks_.size(); ++k) {
    const bool morning_escort =
        tasks_[k].kind == TaskKind::kScheduledEscort && tasks_[k].task.release < config_.lunch.ready_min;
    if (!morning_escort && tasks_[k].kind != TaskKind::kActivity) continue;
    dispatch(tasks_[k], day, state);
    done_early_[k] = 1;
  }
}

// Each meal point's couriers carry its round from the ready time; a meal they cannot hand over by
// lunch.on_time_by is a gap, passed to the station's round.
void StationDay::deliver_from_meal_points(const DayContext& day) {
  const auto& lp = config_.lunch;
  const MealPoints& mp = world_.meal_points;
  const LunchSettings ls{lp.ready_min, lp.on_time_min, lp.late_min, lp.box_capacity, lp.handover_min,
                         config_.travel.detour_factor, 1.0 / day.walk_factor};
  const double speed = travel_speed_kmh(lp.point_courier_mode, day.walk_factor, config_.travel);
  point_outcomes_.resize(point_stops_.size());
  point_handover_.resize(point_stops_.size());
  for (std::uint32_t p = st_.meal_point_begin; p < st_.meal_point_end; ++p) {
    const std::uint32_t b = point_stop_begin_[p - st_.meal_point_begin], e = point_stop_begin_[p - st_.meal_point_begin + 1];
    if (b == e) continue;
    couriers_.assign(mp.couriers[p], Courier{speed, static_cast<double>(lp.on_time_min), static_cast<double>(lp.ready_min)});
    const std::span<const MealStop> stops(point_stops_.data() + b, e - b);
    const LunchTotals t = dispatch_lunch(mp.x_km[p], mp.y_km[p], stops, couriers_, ls, lunch_scratch_,
                                         std::span(point_outcomes_.data() + b, e - b), std::span(point_handover_.data() + b, e - b),
                                         {}, &point_plans_[p - st_.meal_point_begin]);
    tally_.lunch.requested += t.on_time;  // the gaps are counted on the station's round
    tally_.lunch.on_time += t.on_time;
    tally_.lunch.wait_min += t.wait_min;
    tally_.lunch.km += t.km;
    tally_.by_point += t.on_time;
    tally_.gap += t.missed;
    for (std::uint32_t k = b; k < e; ++k) {
      if (point_outcomes_[k] == MealOutcome::kMissed) {
        stops_.push_back(point_stops_[k]);
        stop_point_.push_back(p);
      } else tally_.within30 += point_handover_[k] <= lp.ready_min + 30;
    }
  }
}

// Who delivered the station's meals (staff or volunteers), and how many within 30 min.
void StationDay::count_station_couriers(int staff) {
  const double by30 = config_.lunch.ready_min + 30;
  for (std::size_t k = 0; k < stops_.size(); ++k) {
    if (courier_of_[k] < 0) continue;
    const int helper = courier_helper_[static_cast<std::size_t>(courier_of_[k])];
    ++(helper < staff ? tally_.by_staff : tally_.by_volunteer);
    tally_.within30 += handover_[k] <= by30;
  }
}

// The station's couriers: staff and lunch-shift volunteers, from when they are free at or after the
// ready time; no hand-over after a courier's next booked commitment, nor in the volunteers' forbidden
// midday hours. They start at the station.
void StationDay::gather_station_couriers(const DayContext& day, int staff) {
  const auto& lp = config_.lunch;
  couriers_.clear();
  courier_helper_.clear();
  courier_state_.clear();
  for (std::size_t k = 0; k < helpers_.size(); ++k) {
    if (k >= static_cast<std::size_t>(staff) && volunteers_today_[k - static_cast<std::size_t>(staff)].afternoon) continue;
    const Helper& h = helpers_[k];
    const double from = h.free_from(h.shift_start);
    if (std::max<double>(from, lp.ready_min) >= lp.late_min) continue;
    double until = (!h.social_worker && day.heat_work.midday_ban) ? day.heat_work.ban_start_min : kNoLimit;
    for (const Interval& iv : h.busy)
      if (iv.start >= from && iv.start >= lp.ready_min) {
        until = std::min(until, iv.start);
        break;
      }
    couriers_.push_back(Courier{h.speed_kmh, until, from});
    courier_helper_.push_back(static_cast<int>(k));
    courier_state_.push_back(CourierState{from, st_.x_km, st_.y_km, -1});
  }
}

// The station's meals grouped by the meal point they are taken from (stable: elder order within a point).
void StationDay::group_station_stops() {
  stop_sort_.clear();
  for (std::size_t k = 0; k < stops_.size(); ++k) stop_sort_.emplace_back(stop_point_[k], stops_[k]);
  std::stable_sort(stop_sort_.begin(), stop_sort_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t k = 0; k < stops_.size(); ++k) {
    stop_point_[k] = stop_sort_[k].first;
    stops_[k] = stop_sort_[k].second;
  }
}

// Point by point, the station's couriers carry the meals the station delivers from that point (booked the
// day before, so a courier free early rides out to be there at the ready time); a courier who carried
// meals from a point is there, and free, when back from its trips.
void StationDay::deliver_station_meals(const DayContext& day) {
  const auto& lp = config_.lunch;
  const MealPoints& mp = world_.meal_points;
  const double detour = config_.travel.detour_factor;
  const LunchSettings ls{lp.ready_min, lp.on_time_min, lp.late_min, lp.box_capacity, lp.handover_min, detour, 1.0 / day.walk_factor,
                         true};
  for (std::size_t b = 0, e = 0; b < stops_.size(); b = e) {
    const std::uint32_t p = stop_point_[b];
    for (e = b; e < stops_.size() && stop_point_[e] == p; ++e) {}
    point_couriers_.resize(couriers_.size());
    for (std::size_t c = 0; c < couriers_.size(); ++c) {
      const CourierState& cs = courier_state_[c];
      const double ride = km_between(cs.x_km, cs.y_km, mp.x_km[p], mp.y_km[p]) * detour / couriers_[c].speed_kmh * 60;
      point_couriers_[c] = Courier{couriers_[c].speed_kmh, couriers_[c].until, std::max<double>(lp.ready_min, cs.free_at + ride)};
    }
    const LunchTotals t = dispatch_lunch(mp.x_km[p], mp.y_km[p], std::span(stops_.data() + b, e - b), point_couriers_, ls,
                                         lunch_scratch_, std::span(outcomes_.data() + b, e - b),
                                         std::span(handover_.data() + b, e - b), std::span(courier_of_.data() + b, e - b),
                                         &station_plans_[p - st_.meal_point_begin]);
    for (std::size_t c = 0; c < couriers_.size(); ++c) {
      if (lunch_scratch_.courier_free[c] <= point_couriers_[c].from) continue;  // carried nothing from here
      CourierState& cs = courier_state_[c];
      const double ride = km_between(cs.x_km, cs.y_km, mp.x_km[p], mp.y_km[p]);
      tally_.lunch.km += ride * detour;
      if (cs.left_at < 0) cs.left_at = point_couriers_[c].from - ride * detour / couriers_[c].speed_kmh * 60;
      cs = CourierState{lunch_scratch_.courier_free[c], mp.x_km[p], mp.y_km[p], cs.left_at};
    }
    tally_.lunch.requested += t.requested;
    tally_.lunch.on_time += t.on_time;
    tally_.lunch.late += t.late;
    tally_.lunch.missed += t.missed;
    tally_.lunch.wait_min += t.wait_min;
    tally_.lunch.km += t.km;
  }
}

// Lunch: the meal points' rounds, then the station's. Couriers who rode out are busy from when they left
// until back at the station; after the round, staff take their break.
void StationDay::deliver_lunch(const DayContext& day) {
  const auto& lp = config_.lunch;
  const int staff = workers_on_duty_ + lent_;
  deliver_from_meal_points(day);
  gather_station_couriers(day, staff);
  group_station_stops();
  outcomes_.resize(stops_.size());
  handover_.resize(stops_.size());
  courier_of_.resize(stops_.size());
  deliver_station_meals(day);
  count_station_couriers(staff);
  for (std::size_t c = 0; c < couriers_.size(); ++c) {
    const CourierState& cs = courier_state_[c];
    if (cs.left_at < 0) continue;  // carried no meals
    const double back = km_between(cs.x_km, cs.y_km, st_.x_km, st_.y_km) * config_.travel.detour_factor;
    tally_.lunch.km += back;
    helpers_[static_cast<std::size_t>(courier_helper_[c])].block(cs.left_at, cs.free_at + back / couriers_[c].speed_kmh * 60);
  }
  const double break_min = config_.staffing.break_min;
  for (int k = 0; k < staff; ++k) {
    Helper& h = helpers_[static_cast<std::size_t>(k)];
    const double b = h.first_gap(lp.on_time_min, break_min);
    h.block(b, b + break_min);
  }
}

std::int64_t StationDay::caseload_index(std::uint32_t elder) const {
  const std::uint32_t off = elder - st_.elder_begin;
  if (off < entry_of_elder_.size()) {
    const std::int16_t k = entry_of_elder_[off];
    return k < 0 ? -1 : static_cast<std::int64_t>(st_.caseload_begin) + k;
  }
  const auto& ids = world_.caseload.elder;  // no map (a register too large for it): search the register
  const auto b = ids.begin() + st_.caseload_begin, e = ids.begin() + st_.caseload_end;
  const auto it = std::lower_bound(b, e, elder);
  return it != e && *it == elder ? it - ids.begin() : -1;
}

// A hand-over at the door (by a meal point or the station) is a contact: it may notice heat illness, and it
// counts for loneliness.
void StationDay::note_lunch_contacts() {
  auto note = [&](const MealStop& stop, double at) {
    contacts_.push_back(Contact{stop.elder, at, config_.health.meal_contact_detection, Finder::kMeal});
    const auto c = caseload_index(stop.elder);
    if (c >= 0) caseload_contacts_[static_cast<std::size_t>(c) - st_.caseload_begin] |= contact::kMeal;
  };
  for (std::size_t k = 0; k < point_stops_.size(); ++k)
    if (point_outcomes_[k] != MealOutcome::kMissed) note(point_stops_[k], point_handover_[k]);
  for (std::size_t k = 0; k < stops_.size(); ++k)
    if (outcomes_[k] != MealOutcome::kMissed) note(stops_[k], handover_[k]);
}

// Heat check-ins first, then what they and lunch found, then the scheduled escorts and the routine work,
// then what that found.
void StationDay::do_checkins_and_routine_work(const DayContext& day, SimState& state) {
  std::size_t next = 0;
  for (; next < tasks_.size() && tasks_[next].kind <= TaskKind::kCheckinVisit; ++next)
    if (!done_early_[next] && tasks_[next].kind != TaskKind::kScheduledEscort) dispatch(tasks_[next], day, state);
  prevent_illness(day, state);
  detect_illness(day, state, false);
  for (std::size_t k = 0; k < tasks_.size(); ++k)
    if (!done_early_[k] && tasks_[k].kind == TaskKind::kScheduledEscort) dispatch(tasks_[k], day, state);
  // Routine visits may use caseload.visit_time_share of the field time left now; the rest is kept for the
  // work after them in priority (children, activities).
  const double keep = (1.0 - config_.caseload.visit_time_share) * field_time_left();
  for (; next < tasks_.size() && tasks_[next].kind < TaskKind::kVisit; ++next)
    if (!done_early_[next]) dispatch(tasks_[next], day, state);
  // Visits while someone could still take one and the time kept for later work is untouched.
  std::array<std::size_t, 3> at{};
  for (DueVisit v{}; next_due_visit(day, at, v);) {
    const TaskItem visit = routine_visit(v);
    dispatch(visit, day, state);
    if (!someone_has_field_time(visit.task.service_min) || field_time_left() <= keep) break;
  }
  for (; next < tasks_.size(); ++next)
    if (!done_early_[next]) dispatch(tasks_[next], day, state);
  prevent_illness(day, state);
  detect_illness(day, state, true);
}

// Open episodes, checked after the check-ins and lunch and again after all of the day's work: each station
// contact has its own draw of noticing (one per kind, per elder and day), the household's finder was drawn
// at onset; the first to notice within 24 h of onset finds the episode (episodes.hpp, settle).
void StationDay::detect_illness(const DayContext& day, SimState& state, bool final_pass) {
  const Elders& el = world_.elders;
  for (auto& rec : state.sick[static_cast<std::size_t>(station_)]) {
    if (rec.resolved) continue;
    const double offset = 1440.0 * (day.day - rec.onset_day);
    Stream cs(config_.run.seed, el.id[rec.elder], day.stream_day, StreamKind::kHealthOutcome);
    const double u_by[kFinders] = {1, 1, cs.at(Draw::kMealNotices), cs.at(Draw::kVisitNotices), cs.at(Draw::kCallNotices), 1, 1};
    const Found station = first_station_finder(contacts_, rec, offset, u_by);
    Found f;
    const Settle s = settle(rec, station, offset, final_pass, day.last_day, f);
    if (s != Settle::kOpen) resolve_episode(rec, s, f, day, state);
  }
}

// The outcome of a settled episode (counted on its onset day), and an urgent escort when the station or
// its alarm platform found it.
void StationDay::resolve_episode(SickRecord& rec, Settle s, const Found& f, const DayContext& day, SimState& state) {
  const HealthParams& h = config_.health;
  const std::uint32_t i = rec.elder;
  const int d0 = rec.onset_day;
  rec.resolved = true;
  const double detect_min = s == Settle::kFound ? f.min - rec.onset_min : 0.0;
  const Delay delay = delay_class(s, detect_min, h);
  Stream hs(config_.run.seed, world_.elders.id[i], static_cast<std::uint32_t>(d0), StreamKind::kHealthOutcome);
  const double p_die = death_probability(rec.severe, delay, h), p_hosp = hospitalisation_probability(rec.severe, delay, h);
  const bool dies = hs.at(Draw::kDies) < p_die;
  const bool hospital = !dies && hs.at(Draw::kHospitalised) < p_hosp;
  const bool reg = world_.elders.flags[i] & elder_flag::kRegistered;
  static constexpr Metric kBy[kFinders] = {Metric::kHeatFoundFamily, Metric::kHeatFoundNeighbour, Metric::kHeatFoundMeal,
                                           Metric::kHeatFoundVisit,  Metric::kHeatFoundCall,      Metric::kHeatFoundAlarm,
                                           Metric::kHeatIllnessNotFound};
  static constexpr Metric kDelay[3] = {Metric::kHeatIllnessFoundEarly, Metric::kHeatIllnessFoundLate, Metric::kHeatIllnessNotFound};
  static constexpr Metric kDeaths[3] = {Metric::kHeatDeathsFoundEarly, Metric::kHeatDeathsFoundLate, Metric::kHeatDeathsNotFound};
  static constexpr Metric kExpected[3] = {Metric::kHeatDeathsExpectedFoundEarly, Metric::kHeatDeathsExpectedFoundLate,
                                          Metric::kHeatDeathsExpectedNotFound};
  const int k = static_cast<int>(delay);
  if (s == Settle::kFound) metric(state, kBy[static_cast<int>(f.by)], d0) += 1;
  metric(state, kDelay[k], d0) += 1;
  metric(state, Metric::kHeatDetectionMin, d0) += detect_min;
  metric(state, kDeaths[k], d0) += dies;
  metric(state, kExpected[k], d0) += p_die;
  metric(state, Metric::kHospitalisations, d0) += hospital;
  metric(state, Metric::kHospitalisationsExpected, d0) += (1 - p_die) * p_hosp;
  if (reg) {
    if (delay == Delay::kEarly) metric(state, Metric::kHeatIllnessRegisteredFoundEarly, d0) += 1;
    if (delay == Delay::kNotFound) metric(state, Metric::kHeatIllnessRegisteredNotFound, d0) += 1;
    metric(state, Metric::kHeatDeathsRegistered, d0) += dies;
    metric(state, Metric::kHeatDeathsExpectedRegistered, d0) += p_die;
    metric(state, Metric::kHospitalisationsRegistered, d0) += hospital;
  }
  if (s == Settle::kFound && station_finder(f.by)) request_urgent_escort(i, f.min - 1440.0 * (day.day - d0));
  if (dies || hospital) set_away(i, true);
  if (dies) {
    state.health[i] = HealthState::kDead;
    rec.dead = true;
    rec.days_left = 1;
  } else if (hospital) {
    state.health[i] = HealthState::kHospitalised;
    rec.days_left = static_cast<std::uint8_t>(std::min(255, h.hospital_days));
  }
}

// An urgent escort from when the episode was found. It goes to the helper who can start soonest within the
// allowed wait; when everyone is booked, the first social worker on shift drops what they are doing and
// goes at once, and the routine task they were on is postponed into overtime (spec: urgent escorts
// preempt routine work).
void StationDay::request_urgent_escort(std::uint32_t elder, double found_min) {
  const auto& sv = config_.services;
  const Elders& el = world_.elders;
  const TravelModel tm{st_.x_km, st_.y_km, config_.travel.detour_factor};
  ++tally_.urgent;
  ScheduleTask task{el.x_km[elder], el.y_km[elder], true, true, false, sv.escort_min, found_min,
                    found_min + sv.urgent_escort_max_wait_min};
  task.urgent = true;
  const Assignment a = assign_task(task, helpers_, tm);
  if (a.helper >= 0) {
    ++tally_.urgent_served;
    tally_.urgent_response_min += a.start - found_min;
    return;
  }
  for (int k = 0; k < workers_on_duty_ + lent_; ++k) {
    Helper& hp = helpers_[static_cast<std::size_t>(k)];
    if (found_min < hp.shift_start || found_min >= hp.shift_end) continue;
    const double km = 2 * km_between(el.x_km[elder], el.y_km[elder], st_.x_km, st_.y_km) * tm.detour_factor;
    const double dur = km / hp.speed_kmh * 60 + sv.escort_min;
    hp.last_end = std::max(hp.last_end, hp.shift_end) + dur;  // the postponed work ends that much later
    hp.km += km;
    hp.task_min += dur;
    ++tally_.urgent_served;
    ++tally_.urgent_preempting;
    return;
  }
}

// The registered elders a call or visit reached on a hot day, and the sum of their mortality factors (the
// all-cause excess deaths their contact averts, heat_health.hpp).
void StationDay::note_prevention(const DayContext& day, SimState& state) {
  count_new_episodes(day, state);
  protected_excess_ = 0;
  if (!day.hot) return;
  // The register entries called or visited today, in register order (the order of the sum).
  std::sort(called_or_visited_.begin(), called_or_visited_.end());
  called_or_visited_.erase(std::unique(called_or_visited_.begin(), called_or_visited_.end()), called_or_visited_.end());
  for (const std::uint32_t c : called_or_visited_) {
    metric(state, Metric::kHeatProtectedElders, day.day) += 1;
    protected_excess_ += day.heat_factors[static_cast<std::size_t>(world_.elders.heat_class[world_.caseload.elder[c]])];
  }
}

void StationDay::count_overdue(const DayContext& day, SimState& state) {
  const int window = config_.caseload.medicine_window_days;
  for (const std::uint32_t c : chronic_entries_)
    if (day.day > state.medicine_due[c] + window - 1) ++tally_.medicine_overdue;
  close_visit_queues(day);
}

void StationDay::update_loneliness(SimState& state) {
  // Plain pointers, and the scores first, then their sums (exact in any order: sum_scores); the tally
  // starts the day at 0, so the sums are the same numbers as a running tally's.
  const std::size_t n = st_.caseload_end - st_.caseload_begin;
  float* score = state.loneliness.data() + st_.caseload_begin;
  const float* base = world_.caseload.loneliness_base.data() + st_.caseload_begin;
  const std::uint8_t* contacts = caseload_contacts_.data();
  update_scores(score, base, contacts, n, config_.loneliness);
  const ScoreSums sums = sum_scores(score, world_.caseload.reasons.data() + st_.caseload_begin, register_reason::kShidu, n);
  tally_.loneliness_sum += sums.all;
  tally_.loneliness_shidu_sum += sums.selected;
  tally_.shidu += sums.selected_count;
}

// Social workers' hours and overtime (lent staff are paid by their general station), distance travelled.
void StationDay::account_hours(const DayContext&) {
  for (int k = 0; k < workers_on_duty_ + lent_; ++k) {
    const ShiftHours h = shift_hours(helpers_[static_cast<std::size_t>(k)], config_.staffing);
    tally_.overtime += k < workers_on_duty_ ? h.overtime : 0.0;
    tally_.sw_hours += k < workers_on_duty_ ? h.hours : 0.0;
  }
  for (const Helper& h : helpers_) tally_.helper_km += h.km;
}

// Today's shift goes into each volunteer's last 7 days; then each active volunteer may drop out.
void StationDay::volunteers_rest_or_drop_out(const DayContext& day, SimState& state) {
  const auto& vp = config_.volunteers;
  const auto slot = static_cast<std::size_t>(day.day % 7);
  for (std::uint32_t v = st_.volunteer_begin; v < st_.volunteer_end; ++v) state.volunteer_minutes[v][slot] = 0;
  for (const auto& vt : volunteers_today_) state.volunteer_minutes[vt.index][slot] = static_cast<std::uint16_t>(vp.shift_min);
  for (std::uint32_t v = st_.volunteer_begin; v < st_.volunteer_end; ++v) {
    if (!state.volunteer_active[v]) continue;
    Stream shift(config_.run.seed, world_.volunteers.id[v], day.stream_day, StreamKind::kVolunteerShift);
    if (shift.at(Draw::kDropout) < dropout_probability(vp, hours_in_last_week(state.volunteer_minutes[v]))) {
      state.volunteer_active[v] = 0;
      ++tally_.dropouts;
    } else {
      ++tally_.volunteers_active;
    }
  }
}

void StationDay::record(const DayContext& day, SimState& state) {
  const int d = day.day;
  const Tally& t = tally_;
  const int turnouts = static_cast<int>(volunteers_today_.size());
  const int shidu_with_gifts = config_.policy.shidu_activity ? 0 : shidu_on_register_;
  const double travel_km = t.lunch.km + t.helper_km;
  const double cost = day_cost_yuan({workers_on_duty_ + lent_, t.overtime, turnouts, t.lunch.requested, travel_km,
                                     t.activities, t.attendance, shidu_with_gifts},
                                    config_.cost);
  const std::pair<Metric, double> values[] = {
      {Metric::kMealsRequested, t.lunch.requested}, {Metric::kMealsOnTime, t.lunch.on_time},
      {Metric::kMealsLate, t.lunch.late}, {Metric::kMealsMissed, t.lunch.missed},
      {Metric::kMealWaitMin, t.lunch.wait_min}, {Metric::kLunchKm, t.lunch.km},
      {Metric::kMealsOnSite, t.on_site}, {Metric::kMealsSwitched, t.switched},
      {Metric::kMealsByMealPoint, t.by_point}, {Metric::kMealsByStaff, t.by_staff},
      {Metric::kMealsByVolunteer, t.by_volunteer}, {Metric::kMealsStationGap, t.gap},
      {Metric::kMealsWithin30, t.within30},
      {Metric::kEscortsUrgentRequested, t.urgent}, {Metric::kEscortsUrgentServed, t.urgent_served},
      {Metric::kEscortResponseMin, t.urgent_response_min}, {Metric::kEscortsUrgentPreempting, t.urgent_preempting}, {Metric::kEscortsScheduledDue, t.escorts_due},
      {Metric::kEscortsScheduledDone, t.escorts_done}, {Metric::kMedicineDue, t.medicine_due},
      {Metric::kMedicineDone, t.medicine_done}, {Metric::kMedicineOverdue, t.medicine_overdue},
      {Metric::kVisitsDue, t.visits_due}, {Metric::kVisitsDone, t.visits_done},
      {Metric::kVisitsOverdue, t.visits_overdue}, {Metric::kHeatCheckinCalls, t.calls},
      {Metric::kHeatCheckinVisits, t.checkin_visits}, {Metric::kChildSessionsDue, t.child_due},
      {Metric::kChildSessionsDone, t.child_done}, {Metric::kActivitiesHeld, t.activities},
      {Metric::kActivityAttendance, t.attendance},
      {Metric::kExpectedExcessDeaths, expected_excess_deaths(st_.elders_by_heat_class, day.heat_factors, config_.health) -
                                          averted_excess_deaths(protected_excess_, config_.health)},
      {Metric::kLonelinessSum, t.loneliness_sum}, {Metric::kLonelinessShiduSum, t.loneliness_shidu_sum},
      {Metric::kShiduRegistered, t.shidu}, {Metric::kSocialWorkersOnDuty, workers_on_duty_},
      {Metric::kSocialWorkerHours, t.sw_hours}, {Metric::kOvertimeHours, t.overtime},
      {Metric::kVolunteersTurnedOut, turnouts}, {Metric::kVolunteerHours, turnouts * config_.volunteers.shift_min / 60.0},
      {Metric::kVolunteerDropouts, t.dropouts}, {Metric::kVolunteersActive, t.volunteers_active},
      {Metric::kLentStaff, lent_}, {Metric::kTravelKm, travel_km}, {Metric::kCostYuan, cost},
  };
  for (const auto& [m, v] : values) metric(state, m, d) = v;
}

}  // namespace swsim
