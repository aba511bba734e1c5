// libFuzzer target: the weather CSV reader (parse_weather_csv, the in-memory half of load_weather_csv).
// The run covers 2022-06-01 and 1-8 days (from the input size), so valid seeds of 8 rows succeed.
// Contract checked: bad input is an InputError; accepted days are finite and in the documented ranges.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "swsim/util/error.hpp"
#include "swsim/weather/weather.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const int days = 1 + static_cast<int>(size % 8);
  try {
    auto w = swsim::parse_weather_csv(text, "fuzz.csv", swsim::Date{2022, 6, 1}, days);
    if (w.size() != static_cast<std::size_t>(days)) std::abort();
    for (const auto& d : w)
      if (!std::isfinite(d.tmax_c) || !std::isfinite(d.tmin_c) || !(d.rh_pct >= 0 && d.rh_pct <= 100) ||
          d.tmin_c > d.tmax_c)
        std::abort();
    static const swsim::WeatherParams rules = swsim::Config{}.weather;
    swsim::classify_heat(w, rules);
  } catch (const swsim::InputError&) {
  }
  return 0;
}
