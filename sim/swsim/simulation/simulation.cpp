#include "swsim/simulation/simulation.hpp"

#include <tbb/parallel_for.h>

#include <istream>
#include <ostream>
#include <stdexcept>
#include <type_traits>

#include "swsim/health/heat_health.hpp"
#include "swsim/services/lending.hpp"
#include "swsim/services/travel.hpp"
#include "swsim/simulation/station_day.hpp"
#include "swsim/util/rng.hpp"

namespace swsim {

Simulation::Simulation(const Config& config, const World& world, std::vector<WeatherDay> weather)
    : config_(config),
      world_(world),
      weather_(std::move(weather)),
      excess_c_(lagged_excess_c(weather_, config.health)),
      illness_excess_c_(lagged_illness_excess_c(weather_, config.health, config.weather.wind_ms)),
      start_day_number_(days_from_civil(config.run.start_date)) {
  SimState& s = state_;
  s.results = Results(config.run.days, static_cast<int>(world.stations.size()));
  s.health.assign(world.elders.size(), HealthState::kWell);
  s.sick.resize(world.stations.size());
  s.volunteer_active.assign(world.volunteers.size(), 1);
  s.volunteer_minutes.assign(world.volunteers.size(), WeekMinutes{});
  const Caseload& cl = world.caseload;
  s.visit_due.resize(cl.size());
  s.medicine_due.resize(cl.size());
  s.loneliness.resize(cl.size());
  for (std::size_t c = 0; c < cl.size(); ++c) {
    s.visit_due[c] = cl.visit_phase[c];
    s.medicine_due[c] = cl.chronic[c] ? cl.medicine_phase[c] : INT32_MAX;
    s.loneliness[c] = cl.loneliness_base[c];
  }
  stations_.resize(world.stations.size());  // each station's day reads only the world: made in parallel
  tbb::parallel_for(std::size_t{0}, stations_.size(), [&](std::size_t k) {
    stations_[k] = std::make_unique<StationDay>(config, world, static_cast<int>(k));
  });
}

Simulation::~Simulation() = default;

void Simulation::run(const std::function<void(int, int)>& on_day) {
  while (state_.day < config_.run.days) {
    step();
    if (on_day) on_day(state_.day, config_.run.days);
  }
}

void Simulation::step() {
  const DayContext today = day_context(state_.day);
  const int n = static_cast<int>(stations_.size());
  tbb::parallel_for(0, n, [&](int s) { stations_[static_cast<std::size_t>(s)]->begin(today, state_); });
  lend_staff();
  tbb::parallel_for(0, n, [&](int s) { stations_[static_cast<std::size_t>(s)]->serve(today, state_); });
  ++state_.day;
}

DayContext Simulation::day_context(int d) const {
  DayContext c;
  c.day = d;
  c.stream_day = static_cast<std::uint32_t>(d);
  c.date = civil_from_days(start_day_number_ + d);
  c.weekday = weekday(start_day_number_ + d);
  c.weekend = c.weekday >= 5;
  c.last_day = d + 1 == config_.run.days;
  c.weather = &weather_[static_cast<std::size_t>(d)];
  c.warning = c.weather->warning != HeatWarning::kNone;
  c.excess_c = excess_c_[static_cast<std::size_t>(d)];
  c.illness_excess_c = illness_excess_c_[static_cast<std::size_t>(d)];
  c.hot = c.illness_excess_c > 0;
  c.heat_factors = heat_excess_factors(c.excess_c, c.weather->tmin_c, config_.health);
  c.illness_factors = illness_factors(c.illness_excess_c, c.weather->tmin_c, config_.health);
  c.heat_work = heat_work_day(config_.policy.heat_work_rules, c.weather->tmax_c, config_.heat_work);
  c.walk_factor = heat_walk_factor(c.weather->tmax_c, config_.travel);
  return c;
}

void Simulation::lend_staff() {
  if (!config_.policy.lending || config_.general_station.mobile_team <= 0) return;
  const std::size_t n = stations_.size();
  std::vector<double> load(n);
  std::vector<int> area(n), lent(n, 0);
  for (std::size_t s = 0; s < n; ++s) {
    load[s] = stations_[s]->load();
    area[s] = world_.stations[s].area;
  }
  std::vector<int> team(world_.areas.size());
  for (std::size_t a = 0; a < team.size(); ++a) {
    Stream ls(config_.run.seed, static_cast<std::uint32_t>(a), static_cast<std::uint32_t>(state_.day), StreamKind::kLendingDay);
    team[a] = team_on_sample(config_.general_station.mobile_team, world_.areas[a].stations_simulated,
                             world_.areas[a].stations_open, ls.at(Draw::kTeamRounding));
  }
  lend_mobile_teams(load, area, team, lent);
  for (std::size_t s = 0; s < n; ++s) stations_[s]->lend(lent[s]);
}

// ---- Checkpoints: SimState::visit() walks every field ------------------------------------------------

namespace {

template <class T>
void put(std::ostream& out, const std::vector<T>& v) {
  static_assert(std::is_trivially_copyable_v<T>);
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

// A results series: written as put() writes a vector of its length, read back into its fixed place.
void put_span(std::ostream& out, std::span<const double> v) {
  const std::uint64_t n = v.size();
  out.write(reinterpret_cast<const char*>(&n), sizeof n);
  if (n) out.write(reinterpret_cast<const char*>(v.data()), static_cast<std::streamsize>(n * sizeof(double)));
}

void get_span(std::istream& in, std::span<double> v) {
  std::uint64_t n = 0;
  in.read(reinterpret_cast<char*>(&n), sizeof n);
  if (!in || n != v.size()) throw std::runtime_error("state does not match the scenario");
  if (n) in.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(double)));
  if (!in) throw std::runtime_error("state is truncated");
}

// The length of the next vector in the stream, without consuming it.
std::uint64_t peek_length(std::istream& in) {
  std::uint64_t n = 0;
  const auto pos = in.tellg();
  in.read(reinterpret_cast<char*>(&n), sizeof n);
  if (!in) throw std::runtime_error("state is truncated or corrupt");
  in.seekg(pos);
  return n;
}

struct Saver {
  std::ostream& out;
  void operator()(const char*, const std::int32_t& v) { out.write(reinterpret_cast<const char*>(&v), sizeof v); }
  void operator()(const char*, const Results& r) {
    for (std::size_t m = 0; m < kMetricCount; ++m) put_span(out, r.series(static_cast<Metric>(m)));
  }
  template <class T>
  void operator()(const char*, const std::vector<T>& v) { put(out, v); }
  template <class T>
  void operator()(const char*, const std::vector<std::vector<T>>& vv) {
    for (const auto& v : vv) put(out, v);
  }
};

struct Loader {
  std::istream& in;
  std::int32_t max_day;
  std::size_t max_inner;  // longest inner list accepted (elders)
  void operator()(const char*, std::int32_t& v) {
    in.read(reinterpret_cast<char*>(&v), sizeof v);
    if (!in || v < 0 || v > max_day) throw std::runtime_error("state has an impossible day");
  }
  void operator()(const char*, Results& r) {
    for (std::size_t m = 0; m < kMetricCount; ++m) {
      get_span(in, r.series(static_cast<Metric>(m)));
    }
  }
  template <class T>
  void operator()(const char*, std::vector<T>& v) { get(in, v, v.size()); }
  template <class T>
  void operator()(const char*, std::vector<std::vector<T>>& vv) {
    for (auto& v : vv) {
      const std::uint64_t n = peek_length(in);
      if (n > max_inner) throw std::runtime_error("state is truncated or corrupt");
      get(in, v, static_cast<std::size_t>(n));
    }
  }
};

}  // namespace

void Simulation::save(std::ostream& out) const { state_.visit(Saver{out}); }

void Simulation::load(std::istream& in) {
  state_.visit(Loader{in, config_.run.days, world_.elders.size()});
}

}  // namespace swsim
