#include "swsim/config/parameters.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <cstdio>
#include <sstream>

namespace swsim {
namespace {

std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

double parse_double(std::string_view text) {
  const std::string t = trim(text);
  double v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v))
    throw ValueError("'" + t + "' is not a number");
  return v;
}

long long parse_integer(std::string_view text) {
  const std::string t = trim(text);
  long long v = 0;
  auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
  if (t.empty() || ec != std::errc() || p != t.data() + t.size())
    throw ValueError("'" + t + "' is not a whole number");
  return v;
}

int parse_clock(std::string_view text) {
  const std::string t = trim(text);
  int h = 0, m = 0;
  if (t.size() == 5 && t[2] == ':') {
    auto r1 = std::from_chars(t.data(), t.data() + 2, h);
    auto r2 = std::from_chars(t.data() + 3, t.data() + 5, m);
    if (r1.ec == std::errc() && r1.ptr == t.data() + 2 && r2.ec == std::errc() && r2.ptr == t.data() + 5 &&
        h >= 0 && h < 24 && m >= 0 && m < 60)
      return h * 60 + m;
  }
  throw ValueError("'" + t + "' is not a time of day HH:MM");
}

std::vector<std::string> split(std::string_view s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const auto pos = s.find(sep, start);
    out.push_back(trim(s.substr(start, pos == std::string_view::npos ? std::string_view::npos : pos - start)));
    if (pos == std::string_view::npos) break;
    start = pos + 1;
  }
  return out;
}

std::vector<HeatWaveSpec> parse_heat_waves(std::string_view text) {
  std::vector<HeatWaveSpec> waves;
  const std::string t = trim(text);
  if (t.empty() || t == "none") return waves;
  for (const std::string& item : split(t, ';')) {
    if (item.empty()) continue;
    std::istringstream in(item);
    std::vector<std::string> f;
    for (std::string w; in >> w;) f.push_back(w);
    if (f.size() != 4 && f.size() != 5)
      throw ValueError("heat wave '" + item +
                       "' must be 'START_DATE DAYS PEAK_TMAX_C RH_PCT [TMIN_C]', e.g. '2022-06-16 7 39 40'");
    HeatWaveSpec w;
    auto d = parse_date(f[0]);
    if (!d) throw ValueError("heat wave '" + item + "': '" + f[0] + "' is not a date YYYY-MM-DD");
    w.start = *d;
    const long long days = parse_integer(f[1]);
    if (days < 1 || days > 60) throw ValueError("heat wave '" + item + "': length must be 1-60 days");
    w.days = static_cast<int>(days);
    w.peak_tmax_c = parse_double(f[2]);
    if (w.peak_tmax_c < 25 || w.peak_tmax_c > 50)
      throw ValueError("heat wave '" + item + "': peak Tmax must be 25-50 degC");
    w.rh_pct = parse_double(f[3]);
    if (w.rh_pct < 0 || w.rh_pct > 100) throw ValueError("heat wave '" + item + "': humidity must be 0-100 %");
    if (f.size() == 5) {
      w.tmin_c = parse_double(f[4]);
      if (w.tmin_c < -10 || w.tmin_c > w.peak_tmax_c)
        throw ValueError("heat wave '" + item + "': night minimum must be between -10 degC and the peak");
    }
    waves.push_back(w);
  }
  return waves;
}

std::string format_heat_waves(const std::vector<HeatWaveSpec>& waves) {
  if (waves.empty()) return "none";
  std::string out;
  for (const auto& w : waves) {
    if (!out.empty()) out += "; ";
    out += format_date(w.start) + " " + std::to_string(w.days) + " " + format_number(w.peak_tmax_c) + " " +
           format_number(w.rh_pct);
    if (w.has_tmin()) {
      out += ' ';
      out += format_number(w.tmin_c);
    }
  }
  return out;
}

// ---- builders -------------------------------------------------------------------------------------

struct Meta {
  const char* unit;
  const char* description;
  const char* source;
};

template <class Get>
ParamDef real(const char* sec, const char* name, Get get, double def, double lo, double hi, Meta m,
              bool lo_open = false) {
  ParamDef p{sec, name, format_number(def), m.unit, "", m.description, m.source, {}, {}};
  p.range = std::string(lo_open ? "(" : "[") + format_number(lo) + ", " + format_number(hi) + "]";
  p.parse = [get, lo, hi, lo_open, range = p.range](Config& c, std::string_view t) {
    const double v = parse_double(t);
    if (v < lo || v > hi || (lo_open && v == lo))
      throw ValueError(format_number(v) + " is out of range " + range);
    get(c) = v;
  };
  p.format = [get](const Config& c) { return format_number(get(const_cast<Config&>(c))); };
  return p;
}

template <class Get>
ParamDef integer(const char* sec, const char* name, Get get, long long def, long long lo, long long hi, Meta m) {
  ParamDef p{sec, name, std::to_string(def), m.unit, "", m.description, m.source, {}, {}};
  p.range = std::to_string(lo) + "-" + std::to_string(hi);
  p.parse = [get, lo, hi](Config& c, std::string_view t) {
    const long long v = parse_integer(t);
    if (v < lo || v > hi)
      throw ValueError(std::to_string(v) + " is out of range " + std::to_string(lo) + "-" + std::to_string(hi));
    using T = std::remove_reference_t<decltype(get(c))>;
    get(c) = static_cast<T>(v);
  };
  p.format = [get](const Config& c) { return std::to_string(get(const_cast<Config&>(c))); };
  return p;
}

template <class Get>
ParamDef clock(const char* sec, const char* name, Get get, const char* def, Meta m) {
  ParamDef p{sec, name, def, "", "HH:MM", m.description, m.source, {}, {}};
  p.parse = [get](Config& c, std::string_view t) { get(c) = parse_clock(t); };
  p.format = [get](const Config& c) { return format_clock(get(const_cast<Config&>(c))); };
  return p;
}

template <class Get>
ParamDef text(const char* sec, const char* name, Get get, const char* def, const char* range, Meta m) {
  ParamDef p{sec, name, def, "", range, m.description, m.source, {}, {}};
  p.parse = [get](Config& c, std::string_view t) { get(c) = trim(t); };
  p.format = [get](const Config& c) { return get(const_cast<Config&>(c)); };
  return p;
}

template <class Get>
ParamDef choice(const char* sec, const char* name, Get get, const char* def, std::vector<std::string> allowed,
                Meta m) {
  std::string range;
  for (const auto& a : allowed) range += (range.empty() ? "" : " | ") + a;
  ParamDef p{sec, name, def, "", range, m.description, m.source, {}, {}};
  p.parse = [get, allowed, range](Config& c, std::string_view t) {
    const std::string v = trim(t);
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end())
      throw ValueError("'" + v + "' is not one of " + range);
    get(c) = v;
  };
  p.format = [get](const Config& c) { return get(const_cast<Config&>(c)); };
  return p;
}

template <class Get>
ParamDef seed(const char* sec, const char* name, Get get, const char* description) {
  ParamDef p{sec, name, "1", "", "0-18446744073709551615", description, "assumption", {}, {}};
  p.parse = [get](Config& c, std::string_view t) {
    const std::string s = trim(t);
    std::uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || ptr != s.data() + s.size())
      throw ValueError("'" + s + "' is not a non-negative whole number");
    get(c) = v;
  };
  p.format = [get](const Config& c) { return std::to_string(get(const_cast<Config&>(c))); };
  return p;
}

#define FIELD(f) [](Config& c) -> auto& { return c.f; }

std::vector<ParamDef> build_registry() {
  std::vector<ParamDef> r;
  const char* kAssume = "assumption";

  // [run]
  {
    ParamDef p{"run", "start_date", "2022-06-01", "", "YYYY-MM-DD", "First simulated day", "summer of the 2022 heat wave", {}, {}};
    p.parse = [](Config& c, std::string_view t) {
      auto d = parse_date(trim(t));
      if (!d) throw ValueError("'" + trim(t) + "' is not a date YYYY-MM-DD");
      c.run.start_date = *d;
    };
    p.format = [](const Config& c) { return format_date(c.run.start_date); };
    r.push_back(p);
  }
  r.push_back(integer("run", "days", FIELD(run.days), 92, 1, 366,
                      {"day", "Number of simulated days (92 = 1 June to 31 August)", "model specification (odd.md)"}));
  r.push_back(real("run", "scale", FIELD(run.scale), 1.0, 0.0, 1.0,
                   {"1", "Share of the 161 stations simulated, each with its whole catchment (at least one per area)",
                    kAssume},
                   true));
  r.push_back(seed("run", "seed", FIELD(run.seed),
                   "Seed of the day-to-day random streams (weather noise, health events, turnout)"));
  // [world]
  r.push_back(seed("world", "seed", FIELD(world.seed),
                   "Seed of the synthetic geography and population (station sites, homes, attributes); "
                   "replicates change run.seed and keep the same world"));

  // [weather]
  {
    ParamDef p{"weather", "source", "generator", "", "generator | csv",
               "Built-in weather generator, or a CSV file (date,tmax_c,tmin_c,rh)", kAssume, {}, {}};
    p.parse = [](Config& c, std::string_view t) {
      const std::string v = trim(t);
      if (v != "generator" && v != "csv") throw ValueError("'" + v + "' is not one of generator | csv");
      c.weather.source = v;
    };
    p.format = [](const Config& c) { return c.weather.source; };
    r.push_back(p);
  }
  r.push_back(text("weather", "csv_file", FIELD(weather.csv_file), "", "path",
                   {"", "Weather CSV (columns date,tmax_c,tmin_c,rh) when source = csv; relative to the scenario file",
                    kAssume}));
  {
    ParamDef p{"weather", "heat_waves", "none", "", "none | START DAYS PEAK_C RH_PCT [TMIN_C]; ...",
               "Heat waves imposed on the generated weather: start date, length in days, peak Tmax, mean humidity "
               "and optionally the night minimum",
               "sources.md, Heat: Jinan heat waves 2022-06-16..22, 2023-06-20..24, 2025-07-03..08", {}, {}};
    p.parse = [](Config& c, std::string_view t) { c.weather.heat_waves = parse_heat_waves(t); };
    p.format = [](const Config& c) { return format_heat_waves(c.weather.heat_waves); };
    r.push_back(p);
  }
  r.push_back(real("weather", "tmax_mean_c", FIELD(weather.tmax_mean_c), 30.5, 10, 45,
                   {"degC", "Summer mean of the daily maximum temperature",
                    "sources.md: July mean Tmax about 32 degC (1961-90 normals); June-August mean [EST]"}));
  r.push_back(real("weather", "tmax_seasonal_amp_c", FIELD(weather.tmax_seasonal_amp_c), 1.5, 0, 10,
                   {"degC", "Amplitude of the seasonal Tmax curve around its mean", kAssume}));
  r.push_back(integer("weather", "tmax_peak_day", FIELD(weather.tmax_peak_day), 40, 0, 92,
                      {"day", "Days after 1 June at which the seasonal Tmax curve peaks", kAssume}));
  r.push_back(real("weather", "noise_sd_c", FIELD(weather.noise_sd_c), 2.0, 0, 10,
                   {"degC", "Standard deviation of day-to-day Tmax noise", kAssume}));
  r.push_back(real("weather", "noise_ar1", FIELD(weather.noise_ar1), 0.6, 0, 0.99,
                   {"1", "Day-to-day autocorrelation of the temperature noise (AR(1))", kAssume}));
  r.push_back(real("weather", "diurnal_range_c", FIELD(weather.diurnal_range_c), 8.0, 0, 25,
                   {"degC", "Mean difference Tmax - Tmin", kAssume}));
  r.push_back(real("weather", "rh_start_pct", FIELD(weather.rh_start_pct), 55, 0, 100,
                   {"%", "Mean relative humidity on 1 June (June heat is dry)", "sources.md, Heat: June heat dry, July-August humid; value [EST]"}));
  r.push_back(real("weather", "rh_end_pct", FIELD(weather.rh_end_pct), 78, 0, 100,
                   {"%", "Mean relative humidity on 31 August (July-August heat is humid)",
                    "sources.md, Heat: June heat dry, July-August humid; value [EST]"}));
  r.push_back(real("weather", "rh_noise_sd_pct", FIELD(weather.rh_noise_sd_pct), 7, 0, 50,
                   {"%", "Standard deviation of day-to-day humidity noise", kAssume}));

  // [population]
  r.push_back(real("population", "share_60plus", FIELD(population.share_60plus), 0.1996, 0.01, 0.6,
                   {"1", "Share of residents aged 60+ (city); areas keep their relative shares",
                    "2020 census, Jinan: 19.96%"}));
  r.push_back(real("population", "share_65plus", FIELD(population.share_65plus), 0.1407, 0.005, 0.6,
                   {"1", "Share of residents aged 65+", "2020 census, Jinan: 14.07%"}));
  r.push_back(real("population", "share_80plus_of_60plus", FIELD(population.share_80plus_of_60plus), 0.1345, 0,
                   0.6, {"1", "Share of the 60+ who are 80+", "sources.md: [EST] from 2015 registered population"}));
  r.push_back(real("population", "male_share", FIELD(population.male_share), 0.47, 0, 1,
                   {"1", "Share of men among the 60+", kAssume}));
  r.push_back(real("population", "impaired_share", FIELD(population.impaired_share), 0.183, 0, 1,
                   {"1", "Share of the 60+ who are disabled or semi-disabled (rising with age)",
                    "China 2015 national survey of older persons: 18.3%"}));
  r.push_back(real("population", "disabled_share_of_impaired", FIELD(population.disabled_share_of_impaired),
                   0.25, 0, 1, {"1", "Share of the impaired who are fully disabled (bedridden)", kAssume}));
  r.push_back(real("population", "living_alone_share", FIELD(population.living_alone_share), 0.12, 0, 1,
                   {"1", "Share of the 60+ living alone", "sources.md: 10-15% literature value [EST]"}));
  r.push_back(real("population", "couple_share", FIELD(population.couple_share), 0.45, 0, 1,
                   {"1", "Share of the 60+ living as an elderly couple", kAssume}));
  r.push_back(real("population", "family_away_by_day_share", FIELD(population.family_away_by_day_share), 0.18,
                   0, 1, {"1", "Share of the 60+ living with family who are away by day", kAssume}));
  r.push_back(real("population", "lost_only_child_share", FIELD(population.lost_only_child_share), 0.010, 0, 0.2,
                   {"1", "Share of the 60+ who lost their only child (shidu)",
                    "sources.md: about 1.35 shidu families per 1,000 residents, 1.5 elders a family [EST]"}));
  r.push_back(real("population", "ac_share_urban", FIELD(population.ac_share_urban), 0.85, 0, 1,
                   {"1", "Share of urban elders with working air conditioning", kAssume}));
  r.push_back(real("population", "ac_share_rural", FIELD(population.ac_share_rural), 0.60, 0, 1,
                   {"1", "Share of rural elders with working air conditioning", kAssume}));
  r.push_back(real("population", "lift_share_urban", FIELD(population.lift_share_urban), 0.25, 0, 1,
                   {"1", "Share of urban elders living in a building with a lift", kAssume}));
  r.push_back(real("population", "lift_share_rural", FIELD(population.lift_share_rural), 0.02, 0, 1,
                   {"1", "Share of rural elders living in a building with a lift", kAssume}));

  // [staffing]
  r.push_back(integer("staffing", "social_workers_per_station", FIELD(staffing.social_workers_per_station), 3,
                      0, 50,
                      {"1", "Social workers on the staff of each station",
                       "sources.md: observed 2.35-3.1 per station; default 3, range 2-5 [EST]"}));
  r.push_back(real("staffing", "weekend_duty_share", FIELD(staffing.weekend_duty_share), 0.34, 0, 1,
                   {"1", "Share of a station's social workers on the weekend duty roster (at least one)", kAssume}));
  {
    ParamDef p{"staffing", "social_worker_mode", "ebike", "", "walk | ebike",
               "How social workers travel on their rounds", kAssume, {}, {}};
    p.parse = [](Config& c, std::string_view t) {
      const std::string v = trim(t);
      if (v == "walk") c.staffing.social_worker_mode = TravelMode::kWalk;
      else if (v == "ebike") c.staffing.social_worker_mode = TravelMode::kEbike;
      else throw ValueError("'" + v + "' is not one of walk | ebike");
    };
    p.format = [](const Config& c) {
      return std::string(c.staffing.social_worker_mode == TravelMode::kWalk ? "walk" : "ebike");
    };
    r.push_back(p);
  }

  // [volunteers]
  r.push_back(integer("volunteers", "roster_per_station", FIELD(volunteers.roster_per_station), 10, 0, 1000,
                      {"1", "Active volunteers on each station's roster for home services",
                       "sources.md: 1.47 M registered volunteers (2022), 5-10% active in a week [EST]; roster size an assumption"}));
  r.push_back(real("volunteers", "turnout_weekday", FIELD(volunteers.turnout_weekday), 0.35, 0, 1,
                   {"1", "Probability that a rostered volunteer turns out on a weekday (mild weather)", kAssume}));
  r.push_back(real("volunteers", "turnout_weekend", FIELD(volunteers.turnout_weekend), 0.25, 0, 1,
                   {"1", "Probability that a rostered volunteer turns out on a weekend day (mild weather)", kAssume}));
  r.push_back(real("volunteers", "heat_turnout_onset_c", FIELD(volunteers.heat_turnout_onset_c), 30, 0, 50,
                   {"degC", "Tmax above which volunteer turnout starts to fall",
                    "sources.md: hotter weather predicts less volunteering (direction only); value [EST]"}));
  r.push_back(real("volunteers", "heat_turnout_drop_per_c", FIELD(volunteers.heat_turnout_drop_per_c), 0.05, 0,
                   1, {"1/degC", "Relative fall in turnout per degC above the onset (turnout never below 0)",
                       kAssume}));
  r.push_back(real("volunteers", "ebike_share", FIELD(volunteers.ebike_share), 0.8, 0, 1,
                   {"1", "Share of volunteers who ride an e-bike (the rest walk)", kAssume}));

  // [lunch]
  r.push_back(real("lunch", "enrolment_share", FIELD(lunch.enrolment_share), 0.015, 0, 1,
                   {"1",
                    "Share of eligible elders (disabled or semi-disabled, nobody home by day) enrolled for daily "
                    "lunch delivery",
                    kAssume}));
  r.push_back(real("lunch", "warning_request_prob", FIELD(lunch.warning_request_prob), 0.003, 0, 1,
                   {"1",
                    "Daily probability that a mobile elder living alone or aged 75+ asks for lunch delivery "
                    "while a heat warning is in force",
                    kAssume}));
  r.push_back(clock("lunch", "ready_time", FIELD(lunch.ready_min), "11:30",
                    {"", "Meals are ready at the canteen", "source article: lunch brought at 11:30"}));
  r.push_back(clock("lunch", "on_time_by", FIELD(lunch.on_time_min), "12:00",
                    {"", "A meal handed over by this time is on time",
                     "sources.md: programmes require delivery within 30-60 min"}));
  r.push_back(clock("lunch", "late_by", FIELD(lunch.late_min), "13:00",
                    {"", "A meal handed over after on_time_by and by this time is late; after it, missed",
                     "sources.md: programmes require delivery within 30-60 min, eating within 2 h of cooking"}));
  r.push_back(integer("lunch", "box_capacity", FIELD(lunch.box_capacity), 8, 1, 100,
                      {"1", "Meals one courier carries per trip (insulated box)", "model specification (odd.md)"}));
  r.push_back(real("lunch", "handover_min", FIELD(lunch.handover_min), 5, 0, 60,
                   {"min", "Time to hand over one meal at the door (stairs extra)", "model specification (odd.md)"}));

  // [travel]
  r.push_back(real("travel", "detour_factor", FIELD(travel.detour_factor), 1.3, 1, 3,
                   {"1", "Road distance over straight-line distance", "sources.md: road distance 1.2-1.34 x straight line"}));
  r.push_back(real("travel", "walk_kmh", FIELD(travel.walk_kmh), 4.5, 0.5, 10,
                   {"km/h", "Walking speed in mild weather", "model specification (odd.md)"}));
  r.push_back(real("travel", "ebike_kmh", FIELD(travel.ebike_kmh), 15, 1, 40,
                   {"km/h", "E-bike speed", "model specification (odd.md)"}));
  r.push_back(real("travel", "stair_min_per_floor", FIELD(travel.stair_min_per_floor), 1.0, 0, 10,
                   {"min", "Time to climb one floor without a lift (descending takes half)", "model specification (odd.md)"}));
  r.push_back(real("travel", "heat_slowdown_onset_c", FIELD(travel.heat_slowdown_onset_c), 32, 0, 50,
                   {"degC", "Tmax above which walking and stair climbing slow down", kAssume}));
  r.push_back(real("travel", "heat_walk_slowdown_per_c", FIELD(travel.heat_walk_slowdown_per_c), 0.03, 0, 0.2,
                   {"1/degC", "Relative slowing of walking and stair climbing per degC of Tmax above the onset (at most half speed)",
                    kAssume}));

  // [health]
  r.push_back(real("health", "threshold_c", FIELD(health.threshold_c), 32, 20, 45,
                   {"degC", "Tmax above which heat raises the hazard", "Li et al., Environ Res 2017 (Jinan): 32 degC"}));
  r.push_back(real("health", "base_hazard_per_day", FIELD(health.base_hazard_per_day), 1e-3, 0, 0.1,
                   {"1/day",
                    "Daily hazard of the heat-sensitive health events for an elder with no risk modifiers; heat "
                    "illness is the excess over it",
                    kAssume}));
  r.push_back(real("health", "rr_per_c_65plus", FIELD(health.rr_per_c_65plus), 1.038, 1, 2,
                   {"1/degC", "Relative risk per degC of lagged Tmax above the threshold, age 65+",
                    "Li et al. 2017: 1.038 (1.026-1.050)"}));
  r.push_back(real("health", "rr_per_c_60_64", FIELD(health.rr_per_c_60_64), 1.01, 1, 2,
                   {"1/degC", "Relative risk per degC above the threshold, age 60-64",
                    "Li et al. 2017: no significant effect at 64 or below [EST weak value]"}));
  {
    ParamDef p{"health", "lag_weights", "0.4, 0.3, 0.2, 0.1", "1", "1-8 non-negative weights summing to 1",
               "Weights of the excess Tmax on the day and the days before (lag 0, 1, ...)",
               "sources.md: heat effects last about 3 days (lags 0-3); weights [EST]", {}, {}};
    p.parse = [](Config& c, std::string_view t) {
      std::vector<double> w;
      for (const auto& item : split(t, ',')) w.push_back(parse_double(item));
      if (w.empty() || w.size() > 8) throw ValueError("give 1 to 8 comma-separated weights");
      double sum = 0;
      for (double x : w) {
        if (x < 0) throw ValueError("weights must not be negative");
        sum += x;
      }
      if (std::abs(sum - 1.0) > 1e-6) throw ValueError("weights sum to " + format_number(sum) + ", not 1");
      c.health.lag_weights = w;
    };
    p.format = [](const Config& c) {
      std::string s;
      for (double x : c.health.lag_weights) s += (s.empty() ? "" : ", ") + format_number(x);
      return s;
    };
    r.push_back(p);
  }
  r.push_back(real("health", "or_bedridden", FIELD(health.or_bedridden), 6.44, 0, 50,
                   {"1", "Hazard multiplier for the fully disabled (confined to bed)", "Bouchama et al. 2007: OR 6.44"}));
  r.push_back(real("health", "or_homebound", FIELD(health.or_homebound), 3.35, 0, 50,
                   {"1", "Hazard multiplier for the semi-disabled (not leaving home daily)",
                    "Bouchama et al. 2007: OR 3.35"}));
  r.push_back(real("health", "or_air_conditioning", FIELD(health.or_air_conditioning), 0.23, 0, 10,
                   {"1", "Hazard multiplier for elders with working air conditioning", "Bouchama et al. 2007: OR 0.23"}));
  r.push_back(real("health", "or_living_alone", FIELD(health.or_living_alone), 2.3, 0, 50,
                   {"1", "Hazard multiplier for elders living alone", "Semenza et al. 1996: OR 2.3"}));
  r.push_back(real("health", "hot_night_tmin_c", FIELD(health.hot_night_tmin_c), 27, 10, 40,
                   {"degC", "Tmin at or above which the night is hot", kAssume}));
  r.push_back(real("health", "hot_night_factor", FIELD(health.hot_night_factor), 1.3, 1, 10,
                   {"1", "Extra hazard multiplier on days hot by day and night",
                    "Xing et al. 2023 (Shandong) direction; value [EST]"}));
  r.push_back(real("health", "hot_night_factor_75plus", FIELD(health.hot_night_factor_75plus), 1.57, 1, 10,
                   {"1", "The hot-night multiplier for elders aged 75+",
                    "Xing et al. 2023: RR 2.14 over 74 vs 1.77 overall; 1.3 x 2.14/1.77 [EST]"}));
  r.push_back(real("health", "meal_contact_detection", FIELD(health.meal_contact_detection), 0.5, 0, 1,
                   {"1", "Probability that a meal hand-over to a heat-ill elder notices the illness",
                    "sources.md: 53% of Chicago 1999 heat deaths had been seen the day before; value [EST]"}));
  r.push_back(real("health", "hospitalisation_found_early", FIELD(health.hospitalisation_found_early), 0.10, 0,
                   1, {"1", "Probability of hospitalisation when heat illness is found within 24 h", kAssume}));
  r.push_back(real("health", "hospitalisation_found_late", FIELD(health.hospitalisation_found_late), 0.30, 0,
                   1, {"1", "Probability of hospitalisation when heat illness is found late", kAssume}));
  r.push_back(integer("health", "ill_days", FIELD(health.ill_days), 3, 1, 60,
                      {"day", "Days a heat-ill elder at home takes to recover", kAssume}));
  r.push_back(integer("health", "hospital_days", FIELD(health.hospital_days), 7, 1, 120,
                      {"day", "Days in hospital after a heat illness (no lunch needed meanwhile)", kAssume}));
  return r;
}

#undef FIELD

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0u : 1u)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string format_number(double v) {
  char buf[64];
  auto [p, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, p) : std::string("nan");
}

std::string format_clock(int m) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
  return buf;
}

const std::vector<ParamDef>& parameter_registry() {
  static const std::vector<ParamDef> registry = build_registry();
  return registry;
}

const ParamDef* find_parameter(std::string_view key) {
  for (const auto& p : parameter_registry())
    if (p.key() == key) return &p;
  return nullptr;
}

std::vector<std::string> similar_keys(std::string_view key, std::size_t max_results) {
  std::vector<std::pair<std::size_t, std::string>> scored;
  for (const auto& p : parameter_registry()) {
    const std::string k = p.key();
    std::size_t d = edit_distance(key, k);
    // A right name in the wrong section, or a right section with a close name, is a good hint.
    const auto dot = key.find('.');
    const std::string_view bare = dot == std::string_view::npos ? key : key.substr(dot + 1);
    if (bare == p.name) d = std::min<std::size_t>(d, 1);
    if (d <= std::max<std::size_t>(3, k.size() / 4)) scored.emplace_back(d, k);
  }
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (std::size_t i = 0; i < scored.size() && i < max_results; ++i) out.push_back(scored[i].second);
  return out;
}

Config default_config() {
  Config c;
  for (const auto& p : parameter_registry()) p.parse(c, p.default_value);
  return c;
}

void validate_config(const Config& c) {
  const auto& l = c.lunch;
  if (!(l.ready_min < l.on_time_min && l.on_time_min <= l.late_min))
    throw ValueError("lunch.ready_time < lunch.on_time_by <= lunch.late_by must hold (got " +
                     format_clock(l.ready_min) + ", " + format_clock(l.on_time_min) + ", " +
                     format_clock(l.late_min) + ")");
  const auto& p = c.population;
  const double living = p.living_alone_share + p.couple_share + p.family_away_by_day_share;
  if (living > 1.0 + 1e-12)
    throw ValueError("population.living_alone_share + couple_share + family_away_by_day_share = " +
                     format_number(living) + " exceeds 1");
  if (p.share_65plus >= p.share_60plus)
    throw ValueError("population.share_65plus must be below population.share_60plus");
  if (p.share_80plus_of_60plus >= p.share_65plus / p.share_60plus)
    throw ValueError("population.share_80plus_of_60plus must be below the 65+ share of the 60+ (" +
                     format_number(p.share_65plus / p.share_60plus) + ")");
  if (c.weather.source == "csv" && c.weather.csv_file.empty())
    throw ValueError("weather.source = csv needs weather.csv_file");
}

}  // namespace swsim
