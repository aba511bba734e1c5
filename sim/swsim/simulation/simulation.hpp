#pragma once
// The day loop (MODEL.md section 3). Each day has three phases:
//   A. per station, in parallel: health moves on, heat exposure, the day's needs, volunteer turnout;
//   B. per general station (area), in order: lending of the mobile team to the most loaded stations;
//   C. per station, in parallel: lunch delivery, the day's task list dispatched to the helpers, heat
//      illness found early or late, urgent escorts, loneliness, hours, cost, metrics.
// Every random draw is keyed by (run seed, entity, day, stream), and each station writes only its own
// elders, volunteers and result cells, so results are identical for any number of threads.
#include <array>
#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <vector>

#include "swsim/config/config.hpp"
#include "swsim/simulation/results.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

enum class HealthState : std::uint8_t { kWell = 0, kIll = 1, kHospitalised = 2 };

class Simulation {
 public:
  Simulation(const Config& config, const World& world, std::vector<WeatherDay> weather);
  ~Simulation();
  Simulation(const Simulation&) = delete;
  Simulation& operator=(const Simulation&) = delete;

  // Runs every remaining day; `on_day(done, total)` is called after each day (from the calling thread).
  void run(const std::function<void(int, int)>& on_day = {});
  void step();  // one day
  int day() const { return day_; }

  const Results& results() const { return results_; }
  const std::vector<WeatherDay>& weather() const { return weather_; }

  // The dynamic state (day, health, volunteers, registers, results so far) for checkpoints. load()
  // expects a Simulation built from the same scenario and world; throws std::runtime_error when the
  // data does not fit it.
  void save(std::ostream& out) const;
  void load(std::istream& in);

 private:
  struct SickRecord {
    std::uint32_t elder;
    std::uint16_t onset_day;
    std::uint8_t days_left;
    bool resolved;  // found (early or late) already
  };
  struct StationDay;

  void prepare_station(int station);
  void lend_staff();
  void serve_station(int station);

  const Config& config_;
  const World& world_;
  std::vector<WeatherDay> weather_;
  std::vector<double> excess_c_;
  std::int64_t start_day_number_ = 0;
  int day_ = 0;
  Results results_;
  std::vector<HealthState> health_;                  // per elder
  std::vector<std::vector<SickRecord>> sick_;        // per station
  std::vector<std::uint8_t> volunteer_active_;       // per volunteer
  std::vector<std::array<std::uint16_t, 7>> volunteer_minutes_;  // per volunteer, by day % 7
  std::vector<std::int32_t> visit_due_, medicine_due_;           // per registered elder: day index
  std::vector<float> loneliness_;                                // per registered elder
  std::vector<std::unique_ptr<StationDay>> station_day_;         // per station, reused every day
};

}  // namespace swsim
