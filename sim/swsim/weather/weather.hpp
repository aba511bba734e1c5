#pragma once
// Daily weather for the simulated days: generated (seasonal curve + AR(1) noise + heat waves from the
// scenario) or read from a CSV file, then classified by the national definitions (docs/sources.md, Heat).
#include <cstdint>
#include <string>
#include <vector>

#include "swsim/config/config.hpp"

namespace swsim {

enum class HeatWarning : std::int8_t { kNone = 0, kYellow = 1, kOrange = 2, kRed = 3 };

struct WeatherDay {
  double tmax_c = 0, tmin_c = 0, rh_pct = 0;
  bool heat_wave = false;  // part of a run of >= weather.heat_wave_min_days days with Tmax >= heat_wave_tmax_c
  HeatWarning warning = HeatWarning::kNone;
  bool sauna = false;  // Tmax >= weather.sauna_tmax_c with mean relative humidity >= weather.sauna_rh_pct
};

// Generated weather for `days` days from run.start_date, from weather.seed (the same for every replicate).
std::vector<WeatherDay> generate_weather(const Config& config);

// Weather read from a CSV with header "date,tmax_c,tmin_c,rh" covering every simulated day (other
// dates are ignored). Throws InputError naming file and line.
std::vector<WeatherDay> load_weather_csv(const std::string& path, const Date& start, int days);
// Same from CSV text already in memory (tests, fuzzing); `name` appears in messages.
std::vector<WeatherDay> parse_weather_csv(const std::string& text, const std::string& name, const Date& start,
                                          int days);

// Sets heat_wave, warning and sauna from the temperatures by the rules in `rules` (defaults: red at
// Tmax >= 40, orange at >= 37, yellow on days of a run of >= 3 days at >= 35; sauna at >= 32 with
// RH >= 80%): the warning in force on the day, taking forecasts as perfect.
void classify_heat(std::vector<WeatherDay>& days, const WeatherParams& rules);

// The weather the scenario asks for (generator or CSV), classified.
std::vector<WeatherDay> make_weather(const Config& config);

// One line for each weather.heat_waves entry that has no effect on the run: all of them with CSV weather
// (the CSV is the weather), or a wave wholly or partly outside the run's days. Empty when all apply.
std::vector<std::string> heat_wave_warnings(const Config& config);

}  // namespace swsim
