#pragma once
// The scenario's parameters as plain structs, one per INI section. Their names, defaults, ranges,
// units and sources live in one registry (parameters.cpp); a default-constructed Config holds every
// registry default (the constructor fills it from the registry), so the defaults are never written twice
// and a plain `Config c;` is a valid scenario.
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
  int replicates = 1;  // independent runs with seeds derived from `seed` (replicate 0 uses `seed` itself)
};

struct WorldParams {
  std::uint64_t seed = 0;     // the synthetic geography and population; fixed across replicates
  std::string stations_file;  // optional CSV of real station sites (name,area,lat,lon[,social_workers])
  std::string boundaries_file;  // optional GeoJSON of the 12 district outlines replacing the built-in ones
};

enum class WeatherSource : std::uint8_t { kGenerator = 0, kCsv = 1 };

struct WeatherParams {
  std::uint64_t seed = 0;  // the generator's noise; the same for every replicate
  WeatherSource source = WeatherSource::kGenerator;
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
  // How days are classified (China Meteorological Administration definitions).
  double heat_wave_tmax_c = 0;  // a heat wave: Tmax at or above this ...
  int heat_wave_min_days = 0;   // ... on at least this many consecutive days (yellow warning)
  double orange_tmax_c = 0;     // orange warning at or above
  double red_tmax_c = 0;        // red warning at or above
  double sauna_tmax_c = 0;      // sauna day: Tmax at or above this with mean humidity at or above sauna_rh_pct
  double sauna_rh_pct = 0;
  double wind_ms = 0;  // 10-m wind speed for the apparent temperature when the weather has none
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
  double impairment_ratio_65_79 = 0;  // impairment rate at 65-79 relative to 60-64
  double impairment_ratio_80plus = 0;  // and at 80+
  double living_alone_ratio_65_79 = 0;  // living-alone rate at 65-79 relative to 60-64 (overall stays living_alone_share)
  double living_alone_ratio_80plus = 0;  // and at 80+
  double ac_ratio_65_79 = 0;   // air-conditioning rate at 65-79 relative to 60-64 (urban/rural shares kept)
  double ac_ratio_80plus = 0;  // and at 80+
  double tekun_share = 0;  // of the 60+ in extreme-poverty support (特困)
  double dibao_share = 0;  // of the 60+ on the minimum living allowance (低保), not 特困
  double age_80plus_mean_extra_years = 0;  // mean years above 80 of the 80+ (exponential tail)
  int lift_max_floor = 0;            // homes in buildings with a lift: floors 1..this, uniform
  int walkup_max_floor_urban = 0;    // urban walk-ups: floors 1..this, uniform
  double ground_floor_share_rural = 0;  // rural homes without a lift on the ground floor
  int max_floor_rural = 0;           // the rest: floors 2..this, uniform
};

enum class TravelMode : std::uint8_t { kWalk = 0, kEbike = 1 };

struct StaffingParams {
  int social_workers_per_station = 0;
  double weekend_duty_share = 0;
  int weekend_min_on_duty = 0;
  TravelMode social_worker_mode = TravelMode::kEbike;
  int shift_start_min = 0;  // minutes after midnight
  int shift_end_min = 0;
  int break_min = 0;          // lunch break, taken after the lunch round
  double admin_share = 0;     // share of the shift spent at the desk (reports, registers)
  int max_overtime_min = 0;   // a task may run this long past the shift
};

// Volunteers' outdoor work in heat (policy.heat_work_rules = national2012).
struct HeatWorkParams {
  double stop_tmax_c = 0;         // no outdoor work at or above
  double midday_ban_tmax_c = 0;   // from this Tmax (below stop_tmax_c): no outdoor work in the midday hours
  int midday_ban_start_min = 0;   // minutes after midnight
  int midday_ban_end_min = 0;
  double max_outdoor_min = 0;     // outdoor minutes allowed on such a day
};

struct GeneralStationParams {
  int mobile_team = 0;  // staff a general station can lend for the day
};

enum class HeatWorkRules : std::uint8_t { kNone = 0, kNational2012 = 1 };

struct PolicyParams {
  bool heat_checkins = false;     // daily call + visit for high-risk elders while a warning is in force
  HeatWorkRules heat_work_rules = HeatWorkRules::kNone;  // volunteers' outdoor work in heat
  bool lending = false;           // general stations lend their mobile team to the most loaded stations
  bool shidu_activity = false;    // monthly group activity for shidu elders instead of two gifts a year
  double station_coverage = 1.0;  // share of streets/towns with a station; the rest are served from neighbours
  double alarm_coverage = 0;      // share of elders living alone with the no-movement alarm (亲情E联)
};

struct CaseloadParams {
  double chronic_share = 0;      // of the register needing medicine bought about monthly
  int medicine_interval_days = 0;
  int medicine_window_days = 0;
  int escort_interval_days = 0;  // mean days between scheduled medical appointments (impaired elders)
  int visit_interval_high_days = 0, visit_interval_key_days = 0, visit_interval_general_days = 0;
  int visit_slack_high_days = 0, visit_slack_key_days = 0, visit_slack_general_days = 0;
  // Share of the day's remaining field time routine visits may take; the rest is kept for what comes after
  // them in priority (children's sessions, activities). With full registers the visits due exceed the
  // staff's time every day, and without a share they would take all of it.
  double visit_time_share = 0;
  double afternoon_appointment_share = 0;  // of appointments after lunch (the rest in the morning)
  int morning_appointment_by = 0;          // a morning escort leaves by this time (minutes after midnight)
  int afternoon_appointment_from = 0;      // an afternoon escort leaves between these times
  int afternoon_appointment_by = 0;
};

struct ServiceTimeParams {
  double visit_min = 0, medicine_min = 0, escort_min = 0, child_care_min = 0, tutoring_min = 0, activity_min = 0,
         call_min = 0;
  double urgent_escort_max_wait_min = 0;
  double call_detection = 0, visit_detection = 0;
  int checkin_call_by = 0;  // heat check-in calls are made by this time (minutes after midnight)
  int activity_start = 0;   // the group activity starts at this time
};

struct ChildrenParams {
  double share_0_14 = 0;
  double orphan_per_1000 = 0, unsupported_per_1000 = 0, disabled_ill_per_1000 = 0, left_behind_per_1000 = 0;
  double register_share = 0;  // of children in difficulty on the station's register
  double guardian_away_prob = 0;
  int care_start_min = 0, care_end_min = 0;
};

struct LonelinessParams {
  double initial_mean = 0, initial_sd = 0, alone_extra = 0, shidu_extra = 0;
  double reversion_per_day = 0;
  double visit_effect = 0, call_effect = 0, activity_effect = 0, meal_effect = 0;
  double activity_attendance = 0;
  int activity_day_of_month = 0;
};

struct CostParams {
  double social_worker_yuan_per_day = 0, overtime_yuan_per_hour = 0, volunteer_allowance_yuan = 0, meal_yuan = 0,
         travel_yuan_per_km = 0, activity_yuan_fixed = 0, activity_yuan_per_attendee = 0, gift_yuan = 0;
  double gifts_per_year = 0;  // to each shidu elder without the activity policy
};

struct VolunteerParams {
  int roster_per_station = 0;
  int shift_min = 0;
  int lunch_shift_start_min = 0;
  int afternoon_shift_start_min = 0;
  double afternoon_share = 0;
  double fatigue_cap_hours = 0;
  double monthly_dropout = 0;
  double overwork_hours = 0;
  double overwork_dropout_factor = 0;
  double turnout_weekday = 0;
  double turnout_weekend = 0;
  double heat_turnout_onset_c = 0;
  double heat_turnout_drop_per_c = 0;
  double ebike_share = 0;
};

struct LunchParams {
  // The meal programme (world/meal_points): how many eat, how many are delivered, the meal points.
  double meals_per_100_elders = 0;    // enrolled elders per 100 aged 60+
  double delivered_share = 0;         // share of enrolled elders who are homebound and delivered
  double warning_switch_share = 0;    // share of diners (alone or 75+) who book delivery for a warning day
  double points_per_1000_elders = 0;  // meal points per 1,000 elders aged 60+
  double canteen_share = 0;           // share of meal points that are canteens with a kitchen that delivers
  int point_capacity = 0;             // meals a point serves a day (enrolment goes to the nearest with room)
  int point_kitchen_staff = 0;        // kitchen staff of a point (serve on site)
  int point_couriers = 0;             // of them, how many carry deliveries
  int point_delivery_capacity = 0;    // meals a point delivers a day at most
  double point_reach_km = 0;          // a point delivers to homes within this straight-line distance
  TravelMode point_courier_mode = TravelMode::kEbike;
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
  double min_heat_speed_factor = 0;  // walking never slows below this share of the mild-weather speed
};

// What the heat-illness hazard responds to: daily maximum temperature, or the apparent temperature
// (BoM/Steadman, no radiation) of the daily maximum with the day's humidity and wind.
enum class HeatExposure : std::uint8_t { kTmax = 0, kApparent = 1 };

struct HealthParams {
  HeatExposure exposure = HeatExposure::kTmax;
  double threshold_c = 0;            // mortality (expected excess deaths), on Tmax
  double illness_threshold_c = 0;    // heat illness, on the chosen exposure (Tmax)
  double illness_threshold_apparent_c = 0;  // heat illness, when the exposure is the apparent temperature
  double illness_rr_per_c = 0;       // heat-illness rate ratio per degC of lagged exposure above the threshold
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
  double hospitalisation_found_early = 0;  // mild episodes, found within early_min
  double hospitalisation_found_late = 0;   // mild episodes, found later or not at all
  double hospitalisation_severe = 0;
  double severe_share = 0;
  double onset_from_min = 0, onset_to_min = 0;  // onset time of day, uniform
  double early_min = 0;                         // cooled within this many minutes of onset: found early
  double family_detection = 0, spouse_detection = 0, family_notice_min = 0, family_home_from_min = 0;
  double neighbour_detection = 0;
  double alarm_after_min = 0, alarm_detection = 0;
  double death_severe_early = 0, death_severe_late = 0, death_severe_not_found = 0, death_mild = 0;
  double prevention_rr = 0;
  int ill_days = 0;
  int hospital_days = 0;
  double baseline_mortality_per_year = 0;
};

struct Config {
  Config();  // every parameter at its registry default (parameters.cpp)
  RunParams run;
  WorldParams world;
  WeatherParams weather;
  PopulationParams population;
  StaffingParams staffing;
  GeneralStationParams general_station;
  HeatWorkParams heat_work;
  VolunteerParams volunteers;
  LunchParams lunch;
  TravelParams travel;
  HealthParams health;
  PolicyParams policy;
  CaseloadParams caseload;
  ServiceTimeParams services;
  ChildrenParams children;
  LonelinessParams loneliness;
  CostParams cost;
};

}  // namespace swsim
