#pragma once
// What every station sees of a day: the date, the weather and its heat flags, the heat factors of the
// health rule, the heat work rules and walking speed in force. Made once per day, read by all stations.
#include <array>
#include <cstdint>

#include "swsim/people/heat_work.hpp"
#include "swsim/util/date.hpp"
#include "swsim/weather/weather.hpp"
#include "swsim/world/world.hpp"

namespace swsim {

struct DayContext {
  int day = 0;                 // index of the simulated day
  std::uint32_t stream_day = 0;  // the day in random stream counters
  Date date;
  int weekday = 0;             // 0 = Monday
  bool weekend = false;
  bool last_day = false;
  const WeatherDay* weather = nullptr;
  bool warning = false;        // a heat warning is in force
  double excess_c = 0;         // lagged excess Tmax of the mortality rule (expected excess deaths)
  double illness_excess_c = 0; // lagged excess exposure of the heat-illness rule
  bool hot = false;            // illness_excess_c > 0: a hot day (calls and visits then protect)
  std::array<double, kHeatAgeClasses> heat_factors{};     // mortality: (RR^E - 1) x hot night
  std::array<double, kHeatAgeClasses> illness_factors{};  // heat illness: illness_rr^E x hot night
  HeatWorkDay heat_work;
  double walk_factor = 1;      // walking and stair speed relative to mild weather
};

}  // namespace swsim
