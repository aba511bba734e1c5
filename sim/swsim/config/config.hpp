#pragma once
// The scenario's parameters as plain structs, one per INI section. Their names, defaults, ranges,
// units and sources live in one registry (parameters.cpp); the defaults below are filled from it by
// default_config(), never written twice.
#include <cstdint>
#include <string>
#include <vector>

#include "swsim/util/date.hpp"

namespace swsim {

struct HeatWaveSpec {
  Date start;
  int days = 0;
  double peak_tmax_c = 0;
  double rh_pct = 0;
  double tmin_c = -1000;  // night minimum during the wave; below -100 means "from the generator"
  bool has_tmin() const { return tmin_c > -100; }
};

struct RunParams {
  Date start_date;
  int days = 0;
  double scale = 0;
  std::uint64_t seed = 0;
};

struct WorldParams {
  std::uint64_t seed = 0;  // the synthetic geography and population; fixed across replicates
};

struct WeatherParams {
  std::string source;  // "generator" or "csv"
  std::string csv_file;
  std::vector<HeatWaveSpec> heat_waves;
  double tmax_mean_c = 0;
  double tmax_seasonal_amp_c = 0;
  int tmax_peak_day = 0;  // days after 1 June when the seasonal curve peaks
  double noise_sd_c = 0;
  double noise_ar1 = 0;
  double diurnal_range_c = 0;
  double rh_start_pct = 0;
  double rh_end_pct = 0;
  double rh_noise_sd_pct = 0;
};

struct PopulationParams {
  double share_60plus = 0;
  double share_65plus = 0;
  double share_80plus_of_60plus = 0;
  double male_share = 0;
  double impaired_share = 0;
  double disabled_share_of_impaired = 0;
  double living_alone_share = 0;
  double couple_share = 0;
  double family_away_by_day_share = 0;
  double lost_only_child_share = 0;
  double ac_share_urban = 0;
  double ac_share_rural = 0;
  double lift_share_urban = 0;
  double lift_share_rural = 0;
};

enum class TravelMode : std::uint8_t { kWalk = 0, kEbike = 1 };

struct StaffingParams {
  int social_workers_per_station = 0;
  double weekend_duty_share = 0;
  TravelMode social_worker_mode = TravelMode::kEbike;
};

struct VolunteerParams {
  int roster_per_station = 0;
  double turnout_weekday = 0;
  double turnout_weekend = 0;
  double heat_turnout_onset_c = 0;
  double heat_turnout_drop_per_c = 0;
  double ebike_share = 0;
};

struct LunchParams {
  double enrolment_share = 0;
  double warning_request_prob = 0;
  int ready_min = 0;    // minutes after midnight
  int on_time_min = 0;  // delivered by this time: on time
  int late_min = 0;     // delivered by this time: late; after it: missed
  int box_capacity = 0;
  double handover_min = 0;
};

struct TravelParams {
  double detour_factor = 0;
  double walk_kmh = 0;
  double ebike_kmh = 0;
  double stair_min_per_floor = 0;
  double heat_slowdown_onset_c = 0;
  double heat_walk_slowdown_per_c = 0;
};

struct HealthParams {
  double threshold_c = 0;
  double base_hazard_per_day = 0;
  double rr_per_c_65plus = 0;
  double rr_per_c_60_64 = 0;
  std::vector<double> lag_weights;
  double or_bedridden = 0;
  double or_homebound = 0;
  double or_air_conditioning = 0;
  double or_living_alone = 0;
  double hot_night_tmin_c = 0;
  double hot_night_factor = 0;
  double hot_night_factor_75plus = 0;
  double meal_contact_detection = 0;
  double hospitalisation_found_early = 0;
  double hospitalisation_found_late = 0;
  int ill_days = 0;
  int hospital_days = 0;
};

struct Config {
  RunParams run;
  WorldParams world;
  WeatherParams weather;
  PopulationParams population;
  StaffingParams staffing;
  VolunteerParams volunteers;
  LunchParams lunch;
  TravelParams travel;
  HealthParams health;
};

}  // namespace swsim
