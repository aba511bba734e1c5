#pragma once
// The day loop (MODEL.md section 3). Stations are independent within a day, so each day runs its
// stations in parallel (oneTBB); every random draw is keyed by (run seed, entity, day, stream), and each
// station writes only its own elders and its own result cells, so results are identical for any
// number of threads.
#include <cstdint>
#include <functional>
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

  // Runs every remaining day; `on_day(done, total)` is called after each day (from the calling thread).
  void run(const std::function<void(int, int)>& on_day = {});
  void step();  // one day
  int day() const { return day_; }

  const Results& results() const { return results_; }
  const std::vector<WeatherDay>& weather() const { return weather_; }

 private:
  struct SickRecord {
    std::uint32_t elder;
    std::uint16_t onset_day;
    std::uint8_t days_left;
    bool resolved;  // found (early or late) already
  };
  struct Scratch;

  void run_station(int station, Scratch& scratch);

  const Config& config_;
  const World& world_;
  std::vector<WeatherDay> weather_;
  std::vector<double> excess_c_;
  std::int64_t start_day_number_ = 0;
  int day_ = 0;
  Results results_;
  std::vector<HealthState> health_;
  std::vector<std::vector<SickRecord>> sick_;  // per station
  std::vector<std::uint8_t> fed_today_;        // per elder, set and cleared within its station's task
  struct ScratchPool;
  ScratchPool* scratch_pool_;
};

}  // namespace swsim
