#include "swsim/simulation/simulation.hpp"

#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>

#include <algorithm>
#include <cmath>

#include "swsim/health/heat_health.hpp"
#include "swsim/services/lunch.hpp"
#include "swsim/util/rng.hpp"

namespace swsim {

struct Simulation::Scratch {
  std::vector<MealStop> stops;
  std::vector<MealOutcome> outcomes;
  std::vector<Courier> couriers;
  LunchScratch lunch;
};

// Per-thread scratch buffers; only reused memory, never results, so their combine order is irrelevant.
struct Simulation::ScratchPool {
  tbb::enumerable_thread_specific<Scratch> local;
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
      fed_today_(world.elders.size(), 0),
      scratch_pool_(new ScratchPool) {}

Simulation::~Simulation() { delete scratch_pool_; }

void Simulation::run(const std::function<void(int, int)>& on_day) {
  while (day_ < config_.run.days) {
    step();
    if (on_day) on_day(day_, config_.run.days);
  }
}

void Simulation::step() {
  tbb::parallel_for(tbb::blocked_range<int>(0, static_cast<int>(world_.stations.size()), 1),
                    [&](const tbb::blocked_range<int>& r) {
                      Scratch& scratch = scratch_pool_->local.local();
                      for (int s = r.begin(); s < r.end(); ++s) run_station(s, scratch);
                    });
  ++day_;
}

void Simulation::run_station(int s, Scratch& w) {
  const int d = day_;
  const bool last_day = d + 1 == config_.run.days;
  const auto ud = static_cast<std::uint32_t>(d);
  const Station& st = world_.stations[static_cast<std::size_t>(s)];
  const Elders& el = world_.elders;
  const WeatherDay& wx = weather_[static_cast<std::size_t>(d)];
  const auto& hp = config_.health;
  const std::uint64_t seed = config_.run.seed;
  auto metric = [&](Metric m, int day) -> double& { return results_.at(m, day, s); };

  // 1. Health states move on: the ill recover, the hospitalised come home.
  auto& sick = sick_[static_cast<std::size_t>(s)];
  for (auto& rec : sick) {
    if (rec.resolved && rec.days_left > 0) --rec.days_left;
  }
  std::erase_if(sick, [&](const SickRecord& rec) {
    if (rec.resolved && rec.days_left == 0) {
      health_[rec.elder] = HealthState::kWell;
      return true;
    }
    return false;
  });

  // 2. Heat exposure and the day's extra lunch requests, one counter-based draw block per elder.
  w.stops.clear();
  const auto factors = heat_excess_factors(excess_c_[static_cast<std::size_t>(d)], wx.tmin_c, hp);
  const bool hot = excess_c_[static_cast<std::size_t>(d)] > 0;
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
        metric(Metric::kHeatIllness, d) += 1;
      }
      if (warning && (el.flags[i] & elder_flag::kWarningRequester) && u_req < config_.lunch.warning_request_prob)
        w.stops.push_back(stop_for(i));
    }
  }
  // Enrolled elders want lunch unless in hospital.
  for (std::uint32_t k = st.enrolled_begin; k < st.enrolled_end; ++k) {
    const std::uint32_t i = world_.lunch_enrolled[k];
    if (health_[i] != HealthState::kHospitalised) w.stops.push_back(stop_for(i));
  }

  // 3. Who delivers: social workers on duty and the volunteers who turn out.
  const bool weekend = weekday(start_day_number_ + d) >= 5;
  const auto& tr = config_.travel;
  const double heat_speed = std::max(0.5, 1.0 - tr.heat_walk_slowdown_per_c * std::max(0.0, wx.tmax_c - tr.heat_slowdown_onset_c));
  const double walk_kmh = tr.walk_kmh * heat_speed;
  auto speed = [&](TravelMode m) { return m == TravelMode::kEbike ? tr.ebike_kmh : walk_kmh; };
  w.couriers.clear();
  int workers = st.social_workers;
  if (weekend && workers > 0)
    workers = std::max(1, static_cast<int>(std::lround(workers * config_.staffing.weekend_duty_share)));
  for (int k = 0; k < workers; ++k) w.couriers.push_back(Courier{speed(config_.staffing.social_worker_mode)});
  const auto& vp = config_.volunteers;
  const double turnout = (weekend ? vp.turnout_weekend : vp.turnout_weekday) *
                         std::max(0.0, 1.0 - vp.heat_turnout_drop_per_c * std::max(0.0, wx.tmax_c - vp.heat_turnout_onset_c));
  int volunteers = 0;
  for (std::uint32_t v = st.volunteer_begin; v < st.volunteer_end; ++v) {
    Stream vs(seed, world_.volunteers.id[v], ud, StreamKind::kVolunteerDay);
    if (vs.uniform() < turnout) {
      w.couriers.push_back(Courier{speed(world_.volunteers.mode[v])});
      ++volunteers;
    }
  }
  metric(Metric::kSocialWorkersOnDuty, d) = workers;
  metric(Metric::kVolunteersTurnedOut, d) = volunteers;

  // 4. Lunch.
  const auto& lp = config_.lunch;
  LunchSettings ls{lp.ready_min, lp.on_time_min, lp.late_min, lp.box_capacity, lp.handover_min, tr.detour_factor,
                   1.0 / heat_speed};
  w.outcomes.resize(w.stops.size());
  const LunchTotals lt = dispatch_lunch(st.x_km, st.y_km, w.stops, w.couriers, ls, w.lunch, w.outcomes);
  metric(Metric::kMealsRequested, d) = lt.requested;
  metric(Metric::kMealsOnTime, d) = lt.on_time;
  metric(Metric::kMealsLate, d) = lt.late;
  metric(Metric::kMealsMissed, d) = lt.missed;
  metric(Metric::kMealWaitMin, d) = lt.wait_min;
  metric(Metric::kLunchKm, d) = lt.km;
  for (std::size_t k = 0; k < w.stops.size(); ++k)
    if (w.outcomes[k] != MealOutcome::kMissed) fed_today_[w.stops[k].elder] = 1;

  // 5. Heat illness found early (an assessing contact within 24 h of onset) or late.
  for (auto& rec : sick) {
    if (rec.resolved) continue;
    const std::uint32_t i = rec.elder;
    Stream hs(seed, el.id[i], ud, StreamKind::kHealthOutcome);
    const double u_find = hs.uniform();
    const double u_hosp = hs.uniform();
    const bool found = fed_today_[i] && u_find < hp.meal_contact_detection;
    const bool too_late = d > rec.onset_day || last_day;
    if (!found && !too_late) continue;
    rec.resolved = true;
    metric(found ? Metric::kHeatIllnessFoundEarly : Metric::kHeatIllnessFoundLate, rec.onset_day) += 1;
    if (u_hosp < (found ? hp.hospitalisation_found_early : hp.hospitalisation_found_late)) {
      health_[i] = HealthState::kHospitalised;
      rec.days_left = static_cast<std::uint8_t>(std::min(255, hp.hospital_days));
      metric(Metric::kHospitalisations, rec.onset_day) += 1;
    }
  }
  for (const auto& stop : w.stops) fed_today_[stop.elder] = 0;
}

}  // namespace swsim
