#include "swsim/simulation/simulation.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <istream>
#include <ostream>
#include <stdexcept>
#include <cmath>

#include "swsim/health/heat_health.hpp"
#include "swsim/services/lunch.hpp"
#include "swsim/services/schedule.hpp"
#include "swsim/util/rng.hpp"

namespace swsim {
namespace {

// Task kinds, in dispatch priority order (MODEL.md: urgent escort > lunch > medicine > visits > children
// > activities; lunch runs first in its own window, urgent escorts in a second pass when found).
enum class TaskKind : std::uint8_t {
  kScheduledEscort = 0,
  kCheckinCall = 1,
  kCheckinVisit = 2,
  kMedicine = 3,
  kVisit = 4,
  kChildCare = 5,
  kTutoring = 6,
  kActivity = 7,
};

struct TaskItem {
  ScheduleTask task;
  TaskKind kind;
  std::uint32_t ref;  // registered-elder index, child index, or 0
  double deadline;    // for ordering inside a kind (overdue visits first)
};

enum ContactKind : std::uint8_t { kMealContact = 1, kCallContact = 2, kVisitContact = 4, kActivityContact = 8 };

struct Contact {
  std::uint32_t elder;
  double time;
  double detection;  // probability that this contact notices heat illness
};

constexpr double kNoLimit = 1e9;

}  // namespace

struct Simulation::StationDay {
  // Phase A
  std::vector<MealStop> stops;
  int workers_on_duty = 0;
  struct VolunteerToday {
    std::uint32_t index;
    bool afternoon;
  };
  std::vector<VolunteerToday> volunteers_today;
  int lunch_couriers = 0;
  double load = 0;
  // Phase B
  int lent = 0;
  // Phase C scratch
  std::vector<MealOutcome> outcomes;
  std::vector<double> handover;
  std::vector<Courier> couriers;
  std::vector<int> courier_helper;  // courier -> helper index
  std::vector<Helper> helpers;
  std::vector<std::uint8_t> done_early;  // tasks dispatched before lunch
  std::vector<TaskItem> tasks;
  std::vector<Contact> contacts;
  std::vector<std::uint8_t> caseload_contacts;  // ContactKind bits per registered elder of the station
  LunchScratch lunch;
};

Simulation::Simulation(const Config& config, const World& world, std::vector<WeatherDay> weather)
    : config_(config),
      world_(world),
      weather_(std::move(weather)),
      excess_c_(lagged_excess_c(weather_, config.health)),
      start_day_number_(days_from_civil(config.run.start_date)),
      results_(config.run.days, static_cast<int>(world.stations.size())),
      health_(world.elders.size(), HealthState::kWell),
      sick_(world.stations.size()),
      volunteer_active_(world.volunteers.size(), 1),
      volunteer_minutes_(world.volunteers.size(), std::array<std::uint16_t, 7>{}),
      visit_due_(world.caseload.size()),
      medicine_due_(world.caseload.size()),
      loneliness_(world.caseload.size()) {
  for (std::size_t c = 0; c < world.caseload.size(); ++c) {
    visit_due_[c] = world.caseload.visit_phase[c];
    medicine_due_[c] = world.caseload.chronic[c] ? world.caseload.medicine_phase[c] : INT32_MAX;
    loneliness_[c] = world.caseload.loneliness_base[c];
  }
  for (std::size_t s = 0; s < world.stations.size(); ++s) station_day_.push_back(std::make_unique<StationDay>());
}

Simulation::~Simulation() = default;

void Simulation::run(const std::function<void(int, int)>& on_day) {
  while (day_ < config_.run.days) {
    step();
    if (on_day) on_day(day_, config_.run.days);
  }
}

void Simulation::step() {
  const int n = static_cast<int>(world_.stations.size());
  tbb::parallel_for(0, n, [&](int s) { prepare_station(s); });
  lend_staff();
  tbb::parallel_for(0, n, [&](int s) { serve_station(s); });
  ++day_;
}

// ---- Checkpoints -------------------------------------------------------------------------------------

namespace {

template <class T>
void put(std::ostream& out, const std::vector<T>& v) {
  const std::uint64_t n = v.size();
  out.write(reinterpret_cast<const char*>(&n), sizeof n);
  if (n) out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
}

template <class T>
void get(std::istream& in, std::vector<T>& v, std::size_t expected) {
  std::uint64_t n = 0;
  in.read(reinterpret_cast<char*>(&n), sizeof n);
  if (!in || n != expected) throw std::runtime_error("state does not match the scenario");
  v.resize(expected);
  if (n) in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
  if (!in) throw std::runtime_error("state is truncated");
}

}  // namespace

void Simulation::save(std::ostream& out) const {
  const std::int32_t day = day_;
  out.write(reinterpret_cast<const char*>(&day), sizeof day);
  for (std::size_t m = 0; m < kMetricCount; ++m) put(out, results_.series(static_cast<Metric>(m)));
  put(out, health_);
  for (const auto& sick : sick_) put(out, sick);
  put(out, volunteer_active_);
  put(out, volunteer_minutes_);
  put(out, visit_due_);
  put(out, medicine_due_);
  put(out, loneliness_);
}

void Simulation::load(std::istream& in) {
  std::int32_t day = 0;
  in.read(reinterpret_cast<char*>(&day), sizeof day);
  if (!in || day < 0 || day > config_.run.days) throw std::runtime_error("state has an impossible day");
  day_ = day;
  for (std::size_t m = 0; m < kMetricCount; ++m) {
    auto& series = results_.series(static_cast<Metric>(m));
    get(in, series, series.size());
  }
  get(in, health_, health_.size());
  for (auto& sick : sick_) {
    std::uint64_t n = 0;
    const auto pos = in.tellg();
    in.read(reinterpret_cast<char*>(&n), sizeof n);
    if (!in || n > world_.elders.size()) throw std::runtime_error("state is truncated or corrupt");
    in.seekg(pos);
    get(in, sick, n);
  }
  get(in, volunteer_active_, volunteer_active_.size());
  get(in, volunteer_minutes_, volunteer_minutes_.size());
  get(in, visit_due_, visit_due_.size());
  get(in, medicine_due_, medicine_due_.size());
  get(in, loneliness_, loneliness_.size());
}

// ---- Phase A ----------------------------------------------------------------------------------------

void Simulation::prepare_station(int s) {
  const int d = day_;
  const auto ud = static_cast<std::uint32_t>(d);
  const Station& st = world_.stations[static_cast<std::size_t>(s)];
  const Elders& el = world_.elders;
  const WeatherDay& wx = weather_[static_cast<std::size_t>(d)];
  const auto& hp = config_.health;
  const std::uint64_t seed = config_.run.seed;
  StationDay& w = *station_day_[static_cast<std::size_t>(s)];

  // Health moves on: the ill recover, the hospitalised come home.
  auto& sick = sick_[static_cast<std::size_t>(s)];
  for (auto& rec : sick)
    if (rec.resolved && rec.days_left > 0) --rec.days_left;
  std::erase_if(sick, [&](const SickRecord& rec) {
    if (rec.resolved && rec.days_left == 0) {
      health_[rec.elder] = HealthState::kWell;
      return true;
    }
    return false;
  });

  // Heat exposure and the day's extra lunch requests: one counter-based draw block per elder, only on
  // days when heat or a warning can matter.
  w.stops.clear();
  const double excess = excess_c_[static_cast<std::size_t>(d)];
  const auto factors = heat_excess_factors(excess, wx.tmin_c, hp);
  const bool hot = excess > 0;
  const bool warning = wx.warning != HeatWarning::kNone;
  const double stair_min = config_.travel.stair_min_per_floor;
  auto stop_for = [&](std::uint32_t i) {
    const bool lift = el.flags[i] & elder_flag::kLift;
    return MealStop{i, el.x_km[i], el.y_km[i], lift ? 0.0f : static_cast<float>((el.floor[i] - 1) * stair_min)};
  };
  if (hot || warning) {
    for (std::uint32_t i = st.elder_begin; i < st.elder_end; ++i) {
      if (health_[i] != HealthState::kWell) continue;
      Stream rs(seed, el.id[i], ud, StreamKind::kElderDay);
      const double u_ill = rs.uniform();
      const double u_req = rs.uniform();
      if (hot && u_ill < el.heat_weight[i] * factors[static_cast<std::size_t>(el.heat_class[i])]) {
        health_[i] = HealthState::kIll;
        sick.push_back(SickRecord{i, static_cast<std::uint16_t>(d), static_cast<std::uint8_t>(hp.ill_days), false});
        results_.at(Metric::kHeatIllness, d, s) += 1;
        if (el.flags[i] & elder_flag::kRegistered) results_.at(Metric::kHeatIllnessRegistered, d, s) += 1;
      }
      if (warning && (el.flags[i] & elder_flag::kWarningRequester) && u_req < config_.lunch.warning_request_prob)
        w.stops.push_back(stop_for(i));
    }
  }
  for (std::uint32_t k = st.enrolled_begin; k < st.enrolled_end; ++k) {
    const std::uint32_t i = world_.lunch_enrolled[k];
    if (health_[i] != HealthState::kHospitalised) w.stops.push_back(stop_for(i));
  }

  // Social workers on duty: all on weekdays, a roster at weekends.
  const bool weekend = weekday(start_day_number_ + d) >= 5;
  w.workers_on_duty = st.social_workers;
  if (weekend && w.workers_on_duty > 0)
    w.workers_on_duty = std::max(1, static_cast<int>(std::lround(w.workers_on_duty * config_.staffing.weekend_duty_share)));

  // Volunteers: turnout falls with heat and with the hours worked in the last 7 days. Under the national
  // heat rules nobody works outdoors at 40 degC or more, so volunteers stay home.
  const auto& vp = config_.volunteers;
  const bool rules = config_.policy.heat_work_rules == "national2012";
  const double heat_factor = std::max(0.0, 1.0 - vp.heat_turnout_drop_per_c * std::max(0.0, wx.tmax_c - vp.heat_turnout_onset_c));
  const double base = (weekend ? vp.turnout_weekend : vp.turnout_weekday) * heat_factor;
  w.volunteers_today.clear();
  w.lunch_couriers = w.workers_on_duty;
  for (std::uint32_t v = st.volunteer_begin; v < st.volunteer_end; ++v) {
    if (!volunteer_active_[v]) continue;
    double hours7 = 0;
    for (std::uint16_t m : volunteer_minutes_[v]) hours7 += m / 60.0;
    const double p = (rules && wx.tmax_c >= 40) ? 0.0 : base * std::max(0.0, 1.0 - hours7 / vp.fatigue_cap_hours);
    Stream vs(seed, world_.volunteers.id[v], ud, StreamKind::kVolunteerDay);
    const double u_turnout = vs.uniform();
    Stream shift(seed, world_.volunteers.id[v], ud, StreamKind::kVolunteerShift);
    const bool afternoon = shift.uniform() < vp.afternoon_share;
    if (u_turnout < p) {
      w.volunteers_today.push_back({v, afternoon});
      if (!afternoon) ++w.lunch_couriers;
    }
  }
  w.load = static_cast<double>(w.stops.size()) / std::max(1, w.lunch_couriers);
  w.lent = 0;
}

// ---- Phase B ----------------------------------------------------------------------------------------

void Simulation::lend_staff() {
  if (!config_.policy.lending || config_.general_station.mobile_team <= 0) return;
  // Each general station lends its mobile team for the day, one member to each of its most loaded
  // stations (meals per lunch courier), ties by station index.
  std::vector<int> ranked;
  for (std::size_t a = 0; a < world_.areas.size(); ++a) {
    ranked.clear();
    for (std::size_t s = 0; s < world_.stations.size(); ++s)
      if (world_.stations[s].area == static_cast<int>(a)) ranked.push_back(static_cast<int>(s));
    if (ranked.empty()) continue;
    std::stable_sort(ranked.begin(), ranked.end(), [&](int x, int y) {
      return station_day_[static_cast<std::size_t>(x)]->load > station_day_[static_cast<std::size_t>(y)]->load;
    });
    for (int k = 0; k < config_.general_station.mobile_team; ++k)
      station_day_[static_cast<std::size_t>(ranked[static_cast<std::size_t>(k) % ranked.size()])]->lent += 1;
  }
}

// ---- Phase C ----------------------------------------------------------------------------------------

void Simulation::serve_station(int s) {
  const int d = day_;
  const auto ud = static_cast<std::uint32_t>(d);
  const bool last_day = d + 1 == config_.run.days;
  const Station& st = world_.stations[static_cast<std::size_t>(s)];
  const Elders& el = world_.elders;
  const Caseload& cl = world_.caseload;
  const WeatherDay& wx = weather_[static_cast<std::size_t>(d)];
  const auto& hp = config_.health;
  const auto& sf = config_.staffing;
  const auto& vp = config_.volunteers;
  const auto& tr = config_.travel;
  const auto& lp = config_.lunch;
  const auto& sv = config_.services;
  const auto& cp = config_.caseload;
  const std::uint64_t seed = config_.run.seed;
  StationDay& w = *station_day_[static_cast<std::size_t>(s)];
  auto metric = [&](Metric m, int day) -> double& { return results_.at(m, day, s); };
  const bool weekend = weekday(start_day_number_ + d) >= 5;
  const bool warning = wx.warning != HeatWarning::kNone;
  const bool rules = config_.policy.heat_work_rules == "national2012";

  // Helpers: social workers on duty, lent general-station staff, volunteers who turned out.
  const double heat_speed = std::max(0.5, 1.0 - tr.heat_walk_slowdown_per_c * std::max(0.0, wx.tmax_c - tr.heat_slowdown_onset_c));
  auto speed = [&](TravelMode m) { return m == TravelMode::kEbike ? tr.ebike_kmh : tr.walk_kmh * heat_speed; };
  const double shift_len = sf.shift_end_min - sf.shift_start_min;
  const double sw_field = std::max(0.0, (shift_len - sf.break_min) * (1.0 - sf.admin_share));
  const int staff = w.workers_on_duty + w.lent;
  w.helpers.resize(static_cast<std::size_t>(staff) + w.volunteers_today.size());
  for (int k = 0; k < staff; ++k) {
    Helper& h = w.helpers[static_cast<std::size_t>(k)];
    const TravelMode mode = k < w.workers_on_duty ? sf.social_worker_mode : TravelMode::kEbike;
    h.reset(speed(mode), true, sf.shift_start_min, sf.shift_end_min, sf.shift_end_min + sf.max_overtime_min);
    h.field_budget_min = sw_field;
  }
  const bool midday_rule = rules && wx.tmax_c >= 37 && wx.tmax_c < 40;  // none outdoors 12:00-15:00, at most 6 h
  for (std::size_t k = 0; k < w.volunteers_today.size(); ++k) {
    const auto& vt = w.volunteers_today[k];
    Helper& h = w.helpers[static_cast<std::size_t>(staff) + k];
    const double start = vt.afternoon ? vp.afternoon_shift_start_min : vp.lunch_shift_start_min;
    h.reset(speed(world_.volunteers.mode[vt.index]), false, start, start + vp.shift_min, start + vp.shift_min);
    h.field_budget_min = vp.shift_min;
    if (midday_rule) {
      h.no_outdoor_start = 12 * 60;
      h.no_outdoor_end = 15 * 60;
      h.outdoor_budget_min = 360;
    }
  }

  // The day's task list, in priority order.
  w.tasks.clear();
  w.contacts.clear();
  w.caseload_contacts.assign(st.caseload_end - st.caseload_begin, 0);
  const double day_end = sf.shift_end_min + sf.max_overtime_min;
  const double shift_start = sf.shift_start_min;
  int escorts_due = 0, medicine_due = 0, visits_due = 0, child_due = 0;
  auto slack_of = [&](std::uint32_t c) {
    return cl.tier[c] == RiskTier::kHigh  ? cp.visit_slack_high_days
           : cl.tier[c] == RiskTier::kKey ? cp.visit_slack_key_days
                                          : cp.visit_slack_general_days;
  };
  for (std::uint32_t c = st.caseload_begin; c < st.caseload_end; ++c) {
    const std::uint32_t i = cl.elder[c];
    if (health_[i] == HealthState::kHospitalised) continue;
    const float x = el.x_km[i], y = el.y_km[i];
    Stream cs(seed, el.id[i], ud, StreamKind::kCaseloadDay);
    const double u_appt = cs.uniform();
    cs.uniform();  // activity attendance (drawn by the activity)
    const bool afternoon_appt = cs.uniform() < 0.5;
    if (!weekend && el.function[i] != Function::kIndependent && u_appt < 7.0 / (5.0 * cp.escort_interval_days)) {
      // Outpatient appointments on weekdays: half in the morning (leave by 9:00), half after lunch
      // (leave 13:30-14:30).
      ++escorts_due;
      const double release = afternoon_appt ? 13.5 * 60 : shift_start;
      const double latest = afternoon_appt ? 14.5 * 60 : 9.0 * 60;
      w.tasks.push_back({{x, y, true, true, false, sv.escort_min, release, latest}, TaskKind::kScheduledEscort, c, 0});
    }
    const bool checkin = config_.policy.heat_checkins && warning && cl.tier[c] == RiskTier::kHigh;
    if (checkin) {
      w.tasks.push_back({{x, y, false, false, true, sv.call_min, shift_start, 11.0 * 60}, TaskKind::kCheckinCall, c, 0});
      w.tasks.push_back({{x, y, true, true, false, sv.visit_min, shift_start, day_end}, TaskKind::kCheckinVisit, c, 0});
    }
    if (d >= medicine_due_[c]) {
      ++medicine_due;
      w.tasks.push_back({{x, y, true, true, false, sv.medicine_min, shift_start, day_end}, TaskKind::kMedicine, c,
                         static_cast<double>(medicine_due_[c] + cp.medicine_window_days - 1)});
    }
    if (d >= visit_due_[c]) {
      ++visits_due;
      if (!checkin)  // a check-in visit today does the routine visit too
        w.tasks.push_back({{x, y, true, true, false, sv.visit_min, shift_start, day_end}, TaskKind::kVisit, c,
                           static_cast<double>(visit_due_[c] + slack_of(c))});
    }
  }
  const auto& chp = config_.children;
  for (std::uint32_t k = st.children_begin; k < st.children_end; ++k) {
    Stream ks(seed, world_.children.id[k], ud, StreamKind::kChildDay);
    const float x = world_.children.x_km[k], y = world_.children.y_km[k];
    if (ks.uniform() < chp.guardian_away_prob) {
      ++child_due;
      w.tasks.push_back({{x, y, true, true, false, sv.child_care_min, static_cast<double>(chp.care_start_min),
                          chp.care_end_min - sv.child_care_min},
                         TaskKind::kChildCare, k, 0});
    }
    if (!weekend && weekday(start_day_number_ + d) == world_.children.tutoring_weekday[k]) {
      ++child_due;
      w.tasks.push_back({{x, y, true, true, false, sv.tutoring_min, static_cast<double>(chp.care_start_min),
                          chp.care_end_min - sv.tutoring_min},
                         TaskKind::kTutoring, k, 0});
    }
  }
  if (config_.policy.shidu_activity) {
    // The activity day of the month, moved to the Monday after when it falls on a weekend.
    const Date today = civil_from_days(start_day_number_ + d);
    const int target = config_.loneliness.activity_day_of_month;
    const int wd_target = weekday(days_from_civil(Date{today.year, today.month, target}));
    const int shift = wd_target == 5 ? 2 : wd_target == 6 ? 1 : 0;
    if (today.day == target + shift)
      w.tasks.push_back({{st.x_km, st.y_km, false, false, true, sv.activity_min, 14.0 * 60, sf.shift_end_min - sv.activity_min},
                         TaskKind::kActivity, 0, 0});
  }
  std::stable_sort(w.tasks.begin(), w.tasks.end(), [](const TaskItem& a, const TaskItem& b) {
    if (a.kind != b.kind) return a.kind < b.kind;
    if (a.deadline != b.deadline) return a.deadline < b.deadline;
    return a.ref < b.ref;
  });

  const TravelModel tm{st.x_km, st.y_km, tr.detour_factor};
  int escorts_done = 0, medicine_done = 0, visits_done = 0, calls = 0, checkin_visits = 0, child_done = 0;
  int activities = 0, attendance = 0;
  auto next_visit = [&](std::uint32_t c) {
    return d + (cl.tier[c] == RiskTier::kHigh  ? cp.visit_interval_high_days
                : cl.tier[c] == RiskTier::kKey ? cp.visit_interval_key_days
                                               : cp.visit_interval_general_days);
  };
  auto visit_time = [&](const Assignment& a) { return a.start + (a.finish - a.start - sv.visit_min) / 2; };
  auto dispatch = [&](const TaskItem& t) {
    const Assignment a = assign_task(t.task, w.helpers, tm);
    if (a.helper < 0) return;
    const std::uint32_t c = t.ref;
    switch (t.kind) {
      case TaskKind::kScheduledEscort: ++escorts_done; break;
      case TaskKind::kCheckinCall:
        ++calls;
        w.contacts.push_back(Contact{cl.elder[c], a.finish, sv.call_detection});
        w.caseload_contacts[c - st.caseload_begin] |= kCallContact;
        break;
      case TaskKind::kCheckinVisit:
        ++checkin_visits;
        w.contacts.push_back(Contact{cl.elder[c], visit_time(a), sv.visit_detection});
        w.caseload_contacts[c - st.caseload_begin] |= kVisitContact;
        if (d >= visit_due_[c]) {  // it is the routine visit too
          ++visits_done;
          visit_due_[c] = next_visit(c);
        }
        break;
      case TaskKind::kMedicine:
        ++medicine_done;
        medicine_due_[c] = d + cp.medicine_interval_days;
        break;
      case TaskKind::kVisit:
        ++visits_done;
        w.contacts.push_back(Contact{cl.elder[c], visit_time(a), sv.visit_detection});
        w.caseload_contacts[c - st.caseload_begin] |= kVisitContact;
        visit_due_[c] = next_visit(c);
        break;
      case TaskKind::kChildCare:
      case TaskKind::kTutoring: ++child_done; break;
      case TaskKind::kActivity:
        ++activities;
        for (std::uint32_t k = st.caseload_begin; k < st.caseload_end; ++k) {
          const std::uint32_t i = cl.elder[k];
          if (!(el.flags[i] & elder_flag::kLostOnlyChild) || health_[i] == HealthState::kHospitalised) continue;
          Stream as(seed, el.id[i], ud, StreamKind::kCaseloadDay);
          as.uniform();  // the appointment draw
          if (as.uniform() < config_.loneliness.activity_attendance) {
            ++attendance;
            w.caseload_contacts[k - st.caseload_begin] |= kActivityContact;
          }
        }
        break;
    }
  };

  // What is planned ahead is booked first: morning appointments (whoever escorts is not on the lunch
  // round) and the monthly group activity.
  std::vector<std::uint8_t>& done_early = w.done_early;
  done_early.assign(w.tasks.size(), 0);
  for (std::size_t k = 0; k < w.tasks.size(); ++k) {
    const bool morning_escort = w.tasks[k].kind == TaskKind::kScheduledEscort && w.tasks[k].task.release < lp.ready_min;
    if (!morning_escort && w.tasks[k].kind != TaskKind::kActivity) continue;
    dispatch(w.tasks[k]);
    done_early[k] = 1;
  }

  // Lunch: couriers are the staff and the lunch-shift volunteers, from when they are free at or after
  // the ready time.
  w.couriers.clear();
  w.courier_helper.clear();
  for (std::size_t k = 0; k < w.helpers.size(); ++k) {
    const bool afternoon_volunteer = k >= static_cast<std::size_t>(staff) && w.volunteers_today[k - static_cast<std::size_t>(staff)].afternoon;
    if (afternoon_volunteer) continue;
    const Helper& h = w.helpers[k];
    const double from = h.free_from(std::max<double>(lp.ready_min, h.shift_start));
    if (from >= lp.late_min) continue;
    // No hand-over after the next booked commitment, nor in the volunteers' forbidden midday hours.
    double until = (!h.social_worker && midday_rule) ? 12.0 * 60 : kNoLimit;
    for (const Interval& iv : h.busy)
      if (iv.start >= from) {
        until = std::min(until, iv.start);
        break;
      }
    w.couriers.push_back(Courier{h.speed_kmh, until, from});
    w.courier_helper.push_back(static_cast<int>(k));
  }
  LunchSettings ls{lp.ready_min, lp.on_time_min, lp.late_min, lp.box_capacity, lp.handover_min, tr.detour_factor,
                   1.0 / heat_speed};
  w.outcomes.resize(w.stops.size());
  w.handover.resize(w.stops.size());
  const LunchTotals lt = dispatch_lunch(st.x_km, st.y_km, w.stops, w.couriers, ls, w.lunch, w.outcomes, w.handover);
  metric(Metric::kMealsRequested, d) = lt.requested;
  metric(Metric::kMealsOnTime, d) = lt.on_time;
  metric(Metric::kMealsLate, d) = lt.late;
  metric(Metric::kMealsMissed, d) = lt.missed;
  metric(Metric::kMealWaitMin, d) = lt.wait_min;
  metric(Metric::kLunchKm, d) = lt.km;
  for (std::size_t c = 0; c < w.couriers.size(); ++c) {
    Helper& h = w.helpers[static_cast<std::size_t>(w.courier_helper[c])];
    const double back = w.lunch.courier_free[c];
    h.block(w.couriers[c].from, back);  // on the lunch round (nothing when it carried no meals)
  }
  for (int k = 0; k < staff; ++k) {  // staff take their break after the round, not before noon
    Helper& h = w.helpers[static_cast<std::size_t>(k)];
    const double b = h.first_gap(lp.on_time_min, sf.break_min);
    h.block(b, b + sf.break_min);
  }
  auto caseload_index = [&](std::uint32_t elder) -> std::int64_t {
    const auto b = cl.elder.begin() + st.caseload_begin, e = cl.elder.begin() + st.caseload_end;
    const auto it = std::lower_bound(b, e, elder);
    return it != e && *it == elder ? it - cl.elder.begin() : -1;
  };
  for (std::size_t k = 0; k < w.stops.size(); ++k) {
    if (w.outcomes[k] == MealOutcome::kMissed) continue;
    w.contacts.push_back(Contact{w.stops[k].elder, w.handover[k], hp.meal_contact_detection});
    const auto c = caseload_index(w.stops[k].elder);
    if (c >= 0) w.caseload_contacts[static_cast<std::size_t>(c) - st.caseload_begin] |= kMealContact;
  }

  // Heat illness found early (an assessing contact within 24 h of onset: today or the day after) or
  // late. Found early brings an urgent escort, dispatched ahead of the routine work. Each sick elder has
  // one draw a day, compared with the chance that at least one of the day's contacts noticed, so checking
  // again after more contacts is consistent.
  int urgent = 0, urgent_served = 0;
  double response = 0;
  auto detect = [&](bool final_pass) {
    for (auto& rec : sick_[static_cast<std::size_t>(s)]) {
      if (rec.resolved) continue;
      const std::uint32_t i = rec.elder;
      double miss = 1.0, first = kNoLimit;
      for (const Contact& c : w.contacts) {
        if (c.elder != i) continue;
        miss *= 1.0 - c.detection;
        first = std::min(first, c.time);
      }
      Stream hs(seed, el.id[i], ud, StreamKind::kHealthOutcome);
      const double u_find = hs.uniform();
      const double u_hosp = hs.uniform();
      const bool found = u_find < 1.0 - miss;
      const bool too_late = final_pass && (d > rec.onset_day || last_day);
      if (!found && !too_late) continue;
      rec.resolved = true;
      metric(found ? Metric::kHeatIllnessFoundEarly : Metric::kHeatIllnessFoundLate, rec.onset_day) += 1;
      if (found && (el.flags[i] & elder_flag::kRegistered)) metric(Metric::kHeatIllnessRegisteredFoundEarly, rec.onset_day) += 1;
      if (found) {
        ++urgent;
        ScheduleTask task{el.x_km[i], el.y_km[i], true, true, false, sv.escort_min, first,
                          first + sv.urgent_escort_max_wait_min};
        task.urgent = true;
        const Assignment a = assign_task(task, w.helpers, tm);
        if (a.helper >= 0) {
          ++urgent_served;
          response += a.start - first;
        }
      }
      if (u_hosp < (found ? hp.hospitalisation_found_early : hp.hospitalisation_found_late)) {
        health_[i] = HealthState::kHospitalised;
        rec.days_left = static_cast<std::uint8_t>(std::min(255, hp.hospital_days));
        metric(Metric::kHospitalisations, rec.onset_day) += 1;
      }
    }
  };

  // Heat check-ins first, then what they and lunch found, then the routine work, then what it found.
  std::size_t next = 0;
  for (; next < w.tasks.size() && w.tasks[next].kind <= TaskKind::kCheckinVisit; ++next)
    if (!done_early[next] && w.tasks[next].kind != TaskKind::kScheduledEscort) dispatch(w.tasks[next]);
  detect(false);
  for (std::size_t k = 0; k < w.tasks.size(); ++k)
    if (!done_early[k] && w.tasks[k].kind == TaskKind::kScheduledEscort) dispatch(w.tasks[k]);
  for (; next < w.tasks.size(); ++next)
    if (!done_early[next]) dispatch(w.tasks[next]);
  detect(true);

  int medicine_overdue = 0, visits_overdue = 0;
  for (std::uint32_t c = st.caseload_begin; c < st.caseload_end; ++c) {
    if (cl.chronic[c] && d > medicine_due_[c] + cp.medicine_window_days - 1) ++medicine_overdue;
    if (d > visit_due_[c] + slack_of(c)) ++visits_overdue;
  }

  // Loneliness of registered elders: drifts back to the personal baseline, falls with contact.
  const auto& lo = config_.loneliness;
  double lonely_sum = 0;
  for (std::uint32_t c = st.caseload_begin; c < st.caseload_end; ++c) {
    float& L = loneliness_[c];
    double v = L + lo.reversion_per_day * (cl.loneliness_base[c] - L);
    const std::uint8_t got = w.caseload_contacts[c - st.caseload_begin];
    if (got & kVisitContact) v -= lo.visit_effect;
    if (got & kCallContact) v -= lo.call_effect;
    if (got & kActivityContact) v -= lo.activity_effect;
    if (got & kMealContact) v -= lo.meal_effect;
    L = static_cast<float>(std::clamp(v, 3.0, 9.0));
    lonely_sum += L;
  }

  // Hours, volunteers' fatigue and dropout.
  double sw_hours = 0, overtime = 0, helper_km = 0;
  for (int k = 0; k < staff; ++k) {
    const Helper& h = w.helpers[static_cast<std::size_t>(k)];
    const double ot = std::max(0.0, h.last_end - h.shift_end);
    overtime += k < w.workers_on_duty ? ot / 60 : 0.0;
    sw_hours += k < w.workers_on_duty ? (shift_len - sf.break_min + ot) / 60 : 0.0;
  }
  for (const Helper& h : w.helpers) helper_km += h.km;
  const int slot = d % 7;
  for (std::uint32_t v = st.volunteer_begin; v < st.volunteer_end; ++v) volunteer_minutes_[v][static_cast<std::size_t>(slot)] = 0;
  for (const auto& vt : w.volunteers_today) volunteer_minutes_[vt.index][static_cast<std::size_t>(slot)] = static_cast<std::uint16_t>(vp.shift_min);
  const double daily_dropout = 1.0 - std::pow(1.0 - vp.monthly_dropout, 1.0 / 30.0);
  int dropouts = 0, active = 0;
  for (std::uint32_t v = st.volunteer_begin; v < st.volunteer_end; ++v) {
    if (!volunteer_active_[v]) continue;
    double hours7 = 0;
    for (std::uint16_t m : volunteer_minutes_[v]) hours7 += m / 60.0;
    Stream shift(seed, world_.volunteers.id[v], ud, StreamKind::kVolunteerShift);
    shift.uniform();  // the shift draw
    const double p = daily_dropout * (hours7 > vp.overwork_hours ? vp.overwork_dropout_factor : 1.0);
    if (shift.uniform() < p) {
      volunteer_active_[v] = 0;
      ++dropouts;
    } else {
      ++active;
    }
  }

  // Cost of the day.
  const auto& co = config_.cost;
  int shidu_registered = 0;
  if (!config_.policy.shidu_activity)
    for (std::uint32_t c = st.caseload_begin; c < st.caseload_end; ++c)
      shidu_registered += (el.flags[cl.elder[c]] & elder_flag::kLostOnlyChild) ? 1 : 0;
  const double travel_km = lt.km + helper_km;
  const double cost = staff * co.social_worker_yuan_per_day + overtime * co.overtime_yuan_per_hour +
                      static_cast<double>(w.volunteers_today.size()) * co.volunteer_allowance_yuan +
                      lt.requested * co.meal_yuan + travel_km * co.travel_yuan_per_km +
                      activities * co.activity_yuan_fixed + attendance * co.activity_yuan_per_attendee +
                      shidu_registered * 2.0 * co.gift_yuan / 365.0;

  // Expected heat-attributable deaths among the catchment's elders (population RR, no individual modifiers).
  const auto f = heat_excess_factors(excess_c_[static_cast<std::size_t>(d)], wx.tmin_c, hp);
  double excess_deaths = 0;
  for (int c = 0; c < kHeatAgeClasses; ++c) excess_deaths += st.elders_by_heat_class[c] * f[static_cast<std::size_t>(c)];
  excess_deaths *= hp.baseline_mortality_per_year / 365.0;

  metric(Metric::kEscortsUrgentRequested, d) = urgent;
  metric(Metric::kEscortsUrgentServed, d) = urgent_served;
  metric(Metric::kEscortResponseMin, d) = response;
  metric(Metric::kEscortsScheduledDue, d) = escorts_due;
  metric(Metric::kEscortsScheduledDone, d) = escorts_done;
  metric(Metric::kMedicineDue, d) = medicine_due;
  metric(Metric::kMedicineDone, d) = medicine_done;
  metric(Metric::kMedicineOverdue, d) = medicine_overdue;
  metric(Metric::kVisitsDue, d) = visits_due;
  metric(Metric::kVisitsDone, d) = visits_done;
  metric(Metric::kVisitsOverdue, d) = visits_overdue;
  metric(Metric::kHeatCheckinCalls, d) = calls;
  metric(Metric::kHeatCheckinVisits, d) = checkin_visits;
  metric(Metric::kChildSessionsDue, d) = child_due;
  metric(Metric::kChildSessionsDone, d) = child_done;
  metric(Metric::kActivitiesHeld, d) = activities;
  metric(Metric::kActivityAttendance, d) = attendance;
  metric(Metric::kExpectedExcessDeaths, d) = excess_deaths;
  metric(Metric::kLonelinessSum, d) = lonely_sum;
  metric(Metric::kSocialWorkersOnDuty, d) = w.workers_on_duty;
  metric(Metric::kSocialWorkerHours, d) = sw_hours;
  metric(Metric::kOvertimeHours, d) = overtime;
  metric(Metric::kVolunteersTurnedOut, d) = static_cast<double>(w.volunteers_today.size());
  metric(Metric::kVolunteerHours, d) = static_cast<double>(w.volunteers_today.size()) * vp.shift_min / 60.0;
  metric(Metric::kVolunteerDropouts, d) = dropouts;
  metric(Metric::kVolunteersActive, d) = active;
  metric(Metric::kLentStaff, d) = w.lent;
  metric(Metric::kTravelKm, d) = travel_km;
  metric(Metric::kCostYuan, d) = cost;
}

}  // namespace swsim
