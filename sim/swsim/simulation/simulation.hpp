#pragma once
// The day loop (odd.md, Process overview and scheduling). Each day:
//   1. the day's context: date, weather and heat flags, heat factors, heat work rules;
//   2. every station's morning, in parallel (StationDay::begin): recovery, heat exposure and lunch
//      requests, social workers on duty, volunteer turnout;
//   3. the general stations lend their mobile teams to their most loaded stations (policy.lending);
//   4. every station's working day, in parallel (StationDay::serve): helpers, the task list, planned
//      work, lunch, check-ins, detection of heat illness and urgent escorts, routine work, loneliness,
//      hours, volunteers' fatigue and dropout, cost, and the day's metrics.
// Every random draw is a named slot of a stream keyed by (run seed, entity, day, stream), and each
// station writes only its own elders, volunteers and result cells, so results are identical for any
// number of threads.
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/simulation/day_context.hpp"
#include "swsim/simulation/results.hpp"
#include "swsim/simulation/sim_state.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

class StationDay;

class Simulation {
 public:
  Simulation(const Config& config, const World& world, std::vector<WeatherDay> weather);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Runs every remaining day; `on_day(done, total)` is called after each day (from the calling thread).
  void run(const std::function<void(int, int)>& on_day = {});
  void step();  // one day
  int day() const { return state_.day; }

  const Results& results() const { return state_.results; }
  // Moves the results out (the simulation keeps empty results): for the last use of a finished run.
  Results take_results() { return std::move(state_.results); }
  const std::vector<WeatherDay>& weather() const { return weather_; }
  const SimState& state() const { return state_; }

  // The dynamic state (SimState) for checkpoints. load() expects a Simulation built from the same
  // scenario and world; throws std::runtime_error when the data does not fit it.
  void save(std::ostream& out) const;
  void load(std::istream& in);

 private:
  DayContext day_context(int day) const;
  void lend_staff();

  const Config& config_;
  const World& world_;
  std::vector<WeatherDay> weather_;
  std::vector<double> excess_c_;
  std::vector<double> illness_excess_c_;
  std::int64_t start_day_number_ = 0;
  SimState state_;
  std::vector<std::unique_ptr<StationDay>> stations_;  // per station, reused every day
};

}  // namespace swsim
